#include <motivo/core/error.hpp>
#include <motivo/store/sql/batched_update.hpp>
#include <motivo/store/sql/sql_store.hpp>
#include <motivo/store/sql/summary.hpp>
#include <motivo/store/sql/timelines.hpp>
#include <motivo/store/sql/welcome_timelines.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace motivo::store::sql {

namespace {

std::set<PersonId> owners_knowing_acceptances(Connection& c)
{
  Statement s = c.prepare(owners_with_connections_sql());
  std::set<PersonId> out;
  while (s.step()) out.insert(s.column_int(0));
  return out;
}

// The stale invitations after `after` (the batch a refresh computes next), as SQL over invitation ids.
std::string batch_ids(std::int64_t size)
{
  return fmt::format("(SELECT invitation FROM stale_timelines WHERE invitation > ?1 ORDER BY invitation LIMIT {})",
                     size);
}

std::vector<InvitationView> stale_batch(Connection& c, std::int64_t after, std::int64_t size)
{
  Statement s = c.prepare(
      fmt::format("SELECT {} FROM invitations WHERE id IN {} ORDER BY id", invitation_columns(), batch_ids(size)));
  s.bind(1, after);
  std::vector<InvitationView> out;
  while (s.step()) out.push_back(invitation_of(s));
  return out;
}

// The one-to-one messages (drafts left out) between each owner and the other person of a received invitation of the
// batch after `after`, by pair, oldest first: one query a batch. Their texts only `with_text` (some owner's
// acceptances unknown: the protocol reads them then). The batch's invitations are found by their ids (CROSS JOIN:
// SQLite keeps that order): with `id IN (…) AND direction = …`, SQLite read every received invitation by the index
// on direction for each batch, 73 ms a batch at 1,000,000 and nearly all of a refresh of every timeline (perf).
std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>>
batch_messages(Connection& c, std::int64_t after, std::int64_t size, bool with_text)
{
  Statement s = c.prepare(fmt::format(R"sql(
SELECT m.owner, m.counterpart, m.sent_at, m.direction = 'outgoing'{} FROM messages m
JOIN (SELECT DISTINCT i.owner, i.from_person FROM {} s CROSS JOIN invitations i
      WHERE i.id = s.invitation AND i.direction = 'incoming' AND i.from_person IS NOT NULL) p
  ON m.owner = p.owner AND m.counterpart = p.from_person
WHERE NOT m.draft ORDER BY m.owner, m.counterpart, m.sent_at)sql",
                                      with_text ? ", m.content" : "", batch_ids(size)));
  s.bind(1, after);
  std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>> out;
  while (s.step())
    out[{s.column_int(0), s.column_int(1)}].push_back(
        {s.column_int(2), s.column_bool(3), with_text ? s.column_text(4) : std::string()});
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

// At most `most` stale timelines (all when negative), the lowest ids first, computed and kept and their marks
// cleared. The marks of ids with no invitation (none should be: forget removes them with the invitation) go once
// the last batch is done.
std::int64_t refresh_timelines_only(Connection& c, const TimelineRule& rule, std::int64_t most)
{
  {
    // Whether any: a count would read every mark, for each of a long refresh's batches.
    Statement any = c.prepare("SELECT EXISTS (SELECT 1 FROM stale_timelines)");
    any.step();
    if (!any.column_bool(0)) return 0;
  }
  const std::set<PersonId> known = owners_knowing_acceptances(c);
  BatchedUpdate writer = timeline_writer(c);
  const std::int64_t size = most < 0 ? timeline_batch_size : std::min(most, timeline_batch_size);
  std::int64_t computed = 0, after = 0;
  bool last = false;
  while (most < 0 || computed < most) {
    const std::vector<InvitationView> batch = stale_batch(c, after, size);
    last = static_cast<std::int64_t>(batch.size()) < size;
    if (batch.empty()) break;
    const bool with_text = std::any_of(batch.begin(), batch.end(), [&](const InvitationView& v) {
      return v.other_person && v.direction == Direction::incoming && known.count(v.owner) == 0;
    });
    auto threads = batch_messages(c, after, size, with_text);
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
  if (after > 0) c.prepare("DELETE FROM stale_timelines WHERE invitation <= ?1").bind(1, after).run();
  if (last) c.exec("DELETE FROM stale_timelines WHERE invitation NOT IN (SELECT id FROM invitations)");
  return computed;
}

} // namespace

std::int64_t refresh_stale_timelines(Connection& c, const TimelineRule& rule, std::int64_t most)
{
  const std::int64_t computed = refresh_timelines_only(c, rule, most);
  // The days whose invitations or timelines changed, these writes' or others', once no timeline is left to compute:
  // a refresh in many transactions (after an upgrade) counts each day once, at its end.
  if (most < 0 || computed < most) refresh_invitation_summary(c);
  return computed;
}

namespace {
// Pairs per statement: a VALUES list of a few hundred rows is parsed in well under a millisecond.
constexpr std::size_t pairs_per_read = 500;
} // namespace

std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>>
SqlStore::messages_of_pairs(const std::vector<std::pair<PersonId, PersonId>>& asked, bool with_text)
{
  std::vector<std::pair<PersonId, PersonId>> pairs = asked; // each once: a pair twice would join its messages twice
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
  std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>> out;
  read([&] {
    for (std::size_t from = 0; from < pairs.size(); from += pairs_per_read) {
      // Ids written into the statement (integers, never text): one statement per few hundred pairs.
      std::string values;
      for (std::size_t i = from; i < std::min(pairs.size(), from + pairs_per_read); ++i)
        values += fmt::format("{}({}, {})", i > from ? ", " : "", pairs[i].first, pairs[i].second);
      Statement s = connection_.prepare(fmt::format(R"sql(
WITH p (owner, person) AS (VALUES {})
SELECT m.owner, m.counterpart, m.sent_at, m.direction = 'outgoing'{} FROM p
JOIN messages m ON m.owner = p.owner AND m.counterpart = p.person
WHERE NOT m.draft ORDER BY m.owner, m.counterpart, m.sent_at)sql",
                                                    values, with_text ? ", m.content" : ""));
      while (s.step())
        out[{s.column_int(0), s.column_int(1)}].push_back(
            {s.column_int(2), s.column_bool(3), with_text ? s.column_text(4) : std::string()});
    }
  });
  return out;
}

StaleCounts SqlStore::count_stale()
{
  return read([&] {
    Statement s =
        connection_.prepare("SELECT (SELECT count(*) FROM stale_timelines), (SELECT count(*) FROM stale_welcomes)");
    s.step();
    return StaleCounts{s.column_int(0), s.column_int(1)};
  });
}

std::int64_t SqlStore::refresh_next_batch(const TimelineRule& timelines, const WelcomeRule& welcomes, std::int64_t most)
{
  return write([&] {
    const std::int64_t done = refresh_stale_welcomes(connection_, welcomes, most);
    return done > 0 ? done : refresh_stale_timelines(connection_, timelines, most);
  });
}

} // namespace motivo::store::sql
