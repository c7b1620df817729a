#include <motivo/cli/i18n.hpp>
#include <motivo/cli/words.hpp>

#include <fmt/format.h>

#include <string>

namespace motivo::cli {

std::string state_word(protocol::State state)
{
  switch (state) {
  case protocol::State::pending: return trp("state", "pending");
  case protocol::State::asked: return trp("state", "asked");
  case protocol::State::replied: return trp("state", "replied");
  case protocol::State::no_reply: return trp("state", "no reply");
  case protocol::State::accepted: return trp("state", "accepted");
  case protocol::State::declined: return trp("state", "declined");
  case protocol::State::withdrawn: return trp("state", "withdrawn");
  }
  return std::string(protocol::state_name(state));
}

std::string suggestion_word(protocol::Suggestion suggestion)
{
  switch (suggestion) {
  case protocol::Suggestion::accept: return trp("suggestion", "accept");
  case protocol::Suggestion::ask: return trp("suggestion", "ask");
  case protocol::Suggestion::decline: return trp("suggestion", "decline");
  case protocol::Suggestion::wait: return trp("suggestion", "wait");
  case protocol::Suggestion::check: return trp("suggestion", "check");
  case protocol::Suggestion::none: return {};
  }
  return std::string(protocol::suggestion_name(suggestion));
}

std::string label_word(const store::InvitationView& v)
{
  return v.label ? label_word(*v.label) : std::string();
}

std::string label_word(classify::Label label)
{
  switch (label) {
  case classify::Label::empty: return trp("label", "empty");
  case classify::Label::default_text: return trp("label", "default");
  case classify::Label::template_text: return trp("label", "template");
  case classify::Label::spam: return trp("label", "spam");
  case classify::Label::personalized: return trp("label", "personalized");
  }
  return std::string(classify::label_name(label));
}

void print_now(const protocol::Evaluation& e)
{
  if (e.suggestion == protocol::Suggestion::none)
    fmt::print(fmt::runtime(tr("  now: {}\n")), state_word(e.state));
  else
    fmt::print(fmt::runtime(tr("  now: {}, suggestion {}\n")), state_word(e.state), suggestion_word(e.suggestion));
}

} // namespace motivo::cli
