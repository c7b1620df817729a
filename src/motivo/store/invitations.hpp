#pragma once

// Invitations as the store gives them: the queries, the rows, their versions, the timelines the store keeps,
// what the user did on them and the report's tallies.

#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/model.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/core/protocol/welcome.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace motivo::store {

// Where a page of invitations ends, in the list's order: its last row's time (sent, or decided for a list of the
// decided) and id. The next page holds the rows after it.
struct PageKey {
  datetime::UnixSeconds at = 0;
  std::int64_t id = 0;
  bool operator==(const PageKey&) const = default;
};

struct InvitationQuery {
  std::optional<std::int64_t> user; // only the invitations of this user's imports (team mode); all when absent
  std::optional<Direction> direction;
  std::optional<classify::Label> label; // the effective label (the user's correction, else the classifier's)
  std::optional<std::int64_t> id;
  // Only invitations with a greater id, in the order of their ids instead of newest first: pages through all of
  // them with `limit` (an export of any size in constant memory).
  std::optional<std::int64_t> after_id;
  // Only those the user decided, the most recently decided first (a decision of unknown time last).
  bool decided = false;
  // Keyset paging: only the invitations after this key in the list's order (newest first, or most recently decided
  // first), read through an index however deep the page.
  std::optional<PageKey> after;
  std::int64_t limit = -1; // all
  // false: each view's `version` is left empty, and what it counts not read (four lookups an invitation fewer: a
  // report's pages, which write nothing).
  bool versions = true;
};

// An invitation as the commands show it. `outcome` is none while it is pending.
struct InvitationView {
  std::int64_t id = 0;
  Direction direction = Direction::incoming;
  std::string from, to, from_url, to_url, message;
  std::optional<Outcome> outcome;
  datetime::UnixSeconds sent_at = 0;
  std::optional<datetime::UnixSeconds> outcome_at;
  // The effective label: the user's correction when there is one (label_by_user), else the classifier's;
  // none before the first classification. `reasons` are the classifier's (none when the user's label wins).
  std::optional<classify::Label> label;
  std::string language;
  bool label_by_user = false;
  std::optional<double> confidence;
  std::vector<std::string> reasons;
  std::optional<std::int64_t> campaign;
  // For the protocol.
  PersonId owner = 0;
  std::optional<PersonId> other_person; // the sender of an incoming invitation, the invitee of an outgoing one
  std::optional<protocol::Decision> decision;
  std::optional<datetime::UnixSeconds> decision_at;
  std::optional<datetime::UnixSeconds> recorded_ask;   // the first `motivo ask`
  std::optional<datetime::UnixSeconds> recorded_reply; // the earliest reply recorded with `motivo replied`
  // What a client saw of it, as a short opaque string (invitation_version): it changes with anything stored about
  // the invitation — the row (decision, labels, outcome), the asks and replies recorded, the notes on its other
  // person, the messages with them. A write given the version its caller saw refuses to go on when it changed.
  std::string version;
  // The protocol's timeline of this invitation as the store keeps it (issue 23): absent while a write since the
  // last refresh (Timelines::refresh_timelines) may have changed its inputs.
  std::optional<protocol::Timeline> timeline;
};

// The version of `v` from its fields and the number of asks, recorded replies, notes on its other person and
// messages with them: 16 hex digits (FNV-1a), the same on every back end and in every process.
std::string invitation_version(const InvitationView& v, std::int64_t asks, std::int64_t replies, std::int64_t notes,
                               std::int64_t messages);

// The versions a caller saw, by invitation id: a write refuses to go on (Stale) when one changed since. Empty: no
// check.
using Versions = std::map<std::int64_t, std::string>;

// An invitation changed since the version its caller saw: nothing was written.
class Stale : public Error {
public:
  explicit Stale(std::int64_t id);
  std::int64_t id() const { return id_; }

private:
  std::int64_t id_;
};

// How an invitation's timeline follows from what is stored of it: the invitation, the one-to-one messages with its
// other person (with their texts; none for an outgoing one or one without another person), and whether its owner's
// acceptances are known (Store::owners_with_connections). The rule is core's (app::timeline_rule).
using TimelineRule = std::function<protocol::Timeline(
    const InvitationView& invitation, std::vector<protocol::MessageStamp> messages, bool acceptance_known)>;

// How a connection's welcome follows from what is stored of it: the connection (its time, its recorded welcome),
// the incoming invitations from its person to its owner, and the one-to-one messages between them (no texts). The
// rule is app's (app::welcome_rule, over protocol::welcome_timeline).
struct ConnectionView;
struct KeptWelcome {
  protocol::WelcomeTimeline timeline;
  // When the connection was made, as a report counts its welcome (the day's start when only the day is known); none
  // when unknown (not counted).
  std::optional<datetime::UnixSeconds> connected_from;
};
using WelcomeRule =
    std::function<KeptWelcome(const ConnectionView& connection, const std::vector<InvitationView>& invitations,
                              const std::vector<protocol::MessageStamp>& messages)>;

// Each invitation's timeline kept in the store (issue 23). Every write that can change an input of an invitation's
// timeline (its messages, outcome, decision, recorded asks and replies, its owner's known acceptances) marks it
// stale in its own transaction; refresh_timelines computes the stale ones by `rule` and stores them, in the
// caller's transaction (an import) or in one of its own (the store). Returns how many were computed.
class Timelines {
public:
  virtual ~Timelines() = default;
  virtual std::int64_t refresh_timelines(const TimelineRule& rule) = 0;
  // The same for each connection's welcome (WelcomeRule): stale when its messages, its person's incoming
  // invitations (an ask, an accept decision), its connection time or its recorded welcomes changed.
  virtual std::int64_t refresh_welcomes(const WelcomeRule& rule) = 0;
};

// What is stale (Timelines): the invitations' timelines and the connections' welcomes marked since they were last
// computed (after an upgrade whose migration marked them, every one).
struct StaleCounts {
  std::int64_t timelines = 0;
  std::int64_t welcomes = 0;
};

// What the user did on an invitation that `Store::undo_last` can take back: a decision, an ask, a recorded reply, a
// note kept on its other person from the invitation (Store::record_note).
enum class ActionKind { decision, ask, reply, note };
std::string_view to_string(ActionKind kind);

// An action taken back: what it was, when it was recorded, and what is in force again.
struct UndoneAction {
  ActionKind kind = ActionKind::decision;
  datetime::UnixSeconds at = 0;               // when the decision or the ask was recorded; when they replied
  std::optional<protocol::Decision> decision; // kind decision: the decision taken back
  std::optional<protocol::Decision> restored; // kind decision: the decision in force again (none: undecided)
  std::string text;                           // kind ask, reply or note: its text
};

// An ask or a reply the user recorded on an invitation (not read from an export or from mail).
struct RecordedNote {
  ActionKind kind = ActionKind::ask; // ask or reply
  datetime::UnixSeconds at = 0;
  std::string text;
};

// Invitations alike for a report (issue 23), counted: sent the same UTC day, with the same direction, effective
// label, decision, outcome, campaign or not, owner, and kept timeline (asked, replied, asked before a time, and
// the seconds from the ask to the reply when both).
struct InvitationTally {
  Direction direction = Direction::incoming;
  std::int64_t day = 0; // days since 1970-01-01 (UTC) of sent_at
  std::optional<classify::Label> label;
  std::optional<protocol::Decision> decision;
  std::optional<Outcome> outcome;
  bool in_campaign = false;
  PersonId owner = 0;
  bool asked = false, replied = false, asked_before = false;
  std::optional<std::int64_t> reply_seconds;
  std::int64_t count = 0;
};
// The tallies, and how many of the invitations counted had a stale timeline (store::Timelines): when some had,
// their kept timelines were not up to date and the tallies must not be used.
struct InvitationTallies {
  std::vector<InvitationTally> tallies;
  std::int64_t stale = 0;
};

// Welcomed connections alike for a report (issue 23), counted: of one owner, made the same UTC day, replied or not.
// Connections without a name (not listed by Store::connections) are left out.
struct WelcomeTally {
  PersonId owner = 0;
  std::int64_t day = 0; // days since 1970-01-01 (UTC) of the connection's time (or day)
  bool replied = false;
  std::int64_t count = 0;
};
// The tallies, and how many connections' welcomes were stale (then the tallies must not be used).
struct WelcomeTallies {
  std::vector<WelcomeTally> tallies;
  std::int64_t stale = 0;
};

} // namespace motivo::store
