#include <motivo/app/ids.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/words.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/text.hpp>
#include <motivo/core/utf8.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <memory>

namespace motivo::cli {

namespace {

// The first `width` code points of `text` on one line, with an ellipsis when cut.
std::string one_line(std::string_view text, std::size_t width)
{
  std::string flat = text::collapse_spaces(text);
  if (utf8::count_code_points(flat) <= width) return flat;
  std::size_t points = 0;
  std::size_t i = 0;
  for (; i < flat.size(); ++i) {
    if ((static_cast<unsigned char>(flat[i]) & 0xC0) != 0x80 && points++ == width - 1) break;
  }
  return flat.substr(0, i) + "…";
}

} // namespace

std::function<int()> setup_invitations(CLI::App& app, Context& context)
{
  struct Options {
    bool incoming = false;
    bool outgoing = false;
    bool decided = false;
    std::int64_t limit = -1;
    std::string label, state, suggestion, cursor;
  };
  auto o = std::make_shared<Options>();
  auto* in = app.add_flag("--incoming", o->incoming, "only invitations you received");
  auto* out = app.add_flag("--outgoing", o->outgoing, "only invitations you sent");
  in->excludes(out);
  app.add_option("--limit,-n", o->limit,
                 "show at most this many; when more follow, the cursor of the next page is printed on stderr")
      ->check(non_negative());
  app.add_option("--cursor", o->cursor, "the next page: the cursor printed after the previous one (with --limit)");
  app.add_flag("--decided", o->decided, "only the invitations you decided, the most recently decided first");
  app.add_option("--label", o->label, "only notes with this label")
      ->check(CLI::IsMember({"empty", "default", "template", "spam", "personalized"}));
  app.add_option("--state", o->state, "only invitations in this state")
      ->check(CLI::IsMember({"pending", "asked", "replied", "no_reply", "accepted", "declined", "withdrawn"}));
  app.add_option("--suggestion", o->suggestion, "only invitations with this suggestion")
      ->check(CLI::IsMember({"accept", "ask", "decline", "wait", "check", "none"}));
  app.add_flag("--json", context.json, "print a JSON array");
  return [o, &context] {
    context.read_only = true;
    const auto word = [](const std::string& w) { return w.empty() ? std::nullopt : std::optional<std::string>(w); };
    app::InvitationFilter filter =
        app::parse_filter({std::nullopt, word(o->label), word(o->state), word(o->suggestion)});
    if (o->incoming) filter.direction = Direction::incoming;
    if (o->outgoing) filter.direction = Direction::outgoing;
    if (o->limit >= 0) filter.limit = static_cast<std::size_t>(o->limit);
    filter.decided = o->decided;
    std::vector<app::InvitationStatus> list;
    if (o->limit >= 0 || !o->cursor.empty() || o->decided) {
      // By pages (app::page_invitations): the next one's cursor on stderr, so that --json's output stays JSON.
      app::InvitationPage page = app::page_invitations(context.store(), context.user_id(), filter, o->cursor,
                                                       context.policy_in_force(), context.config(), context.now());
      if (page.next) fmt::print(stderr, fmt::runtime(tr("motivo: more follow: --cursor {}\n")), *page.next);
      list = std::move(page.rows);
    } else {
      list = app::list_invitations(context.store(), context.user_id(), filter, context.policy_in_force(),
                                   context.config(), context.now());
    }
    if (context.json) {
      fmt::print("{}\n", app::invitations_json(list, 2));
      return 0;
    }
    for (const auto& st : list) {
      const auto& v = st.invitation;
      const bool incoming = v.direction == Direction::incoming;
      const std::string who =
          fmt::format(fmt::runtime(incoming ? tr("from {}") : tr("to {}")), incoming ? v.from : v.to);
      const std::string note = v.message.empty() ? std::string(tr("(no note)")) : one_line(v.message, 50);
      const std::string suggestion = st.evaluation.suggestion == protocol::Suggestion::none
                                         ? ""
                                         : "→ " + suggestion_word(st.evaluation.suggestion);
      fmt::print("{:>7}  {}  {:<13}  {:<13}  {:<11}  {:<28}  {}\n", app::invitation_id(v.id),
                 datetime::format_iso(v.sent_at).substr(0, 10), state_word(st.evaluation.state),
                 label_word(v) + (v.label_by_user             ? "*"
                                  : app::label_needs_check(v) ? "?"
                                                              : ""),
                 suggestion, one_line(who, 28), note);
    }
    if (list.empty()) {
      // An empty list: nothing stored at all, or nothing that the options let through.
      const store::Counts stored = context.store().counts();
      if (stored.incoming + stored.outgoing == 0)
        fmt::print("{}", tr("No invitations stored. Import an export first: motivo import EXPORT.zip\n"));
      else
        fmt::print("{}", tr("No invitation matches these options (motivo invitations without them lists all).\n"));
    }
    return 0;
  };
}

} // namespace motivo::cli
