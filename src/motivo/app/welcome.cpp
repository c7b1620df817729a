#include <motivo/app/protocol.hpp>
#include <motivo/app/welcome.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace motivo::app {

namespace {

using Pair = std::pair<PersonId, PersonId>; // owner, the other person

// The conversations of the wanted pairs: a query each for a few, every message in one pass for many.
std::map<Pair, std::vector<protocol::MessageStamp>> threads_of(store::Store& store, const std::set<Pair>& wanted)
{
  std::map<Pair, std::vector<protocol::MessageStamp>> threads;
  if (wanted.size() <= 64) {
    for (const auto& [owner, person] : wanted) threads[{owner, person}] = store.messages_with(owner, person);
    return threads;
  }
  store.for_each_stamp([&](PersonId owner, PersonId person, const protocol::MessageStamp& stamp) {
    if (wanted.count({owner, person})) threads[{owner, person}].push_back(stamp);
  });
  return threads;
}

// The latest ask or accept decision on each pair's received invitations: a welcome comes after it. The owners of
// connections have their acceptance known, so the protocol needs no message's text here.
std::map<Pair, datetime::UnixSeconds>
asks_and_accepts(store::Store& store, const std::set<Pair>& wanted,
                 const std::map<Pair, std::vector<protocol::MessageStamp>>& threads)
{
  std::map<Pair, datetime::UnixSeconds> out;
  store::InvitationQuery query;
  query.direction = Direction::incoming;
  for (const store::InvitationView& v : store.invitations(query)) {
    if (!v.other_person || !wanted.count({v.owner, *v.other_person})) continue;
    const Pair pair{v.owner, *v.other_person};
    protocol::Facts facts = facts_without_messages(v);
    if (const auto it = threads.find(pair); it != threads.end()) facts.messages = it->second;
    const protocol::Timeline t = protocol::timeline(facts);
    std::optional<datetime::UnixSeconds> latest = t.asked_at;
    if (v.decision == protocol::Decision::accept && v.decision_at && (!latest || *v.decision_at > *latest))
      latest = v.decision_at;
    if (latest && (!out.count(pair) || *latest > out[pair])) out[pair] = *latest;
  }
  return out;
}

} // namespace

std::vector<Welcomed> welcomes(store::Store& store, std::int64_t limit)
{
  std::vector<Welcomed> out;
  std::set<Pair> wanted;
  for (store::ConnectionView& c : store.connections(limit)) {
    if (c.person) wanted.insert({c.owner, c.person});
    out.push_back({std::move(c), {}});
  }
  const std::map<Pair, std::vector<protocol::MessageStamp>> threads = threads_of(store, wanted);
  const std::map<Pair, datetime::UnixSeconds> not_before = asks_and_accepts(store, wanted, threads);
  for (Welcomed& w : out) {
    const store::ConnectionView& c = w.connection;
    protocol::WelcomeFacts facts;
    if (c.connected_at)
      facts.connected_from = *c.connected_at;
    else if (const auto day = datetime::parse_iso(c.connected_on))
      facts.connected_from = *day;
    facts.recorded = c.recorded_welcome;
    if (c.person) {
      const Pair pair{c.owner, c.person};
      if (const auto it = not_before.find(pair); it != not_before.end()) facts.not_before = it->second;
      if (const auto it = threads.find(pair); it != threads.end()) facts.messages = it->second;
    }
    w.welcome = protocol::welcome_timeline(facts);
  }
  return out;
}

} // namespace motivo::app
