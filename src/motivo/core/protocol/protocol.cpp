#include <motivo/core/classify/fold.hpp>
#include <motivo/core/enum_names.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/core/protocol/welcome.hpp>

#include <algorithm>

namespace motivo::protocol {

namespace {

constexpr std::string_view state_names[] = {"pending",  "asked",    "replied",  "no_reply",
                                            "accepted", "declined", "withdrawn"};
static_assert(std::size(state_names) == std::size(all_states));
constexpr std::string_view suggestion_names[] = {"accept", "ask", "decline", "wait", "check", "none"};
static_assert(std::size(suggestion_names) == std::size(all_suggestions));
constexpr std::string_view decision_names[] = {"accept", "decline", "spam"};
static_assert(static_cast<std::size_t>(Decision::spam) + 1 == std::size(decision_names));

} // namespace

std::string_view state_name(State s)
{
  return enum_name(s, state_names);
}

std::optional<State> parse_state(std::string_view name)
{
  return parse_enum<State>(name, state_names);
}

std::string_view suggestion_name(Suggestion s)
{
  return enum_name(s, suggestion_names);
}

std::optional<Suggestion> parse_suggestion(std::string_view name)
{
  return parse_enum<Suggestion>(name, suggestion_names);
}

std::string_view decision_name(Decision d)
{
  return enum_name(d, decision_names);
}

std::optional<Decision> parse_decision(std::string_view name)
{
  return parse_enum<Decision>(name, decision_names);
}

Timeline timeline(const Facts& f)
{
  Timeline t;
  std::vector<MessageStamp> messages = f.messages;
  std::sort(messages.begin(), messages.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
  bool owner_wrote = false, other_wrote = false;
  for (const auto& m : messages) (m.from_owner ? owner_wrote : other_wrote) = true;
  t.mutual_messages = owner_wrote && other_wrote;
  if (f.direction != Direction::incoming) return t;

  // Accepted when: the outcome's time, or the decision to accept (its time is not kept here: no limit then).
  const bool accepted = f.outcome == Outcome::accepted && f.outcome_at.has_value();
  const datetime::UnixSeconds accepted_at = accepted ? *f.outcome_at : 0;
  if (!f.acceptance_known && !accepted && f.decision != Decision::accept) {
    // The invitation's note shows among the messages too; "Thanks for accepting" written in it precedes any answer.
    const std::string note = classify::fold(f.text);
    for (const auto& m : messages) {
      if (m.at < f.sent_at || (!m.from_owner && !note.empty() && classify::fold(m.text) == note)) continue;
      if (reads_as_connected(m.text, m.from_owner)) {
        t.connected_at = m.at;
        break;
      }
    }
  }
  for (const auto& m : messages) {
    if (!m.from_owner || m.at < f.sent_at) continue;
    if (accepted && m.at >= accepted_at) break;
    if (t.connected_at && m.at >= *t.connected_at) break;
    t.asked_at = m.at;
    break;
  }
  if (f.recorded_ask && (!t.asked_at || *f.recorded_ask < *t.asked_at)) t.asked_at = f.recorded_ask;
  if (t.asked_at) {
    for (const auto& m : messages) {
      if (!m.from_owner && m.at > *t.asked_at) {
        t.replied_at = m.at;
        break;
      }
    }
  }
  if (f.recorded_reply && (!t.replied_at || *f.recorded_reply < *t.replied_at)) t.replied_at = f.recorded_reply;
  return t;
}

namespace {

// A built-in policy's rule: `id` a message id whose {} is the policy's name ("{} policy: spam is declined").
Rule rule(Suggestion s, std::string_view policy, const char* id)
{
  Rule r;
  r.suggest = s;
  r.why = Message(id, std::string(policy));
  r.origin = r.why.english();
  return r;
}

Rule with_labels(Rule r, std::vector<classify::Label> labels)
{
  r.labels = std::move(labels);
  return r;
}

Rule with_states(Rule r, std::vector<State> states)
{
  r.states = std::move(states);
  return r;
}

} // namespace

std::optional<Policy> builtin_policy(std::string_view name)
{
  using classify::Label;
  Policy p;
  p.name = std::string(name);
  const Rule spam = with_labels(rule(Suggestion::decline, name, N_("{} policy: spam is declined")), {Label::spam});
  const Rule personal =
      with_labels(rule(Suggestion::accept, name, N_("{} policy: a personal note is accepted")), {Label::personalized});
  if (name == "ask") {
    p.rules = {
        spam,
        personal,
        with_states(rule(Suggestion::accept, name, N_("{} policy: they replied, accept")), {State::replied}),
        with_states(rule(Suggestion::decline, name, N_("{} policy: no reply by the deadline, decline")),
                    {State::no_reply}),
        with_states(rule(Suggestion::wait, name, N_("{} policy: asked, waiting for the reply")), {State::asked}),
        rule(Suggestion::ask, name, N_("{} policy: no personal note, ask why")),
    };
  } else if (name == "strict") {
    p.rules = {spam, personal, rule(Suggestion::decline, name, N_("{} policy: no personal note, decline"))};
  } else if (name == "open") {
    p.rules = {spam, rule(Suggestion::accept, name, N_("{} policy: everything but spam is accepted"))};
  } else {
    return std::nullopt;
  }
  return p;
}

namespace {

bool matches(const Rule& r, const Facts& f, State state, const Timeline& t, datetime::UnixSeconds now,
             const std::string& folded_text)
{
  if (!r.labels.empty() && std::find(r.labels.begin(), r.labels.end(), f.label) == r.labels.end()) return false;
  if (!r.languages.empty() && std::find(r.languages.begin(), r.languages.end(), f.language) == r.languages.end())
    return false;
  if (!r.states.empty() && std::find(r.states.begin(), r.states.end(), state) == r.states.end()) return false;
  const std::int64_t days = now >= f.sent_at ? (now - f.sent_at) / 86400 : 0;
  if (r.days_waiting_at_least && days < *r.days_waiting_at_least) return false;
  if (r.days_waiting_at_most && days > *r.days_waiting_at_most) return false;
  if (r.replied && *r.replied != t.replied_at.has_value()) return false;
  if (r.mutual_messages && *r.mutual_messages != t.mutual_messages) return false;
  if (!r.text_contains.empty()) {
    const std::string padded = " " + folded_text + " ";
    bool any = false;
    for (const auto& needle : r.text_contains) any = any || padded.find(" " + needle + " ") != std::string::npos;
    if (!any) return false;
  }
  return true;
}

} // namespace

State state_of(Direction direction, std::optional<Decision> decision, std::optional<Outcome> outcome, bool asked,
               bool replied, bool deadline_passed)
{
  if (decision == Decision::accept || outcome == Outcome::accepted) return State::accepted;
  if (decision == Decision::decline || decision == Decision::spam) return State::declined;
  if (outcome == Outcome::withdrawn) return State::withdrawn;
  if (direction == Direction::outgoing) return State::pending;
  if (replied) return State::replied;
  if (asked) return deadline_passed ? State::no_reply : State::asked;
  return State::pending;
}

Evaluation evaluate(const Facts& f, const Policy& policy, datetime::UnixSeconds now, std::int64_t deadline_seconds)
{
  return evaluate(f, timeline(f), policy, now, deadline_seconds);
}

Evaluation evaluate(const Facts& f, const Timeline& t, const Policy& policy, datetime::UnixSeconds now,
                    std::int64_t deadline_seconds)
{
  Evaluation e;
  e.timeline = t;
  if (e.timeline.asked_at) e.deadline = *e.timeline.asked_at + deadline_seconds;

  e.state = state_of(f.direction, f.decision, f.outcome, e.timeline.asked_at.has_value(),
                     e.timeline.replied_at.has_value(), e.deadline && now > *e.deadline);

  if (f.direction == Direction::outgoing) {
    e.suggestion = Suggestion::none;
    e.why = Message(N_("your own invitation"));
    return e;
  }
  if (e.state == State::accepted || e.state == State::declined || e.state == State::withdrawn) {
    e.suggestion = Suggestion::none;
    e.why = Message(e.state == State::accepted   ? N_("already accepted")
                    : e.state == State::declined ? N_("already declined")
                                                 : N_("already withdrawn"));
    return e;
  }
  if (e.timeline.connected_at && !e.timeline.asked_at) {
    // Acceptance unknown, and you talk as connections do: never an ask at someone probably connected; accepting
    // records what most likely happened (and a decision makes it known).
    e.suggestion = Suggestion::accept;
    e.why = Message(N_("probably connected already: a message reads as after accepting (acceptance unknown without "
                       "Connections.csv)"));
    return e;
  }
  const std::string folded = classify::fold(f.text);
  for (const Rule& r : policy.rules) {
    if (matches(r, f, e.state, e.timeline, now, folded)) {
      e.suggestion = r.suggest;
      e.why = r.why;
      // No decision on a guess: a rule chosen by the label waits until the label is checked.
      if (!r.labels.empty() && f.label_uncertain && r.suggest != Suggestion::wait && r.suggest != Suggestion::none) {
        e.suggestion = Suggestion::check;
        e.why = Message(N_("{}, but the label is a guess: check it first"), r.why);
      }
      return e;
    }
  }
  e.suggestion = Suggestion::wait;
  e.why = Message(N_("no rule matched"));
  return e;
}

} // namespace motivo::protocol
