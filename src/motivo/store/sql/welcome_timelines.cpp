#include <motivo/store/sql/batched_update.hpp>
#include <motivo/store/sql/timelines.hpp>
#include <motivo/store/sql/welcome_timelines.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace motivo::store::sql {

namespace {

using OwnerPerson = std::pair<PersonId, PersonId>; // owner, person

// The stale connections after `after` (the batch a refresh computes next), as SQL over connection ids.
std::string stale_connection_ids(std::int64_t batch_size)
{
  return fmt::format("(SELECT connection FROM stale_welcomes WHERE connection > ?1 ORDER BY connection LIMIT {})",
                     batch_size);
}

// The batch's pairs (owner, person), as SQL with columns owner and person.
std::string stale_pairs(std::int64_t batch_size)
{
  return fmt::format("(SELECT DISTINCT owner, person FROM connections WHERE id IN {} AND person IS NOT NULL)",
                     stale_connection_ids(batch_size));
}

std::vector<StaleWelcome> stale_connections(Connection& c, std::int64_t after, std::int64_t batch_size)
{
  Statement s = c.prepare(fmt::format(R"sql(
SELECT c.id, c.owner, coalesce(c.person, 0), c.connected_on, c.connected_at,
       (SELECT min(w.sent_at) FROM welcomes w WHERE w.connection = c.id), c.first_name <> '' OR c.last_name <> ''
FROM connections c WHERE c.id IN {} ORDER BY c.id)sql",
                                      stale_connection_ids(batch_size)));
  s.bind(1, after);
  std::vector<StaleWelcome> out;
  while (s.step()) {
    StaleWelcome w;
    ConnectionView& v = w.connection;
    v.id = s.column_int(0);
    v.owner = s.column_int(1);
    v.person = s.column_int(2);
    v.connected_on = s.column_text(3);
    v.connected_at = s.column_opt_int(4);
    v.recorded_welcome = s.column_opt_int(5);
    w.named = s.column_bool(6);
    out.push_back(std::move(w));
  }
  return out;
}

// The incoming invitations of the batch's pairs, by pair.
std::map<OwnerPerson, std::vector<InvitationView>> pair_invitations(Connection& c, std::int64_t after,
                                                                    std::int64_t batch_size)
{
  Statement s = c.prepare(fmt::format(R"sql(
SELECT {} FROM invitations WHERE id IN (
  SELECT i.id FROM invitations i JOIN {} p ON i.owner = p.owner AND i.from_person = p.person
  WHERE i.direction = 'incoming')
ORDER BY id)sql",
                                      invitation_columns(), stale_pairs(batch_size)));
  s.bind(1, after);
  std::map<OwnerPerson, std::vector<InvitationView>> out;
  while (s.step()) {
    InvitationView v = invitation_of(s);
    if (v.other_person) out[{v.owner, *v.other_person}].push_back(std::move(v));
  }
  return out;
}

// The one-to-one messages (drafts left out, no texts) of the batch's pairs, by pair, oldest first.
std::map<OwnerPerson, std::vector<protocol::MessageStamp>> pair_messages(Connection& c, std::int64_t after,
                                                                         std::int64_t batch_size)
{
  Statement s = c.prepare(fmt::format(R"sql(
SELECT m.owner, m.counterpart, m.sent_at, m.direction = 'outgoing' FROM messages m
JOIN {} p ON m.owner = p.owner AND m.counterpart = p.person
WHERE NOT m.draft ORDER BY m.owner, m.counterpart, m.sent_at)sql",
                                      stale_pairs(batch_size)));
  s.bind(1, after);
  std::map<OwnerPerson, std::vector<protocol::MessageStamp>> out;
  while (s.step()) out[{s.column_int(0), s.column_int(1)}].push_back({s.column_int(2), s.column_bool(3), {}});
  return out;
}

// Computed welcomes written a chunk at a time (BatchedUpdate): the welcome, and the person, time and day it was
// computed with.
BatchedUpdate welcome_writer(Connection& c)
{
  return BatchedUpdate(c, "connections",
                       {{"welcome_from", "BIGINT"},
                        {"welcomed_at", "BIGINT"},
                        {"welcome_replied_at", "BIGINT"},
                        {"welcome_person", "BIGINT"},
                        {"welcome_connected_at", "BIGINT"},
                        {"welcome_connected_on", "TEXT"}});
}

void add_welcome(BatchedUpdate& writer, const ConnectionView& v, const KeptWelcome& w)
{
  writer.add(v.id, {w.connected_from, w.timeline.welcomed_at, w.timeline.replied_at,
                    v.person ? std::optional<std::int64_t>(v.person) : std::nullopt, v.connected_at, v.connected_on});
}

} // namespace

void mark_welcomes_of(Connection& c, const std::string& select, std::int64_t value)
{
  // The person an invitation's timeline was computed with too: a welcome computed with it loses an ask. Two joins,
  // each by the index on (owner, person): one join on either person reads every connection of the owner for each
  // invitation (neither engine uses an index for an OR of two columns in a join).
  c.prepare(fmt::format(R"sql(
INSERT INTO stale_welcomes (connection)
SELECT c.id FROM invitations i JOIN connections c ON c.owner = i.owner AND c.person = i.from_person
WHERE i.direction = 'incoming' AND i.id IN ({0})
UNION
SELECT c.id FROM invitations i JOIN connections c ON c.owner = i.owner AND c.person = i.timeline_person
WHERE i.direction = 'incoming' AND i.id IN ({0})
ON CONFLICT DO NOTHING)sql",
                        select))
      .bind(1, value)
      .run();
}

void mark_changed_welcomes(Connection& c, PersonId owner, std::int64_t import_id, std::int64_t messages_before)
{
  c.prepare(R"sql(
INSERT INTO stale_welcomes (connection)
SELECT id FROM connections c
WHERE owner = ?1 AND (welcome_connected_on IS NULL OR welcome_connected_on <> connected_on
  OR welcome_connected_at IS DISTINCT FROM connected_at OR welcome_person IS DISTINCT FROM person
  OR EXISTS (SELECT 1 FROM welcomes w WHERE w.connection = c.id)
  OR person IN (SELECT m.counterpart FROM messages m WHERE m.id > ?3 AND m.owner = ?1 AND m.first_import = ?2))
ON CONFLICT DO NOTHING)sql")
      .bind(1, std::int64_t{owner})
      .bind(2, import_id)
      .bind(3, messages_before)
      .run();
}

void mark_welcome_stale(Connection& c, std::int64_t id)
{
  c.prepare("INSERT INTO stale_welcomes (connection) VALUES (?1) ON CONFLICT DO NOTHING").bind(1, id).run();
}

std::int64_t for_each_stale_welcome(Connection& c, const WelcomeRule& rule, std::int64_t batch_size,
                                    const std::function<void(std::vector<StaleWelcome>&)>& visit, std::int64_t most)
{
  std::int64_t after = 0, computed = 0;
  static const std::vector<InvitationView> no_invitations;
  static const std::vector<protocol::MessageStamp> no_messages;
  while (most < 0 || computed < most) {
    std::vector<StaleWelcome> batch = stale_connections(c, after, batch_size);
    if (batch.empty()) break;
    const auto invitations = pair_invitations(c, after, batch_size);
    const auto threads = pair_messages(c, after, batch_size);
    for (StaleWelcome& w : batch) {
      const ConnectionView& v = w.connection;
      const auto i = invitations.find({v.owner, v.person});
      const auto t = threads.find({v.owner, v.person});
      w.welcome =
          rule(v, i == invitations.end() ? no_invitations : i->second, t == threads.end() ? no_messages : t->second);
    }
    after = batch.back().connection.id;
    computed += static_cast<std::int64_t>(batch.size());
    visit(batch);
  }
  return after;
}

std::int64_t refresh_stale_welcomes(Connection& c, const WelcomeRule& rule, std::int64_t most)
{
  {
    // Whether any: a count would read every mark, for each of a long refresh's batches.
    Statement any = c.prepare("SELECT EXISTS (SELECT 1 FROM stale_welcomes)");
    any.step();
    if (!any.column_bool(0)) return 0;
  }
  BatchedUpdate writer = welcome_writer(c);
  std::int64_t computed = 0;
  const std::int64_t last = for_each_stale_welcome(
      c, rule, most < 0 ? welcome_batch_size : std::min(most, welcome_batch_size),
      [&](std::vector<StaleWelcome>& batch) {
        for (const StaleWelcome& w : batch) add_welcome(writer, w.connection, w.welcome);
        writer.flush();
        computed += static_cast<std::int64_t>(batch.size());
      },
      most);
  if (last > 0) c.prepare("DELETE FROM stale_welcomes WHERE connection <= ?1").bind(1, last).run();
  // Ids with no connection (one folded into the export's, or forgotten) are dropped too, once the last batch is done.
  if (most < 0 || computed < most)
    c.exec("DELETE FROM stale_welcomes WHERE connection NOT IN (SELECT id FROM connections)");
  return computed;
}

WelcomeTallies tally_welcomes(Connection& c, const WelcomeRule* stale_rule)
{
  WelcomeTallies out;
  Statement stale = c.prepare("SELECT count(*) FROM stale_welcomes");
  stale.step();
  out.stale = stale.column_int(0);
  const bool compute = stale_rule && out.stale > 0;
  // Computing the stale ones: the kept welcomes of the others only.
  Statement s = c.prepare(fmt::format(R"sql(
SELECT owner, welcome_from / 86400, welcome_replied_at IS NOT NULL, count(*) FROM connections
WHERE welcomed_at IS NOT NULL AND (first_name <> '' OR last_name <> '') AND welcome_from IS NOT NULL{}
GROUP BY 1, 2, 3)sql",
                                      compute ? " AND id NOT IN (SELECT connection FROM stale_welcomes)" : ""));
  std::map<std::tuple<PersonId, std::int64_t, bool>, std::int64_t> counts;
  while (s.step()) counts[{s.column_int(0), s.column_int(1), s.column_bool(2)}] += s.column_int(3);
  if (compute) {
    // As the query above counts a kept welcome: named, welcomed, with a time it counts from.
    for_each_stale_welcome(c, *stale_rule, welcome_batch_size, [&](const std::vector<StaleWelcome>& batch) {
      for (const StaleWelcome& w : batch) {
        if (!w.named || !w.welcome.timeline.welcomed_at || !w.welcome.connected_from) continue;
        ++counts[{w.connection.owner, *w.welcome.connected_from / 86400, w.welcome.timeline.replied_at.has_value()}];
      }
    });
    out.stale = 0;
  }
  for (const auto& [key, count] : counts)
    out.tallies.push_back({std::get<0>(key), std::get<1>(key), std::get<2>(key), count});
  return out;
}

} // namespace motivo::store::sql
