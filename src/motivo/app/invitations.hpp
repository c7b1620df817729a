#pragma once

#include <motivo/app/protocol.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/store/store.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What the command line and the server do with invitations, written once: find one within the caller's scope,
// decide, ask, label, and list them through filters. Refusals are app::Refusal (app/refusal.hpp).
namespace motivo::app {

// Whose invitations a caller reaches: in team mode a member's own (their user id: the invitations of the accounts
// whose exports they imported), else everyone's (nullopt: an admin, or the one user of a personal database).
using Scope = std::optional<std::int64_t>;

// Invitation `id`, when `scope` reaches it. Refusal (not_found) otherwise: another member's invitation is not
// found, as one that does not exist.
store::InvitationView find_invitation(store::Store& store, Scope scope, std::int64_t id);

// The version a caller saw of an invitation (store::InvitationView::version), when it sent one: a write given it
// goes on only while the invitation is stored as it was then. Throws store::Stale when `v`, as read now, is
// another; the store checks again inside the write's transaction (versions_of).
using SeenVersion = std::optional<std::string>;
void check_version(const store::InvitationView& v, const SeenVersion& seen);
// What the store checks in a write's transaction: `seen` of invitation `id`, if given.
store::Versions versions_of(std::int64_t id, const SeenVersion& seen);

// Why `decision` may not be recorded on received invitation `v`, if so: it is accepted already (the inviter is a
// connection: any decision would contradict it), or an accept on one withdrawn or ignored. A decline or spam on a
// withdrawn one is recorded (ignoring is how LinkedIn declines); a decision may be changed while nothing settled it.
std::optional<Message> why_no_decision(const store::InvitationView& v, protocol::Decision decision);

// Records the decision on received invitation `id` and returns the invitation as it was before (its `decision`: the
// one replaced, if any; the same decision again changes nothing). Refusal: not in scope (not_found), one you sent
// (invalid), why_no_decision (conflict); store::Stale when it changed since `seen`, before any of those.
store::InvitationView decide(store::Store& store, Scope scope, std::int64_t id, protocol::Decision decision,
                             datetime::UnixSeconds now, const SeenVersion& seen = std::nullopt);

// Renders the message asking the inviter of received invitation `id` why they want to connect (render_ask) and,
// unless `dry_run`, records the ask. Refusal: not in scope (not_found), one you sent (invalid, even in a dry
// run), already accepted, decided or withdrawn (conflict: why_no_ask; a dry run still renders).
struct AskRequest {
  int local_hour = 12;
  std::string config_source; // the settings file, for errors in its templates
  std::string language;      // es or en; "" for the note's language, else the configured one
  bool dry_run = false;
  datetime::UnixSeconds now = 0;
  SeenVersion seen; // the version the caller saw (check_version)
};
struct Asked {
  store::InvitationView invitation;
  RenderedAsk ask;
  bool recorded = false;
};
Asked ask(store::Store& store, Scope scope, std::int64_t id, const protocol::Config& config, const AskRequest& request);

// Whether the classifier's label of `v` is a guess to check before deciding (classify::needs_check on its calibrated
// confidence); never for a label the user gave.
bool label_needs_check(const store::InvitationView& v);

// Sets the user's label of invitation `id` (kept when motivo reclassifies), or with nullopt removes it (the
// classifier's applies again). Refusal: not in scope (not_found), not one of the five labels (invalid).
void set_label(store::Store& store, Scope scope, std::int64_t id, const std::optional<std::string>& label,
               datetime::UnixSeconds now);

// Keeps `note` on `person` (why you connected, who introduced you). A member reaches the people on the other side
// of their own invitations (the sender of one they received, the invitee of one they sent); an admin, or the one
// user of a personal database, everyone. Refusal: nobody with that id, or not in scope (not_found alike), an empty
// note (invalid).
void add_person_note(store::Store& store, Scope scope, PersonId person, const std::string& note,
                     datetime::UnixSeconds now);

// Which invitations a list shows, newest first: those matching every filter given, after `offset` of them, at
// most `limit`.
struct InvitationFilter {
  std::optional<Direction> direction;
  std::optional<classify::Label> label; // the effective label (the user's, else the classifier's)
  std::optional<protocol::State> state;
  std::optional<protocol::Suggestion> suggestion;
  bool undecided = false; // only those with a suggestion: the triage queue
  bool decided = false;   // only those the user decided, the most recently decided first
  std::size_t offset = 0;
  std::size_t limit = SIZE_MAX;
};

// A filter from the words the command line's options and the API's parameters take (incoming, personalized,
// asked, ask…; absent: no filter). InputError naming the filter for a word it does not take.
struct FilterWords {
  std::optional<std::string> direction, label, state, suggestion;
};
InvitationFilter parse_filter(const FilterWords& words);

bool matches(const InvitationFilter& filter, const InvitationStatus& status);
// The statuses `filter` selects, in their order.
std::vector<InvitationStatus> select_invitations(const std::vector<InvitationStatus>& statuses,
                                                 const InvitationFilter& filter);
// The invitations of `scope` that `filter` selects, newest first, evaluated at `now` by `policy`.
std::vector<InvitationStatus> list_invitations(store::Store& store, Scope scope, const InvitationFilter& filter,
                                               const protocol::Policy& policy, const protocol::Config& config,
                                               datetime::UnixSeconds now);

// One page of a list: the rows `filter` selects after `cursor` ("": from the first), at most filter.limit, and the
// cursor of the next page when more rows follow. Paged by keys in the store's order (sent time and id; decision time
// and id for the decided), read a few dozen rows at a time and evaluated as read: a page costs the rows up to its
// last, whatever the size of the table. filter.offset is not used. InputError ("cursor") for a cursor this program
// did not give, or one of the other order (decided or not).
struct InvitationPage {
  std::vector<InvitationStatus> rows;
  std::optional<std::string> next; // the cursor of the next page
};
InvitationPage page_invitations(store::Store& store, Scope scope, const InvitationFilter& filter,
                                const std::string& cursor, const protocol::Policy& policy,
                                const protocol::Config& config, datetime::UnixSeconds now);

// The latest `limit` one-to-one messages with the other person of `invitation`, oldest first (none when the other
// side is nobody stored).
std::vector<store::MessageView> recent_messages(store::Store& store, const store::InvitationView& invitation,
                                                std::int64_t limit);

} // namespace motivo::app
