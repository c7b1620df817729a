#pragma once

#include <motivo/core/protocol/config.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/store/store.hpp>

#include <vector>

namespace motivo::app {

// An invitation with where it stands under a policy.
struct InvitationStatus {
  store::InvitationView invitation;
  protocol::Evaluation evaluation;
};

// What the protocol needs of a stored invitation: its label, dates, decision, recorded asks and the messages
// exchanged with the other person (read from the store).
protocol::Facts facts_of(store::Store& store, const store::InvitationView& invitation);

// The invitations the query selects, each evaluated at `now` by `policy`.
std::vector<InvitationStatus> invitation_statuses(store::Store& store, const store::InvitationQuery& query,
                                                  const protocol::Policy& policy, const protocol::Config& config,
                                                  datetime::UnixSeconds now);

} // namespace motivo::app
