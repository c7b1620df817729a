#include <motivo/app/arrivals.hpp>

#include <map>
#include <set>
#include <utility>

namespace motivo::app {

Arrivals arrivals_between(store::Store& store, const std::vector<InvitationStatus>& in_scope,
                          const store::ArrivalMarks& from, const store::ArrivalMarks& to)
{
  Arrivals out;
  std::set<PersonId> owners;
  // (owner, sender) of each received invitation -> when the earliest one was sent.
  std::map<std::pair<PersonId, PersonId>, datetime::UnixSeconds> inviters;
  for (const InvitationStatus& status : in_scope) {
    const store::InvitationView& v = status.invitation;
    owners.insert(v.owner);
    if (v.direction != Direction::incoming) continue;
    if (v.id > from.invitation && v.id <= to.invitation) ++out.invitations;
    if (!v.other_person) continue;
    const auto [it, added] = inviters.emplace(std::pair{v.owner, *v.other_person}, v.sent_at);
    if (!added && v.sent_at < it->second) it->second = v.sent_at;
  }
  if (to.message <= from.message) return out;
  std::set<std::pair<PersonId, PersonId>> replied;
  for (const store::MessageArrival& m : store.messages_between(from.message, to.message)) {
    if (m.from_owner || !owners.contains(m.owner)) continue;
    const auto it = m.counterpart ? inviters.find({m.owner, *m.counterpart}) : inviters.end();
    if (it != inviters.end() && m.sent_at >= it->second)
      replied.insert(it->first);
    else
      ++out.messages;
  }
  out.replies = replied.size();
  return out;
}

} // namespace motivo::app
