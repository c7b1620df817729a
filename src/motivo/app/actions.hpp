#pragma once

#include <motivo/app/invitations.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/app/refusal.hpp>
#include <motivo/core/error.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What the user saw themselves and records, written once for the command line and the server: a reply read on
// LinkedIn, a note kept from an invitation, taking back the last decision, ask, recorded reply or note, and one
// decision on several invitations.
namespace motivo::app {

// Why a reply may not be recorded on invitation `v`, if so: one you sent (invalid), one accepted already, decided
// (take the decision back first) or withdrawn (conflict). A second reply may be recorded; the earliest counts.
std::optional<Refusal> why_no_reply(const store::InvitationView& v);

// Records that the inviter of received invitation `id` replied at `at` (default: `now`), with the reply's `text`
// ("" when not given), and returns the invitation as it is now. A recorded reply counts in the protocol as a reply
// read from an export or from mail. Refusal: not in scope (not_found), why_no_reply, or `at` before the invitation
// was sent or after `now` (invalid, quoting the time).
struct ReplyRequest {
  std::optional<datetime::UnixSeconds> at;
  std::string text;
  datetime::UnixSeconds now = 0;
  SeenVersion seen; // the version the caller saw (check_version)
};
store::InvitationView record_reply(store::Store& store, Scope scope, std::int64_t id, const ReplyRequest& request);

// Keeps `note` ("why we connected") on the other person of invitation `id`, logged on the invitation so that undo
// takes it back, and returns the invitation as it is now (its version moved with the note). Refusal: not in scope
// (not_found), an empty note or an invitation that names no person (invalid); store::Stale when it changed since
// `seen`.
store::InvitationView keep_note(store::Store& store, Scope scope, std::int64_t id, const std::string& note,
                                datetime::UnixSeconds now, const SeenVersion& seen = std::nullopt);

// What undo took back, and the invitation as it is now.
struct Undone {
  store::InvitationView invitation;
  store::UndoneAction action;
};
// Takes back the last decision, ask, recorded reply or note the user made on invitation `id` (Store::undo_last); never
// data read from an export or from mail. Refusal: not in scope (not_found), nothing to undo (conflict); store::Stale
// when it changed since `seen`.
Undone undo(store::Store& store, Scope scope, std::int64_t id, const SeenVersion& seen = std::nullopt);

// Why `decision` may not be recorded on invitation `v`: one you sent (invalid), or why_no_decision (conflict).
std::optional<Refusal> decision_refusal(const store::InvitationView& v, protocol::Decision decision);

// One decision on several invitations. Every id is looked up first: one not in scope is a Refusal (not_found) and
// nothing is recorded. Then the invitations a decision may not be recorded on are listed with why
// (decision_refusal), those with that decision already are left as they are, and the rest are decided in one
// transaction. `seen`: the versions the caller saw of some of them; store::Stale, nothing recorded, when one of them
// changed since.
struct BulkRefused {
  store::InvitationView invitation;
  Refusal::Kind kind = Refusal::Kind::conflict;
  Message why;
};
struct BulkDecision {
  protocol::Decision decision = protocol::Decision::decline;
  std::vector<store::InvitationView> applied;   // as they were before (their decision: the one replaced, if any)
  std::vector<store::InvitationView> unchanged; // that decision already
  std::vector<BulkRefused> refused;
};
BulkDecision decide_many(store::Store& store, Scope scope, const std::vector<std::int64_t>& ids,
                         protocol::Decision decision, datetime::UnixSeconds now, const store::Versions& seen = {});

// The received invitations of `scope` still to decide whose suggestion at `now` is `suggestion`, newest first.
std::vector<InvitationStatus> suggested(store::Store& store, Scope scope, protocol::Suggestion suggestion,
                                        const protocol::Policy& policy, const protocol::Config& config,
                                        datetime::UnixSeconds now);

// The received invitations of `scope` still to decide, in the order to go through them: those that need an action
// (accept, ask, decline) first, then those waiting for a reply; newest first within each.
struct Queue {
  std::vector<InvitationStatus> items;
  std::size_t to_accept = 0, to_ask = 0, to_decline = 0, waiting = 0;
  std::size_t need_action() const { return to_accept + to_ask + to_decline; }
};
Queue triage_queue(store::Store& store, Scope scope, const protocol::Policy& policy, const protocol::Config& config,
                   datetime::UnixSeconds now);

// Invitation `id` as one status (evaluated at `now`), within `scope`. Refusal (not_found) otherwise.
InvitationStatus invitation_status(store::Store& store, Scope scope, std::int64_t id, const protocol::Policy& policy,
                                   const protocol::Config& config, datetime::UnixSeconds now);

} // namespace motivo::app
