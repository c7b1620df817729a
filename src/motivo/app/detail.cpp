#include <motivo/app/actions.hpp>
#include <motivo/app/detail.hpp>

#include <string>

namespace motivo::app {

InvitationDetail invitation_detail(store::Store& store, Scope scope, std::int64_t id, const protocol::Policy& policy,
                                   const protocol::Config& config, datetime::UnixSeconds now)
{
  InvitationDetail d;
  d.status = invitation_status(store, scope, id, policy, config, now);
  const store::InvitationView& v = d.status.invitation;
  d.messages = recent_messages(store, v, detail_messages);
  d.recorded = store.recorded_notes(id);
  if (v.other_person) {
    for (auto& p : store.find_people(std::to_string(*v.other_person))) {
      if (p.id == *v.other_person) d.person = std::move(p);
    }
  }
  return d;
}

} // namespace motivo::app
