#include <motivo/app/protocol.hpp>
#include <motivo/app/welcome.hpp>

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

// The received invitations of the wanted pairs, by pair.
std::map<Pair, std::vector<store::InvitationView>> invitations_of(store::Store& store, const std::set<Pair>& wanted)
{
  std::map<Pair, std::vector<store::InvitationView>> out;
  store::InvitationQuery query;
  query.direction = Direction::incoming;
  for (store::InvitationView& v : store.invitations(query)) {
    if (v.other_person && wanted.count({v.owner, *v.other_person}))
      out[{v.owner, *v.other_person}].push_back(std::move(v));
  }
  return out;
}

} // namespace

store::KeptWelcome welcome_of(const store::ConnectionView& c, const std::vector<store::InvitationView>& invitations,
                              const std::vector<protocol::MessageStamp>& messages)
{
  store::KeptWelcome out;
  if (c.connected_at)
    out.connected_from = *c.connected_at;
  else if (const auto day = datetime::parse_iso(c.connected_on))
    out.connected_from = *day;
  protocol::WelcomeFacts facts;
  facts.connected_from = out.connected_from.value_or(0);
  facts.recorded = c.recorded_welcome;
  facts.messages = messages;
  // The latest ask or accept decision on the person's received invitations: a welcome comes after it. The owners
  // of connections have their acceptance known, so the protocol needs no message's text here.
  for (const store::InvitationView& v : invitations) {
    protocol::Facts f = facts_without_messages(v);
    f.messages = messages;
    std::optional<datetime::UnixSeconds> latest = protocol::timeline(f).asked_at;
    if (v.decision == protocol::Decision::accept && v.decision_at && (!latest || *v.decision_at > *latest))
      latest = v.decision_at;
    if (latest && (!facts.not_before || *latest > *facts.not_before)) facts.not_before = latest;
  }
  out.timeline = protocol::welcome_timeline(facts);
  return out;
}

store::WelcomeRule welcome_rule()
{
  return welcome_of;
}

std::vector<Welcomed> welcomes(store::Store& store, std::int64_t limit)
{
  std::vector<Welcomed> out;
  std::set<Pair> wanted;
  for (store::ConnectionView& c : store.connections(limit)) {
    if (c.person) wanted.insert({c.owner, c.person});
    out.push_back({std::move(c), {}});
  }
  const std::map<Pair, std::vector<protocol::MessageStamp>> threads = threads_of(store, wanted);
  const std::map<Pair, std::vector<store::InvitationView>> invitations = invitations_of(store, wanted);
  static const std::vector<protocol::MessageStamp> no_messages;
  static const std::vector<store::InvitationView> no_invitations;
  for (Welcomed& w : out) {
    const store::ConnectionView& c = w.connection;
    const auto t = c.person ? threads.find({c.owner, c.person}) : threads.end();
    const auto i = c.person ? invitations.find({c.owner, c.person}) : invitations.end();
    w.welcome =
        welcome_of(c, i == invitations.end() ? no_invitations : i->second, t == threads.end() ? no_messages : t->second)
            .timeline;
  }
  return out;
}

} // namespace motivo::app
