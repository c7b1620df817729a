#pragma once

#include <motivo/core/protocol/welcome.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <vector>

namespace motivo::app {

// A connection and whether, and when, the owner welcomed them and they replied.
struct Welcomed {
  store::ConnectionView connection;
  protocol::WelcomeTimeline welcome;
};

// The latest `limit` connections (all when negative), newest first, each with its welcome by
// protocol::welcome_timeline: the owner's first message from the connection's day on that is neither an ask nor
// before one (asks as the protocol finds them on the person's invitations), nor before an accept decision.
std::vector<Welcomed> welcomes(store::Store& store, std::int64_t limit);

} // namespace motivo::app
