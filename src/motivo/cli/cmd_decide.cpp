// motivo decide: one invitation, several, or every one with a suggestion; and --undo.
#include <motivo/app/actions.hpp>
#include <motivo/app/ids.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/words.hpp>
#include <motivo/core/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cctype>
#include <iostream>
#include <unistd.h>

namespace motivo::cli {

namespace {

struct DecideOptions {
  std::vector<std::string> words; // the decision and the ids, in any order
  bool undo = false;
  std::string suggestion;
  bool yes = false;
};

// The words split into the decision (accept, decline, spam) and the invitations named.
struct Parsed {
  std::vector<protocol::Decision> decisions;
  std::vector<std::string> ids;
};

Parsed parse_words(const std::vector<std::string>& words)
{
  Parsed p;
  for (const auto& w : words) {
    if (const auto d = protocol::parse_decision(w))
      p.decisions.push_back(*d);
    else
      p.ids.push_back(w);
  }
  return p;
}

void print_single(const store::InvitationView& before, protocol::Decision decision)
{
  const std::string name(protocol::decision_name(decision));
  if (before.decision && *before.decision != decision)
    fmt::print(fmt::runtime(tr("invitation {} from {}: {} (it was {})\n")), app::invitation_id(before.id), before.from,
               name, protocol::decision_name(*before.decision));
  else
    fmt::print(fmt::runtime(tr("invitation {} from {}: {}\n")), app::invitation_id(before.id), before.from, name);
  if (decision == protocol::Decision::accept)
    fmt::print("{}", tr("Accept it on LinkedIn too; motivo only records what you decided.\n"));
}

// What was taken back, and where the invitation stands now.
void print_undone(const app::Undone& u, const app::InvitationStatus& now)
{
  const std::string id = app::invitation_id(u.invitation.id);
  const std::string when = datetime::format_iso(u.action.at).substr(0, 16);
  switch (u.action.kind) {
  case store::ActionKind::decision:
    if (u.action.restored)
      fmt::print(fmt::runtime(tr("invitation {} from {}: your decision {} is taken back; {} again, as before\n")), id,
                 u.invitation.from, protocol::decision_name(*u.action.decision),
                 protocol::decision_name(*u.action.restored));
    else
      fmt::print(fmt::runtime(tr("invitation {} from {}: your decision {} is taken back; undecided again\n")), id,
                 u.invitation.from, u.action.decision ? protocol::decision_name(*u.action.decision) : "");
    break;
  case store::ActionKind::ask:
    fmt::print(fmt::runtime(tr("invitation {} from {}: the ask recorded at {} is taken back\n")), id, u.invitation.from,
               when);
    break;
  case store::ActionKind::reply:
    fmt::print(fmt::runtime(tr("invitation {} from {}: the reply recorded for {} is taken back\n")), id,
               u.invitation.from, when);
    break;
  case store::ActionKind::note:
    fmt::print(fmt::runtime(tr("invitation {} from {}: the note kept at {} is taken back: {}\n")), id,
               u.invitation.from, when, u.action.text);
    break;
  }
  print_now(now.evaluation);
}

int run_undo(Context& context, const Parsed& words)
{
  if (!words.decisions.empty() || words.ids.size() != 1)
    throw UsageError(Message(N_("--undo takes one invitation and no decision (motivo decide i21 --undo)")));
  const std::int64_t id = app::invitation_named(context.store(), context.user_id(), words.ids.front()).id;
  const app::Undone u = app::undo(context.store(), context.user_id(), id);
  const app::InvitationStatus now = app::invitation_status(context.store(), context.user_id(), id,
                                                           context.policy_in_force(), context.config(), context.now());
  if (context.json)
    fmt::print("{}\n", app::undo_json(u.action, now, 2));
  else
    print_undone(u, now);
  return 0;
}

// Deciding every invitation a suggestion selects is confirmed first: on a terminal the user answers y; a script
// says --yes beforehand; without a terminal and without --yes nothing is recorded (exit 2).
void confirm(const std::vector<app::InvitationStatus>& chosen, protocol::Decision decision, bool yes)
{
  if (yes) return;
  fmt::print(stderr, fmt::runtime(trn("{} invitation is chosen:\n", "{} invitations are chosen:\n", chosen.size())),
             chosen.size());
  for (const auto& st : chosen)
    fmt::print(stderr, "  {:>7}  {}  ({})\n", app::invitation_id(st.invitation.id), st.invitation.from,
               st.evaluation.why.in(user_language()));
  if (!::isatty(STDIN_FILENO))
    throw UsageError(Message(
        N_("deciding {} invitations at once needs confirmation: give --yes (no terminal to ask on)"), chosen.size()));
  fmt::print(stderr, fmt::runtime(tr("Record {} on these {}? [y/N] ")), protocol::decision_name(decision),
             chosen.size());
  std::fflush(stderr);
  std::string answer;
  std::getline(std::cin, answer);
  std::string reply(text::trim(answer));
  for (char& c : reply) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (reply != "y" && reply != "yes" && reply != tr("yes")) throw InputError(Message(N_("nothing decided")));
}

void print_bulk(const app::BulkDecision& b)
{
  const std::string name(protocol::decision_name(b.decision));
  fmt::print(fmt::runtime(trn("{}: {} invitation recorded\n", "{}: {} invitations recorded\n", b.applied.size())), name,
             b.applied.size());
  for (const auto& v : b.applied) {
    if (v.decision)
      fmt::print(fmt::runtime(tr("  {:>7}  {} (it was {})\n")), app::invitation_id(v.id), v.from,
                 protocol::decision_name(*v.decision));
    else
      fmt::print("  {:>7}  {}\n", app::invitation_id(v.id), v.from);
  }
  if (!b.unchanged.empty())
    fmt::print(fmt::runtime(trn("{} invitation had that decision already\n",
                                "{} invitations had that decision already\n", b.unchanged.size())),
               b.unchanged.size());
  if (!b.refused.empty())
    fmt::print(stderr,
               fmt::runtime(trn("{} invitation refused, nothing recorded on it:\n",
                                "{} invitations refused, nothing recorded on them:\n", b.refused.size())),
               b.refused.size());
  for (const auto& r : b.refused)
    fmt::print(stderr, "  {:>7}  {}: {}\n", app::invitation_id(r.invitation.id), r.invitation.from,
               r.why.in(user_language()));
}

int run_bulk(Context& context, const DecideOptions& o, const Parsed& words)
{
  const protocol::Decision decision = words.decisions.front();
  std::vector<std::int64_t> ids;
  if (!o.suggestion.empty()) {
    const auto chosen = app::suggested(context.store(), context.user_id(), *protocol::parse_suggestion(o.suggestion),
                                       context.policy_in_force(), context.config(), context.now());
    if (chosen.empty()) {
      fmt::print(fmt::runtime(tr("No invitation to decide is suggested {}.\n")), o.suggestion);
      return 0;
    }
    confirm(chosen, decision, o.yes);
    for (const auto& st : chosen) ids.push_back(st.invitation.id);
  } else {
    for (const auto& w : words.ids) ids.push_back(app::invitation_named(context.store(), context.user_id(), w).id);
  }
  const app::BulkDecision b = app::decide_many(context.store(), context.user_id(), ids, decision, context.now());
  if (context.json)
    fmt::print("{}\n", app::bulk_decision_json(b, 2, user_language()));
  else
    print_bulk(b);
  return b.refused.empty() ? 0 : 1;
}

} // namespace

std::function<int()> setup_decide(CLI::App& app, Context& context)
{
  auto o = std::make_shared<DecideOptions>();
  // Named `invitation` with the decisions as its choices: the completions offer both ids and decisions here.
  app.add_option("invitation", o->words,
                 "accept, decline or spam (a decline that also labels the note spam), and the invitations (their ids "
                 "in `motivo invitations`, such as i21), in either order")
      ->type_name("DECISION|ID:{accept,decline,spam}")
      ->required();
  app.add_flag("--undo", o->undo, "take back the last decision, ask or reply you recorded on the invitation");
  app.add_option("--suggestion", o->suggestion, "decide every invitation still to decide with this suggestion")
      ->check(CLI::IsMember({"accept", "ask", "decline", "wait"}));
  app.add_flag("--yes,-y", o->yes, "do not ask for confirmation (for scripts; without a terminal it is required)");
  app.add_flag("--json", context.json, "print as JSON");
  return [o, &context]() -> int {
    const Parsed words = parse_words(o->words);
    if (o->undo) return run_undo(context, words);
    if (words.decisions.size() != 1)
      throw UsageError(Message(N_("say one decision, accept, decline or spam, with the invitations ({})"),
                               quote_value(fmt::format("{}", fmt::join(o->words, " ")))));
    if (!o->suggestion.empty() && !words.ids.empty())
      throw UsageError(Message(N_("give the invitations or --suggestion, not both")));
    if (o->suggestion.empty() && words.ids.empty())
      throw UsageError(Message(N_("name the invitations to decide (such as i21), or choose them with --suggestion")));
    if (!o->suggestion.empty() || words.ids.size() > 1 || context.json) return run_bulk(context, *o, words);
    const std::int64_t id = app::invitation_named(context.store(), context.user_id(), words.ids.front()).id;
    const store::InvitationView before =
        app::decide(context.store(), context.user_id(), id, words.decisions.front(), context.now());
    print_single(before, words.decisions.front());
    return 0;
  };
}

} // namespace motivo::cli
