// Invitations as the commands list them: each row's columns and view, the pages of a list by key, a member's pages,
// the versions a write checks (SqlStore's part of store.hpp that reads invitations).
#include <motivo/store/sql/note_facts.hpp>
#include <motivo/store/sql/sql_store.hpp>
#include <motivo/store/sql/timelines.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace motivo::store::sql {

namespace {

// The reasons column (a JSON array of strings); anything else gives none.
std::vector<std::string> parse_reasons(std::string_view json)
{
  std::vector<std::string> out;
  const auto reasons = nlohmann::json::parse(json, nullptr, false);
  if (!reasons.is_array()) return out;
  for (const auto& r : reasons) {
    if (r.is_string()) out.push_back(r.get<std::string>());
  }
  return out;
}

} // namespace

InvitationView invitation_of(const Statement& s)
{
  const std::int64_t id = s.column_int(0);
  const bool by_user = s.column_bool(12); // the user's label: the classifier's confidence and reasons are not shown
  InvitationView v{.id = id,
                   .direction = *stored_word(s.column_view(1), id, "direction", parse_direction),
                   .from = s.column_text(2),
                   .to = s.column_text(3),
                   .from_url = s.column_text(4),
                   .to_url = s.column_text(5),
                   .message = s.column_text(6),
                   .outcome = stored_word(s.column_view(8), id, "outcome", parse_outcome),
                   .sent_at = s.column_int(7),
                   .outcome_at = s.column_opt_int(9),
                   .label = stored_word(s.column_view(10), id, "label", classify::parse_label),
                   .language = s.column_text(11),
                   .label_by_user = by_user,
                   .confidence = by_user || s.is_null(13) ? std::nullopt : std::optional(s.column_real(13)),
                   .reasons = by_user ? std::vector<std::string>() : parse_reasons(s.column_view(14)),
                   .campaign = s.column_opt_int(15),
                   .owner = s.column_int(16),
                   .other_person = s.column_opt_int(17),
                   .decision = stored_word(s.column_view(18), id, "decision", protocol::parse_decision),
                   .decision_at = s.column_opt_int(19),
                   .recorded_ask = s.column_opt_int(20),
                   .recorded_reply = s.column_opt_int(21)};
  v.version = invitation_version(v, s.column_int(22), s.column_int(23), s.column_int(24), s.column_int(25));
  if (!s.is_null(29) && !s.column_bool(30))
    v.timeline =
        protocol::Timeline{s.column_opt_int(26), s.column_opt_int(27), s.column_opt_int(28), s.column_bool(29)};
  return v;
}

// (The messages are counted in two subqueries, not one comparing counterpart with a CASE: SQLite searches the index
// by owner alone then, 50 s instead of 0.2 s for 3,000 invitations and 15,000 messages.)
std::string invitation_columns(bool versions)
{
  // What a version counts: the asks, the recorded replies, the notes on the other person and the messages with them.
  const char* counts = versions ? R"sql((SELECT count(*) FROM asks WHERE asks.invitation = invitations.id),
       (SELECT count(*) FROM recorded_replies r WHERE r.invitation = invitations.id),
       (SELECT count(*) FROM person_notes n
        WHERE n.person = CASE direction WHEN 'incoming' THEN from_person ELSE to_person END),
       CASE direction
         WHEN 'incoming' THEN (SELECT count(*) FROM messages m WHERE m.owner = invitations.owner
                               AND m.counterpart = invitations.from_person)
         ELSE (SELECT count(*) FROM messages m WHERE m.owner = invitations.owner AND m.counterpart = invitations.to_person)
       END)sql"
                                : "0, 0, 0, 0";
  return fmt::format(
      R"sql(id, direction, from_name, to_name, coalesce(from_url, ''), coalesce(to_url, ''), message, sent_at,
       coalesce(outcome, ''), outcome_at, coalesce(user_label, label, ''), coalesce(language, ''),
       user_label IS NOT NULL, confidence, reasons, campaign,
       owner, CASE direction WHEN 'incoming' THEN from_person ELSE to_person END, coalesce(decision, ''), decision_at,
       (SELECT min(asked_at) FROM asks WHERE asks.invitation = invitations.id),
       (SELECT min(replied_at) FROM recorded_replies r WHERE r.invitation = invitations.id),
       {},
       timeline_asked_at, timeline_replied_at, timeline_connected_at, timeline_mutual,
       EXISTS (SELECT 1 FROM stale_timelines st WHERE st.invitation = invitations.id))sql",
      counts);
}

std::vector<InvitationView> SqlStore::invitations(const InvitationQuery& query)
{
  return read([&] { return select_invitations(query); });
}

std::vector<std::int64_t> SqlStore::owners_of_user(std::int64_t user)
{
  Statement s =
      connection_.prepare("SELECT DISTINCT owner FROM imports WHERE user_id = ?1 AND owner IS NOT NULL ORDER BY owner");
  s.bind(1, user);
  std::vector<std::int64_t> out;
  while (s.step()) out.push_back(s.column_int(0));
  return out;
}

std::vector<InvitationView> SqlStore::select_invitations(const InvitationQuery& query)
{
  // A member's page, newest first, is each of their accounts' page read by the index by owner and time, merged.
  // With `owner IN (SELECT … FROM imports …)` PostgreSQL walked every invitation of the team by time and dropped the
  // others': 130 ms at 100,000 for a member whose invitations were older than the rest (SQLite read the list by the
  // owner's index either way). Whole lists, lists by id and by decision keep the subquery.
  std::optional<std::vector<std::int64_t>> owners;
  if (query.user && query.limit >= 0 && !query.after_id && !query.decided && !query.id) {
    owners = owners_of_user(*query.user);
    if (owners->empty()) return {};
  }
  // Only the conditions asked for, numbered in order (PostgreSQL wants every parameter it is sent used).
  std::string where;
  int n = 0;
  const auto condition = [&](const char* format) { where += fmt::format(fmt::runtime(format), ++n); };
  if (query.direction) condition(" AND direction = ?{}");
  if (query.label) condition(" AND coalesce(user_label, label) = ?{}");
  if (query.id) condition(" AND id = ?{}");
  if (query.user && !owners) condition(" AND owner IN (SELECT owner FROM imports WHERE user_id = ?{})");
  if (query.after_id) condition(" AND id > ?{}");
  if (query.decided) where += " AND decision IS NOT NULL";
  // The list's order, and the keyset condition over it: (time, id) after the page's last, in descending order.
  // A row value, which both engines read as a range of the index by (time, id): written as `time < ? OR (time = ?
  // AND id < ?)`, PostgreSQL scanned the index from the newest row and filtered out every row before the page
  // (310 ms for a page 900,000 rows deep of 1,000,000; 0.7 ms as a row value).
  const char* time = query.decided ? "coalesce(decision_at, 0)" : "sent_at";
  if (query.after) {
    where += fmt::format(" AND ({}, id) < (?{}, ?{})", time, n + 1, n + 2);
    n += 2;
  }
  const std::string order =
      query.after_id ? std::string(" ORDER BY id") : fmt::format(" ORDER BY {} DESC, id DESC", time);
  const std::string limit = query.limit >= 0 ? fmt::format(" LIMIT {}", query.limit) : std::string();
  std::string sql = "SELECT " + invitation_columns(query.versions) + " FROM invitations WHERE ";
  if (!owners) {
    sql += "1 = 1" + where;
  } else if (owners->size() == 1) {
    sql += fmt::format("owner = ?{}{}", n + 1, where);
  } else { // each account's page, then the page of their union
    sql += "id IN (";
    for (std::size_t i = 0; i < owners->size(); ++i)
      sql += fmt::format("{}SELECT id FROM (SELECT id FROM invitations WHERE owner = ?{}{}{}{}) AS account{}",
                         i == 0 ? "" : " UNION ALL ", n + 1 + static_cast<int>(i), where, order, limit, i);
    sql += ")";
  }
  sql += order + limit;
  Statement s = connection_.prepare(sql);
  int k = 0;
  if (query.direction) s.bind(++k, to_string(*query.direction));
  if (query.label) s.bind(++k, classify::label_name(*query.label));
  if (query.id) s.bind(++k, *query.id);
  if (query.user && !owners) s.bind(++k, *query.user);
  if (query.after_id) s.bind(++k, *query.after_id);
  if (query.after) {
    s.bind(++k, std::int64_t{query.after->at});
    s.bind(++k, query.after->id);
  }
  if (owners)
    for (const std::int64_t owner : *owners) s.bind(++k, owner);
  std::vector<InvitationView> out;
  while (s.step()) {
    out.push_back(invitation_of(s));
    if (!query.versions) out.back().version.clear();
  }
  return out;
}

void SqlStore::check_versions(const Versions& expected)
{
  for (const auto& [id, version] : expected) {
    InvitationQuery query;
    query.id = id;
    const auto found = select_invitations(query);
    if (!found.empty() && found.front().version != version) throw Stale(id);
  }
}

} // namespace motivo::store::sql
