#include <motivo/core/error.hpp>
#include <motivo/store/sql/batched_update.hpp>
#include <motivo/store/sql/sql_store.hpp>
#include <motivo/store/sql/summary.hpp>
#include <motivo/store/sql/timelines.hpp>
#include <motivo/store/sql/welcome_timelines.hpp>

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace motivo::store::sql {

namespace {

// Invitations computed per transaction round: a batch's views and messages are what a refresh holds in memory.
constexpr std::int64_t batch_size = 2000;

std::set<PersonId> owners_knowing_acceptances(Connection& c)
{
  Statement s = c.prepare(owners_with_connections_sql());
  std::set<PersonId> out;
  while (s.step()) out.insert(s.column_int(0));
  return out;
}

// The stale invitations after `after` (the batch a refresh computes next), as SQL over invitation ids.
std::string batch_ids()
{
  return fmt::format("(SELECT invitation FROM stale_timelines WHERE invitation > ?1 ORDER BY invitation LIMIT {})",
                     batch_size);
}

std::vector<InvitationView> stale_batch(Connection& c, std::int64_t after)
{
  Statement s = c.prepare(
      fmt::format("SELECT {} FROM invitations WHERE id IN {} ORDER BY id", invitation_columns(), batch_ids()));
  s.bind(1, after);
  std::vector<InvitationView> out;
  while (s.step()) out.push_back(invitation_of(s));
  return out;
}

// The one-to-one messages (drafts left out, with their texts) between each owner and the other person of a received
// invitation of the batch after `after`, by pair, oldest first: one query a batch.
std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>> batch_messages(Connection& c,
                                                                                            std::int64_t after)
{
  Statement s = c.prepare(fmt::format(R"sql(
SELECT m.owner, m.counterpart, m.sent_at, m.direction = 'outgoing', m.content FROM messages m
JOIN (SELECT DISTINCT owner, from_person FROM invitations
      WHERE id IN {} AND direction = 'incoming' AND from_person IS NOT NULL) p
  ON m.owner = p.owner AND m.counterpart = p.from_person
WHERE NOT m.draft ORDER BY m.owner, m.counterpart, m.sent_at)sql",
                                      batch_ids()));
  s.bind(1, after);
  std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>> out;
  while (s.step())
    out[{s.column_int(0), s.column_int(1)}].push_back({s.column_int(2), s.column_bool(3), s.column_text(4)});
  return out;
}

// Computed timelines written a chunk at a time (BatchedUpdate): the timeline, and the invitation's sent time, other
// person and acceptance time it was computed with.
BatchedUpdate timeline_writer(Connection& c)
{
  return BatchedUpdate(c, "invitations",
                       {{"timeline_asked_at", "BIGINT"},
                        {"timeline_replied_at", "BIGINT"},
                        {"timeline_connected_at", "BIGINT"},
                        {"timeline_mutual", "BOOLEAN"},
                        {"timeline_sent_at", "BIGINT"},
                        {"timeline_person", "BIGINT"},
                        {"timeline_accepted_at", "BIGINT"}});
}

void add_timeline(BatchedUpdate& writer, const InvitationView& v, const protocol::Timeline& t)
{
  writer.add(v.id, {t.asked_at, t.replied_at, t.connected_at, std::int64_t{t.mutual_messages ? 1 : 0}, v.sent_at,
                    v.other_person ? std::optional<std::int64_t>(*v.other_person) : std::nullopt,
                    v.outcome == Outcome::accepted ? v.outcome_at : std::nullopt});
}

} // namespace

void mark_timelines_stale(Connection& c, const std::string& select, std::int64_t value)
{
  c.prepare(fmt::format("INSERT INTO stale_timelines (invitation) {} ON CONFLICT DO NOTHING", select))
      .bind(1, value)
      .run();
  mark_welcomes_of(c, select, value);
}

void mark_changed_timelines(Connection& c, PersonId owner, std::int64_t import_id, std::int64_t messages_before)
{
  Statement known = c.prepare(R"sql(
SELECT EXISTS (SELECT 1 FROM imports WHERE owner = ?1 AND id <> ?2 AND finished_at IS NOT NULL
                 AND summary LIKE '%"kind":"connections"%'))sql");
  known.bind(1, std::int64_t{owner}).bind(2, import_id).step();
  if (!known.column_bool(0)) {
    mark_timelines_stale(c, "SELECT id FROM invitations WHERE owner = ?1", owner);
    return;
  }
  c.prepare(R"sql(
INSERT INTO stale_timelines (invitation)
SELECT id FROM invitations i
WHERE owner = ?1 AND (timeline_mutual IS NULL OR timeline_sent_at IS DISTINCT FROM sent_at
  OR timeline_person IS DISTINCT FROM (CASE direction WHEN 'incoming' THEN from_person ELSE to_person END)
  OR timeline_accepted_at IS DISTINCT FROM (CASE WHEN outcome = 'accepted' THEN outcome_at END)
  OR (direction = 'incoming' AND from_person IN (SELECT m.counterpart FROM messages m
                                                  WHERE m.id > ?3 AND m.owner = ?1 AND m.first_import = ?2)))
ON CONFLICT DO NOTHING)sql")
      .bind(1, std::int64_t{owner})
      .bind(2, import_id)
      .bind(3, messages_before)
      .run();
  // Their welcomes (the marks of other writes marked theirs already).
  mark_welcomes_of(c,
                   "SELECT s.invitation FROM stale_timelines s JOIN invitations x ON x.id = s.invitation "
                   "WHERE x.owner = ?1",
                   owner);
}

void mark_unknown_acceptances(Connection& c, PersonId owner)
{
  Statement known = c.prepare(R"sql(
SELECT EXISTS (SELECT 1 FROM imports WHERE owner = ?1 AND finished_at IS NOT NULL
                 AND summary LIKE '%"kind":"connections"%')
    OR EXISTS (SELECT 1 FROM connections WHERE owner = ?1 AND origin = 'export'))sql");
  known.bind(1, std::int64_t{owner}).step();
  if (!known.column_bool(0)) mark_timelines_stale(c, "SELECT id FROM invitations WHERE owner = ?1", owner);
}

void mark_timeline_stale(Connection& c, std::int64_t id)
{
  mark_timelines_stale(c, "SELECT id FROM invitations WHERE id = ?1", id);
}

namespace {

std::int64_t refresh_timelines_only(Connection& c, const TimelineRule& rule)
{
  {
    Statement any = c.prepare("SELECT count(*) FROM stale_timelines");
    any.step();
    if (any.column_int(0) == 0) return 0;
  }
  const std::set<PersonId> known = owners_knowing_acceptances(c);
  BatchedUpdate writer = timeline_writer(c);
  std::int64_t computed = 0, after = 0;
  for (;;) {
    const std::vector<InvitationView> batch = stale_batch(c, after);
    if (batch.empty()) break;
    auto threads = batch_messages(c, after);
    for (const InvitationView& v : batch) {
      std::vector<protocol::MessageStamp> stamps;
      if (v.other_person && v.direction == Direction::incoming) {
        if (const auto it = threads.find({v.owner, *v.other_person}); it != threads.end()) stamps = it->second;
      }
      add_timeline(writer, v, rule(v, std::move(stamps), known.count(v.owner) > 0));
    }
    writer.flush();
    after = batch.back().id;
    computed += static_cast<std::int64_t>(batch.size());
  }
  c.prepare("DELETE FROM stale_timelines WHERE invitation <= ?1").bind(1, after).run();
  // Ids with no invitation (none should be: forget removes them with the invitation) are dropped too.
  c.exec("DELETE FROM stale_timelines WHERE invitation NOT IN (SELECT id FROM invitations)");
  return computed;
}

} // namespace

std::int64_t refresh_stale_timelines(Connection& c, const TimelineRule& rule)
{
  const std::int64_t computed = refresh_timelines_only(c, rule);
  refresh_invitation_summary(c); // the days whose invitations or timelines changed, these writes' or others'
  return computed;
}

} // namespace motivo::store::sql
