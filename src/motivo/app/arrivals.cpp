#include <motivo/app/arrivals.hpp>

#include <map>
#include <set>
#include <utility>

namespace motivo::app {

namespace {
constexpr std::int64_t arrivals_page = 2000; // invitations read at a time
}

Arrivals arrivals_between(store::Store& store, std::optional<std::int64_t> scope, const store::ArrivalMarks& from,
                          const store::ArrivalMarks& to)
{
  Arrivals out;
  std::vector<store::MessageArrival> messages;
  if (to.message > from.message) messages = store.messages_between(from.message, to.message);
  // (owner, sender) of a received message of the span -> when the earliest invitation from them was sent, if any.
  std::map<std::pair<PersonId, PersonId>, datetime::UnixSeconds> inviters;
  std::set<std::pair<PersonId, PersonId>> asked_about;
  for (const store::MessageArrival& m : messages) {
    if (!m.from_owner && m.counterpart) asked_about.emplace(m.owner, *m.counterpart);
  }
  std::set<PersonId> owners;
  store::InvitationQuery query;
  query.user = scope;
  // With no message in the span, only the invitations stored in it count: read from there (a decision or a label
  // stores neither, so the poll that follows it reads nothing). Messages need every owner and their inviters.
  query.after_id = messages.empty() ? from.invitation : 0;
  query.limit = arrivals_page;
  for (;;) {
    const std::vector<store::InvitationView> page = store.invitations(query);
    if (page.empty() || (messages.empty() && page.front().id > to.invitation)) break;
    for (const store::InvitationView& v : page) {
      owners.insert(v.owner);
      if (v.direction != Direction::incoming) continue;
      if (v.id > from.invitation && v.id <= to.invitation) ++out.invitations;
      if (!v.other_person || !asked_about.contains({v.owner, *v.other_person})) continue;
      const auto [it, added] = inviters.emplace(std::pair{v.owner, *v.other_person}, v.sent_at);
      if (!added && v.sent_at < it->second) it->second = v.sent_at;
    }
    query.after_id = page.back().id;
  }
  std::set<std::pair<PersonId, PersonId>> replied;
  for (const store::MessageArrival& m : messages) {
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
