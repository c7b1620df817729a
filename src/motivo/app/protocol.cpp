#include <motivo/app/protocol.hpp>

#include <motivo/core/protocol/messages.hpp>

namespace motivo::app {

protocol::Facts facts_of(store::Store& store, const store::InvitationView& v)
{
  protocol::Facts f;
  f.direction = v.direction;
  f.label = classify::parse_label(v.label).value_or(classify::Label::empty);
  f.language = v.language;
  f.text = v.message;
  f.sent_at = v.sent_at;
  f.outcome = v.outcome;
  f.outcome_at = v.outcome_at;
  if (!v.decision.empty()) f.decision = protocol::parse_decision(v.decision);
  f.recorded_ask = v.recorded_ask;
  // Asks and replies matter for received invitations only.
  if (v.other_person && v.direction == Direction::incoming) f.messages = store.messages_with(v.owner, *v.other_person);
  return f;
}

std::vector<InvitationStatus> invitation_statuses(store::Store& store, const store::InvitationQuery& query,
                                                  const protocol::Policy& policy, const protocol::Config& config,
                                                  datetime::UnixSeconds now)
{
  std::vector<InvitationStatus> out;
  for (auto& v : store.invitations(query)) {
    const protocol::Facts facts = facts_of(store, v);
    protocol::Evaluation e = protocol::evaluate(facts, policy, now, config.deadline_days * 86400);
    out.push_back({std::move(v), std::move(e)});
  }
  return out;
}

RenderedAsk render_ask(const protocol::Config& config, const store::InvitationView& invitation, int local_hour,
                       const std::string& config_source, const std::string& language)
{
  RenderedAsk out;
  out.language = language.empty() ? protocol::message_language(invitation.language, config.language) : language;
  protocol::MessageValues values;
  values.first_name = protocol::first_name(invitation.from);
  values.my_name = config.my_name;
  values.my_link = config.my_link;
  values.local_hour = local_hour;
  out.text = protocol::render_message(protocol::message_template("ask", out.language, config.templates), values,
                                      out.language, config_source);
  return out;
}

} // namespace motivo::app
