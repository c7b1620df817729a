#include <motivo/app/arrivals.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace motivo::app {

namespace {

constexpr std::int64_t invitations_page = 2000; // invitations of the span read at a time
// Messages of the span read at a time, by row id: an import that added millions is counted in windows, each with
// the few owners and senders it names (about 2 MB of messages at a time).
constexpr std::int64_t messages_window = 50000;

// The received invitations of `scope` stored in the span: read from the span's first one, a page at a time.
std::uint64_t received_between(store::Store& store, std::optional<std::int64_t> scope, const store::ArrivalMarks& from,
                               const store::ArrivalMarks& to)
{
  std::uint64_t count = 0;
  store::InvitationQuery query;
  query.user = scope;
  query.after_id = from.invitation;
  query.limit = invitations_page;
  while (*query.after_id < to.invitation) {
    const std::vector<store::InvitationView> page = store.invitations(query);
    if (page.empty()) break;
    for (const store::InvitationView& v : page)
      if (v.direction == Direction::incoming && v.id <= to.invitation) ++count;
    query.after_id = page.back().id;
  }
  return count;
}

// What the messages of the span are counted against, learnt from the store for the owners and senders they name
// (never the whole table of invitations): whether `scope` reaches any invitation of an owner, and when the earliest
// invitation a sender sent an owner was.
class Inviters {
public:
  Inviters(store::Store& store, std::optional<std::int64_t> scope) : store_(store), scope_(scope) {}

  // Asks the store about the owners and senders of `messages` it was not asked about yet.
  void learn(const std::vector<store::MessageArrival>& messages)
  {
    std::vector<PersonId> owners, senders;
    for (const store::MessageArrival& m : messages) {
      if (asked_owners_.insert(m.owner).second) owners.push_back(m.owner);
      if (!m.from_owner && m.counterpart && asked_senders_.insert(*m.counterpart).second)
        senders.push_back(*m.counterpart);
    }
    const std::vector<store::FirstInvitation> firsts =
        senders.empty() ? std::vector<store::FirstInvitation>() : store_.first_invitations_from(senders);
    for (const store::FirstInvitation& f : firsts) // their owners too: the scope keeps an invitation by its owner
      if (asked_owners_.insert(f.owner).second) owners.push_back(f.owner);
    if (!owners.empty())
      for (const PersonId owner : store_.owners_with_invitations(scope_, owners)) owners_.insert(owner);
    for (const store::FirstInvitation& f : firsts) {
      if (!owners_.contains(f.owner)) continue;
      const auto [it, added] = first_.emplace(std::pair{f.owner, f.sender}, f.sent_at);
      if (!added) it->second = std::min(it->second, f.sent_at);
    }
  }
  bool reaches(PersonId owner) const { return owners_.contains(owner); }
  // The (owner, sender) whose invitation `m` answers: one sent before it; nullopt when none.
  std::optional<std::pair<PersonId, PersonId>> answered(const store::MessageArrival& m) const
  {
    if (!m.counterpart) return std::nullopt;
    const auto it = first_.find({m.owner, *m.counterpart});
    if (it == first_.end() || m.sent_at < it->second) return std::nullopt;
    return it->first;
  }

private:
  store::Store& store_;
  std::optional<std::int64_t> scope_;
  std::set<PersonId> asked_owners_, asked_senders_, owners_;
  std::map<std::pair<PersonId, PersonId>, datetime::UnixSeconds> first_;
};

} // namespace

Arrivals arrivals_between(store::Store& store, std::optional<std::int64_t> scope, const store::ArrivalMarks& from,
                          const store::ArrivalMarks& to)
{
  Arrivals out;
  out.invitations = received_between(store, scope, from, to);
  Inviters inviters(store, scope);
  std::set<std::pair<PersonId, PersonId>> replied;
  for (std::int64_t after = from.message; after < to.message; after += messages_window) {
    const std::vector<store::MessageArrival> messages =
        store.messages_between(after, std::min(to.message, after + messages_window));
    inviters.learn(messages);
    for (const store::MessageArrival& m : messages) {
      if (m.from_owner || !inviters.reaches(m.owner)) continue;
      if (const auto pair = inviters.answered(m))
        replied.insert(*pair);
      else
        ++out.messages;
    }
  }
  out.replies = replied.size();
  return out;
}

} // namespace motivo::app
