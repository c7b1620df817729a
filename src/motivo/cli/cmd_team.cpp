// Team mode's commands: the schema's migrations (`db migrate`) and the people who sign in (`users`).
#include <motivo/app/json_views.hpp>
#include <motivo/app/users.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace motivo::cli {

std::function<int()> setup_db(CLI::App& app, Context& context)
{
  app.require_subcommand(1);
  CLI::App* migrate = app.add_subcommand("migrate", "bring the database's schema up to date (opening it does too)");
  auto dry_run = std::make_shared<bool>(false);
  migrate->add_flag("--dry-run", *dry_run, "show the migrations that would run, and change nothing");
  migrate->add_flag("--json", context.json, "print as JSON");
  return [&context, dry_run]() -> int {
    const std::string location = context.database_location();
    const store::SchemaStatus before = store::schema_status(location);
    const std::string shown = store::is_postgres_location(location) ? store::redact_url(location) : location;
    // Opening migrates, under the backend's lock, then computes and keeps what the migrations left stale
    // (Context::store): a report after the upgrade finds every timeline and welcome kept.
    if (!*dry_run && !before.pending.empty()) context.store();
    if (context.json) {
      fmt::print("{}\n", app::migration_json(shown, before, *dry_run, 2));
      return 0;
    }
    if (before.pending.empty()) {
      fmt::print(fmt::runtime(tr("{}: schema version {}, up to date\n")), shown, before.current);
      return 0;
    }
    const std::size_t n = before.pending.size();
    fmt::print(fmt::runtime(*dry_run ? trn("{}: schema version {}; would run {} migration:\n",
                                           "{}: schema version {}; would run {} migrations:\n", n)
                                     : trn("{}: schema version {}; ran {} migration:\n",
                                           "{}: schema version {}; ran {} migrations:\n", n)),
               shown, before.current, before.pending.size());
    for (const auto& m : before.pending) {
      fmt::print("\n-- {} {}: {}\n", *dry_run ? tr("would run") : tr("ran"), m.version, m.description);
      if (*dry_run) fmt::print("{}\n", std::string(text::trim(m.sql)));
    }
    return 0;
  };
}

std::function<int()> setup_users(CLI::App& app, Context& context)
{
  app.require_subcommand(1);
  struct Options {
    std::string name;
    bool admin = false;
  };
  auto o = std::make_shared<Options>();
  auto action = std::make_shared<std::string>();
  CLI::App* add = app.add_subcommand("add", "add a user and print their token (shown once; only its hash is kept)");
  add->add_option("name", o->name, "the user's name")->required();
  add->add_flag("--admin", o->admin, "may see everyone's invitations and notes, not only the team's numbers");
  add->callback([action] { *action = "add"; });
  CLI::App* list = app.add_subcommand("list", "list the users and their roles");
  list->add_flag("--json", context.json, "print as JSON");
  list->callback([action] { *action = "list"; });
  CLI::App* token = app.add_subcommand("token", "give a user a new token (the old one stops working)");
  token->add_option("name", o->name, "the user's name")->required();
  token->callback([action] { *action = "token"; });
  CLI::App* remove = app.add_subcommand("remove", "remove a user (their imports stay, with no name on them)");
  remove->add_option("name", o->name, "the user's name")->required();
  remove->callback([action] { *action = "remove"; });
  return [&context, o, action]() -> int {
    context.read_only = *action == "list";
    auto& store = context.store();
    if (*action == "add") {
      const std::string t =
          app::add_user(store, o->name, o->admin ? store::Role::admin : store::Role::member, context.now());
      fmt::print("{}\n", t);
      if (!context.quiet)
        fmt::print(stderr, fmt::runtime(tr("motivo: {} added as {}; the token above is shown only this once\n")),
                   o->name, o->admin ? "admin" : "member");
      return 0;
    }
    if (*action == "token") {
      fmt::print("{}\n", app::renew_token(store, o->name));
      return 0;
    }
    if (*action == "remove") {
      if (!store.remove_user(o->name)) throw InputError(fmt::format("no such user ({})", quote_value(o->name)));
      fmt::print(fmt::runtime(tr("removed {}\n")), o->name);
      return 0;
    }
    const auto users = store.users();
    if (context.json) {
      fmt::print("{}\n", app::users_json(users, 2));
      return 0;
    }
    if (users.empty()) fmt::print("{}", tr("no users: motivo users add NAME\n"));
    for (const auto& u : users)
      fmt::print("{:<24} {:<8} {}\n", u.name, store::to_string(u.role), datetime::format_iso(u.created_at));
    return 0;
  };
}

} // namespace motivo::cli
