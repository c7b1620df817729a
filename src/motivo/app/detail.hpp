#pragma once

#include <motivo/app/invitations.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <optional>
#include <vector>

// One invitation whole (`motivo show`, GET /api/invitations/{id}): where it stands, the messages between you and the
// other person, what you recorded on it, and your notes on the person.
namespace motivo::app {

struct InvitationDetail {
  InvitationStatus status;
  std::vector<store::MessageView> messages;  // with the other person, from exports and mail, oldest first
  std::vector<store::RecordedNote> recorded; // the asks and replies you recorded, oldest first
  std::optional<store::PersonView> person;   // the other person, with your notes on them
};

// The most messages a detail shows: the latest ones.
inline constexpr std::int64_t detail_messages = 500;

// Invitation `id` whole, evaluated at `now` by `policy`. Refusal (not_found) when `scope` does not reach it.
InvitationDetail invitation_detail(store::Store& store, Scope scope, std::int64_t id, const protocol::Policy& policy,
                                   const protocol::Config& config, datetime::UnixSeconds now);

} // namespace motivo::app
