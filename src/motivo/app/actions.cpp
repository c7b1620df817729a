#include <motivo/app/actions.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/text.hpp>

#include <algorithm>
#include <set>

namespace motivo::app {

namespace {

using Kind = Refusal::Kind;

bool needs_action(protocol::Suggestion s)
{
  return s == protocol::Suggestion::accept || s == protocol::Suggestion::ask || s == protocol::Suggestion::decline;
}

} // namespace

std::optional<Refusal> why_no_reply(const store::InvitationView& v)
{
  if (v.direction != Direction::incoming)
    return Refusal(Kind::invalid,
                   Message(N_("invitation {} is one you sent: replies are recorded on received ones"), v.id));
  if (v.outcome == Outcome::accepted)
    return Refusal(Kind::conflict,
                   Message(N_("invitation {} is accepted already: {} is your connection"), v.id, v.from));
  if (v.decision)
    return Refusal(Kind::conflict, Message(N_("invitation {} is decided already ({}): take the decision back first "
                                              "(motivo decide i{} --undo)"),
                                           v.id, std::string(protocol::decision_name(*v.decision)), v.id));
  if (v.outcome == Outcome::withdrawn)
    return Refusal(Kind::conflict, Message(N_("invitation {} was withdrawn (or ignored): nobody to hear from"), v.id));
  return std::nullopt;
}

store::InvitationView record_reply(store::Store& store, Scope scope, std::int64_t id, const ReplyRequest& request)
{
  const store::InvitationView v = find_invitation(store, scope, id);
  check_version(v, request.seen);
  if (auto why = why_no_reply(v)) throw *why;
  const datetime::UnixSeconds at = request.at.value_or(request.now);
  if (at < v.sent_at)
    throw Refusal(Kind::invalid, Message(N_("the reply's time {} is before the invitation was sent ({})"),
                                         quote_value(datetime::format_iso(at)), datetime::format_iso(v.sent_at)));
  if (at > request.now)
    throw Refusal(Kind::invalid, Message(N_("the reply's time {} is in the future (it is {} now)"),
                                         quote_value(datetime::format_iso(at)), datetime::format_iso(request.now)));
  if (!store.record_reply(id, at, request.text, request.now, versions_of(id, request.seen)))
    throw Refusal(Kind::not_found, Message(N_("no invitation with id {}"), id));
  refresh_timelines(store);
  return find_invitation(store, scope, id);
}

store::InvitationView keep_note(store::Store& store, Scope scope, std::int64_t id, const std::string& note,
                                datetime::UnixSeconds now, const SeenVersion& seen)
{
  const store::InvitationView v = find_invitation(store, scope, id); // another member's: not found
  if (text::trim(note).empty()) throw Refusal(Kind::invalid, std::string("the note is empty"));
  if (!v.other_person) throw Refusal(Kind::invalid, Message(N_("invitation {} names no person to keep a note on"), id));
  check_version(v, seen);
  if (!store.record_note(id, *v.other_person, note, now, versions_of(id, seen)))
    throw Refusal(Kind::not_found, Message(N_("no invitation with id {}"), id));
  return find_invitation(store, scope, id);
}

Undone undo(store::Store& store, Scope scope, std::int64_t id, const SeenVersion& seen)
{
  check_version(find_invitation(store, scope, id), seen); // another member's: not found
  const std::optional<store::UndoneAction> action = store.undo_last(id, versions_of(id, seen));
  if (!action)
    throw Refusal(
        Kind::conflict,
        Message(N_("nothing to undo on invitation {}: no decision, ask, reply or note of yours is recorded (what an "
                   "export or mail says is never undone)"),
                id));
  refresh_timelines(store);
  return {find_invitation(store, scope, id), *action};
}

std::optional<Refusal> decision_refusal(const store::InvitationView& v, protocol::Decision decision)
{
  if (v.direction != Direction::incoming)
    return Refusal(Kind::invalid, Message(N_("invitation {} is one you sent: only received ones are decided"), v.id));
  if (auto why = why_no_decision(v, decision)) return Refusal(Kind::conflict, *why);
  return std::nullopt;
}

BulkDecision decide_many(store::Store& store, Scope scope, const std::vector<std::int64_t>& ids,
                         protocol::Decision decision, datetime::UnixSeconds now, const store::Versions& seen)
{
  BulkDecision out;
  out.decision = decision;
  std::vector<store::InvitationView> found;
  std::set<std::int64_t> looked_up;
  for (const std::int64_t id : ids) { // one not in scope: a refusal, nothing recorded
    if (looked_up.insert(id).second) found.push_back(find_invitation(store, scope, id));
  }
  for (const auto& v : found) {
    if (const auto it = seen.find(v.id); it != seen.end()) check_version(v, it->second);
  }
  std::vector<std::int64_t> to_record;
  for (auto& v : found) {
    if (auto why = decision_refusal(v, decision)) {
      out.refused.push_back({std::move(v), why->kind(), why->message()});
    } else if (v.decision == decision) {
      out.unchanged.push_back(std::move(v));
    } else {
      to_record.push_back(v.id);
      out.applied.push_back(std::move(v));
    }
  }
  // Spam is a decline that also labels the note spam (the user's label, kept when motivo reclassifies).
  const bool spam = decision == protocol::Decision::spam;
  if (!to_record.empty()) {
    store.record_decisions(to_record, decision, now, spam ? std::optional(classify::Label::spam) : std::nullopt, seen);
    refresh_timelines(store);
  }
  return out;
}

std::vector<InvitationStatus> suggested(store::Store& store, Scope scope, protocol::Suggestion suggestion,
                                        const protocol::Policy& policy, const protocol::Config& config,
                                        datetime::UnixSeconds now)
{
  InvitationFilter filter;
  filter.direction = Direction::incoming;
  filter.undecided = true;
  filter.suggestion = suggestion;
  return list_invitations(store, scope, filter, policy, config, now);
}

Queue triage_queue(store::Store& store, Scope scope, const protocol::Policy& policy, const protocol::Config& config,
                   datetime::UnixSeconds now)
{
  InvitationFilter undecided;
  undecided.direction = Direction::incoming;
  undecided.undecided = true;
  Queue q;
  q.items = list_invitations(store, scope, undecided, policy, config, now);
  std::stable_partition(q.items.begin(), q.items.end(),
                        [](const InvitationStatus& s) { return needs_action(s.evaluation.suggestion); });
  for (const auto& s : q.items) {
    switch (s.evaluation.suggestion) {
    case protocol::Suggestion::accept: ++q.to_accept; break;
    case protocol::Suggestion::ask: ++q.to_ask; break;
    case protocol::Suggestion::decline: ++q.to_decline; break;
    default: ++q.waiting; break;
    }
  }
  return q;
}

InvitationStatus invitation_status(store::Store& store, Scope scope, std::int64_t id, const protocol::Policy& policy,
                                   const protocol::Config& config, datetime::UnixSeconds now)
{
  store::InvitationQuery query;
  query.id = id;
  query.user = scope;
  auto list = invitation_statuses(store, query, policy, config, now);
  if (list.empty()) throw Refusal(Kind::not_found, Message(N_("no invitation with id {}"), id));
  return std::move(list.front());
}

} // namespace motivo::app
