#include <motivo/store/sql/note_facts.hpp>
#include <motivo/store/sql/summary.hpp>

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace motivo::store::sql {

namespace {

// The one grouping of invitations `i` a report counts by (InvitationTally's order) read `from` where, with `ask` for
// the tenth column: the kept day of an unreplied ask, or whether the ask came before ?1.
std::string grouped(std::string_view ask, std::string_view from)
{
  return fmt::format(R"sql(
SELECT i.direction, i.sent_at / 86400, coalesce(i.user_label, i.label, ''), coalesce(i.decision, ''),
       coalesce(i.outcome, ''), i.campaign IS NOT NULL, i.owner, i.timeline_asked_at IS NOT NULL,
       i.timeline_replied_at IS NOT NULL, {}, i.timeline_replied_at - i.timeline_asked_at, count(*)
FROM {})sql",
                     ask, from);
}
constexpr std::string_view group_by = " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11";
constexpr std::string_view kept_ask = "CASE WHEN i.timeline_replied_at IS NULL THEN i.timeline_asked_at / 86400 END";
constexpr std::string_view ask_before = "coalesce(i.timeline_asked_at < ?1, false)";
// The deadline's edge: the day of ?1 (typed, for PostgreSQL's inference from `edge * 86400`).
constexpr std::string_view edge = "CAST(?2 AS BIGINT)";
// With a user: the owners of their imports (parameter `n`).
std::string of_user(std::string_view owner, int n)
{
  return fmt::format("{} IN (SELECT owner FROM imports WHERE user_id = ?{})", owner, n);
}
// Day `day` of a time column, by the range an index reads (the SQL's division truncates, as C++'s does).
std::string on_day(std::string_view column, std::string_view day)
{
  return fmt::format("{0} BETWEEN {1} * 86400 - 86399 AND {1} * 86400 + 86399 AND {0} / 86400 = {1}", column, day);
}

void read_tallies(Statement& s, InvitationTallies& out)
{
  while (s.step()) {
    InvitationTally t;
    t.direction =
        stored_word(s.column_view(0), std::nullopt, "direction", parse_direction).value_or(Direction::incoming);
    t.day = s.column_int(1);
    t.label = stored_word(s.column_view(2), std::nullopt, "label", classify::parse_label);
    t.decision = stored_word(s.column_view(3), std::nullopt, "decision", protocol::parse_decision);
    t.outcome = stored_word(s.column_view(4), std::nullopt, "outcome", parse_outcome);
    t.in_campaign = s.column_bool(5);
    t.owner = s.column_int(6);
    t.asked = s.column_bool(7);
    t.replied = s.column_bool(8);
    t.asked_before = s.column_bool(9);
    t.reply_seconds = s.column_opt_int(10);
    t.count = s.column_int(11);
    out.tallies.push_back(t);
  }
}

std::int64_t count_of(Connection& c, const char* sql)
{
  Statement s = c.prepare(sql);
  s.step();
  return s.column_int(0);
}

} // namespace

std::string summary_refresh_sql()
{
  // The marked days' rows removed, then counted again, each day read by the index of invitations by owner and time.
  return fmt::format(R"sql(
DELETE FROM invitation_summary WHERE (owner, day) IN (SELECT owner, day FROM stale_summary);
INSERT INTO invitation_summary (direction, day, label, decision, outcome, in_campaign, owner, asked, replied,
                                asked_day, reply_seconds, count)
{} WHERE i.owner = s.owner AND {}{};
DELETE FROM stale_summary;
)sql",
                     grouped(kept_ask, "stale_summary s CROSS JOIN invitations i"), on_day("i.sent_at", "s.day"),
                     group_by);
}

std::int64_t refresh_invitation_summary(Connection& c)
{
  const std::int64_t days = count_of(c, "SELECT count(*) FROM stale_summary");
  if (days > 0) c.exec(summary_refresh_sql());
  return days;
}

InvitationTallies tally_invitations(Connection& c, std::optional<std::int64_t> user, datetime::UnixSeconds asked_before)
{
  InvitationTallies out;
  out.stale = count_of(c, "SELECT count(*) FROM stale_timelines");
  const auto mine = [&](std::string_view owner) { return user ? " AND " + of_user(owner, 3) : std::string(); };
  // Three parts, each day counted once: the days kept, but for their unreplied asks of the deadline's edge (?2);
  // those asks, read from the invitations by index; and the days marked stale (a store opened for reading after a
  // write), read from the invitations by owner and time.
  const std::string sql = fmt::format(
      R"sql(
SELECT direction, day, label, decision, outcome, in_campaign, owner, asked, replied, coalesce(asked_day < {0}, false),
       reply_seconds, count
FROM invitation_summary
WHERE (asked_day IS NULL OR asked_day <> {0}) AND (owner, day) NOT IN (SELECT owner, day FROM stale_summary){1}
UNION ALL
{2} WHERE i.timeline_asked_at IS NOT NULL AND i.timeline_replied_at IS NULL AND {3}
  AND NOT EXISTS (SELECT 1 FROM stale_summary s WHERE s.owner = i.owner AND s.day = i.sent_at / 86400){4}{6}
UNION ALL
{5} WHERE i.owner = s.owner AND {7}{4}{6})sql",
      edge, mine("owner"), grouped(ask_before, "invitations i"), on_day("i.timeline_asked_at", edge), mine("i.owner"),
      grouped(ask_before, "stale_summary s CROSS JOIN invitations i"), group_by, on_day("i.sent_at", "s.day"));
  Statement s = c.prepare(sql);
  s.bind(1, std::int64_t{asked_before}).bind(2, std::int64_t{asked_before / 86400});
  if (user) s.bind(3, *user);
  read_tallies(s, out);
  return out;
}

std::pair<std::int64_t, std::int64_t> count_invitations(Connection& c)
{
  Statement s = c.prepare(fmt::format(R"sql(
SELECT direction, sum(count) FROM invitation_summary
WHERE (owner, day) NOT IN (SELECT owner, day FROM stale_summary) GROUP BY direction
UNION ALL
SELECT i.direction, count(*) FROM stale_summary s CROSS JOIN invitations i WHERE i.owner = s.owner AND {}
GROUP BY i.direction)sql",
                                      on_day("i.sent_at", "s.day")));
  std::pair<std::int64_t, std::int64_t> out{0, 0};
  while (s.step()) (s.column_view(0) == "incoming" ? out.first : out.second) += s.column_int(1);
  return out;
}

} // namespace motivo::store::sql
