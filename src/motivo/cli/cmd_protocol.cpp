#include <motivo/app/ids.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/protocol/messages.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace motivo::cli {

std::function<int()> setup_ask(CLI::App& app, Context& context)
{
  struct Options {
    std::string id;
    std::string language;
    bool dry_run = false;
  };
  auto o = std::make_shared<Options>();
  app.add_option("id", o->id, "the invitation (its id in `motivo invitations`, such as i21)")->required();
  app.add_option("--language", o->language, "es or en (default: the note's language, else the configured one)")
      ->check(CLI::IsMember({"es", "en"}));
  app.add_flag("--dry-run", o->dry_run, "print the message without recording the ask");
  app.add_flag("--json", context.json, "print as JSON");
  return [o, &context]() -> int {
    context.read_only = o->dry_run;
    const std::int64_t id = app::invitation_named(context.store(), context.user_id(), o->id).id;
    const app::Asked asked =
        app::ask(context.store(), context.user_id(), id, context.config(),
                 {context.local_hour(), context.config_location(), o->language, o->dry_run, context.now()});
    const store::InvitationView& v = asked.invitation;
    const std::string& text = asked.ask.text;
    if (context.json) {
      fmt::print("{}\n", app::ask_json(asked, 2));
    } else {
      fmt::print("{}\n", text);
      if (!o->dry_run)
        fmt::print(stderr,
                   "\nRecorded as asked. Paste it into a LinkedIn message to {}; the next export's messages "
                   "confirm it.\n",
                   v.from);
    }
    return 0;
  };
}

std::function<int()> setup_policy(CLI::App& app, Context& context)
{
  auto* check = app.add_subcommand("check", "validate the settings file (errors name the line)");
  auto file = std::make_shared<std::string>();
  check->add_option("file", *file, "the file (default: the settings file in use)");
  app.add_subcommand("show", "print the policy in force, rule by rule");
  app.require_subcommand(1);
  app.add_flag("--json", context.json, "print as JSON");
  return [&app, check, file, &context]() -> int {
    if (check->parsed()) {
      const std::string path = file->empty() ? context.config_location() : *file;
      std::ifstream in(path, std::ios::binary);
      if (!in) throw InputError(path, 0, "cannot read the file");
      std::string text(protocol::max_config_bytes + 1, '\0'); // one byte more: too long is an error
      in.read(text.data(), static_cast<std::streamsize>(text.size()));
      text.resize(static_cast<std::size_t>(in.gcount()));
      const protocol::Config c = protocol::parse_config(text, path);
      fmt::print("{}: ok (policy {}, {} rule{}, deadline {} days)\n", path, c.policy, c.rules.size(),
                 c.rules.size() == 1 ? "" : "s", c.deadline_days);
      return 0;
    }
    const protocol::Policy p = context.policy_in_force();
    if (context.json) {
      fmt::print("{}\n", app::policy_json(p, context.config().deadline_days, 2));
      return 0;
    }
    fmt::print(
        fmt::runtime(tr("policy {} (reply deadline {} days); first match wins, decided invitations get none:\n")),
        p.name, context.config().deadline_days);
    for (const auto& r : p.rules)
      fmt::print("  {:<8} {}\n", protocol::suggestion_name(r.suggest), r.why.in(user_language()));
    (void)app;
    return 0;
  };
}

} // namespace motivo::cli
