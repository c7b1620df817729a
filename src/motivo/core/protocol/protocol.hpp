#pragma once

#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::protocol {

// Where an invitation stands. Incoming: pending → asked (the reason was requested) → replied, or no_reply once
// the deadline passed; and the outcomes accepted, declined, withdrawn. Outgoing ones are pending, accepted or
// withdrawn.
enum class State : std::uint8_t { pending, asked, replied, no_reply, accepted, declined, withdrawn };
inline constexpr State all_states[] = {State::pending,  State::asked,    State::replied,  State::no_reply,
                                       State::accepted, State::declined, State::withdrawn};
// What the active policy suggests doing now; none once it is decided.
// check: the suggestion would rest on a label that is a guess (its calibrated confidence is low): check the label
// first (motivo label), then the policy suggests again.
enum class Suggestion : std::uint8_t { accept, ask, decline, wait, check, none };
inline constexpr Suggestion all_suggestions[] = {Suggestion::accept, Suggestion::ask,   Suggestion::decline,
                                                 Suggestion::wait,   Suggestion::check, Suggestion::none};
// The user's decision (motivo decide): spam is a decline that also labels the note spam.
enum class Decision : std::uint8_t { accept, decline, spam };

std::string_view state_name(State s);
std::optional<State> parse_state(std::string_view name);
std::string_view suggestion_name(Suggestion s);
std::optional<Suggestion> parse_suggestion(std::string_view name);
std::string_view decision_name(Decision d);
std::optional<Decision> parse_decision(std::string_view name);

// A one-to-one message between the owner and the invitation's other person (drafts excluded).
struct MessageStamp {
  datetime::UnixSeconds at = 0;
  bool from_owner = false;
  std::string text; // read only while acceptance is unknown (Facts::acceptance_known)
};

// Everything the protocol looks at for one invitation. All times are UTC (Invitations.csv's Pacific "Sent At"
// was converted on import, so it compares with messages.csv's UTC dates).
struct Facts {
  Direction direction = Direction::incoming;
  classify::Label label = classify::Label::empty;
  bool label_uncertain = false; // the classifier's label is a guess (classify::needs_check); never the user's
  std::string language;
  std::string text;
  datetime::UnixSeconds sent_at = 0;
  std::optional<Outcome> outcome;
  std::optional<datetime::UnixSeconds> outcome_at;
  std::optional<Decision> decision;
  std::optional<datetime::UnixSeconds> recorded_ask; // the earliest `motivo ask`
  // The earliest reply the user saw on LinkedIn and recorded (`motivo replied`): the user's word that the inviter
  // answered, a reply whether or not an ask is known (it may have been sent on LinkedIn, not yet exported).
  std::optional<datetime::UnixSeconds> recorded_reply;
  std::vector<MessageStamp> messages; // with the other person, any order
  // False when no imported export of the owner listed their connections (no Connections.csv): an invitation
  // without an outcome may have been accepted or not.
  bool acceptance_known = true;
};

// Asks and replies as the data shows them: the ask is the owner's first message to the inviter after the
// invitation and before it was accepted (or the recorded ask, if earlier); the reply is the inviter's first
// message after the ask, or the recorded reply if earlier. A message the owner sent only after accepting is a
// conversation, not an ask. While
// acceptance is unknown, the first message after the invitation that reads as between connections
// (reads_as_connected: "Thanks for connecting…") stands for the acceptance: no ask from then on.
struct Timeline {
  std::optional<datetime::UnixSeconds> asked_at, replied_at;
  std::optional<datetime::UnixSeconds> connected_at; // acceptance unknown: when a message first read as connected
  bool mutual_messages = false;                      // both sides wrote, at any time
  friend bool operator==(const Timeline&, const Timeline&) = default;
};
Timeline timeline(const Facts& facts);

// One rule of a policy: every condition given must hold; the first rule that matches gives the suggestion.
struct Rule {
  std::vector<classify::Label> labels; // any of them (empty: any label)
  std::vector<std::string> languages;
  std::vector<State> states;
  std::optional<std::int64_t> days_waiting_at_least, days_waiting_at_most; // whole days since the invitation
  std::optional<bool> replied;
  std::optional<bool> mutual_messages;
  std::vector<std::string> text_contains; // any of them, folded (case and accents ignored)
  Suggestion suggest = Suggestion::none;
  std::string origin; // in English: "ask policy: spam is declined", "config.toml:12" (protocol --json's "from")
  Message why = Message::verbatim(""); // the same in the reader's language (a configured rule's: its origin)
};

struct Policy {
  std::string name;
  std::vector<Rule> rules; // the configured rules first, then the named policy's own
};

// The built-in policies: "ask" (the default), "strict" and "open" (docs/PROTOCOL.md). nullopt for another name.
std::optional<Policy> builtin_policy(std::string_view name);
inline constexpr std::string_view builtin_policy_names[] = {"ask", "strict", "open"};

struct Evaluation {
  State state = State::pending;
  Suggestion suggestion = Suggestion::none;
  Timeline timeline;
  std::optional<datetime::UnixSeconds> deadline; // the ask plus the deadline, once asked
  Message why = Message::verbatim("");           // the rule that decided, in any language (Message::in)
};

// Where an invitation stands from its decision, outcome and timeline: `asked` and `replied` as the timeline has
// them, `deadline_passed` when asked and now is past the ask plus the deadline. What evaluate() says as `state`.
State state_of(Direction direction, std::optional<Decision> decision, std::optional<Outcome> outcome, bool asked,
               bool replied, bool deadline_passed);

// The state and suggestion of an invitation at `now`. `deadline_seconds`: how long after an ask a reply is awaited.
Evaluation evaluate(const Facts& facts, const Policy& policy, datetime::UnixSeconds now, std::int64_t deadline_seconds);
// The same with the facts' timeline given (kept in the store, issue 23): `facts.messages` is not read then.
Evaluation evaluate(const Facts& facts, const Timeline& timeline, const Policy& policy, datetime::UnixSeconds now,
                    std::int64_t deadline_seconds);

} // namespace motivo::protocol
