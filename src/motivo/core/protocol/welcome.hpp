#pragma once

#include <motivo/core/datetime.hpp>
#include <motivo/core/protocol/protocol.hpp>

#include <optional>
#include <string_view>
#include <vector>

namespace motivo::protocol {

// Whether a message reads as conversation between people already connected ("Thanks for connecting…", "Great to
// connect!"): the phrases of data/connected_phrases.tsv, some only in the owner's messages (`from_owner`).
bool reads_as_connected(std::string_view text, bool from_owner);

// What tells whether, and when, the owner welcomed a connection.
struct WelcomeFacts {
  // When they became connected: Connections.csv's time, or the start (UTC) of its day when only the day is known.
  datetime::UnixSeconds connected_from = 0;
  std::optional<datetime::UnixSeconds> recorded;   // the first `motivo welcome --record`
  std::optional<datetime::UnixSeconds> not_before; // the latest ask or accept decision on their invitations
  std::vector<MessageStamp> messages;              // with them, any order
};

struct WelcomeTimeline {
  std::optional<datetime::UnixSeconds> welcomed_at, replied_at;
  bool operator==(const WelcomeTimeline&) const = default;
};

// The welcome is the owner's first message from the connection's day (or time) on that comes after every ask and
// accept decision on the person's invitations — never the ask itself —, or the recorded welcome if earlier; the
// reply is their first message after the welcome.
WelcomeTimeline welcome_timeline(const WelcomeFacts& facts);

} // namespace motivo::protocol
