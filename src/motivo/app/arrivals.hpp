#pragma once

#include <motivo/app/protocol.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <optional>
#include <vector>

// What arrived in the store between two looks at it, for the web page's live updates (GET /api/version) and
// `motivo fetch --exec`: counted once, here, from the rows stored between two store::ArrivalMarks.
namespace motivo::app {

struct Arrivals {
  std::uint64_t invitations = 0; // received invitations stored
  std::uint64_t replies = 0;     // people who invited you and wrote to you since (once each, however many messages)
  std::uint64_t messages = 0;    // the other messages you received: from anyone but those inviters (a connection's)
  bool any() const { return invitations + replies + messages > 0; }
};

// What was stored after `from` up to `to` (rows outside that span are not counted, so that two spans that meet
// count each row once), within the invitations of `scope` (a user's, or all: store::InvitationQuery::user), every
// one of them whatever its state. Messages count when their owner is the owner of one of those invitations. A
// message from the sender of one of those received invitations, sent after it, is their reply; every other message
// you received (drafts and your own left out) counts in `messages`.
//
// The cost follows what arrived, not the size of the store: the span's invitations are read from its first one,
// its messages a window of row ids at a time, and for the owners and senders those messages name the store answers
// through its indexes whether the scope reaches the owner and when the sender first invited them
// (Store::owners_with_invitations, Store::first_invitations_from). Memory holds a window of messages and the pairs
// they name (a store of 1,000,000: docs/PERFORMANCE.md).
// Only rows of the invitations and messages tables are counted: a reply recorded some other way (by hand) would
// need a mark of its own in store::ArrivalMarks to be counted here.
Arrivals arrivals_between(store::Store& store, std::optional<std::int64_t> scope, const store::ArrivalMarks& from,
                          const store::ArrivalMarks& to);

} // namespace motivo::app
