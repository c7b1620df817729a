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
// Computed from what is stored, never from the welcome the store keeps.
std::vector<Welcomed> welcomes(store::Store& store, std::int64_t limit);

// The rule, written once: connection `c`'s welcome by protocol::welcome_timeline from its recorded welcome, the
// messages with its person (any order, texts not read) and the asks (protocol::timeline) and accept decisions on
// the person's received `invitations`; and the time a report counts it from (Connections.csv's time, else the
// start of its day).
store::KeptWelcome welcome_of(const store::ConnectionView& c, const std::vector<store::InvitationView>& invitations,
                              const std::vector<protocol::MessageStamp>& messages);
// welcome_of, as the store's kept welcomes are computed (store::Timelines::refresh_welcomes).
store::WelcomeRule welcome_rule();

} // namespace motivo::app
