// motivo show: one invitation whole.
#include <motivo/app/detail.hpp>
#include <motivo/app/ids.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/words.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace motivo::cli {

namespace {

std::string minute(datetime::UnixSeconds t)
{
  return datetime::format_iso(t).substr(0, 16);
}

void print_head(const app::InvitationStatus& st)
{
  const store::InvitationView& v = st.invitation;
  const protocol::Evaluation& e = st.evaluation;
  fmt::print("{}  {} → {}  {}\n", app::invitation_id(v.id), v.from, v.to, minute(v.sent_at));
  const std::string& url = v.direction == Direction::incoming ? v.from_url : v.to_url;
  if (!url.empty()) fmt::print("  {}\n", url);
  fmt::print(fmt::runtime(tr("  note:       {}\n")), v.message.empty() ? std::string(tr("(none)")) : v.message);
  fmt::print(fmt::runtime(tr("  label:      {}{} ({})\n")), label_word(v), v.label_by_user ? tr(" (yours)") : "",
             v.language);
  for (const auto& r : classify::translate_reasons(app::reasons_shown(v), user_language()))
    fmt::print("              - {}\n", r);
  fmt::print(fmt::runtime(tr("  state:      {}\n")), state_word(e.state));
  if (e.timeline.asked_at) fmt::print(fmt::runtime(tr("              asked {}\n")), minute(*e.timeline.asked_at));
  if (e.timeline.replied_at)
    fmt::print(fmt::runtime(tr("              replied {}\n")), minute(*e.timeline.replied_at));
  else if (e.deadline)
    fmt::print(fmt::runtime(tr("              reply awaited until {}\n")), minute(*e.deadline));
  if (v.outcome_at) fmt::print(fmt::runtime(tr("              settled {}\n")), minute(*v.outcome_at));
  if (v.decision)
    fmt::print(fmt::runtime(tr("  decision:   {} ({})\n")), protocol::decision_name(*v.decision),
               v.decision_at ? minute(*v.decision_at) : std::string());
  fmt::print(fmt::runtime(tr("  suggestion: {}  ({})\n")), suggestion_word(e.suggestion), e.why.in(user_language()));
}

void print_detail(const app::InvitationDetail& d)
{
  print_head(d.status);
  if (!d.messages.empty()) {
    fmt::print("{}", tr("  messages:\n"));
    for (const auto& m : d.messages)
      fmt::print("    {} {}: {}\n", minute(m.at), m.from_owner ? tr("you") : tr("them"),
                 text::collapse_spaces(m.content));
  }
  if (!d.recorded.empty()) {
    fmt::print("{}", tr("  recorded by you:\n"));
    for (const auto& r : d.recorded)
      fmt::print("    {} {}: {}\n", minute(r.at), r.kind == store::ActionKind::ask ? tr("ask") : tr("their reply"),
                 r.text.empty() ? std::string(tr("(no text)")) : text::collapse_spaces(r.text));
  }
  if (d.person && !d.person->notes.empty()) {
    fmt::print(fmt::runtime(tr("  your notes on {}:\n")), app::person_id(d.person->id));
    for (const auto& n : d.person->notes) fmt::print("    - {}\n", n);
  }
}

} // namespace

std::function<int()> setup_show(CLI::App& app, Context& context)
{
  auto id = std::make_shared<std::string>();
  app.add_option("id", *id, "the invitation (i21, or p21 / c21 for the one that person sent you)")->required();
  app.add_flag("--json", context.json, "print as JSON (an element of invitations --json, and more)");
  return [id, &context]() -> int {
    context.read_only = true;
    const std::int64_t n = app::invitation_named(context.store(), context.user_id(), *id).id;
    const app::InvitationDetail d = app::invitation_detail(context.store(), context.user_id(), n,
                                                           context.policy_in_force(), context.config(), context.now());
    if (context.json)
      fmt::print("{}\n", app::invitation_detail_json(d, 2));
    else
      print_detail(d);
    return 0;
  };
}

} // namespace motivo::cli
