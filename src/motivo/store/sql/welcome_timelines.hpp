#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace motivo::store::sql {

// Each connection's welcome kept in the store (issue 23, migration 15), as the invitations' timelines are
// (sql/timelines.hpp): columns of `connections` written by refresh_stale_welcomes, and the table `stale_welcomes` of
// the connections whose inputs changed since. Every write that changes an input marks it in its own transaction:
// an import (its connections and messages), a recorded welcome, and anything that makes a received invitation's
// timeline stale (an ask, a decision, an undo, its messages), which marks its person's connection too.

// Marks stale the connections of the pairs (owner, person) of the received invitations `select` gives (SQL
// returning invitation ids, with ?1 bound to `value`): what makes an invitation's timeline stale may move the welcome.
void mark_welcomes_of(Connection& c, const std::string& select, std::int64_t value);
// At the end of import `import_id` of `owner`'s data: marks stale the owner's connections it may have changed:
// those never computed, those whose person, time or day differ from the ones their welcome was computed with, those
// with a recorded welcome (a mail's connection's welcomes move to the export's), and those of the people with a
// message this import stored (above `messages_before`, as mark_changed_timelines).
void mark_changed_welcomes(Connection& c, PersonId owner, std::int64_t import_id, std::int64_t messages_before);
// Marks stale connection `id`.
void mark_welcome_stale(Connection& c, std::int64_t id);

// Connections computed per round: a batch's connections, invitations and messages are what a refresh holds.
constexpr std::int64_t welcome_batch_size = 2000;

// A stale connection and its welcome as computed now; `named` as Store::connections lists it (a first or last name).
struct StaleWelcome {
  ConnectionView connection;
  KeptWelcome welcome;
  bool named = false;
};
// Computes every stale connection's welcome by `rule` without storing it, `batch_size` connections at a time in
// the order of their ids (each batch's incoming invitations and messages read by the pairs' indexes, so memory
// holds one batch), and gives each batch to `visit`; with `most` (not negative), stops once that many were given.
// Returns the last connection's id (0 when none is stale).
std::int64_t for_each_stale_welcome(Connection& c, const WelcomeRule& rule, std::int64_t batch_size,
                                    const std::function<void(std::vector<StaleWelcome>&)>& visit,
                                    std::int64_t most = -1);
// Computes every stale connection's welcome by `rule` and stores it, a batch at a time, inside the caller's
// transaction; with `most` (not negative), only the `most` lowest ids (Store::refresh_next_batch). Returns how many
// were computed.
std::int64_t refresh_stale_welcomes(Connection& c, const WelcomeRule& rule, std::int64_t most = -1);
// Store::tally_welcomes inside the caller's read: with `stale_rule`, the stale connections' welcomes are computed
// by it a batch at a time (for_each_stale_welcome, nothing stored) and counted instead of their kept ones.
WelcomeTallies tally_welcomes(Connection& c, const WelcomeRule* stale_rule);

} // namespace motivo::store::sql
