// motivo replied: the inviter answered, as the user read on LinkedIn.
#include <motivo/app/actions.hpp>
#include <motivo/app/ids.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/words.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/datetime.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace motivo::cli {

std::function<int()> setup_replied(CLI::App& app, Context& context)
{
  struct Options {
    std::string id, at, text;
  };
  auto o = std::make_shared<Options>();
  app.add_option("id", o->id, "the invitation (its id in `motivo invitations`, such as i21)")->required();
  app.add_option("--at", o->at, "when they replied, UTC: 2026-11-20T09:30 or 2026-11-20 (default: now)");
  app.add_option("--text", o->text, "what they wrote (kept with the reply)");
  app.add_flag("--json", context.json, "print the invitation as JSON (as invitations --json)");
  return [o, &context]() -> int {
    std::optional<datetime::UnixSeconds> at;
    if (!o->at.empty()) {
      at = datetime::parse_iso(o->at);
      if (!at) throw InputError("--at", 0, Message(N_("not a time like 2026-11-20T09:30 ({})"), quote_value(o->at)));
    }
    const std::int64_t id = app::invitation_named(context.store(), context.user_id(), o->id).id;
    const store::InvitationView v =
        app::record_reply(context.store(), context.user_id(), id, {at, o->text, context.now()});
    const app::InvitationStatus now = app::invitation_status(
        context.store(), context.user_id(), id, context.policy_in_force(), context.config(), context.now());
    if (context.json) {
      fmt::print("{}\n", app::invitation_json(now, 2));
      return 0;
    }
    fmt::print(fmt::runtime(tr("invitation {} from {}: reply recorded ({})\n")), app::invitation_id(id), v.from,
               datetime::format_iso(at.value_or(context.now())).substr(0, 16));
    print_now(now.evaluation);
    return 0;
  };
}

} // namespace motivo::cli
