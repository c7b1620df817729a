#include <motivo/app/ids.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/words.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/protocol/messages.hpp>
#include <motivo/core/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <termios.h>

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace motivo::cli {

namespace {

// Single keys without Enter while triage runs; the terminal is restored however it ends.
class RawKeys {
public:
  RawKeys()
  {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios raw = saved_;
    raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    active_ = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
  }
  ~RawKeys() { restore(); }
  void restore()
  {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
    active_ = false;
  }
  void resume()
  {
    RawKeys again;
    std::swap(active_, again.active_);
    saved_ = again.saved_;
    again.active_ = false;
  }
  int key()
  {
    unsigned char c = 0;
    return ::read(STDIN_FILENO, &c, 1) == 1 ? c : -1;
  }

private:
  termios saved_{};
  bool active_ = false;
};

void show(const app::InvitationStatus& st, const std::vector<store::MessageView>& messages, std::size_t index,
          std::size_t total)
{
  const auto& v = st.invitation;
  fmt::print("\n[{}/{}]  {}  {}  {}\n", index + 1, total, app::invitation_id(v.id), v.from,
             datetime::format_iso(v.sent_at).substr(0, 16));
  fmt::print(fmt::runtime(tr("  note:       {}\n")),
             v.message.empty() ? std::string(tr("(none)")) : text::collapse_spaces(v.message));
  fmt::print(fmt::runtime(tr("  label:      {}{} ({})\n")), label_word(v), v.label_by_user ? tr(" (yours)") : "",
             v.language);
  if (app::label_needs_check(v))
    fmt::print(fmt::runtime(tr("              check this one: motivo is only {:.0f}% sure of this label\n")),
               *v.confidence * 100);
  for (const auto& r : classify::translate_reasons(app::reasons_shown(v), user_language()))
    fmt::print("              - {}\n", r);
  fmt::print(fmt::runtime(tr("  state:      {}\n")), state_word(st.evaluation.state));
  fmt::print(fmt::runtime(tr("  suggestion: {}  ({})\n")), suggestion_word(st.evaluation.suggestion),
             classify::translate_reason(st.evaluation.why, user_language()));
  if (!messages.empty()) {
    fmt::print("{}", tr("  messages:\n"));
    for (const auto& m : messages)
      fmt::print("    {} {}: {}\n", datetime::format_iso(m.at).substr(0, 16), m.from_owner ? tr("you") : tr("them"),
                 text::collapse_spaces(m.content).substr(0, 200));
  }
}

} // namespace

std::function<int()> setup_triage(CLI::App& app, Context& context)
{
  app.add_flag("--json", context.json, "print the queue as JSON (as invitations --json) and exit");
  return [&context]() -> int {
    // Without a terminal (or with --json) triage only shows the queue: nothing is recorded.
    const bool interactive = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO) && !context.json;
    context.read_only = !interactive;
    app::InvitationFilter undecided;
    undecided.direction = Direction::incoming;
    undecided.undecided = true;
    const auto queue = app::list_invitations(context.store(), context.user_id(), undecided, context.policy_in_force(),
                                             context.config(), context.now());
    if (context.json) {
      fmt::print("{}\n", app::invitations_json(queue, 2));
      return 0;
    }
    if (!interactive) {
      // No terminal: the queue, one line each, and nothing recorded.
      for (const auto& st : queue)
        fmt::print("{:>7}  {:<8}  {:<9}  {:<13}  {}\n", app::invitation_id(st.invitation.id),
                   protocol::suggestion_name(st.evaluation.suggestion), protocol::state_name(st.evaluation.state),
                   std::string(app::label_word(st.invitation)) + (app::label_needs_check(st.invitation) ? "?" : ""),
                   st.invitation.from);
      if (queue.empty()) fmt::print("{}", tr("Nothing to triage.\n"));
      return 0;
    }
    fmt::print(fmt::runtime(trn("{} invitation to triage.", "{} invitations to triage.", queue.size())), queue.size());
    fmt::print("{}", tr(" Keys: [a]ccept [d]ecline as[k] [s]pam [n]ote [space] skip [q]uit\n"));
    RawKeys keys;
    for (std::size_t i = 0; i < queue.size(); ++i) {
      const auto& st = queue[i];
      const auto& v = st.invitation;
      const auto messages = app::recent_messages(context.store(), v, 5);
      show(st, messages, i, queue.size());
      for (;;) {
        fmt::print("> ");
        std::fflush(stdout);
        const int k = keys.key();
        fmt::print("{}\n", k > 32 && k < 127 ? static_cast<char>(k) : ' ');
        if (k == 'q' || k == -1 || k == 4) return 0;
        if (k == ' ' || k == '\n' || k == 'j') break;
        if (k == 'a' || k == 'd' || k == 's') {
          const auto d = k == 'a'   ? protocol::Decision::accept
                         : k == 'd' ? protocol::Decision::decline
                                    : protocol::Decision::spam;
          app::decide(context.store(), context.user_id(), v.id, d, context.now());
          fmt::print("  recorded: {}\n", protocol::decision_name(d));
          break;
        }
        if (k == 'k') {
          const std::string text =
              app::render_ask(context.store(), context.config(), v, context.local_hour(), context.config_location())
                  .text;
          context.store().record_ask(v.id, context.now(), text);
          fmt::print("\n{}\n\n  recorded as asked: paste it into a message to {}\n", text, v.from);
          break;
        }
        if (k == 'n') {
          keys.restore();
          fmt::print("{}", tr("why we connected: "));
          std::fflush(stdout);
          std::string line;
          std::getline(std::cin, line);
          keys.resume();
          if (!line.empty() && v.other_person) {
            context.store().add_person_note(*v.other_person, line, context.now());
            fmt::print("  note kept\n");
          }
          continue;
        }
        fmt::print("  keys: a accept, d decline, k ask, s spam, n note, space skip, q quit\n");
      }
    }
    fmt::print("{}", tr("\nQueue done.\n"));
    return 0;
  };
}

} // namespace motivo::cli
