#include <motivo/app/actions.hpp>
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
             st.evaluation.why.in(user_language()));
  if (!messages.empty()) {
    fmt::print("{}", tr("  messages:\n"));
    for (const auto& m : messages)
      fmt::print("    {} {}: {}\n", datetime::format_iso(m.at).substr(0, 16), m.from_owner ? tr("you") : tr("them"),
                 text::collapse_spaces(m.content).substr(0, 200));
  }
}

// How many wait for what, on `out`: those needing an action come first in the queue.
void print_summary(std::FILE* out, const app::Queue& q)
{
  fmt::print(out, fmt::runtime(trn("{} invitation to triage.", "{} invitations to triage.", q.items.size())),
             q.items.size());
  if (q.items.empty()) {
    fmt::print(out, "\n");
    return;
  }
  fmt::print(out, fmt::runtime(trn(" {} needs an action", " {} need an action", q.need_action())), q.need_action());
  fmt::print(out, fmt::runtime(tr(" ({} accept, {} ask, {} decline)")), q.to_accept, q.to_ask, q.to_decline);
  fmt::print(out, fmt::runtime(trn("; {} is waiting for a reply.\n", "; {} are waiting for a reply.\n", q.waiting)),
             q.waiting);
}

// Triage on a terminal: one invitation at a time, single keys; `u` takes back the last action of this session (or,
// before any, the last one recorded on the invitation shown) and shows that invitation again.
class Session {
public:
  Session(Context& context, app::Queue queue) : context_(context), queue_(std::move(queue)) {}

  int run()
  {
    print_summary(stdout, queue_);
    fmt::print("{}", tr(" Keys: [a]ccept [d]ecline as[k] [s]pam [r]eplied [u]ndo [n]ote [space] skip [q]uit\n"));
    for (std::size_t i = 0; i < queue_.items.size();) {
      if (i == queue_.need_action() && i > 0 && queue_.waiting > 0)
        fmt::print("{}", tr("\nThe rest are waiting for a reply.\n"));
      const auto& st = queue_.items[i];
      show(st, app::recent_messages(context_.store(), st.invitation, 5), i, queue_.items.size());
      const std::optional<std::size_t> next = keys_for(i);
      if (!next) return 0;
      i = *next;
    }
    fmt::print("{}", tr("\nQueue done.\n"));
    return 0;
  }

private:
  // Reads keys until one moves on: the index to show next, or nullopt to quit.
  std::optional<std::size_t> keys_for(std::size_t i)
  {
    for (;;) {
      fmt::print("> ");
      std::fflush(stdout);
      const int k = keys_.key();
      fmt::print("{}\n", k > 32 && k < 127 ? static_cast<char>(k) : ' ');
      if (k == 'q' || k == -1 || k == 4) return std::nullopt;
      if (k == ' ' || k == '\n' || k == 'j') return i + 1;
      try {
        if (const auto next = act(k, i)) return *next;
      } catch (const app::Refusal& e) {
        fmt::print("  {}\n", message_in(e, user_language()));
      }
    }
  }

  // What key `k` does on invitation `i`: the index to show next, or nullopt to stay.
  std::optional<std::size_t> act(int k, std::size_t i)
  {
    const store::InvitationView& v = queue_.items[i].invitation;
    if (k == 'a' || k == 'd' || k == 's') {
      const auto d = k == 'a'   ? protocol::Decision::accept
                     : k == 'd' ? protocol::Decision::decline
                                : protocol::Decision::spam;
      app::decide(context_.store(), context_.user_id(), v.id, d, context_.now());
      fmt::print("  recorded: {}\n", protocol::decision_name(d));
      return acted(i);
    }
    if (k == 'k') {
      const app::Asked asked = app::ask(context_.store(), context_.user_id(), v.id, context_.config(),
                                        {context_.local_hour(), context_.config_location(), "", false, context_.now()});
      fmt::print(fmt::runtime(tr("\n{}\n\n  recorded as asked: paste it into a message to {}\n")), asked.ask.text,
                 v.from);
      return acted(i);
    }
    if (k == 'r') {
      app::record_reply(context_.store(), context_.user_id(), v.id, {std::nullopt, "", context_.now()});
      fmt::print("{}", tr("  recorded: they replied\n"));
      return acted(i);
    }
    if (k == 'u') return undo(i);
    if (k == 'n') {
      note(v);
      return std::nullopt;
    }
    fmt::print("{}", tr("  keys: a accept, d decline, k ask, s spam, r replied, u undo, n note, space skip, q quit\n"));
    return std::nullopt;
  }

  std::size_t acted(std::size_t i)
  {
    done_.push_back(i);
    return i + 1;
  }

  std::size_t undo(std::size_t i)
  {
    const std::size_t target = done_.empty() ? i : done_.back();
    const auto undone = app::undo(context_.store(), context_.user_id(), queue_.items[target].invitation.id);
    if (!done_.empty()) done_.pop_back();
    fmt::print(fmt::runtime(tr("  taken back: {}\n")), store::to_string(undone.action.kind));
    queue_.items[target] =
        app::invitation_status(context_.store(), context_.user_id(), queue_.items[target].invitation.id,
                               context_.policy_in_force(), context_.config(), context_.now());
    return target;
  }

  void note(const store::InvitationView& v)
  {
    keys_.restore();
    fmt::print("{}", tr("why we connected: "));
    std::fflush(stdout);
    std::string line;
    std::getline(std::cin, line);
    keys_.resume();
    if (!line.empty() && v.other_person) {
      context_.store().add_person_note(*v.other_person, line, context_.now());
      fmt::print("  note kept\n");
    }
  }

  Context& context_;
  app::Queue queue_;
  std::vector<std::size_t> done_; // the invitations acted on in this session, in order
  RawKeys keys_;
};

} // namespace

std::function<int()> setup_triage(CLI::App& app, Context& context)
{
  app.add_flag("--json", context.json, "print the queue as JSON (as invitations --json) and exit");
  return [&context]() -> int {
    // Without a terminal (or with --json) triage only shows the queue: nothing is recorded.
    const bool interactive = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO) && !context.json;
    context.read_only = !interactive;
    app::Queue queue = app::triage_queue(context.store(), context.user_id(), context.policy_in_force(),
                                         context.config(), context.now());
    if (context.json) {
      fmt::print("{}\n", app::invitations_json(queue.items, 2));
      return 0;
    }
    if (interactive) return Session(context, std::move(queue)).run();
    // No terminal: the queue, one line each, and nothing recorded; how many wait for what goes to stderr, so that
    // every line of the output is an invitation.
    print_summary(stderr, queue);
    for (const auto& st : queue.items)
      fmt::print("{:>7}  {:<8}  {:<9}  {:<13}  {}\n", app::invitation_id(st.invitation.id),
                 protocol::suggestion_name(st.evaluation.suggestion), protocol::state_name(st.evaluation.state),
                 std::string(app::label_word(st.invitation)) + (app::label_needs_check(st.invitation) ? "?" : ""),
                 st.invitation.from);
    if (queue.items.empty()) fmt::print("{}", tr("Nothing to triage.\n"));
    return 0;
  };
}

} // namespace motivo::cli
