#include <motivo/app/refusal.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/version.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/protocol/protocol.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace motivo::cli {

const std::vector<Command>& commands()
{
  static const std::vector<Command> table{
      {"import",
       N_("import a LinkedIn export (.zip, its folder, or CSV files) or its notification mail (mbox, Maildir, .eml)"),
       setup_import},
      {"fetch", N_("fetch LinkedIn's invitation mail from an IMAP mailbox (only what is new since the last fetch)"),
       setup_fetch},
      {"sync",
       N_("read your LinkedIn data through LinkedIn's Member Data Portability API (EU/EEA/CH): a snapshot, then the "
          "changelog"),
       setup_sync},
      {"status", N_("show what the database holds"), setup_status},
      {"invitations", N_("list invitations, newest first"), setup_invitations},
      {"classify", N_("label a note (or JSON Lines of notes): empty, default, template, spam or personalized"),
       setup_classify},
      {"report", N_("the numbers: received, personalised, asked, replied, accepted; your own notes' acceptance"),
       setup_report},
      {"export", N_("write an anonymised export (zip) or a full JSON Lines backup"), setup_export},
      {"serve", N_("the web app: the queue, the report, people and import in your browser"), setup_serve},
      {"triage", N_("go through the undecided invitations one at a time, with single keys"), setup_triage},
      {"show", N_("one invitation whole: note, label, state, suggestion, messages, your notes"), setup_show},
      {"decide", N_("record your decision on invitations (accept, decline or spam), or take back your last (--undo)"),
       setup_decide},
      {"replied", N_("record that an inviter replied, as you read on LinkedIn"), setup_replied},
      {"ask", N_("print the message asking an inviter why they want to connect, and record the ask"), setup_ask},
      {"policy", N_("check the settings file, or show the policy in force"), setup_policy},
      {"welcome", N_("welcome messages for new connections not yet welcomed"), setup_welcome},
      {"compose", N_("render an invitation note and check it fits LinkedIn's limit"), setup_compose},
      {"note", N_("keep a note on a person: why you connected, who introduced you"), setup_note},
      {"people", N_("search people by your notes on them, their names and your messages"), setup_people},
      {"forget", N_("remove every record of a person (invitations, messages, notes) and compact the database"),
       setup_forget},
      {"label", N_("correct the label of an invitation's note (your label wins over the classifier's)"), setup_label},
      {"reclassify", N_("label every stored note again (after the catalogs changed)"), setup_reclassify},
      {"eval", N_("measure the classifier against hand-labelled notes (JSON Lines)"), setup_eval},
      {"db", N_("the database's schema: migrate, or show what migrating would run (--dry-run)"), setup_db},
      {"users", N_("team mode: add, list or remove the people who sign in, and renew their tokens"), setup_users},
      {"completion", N_("print the shell completion script for bash, zsh or fish"), setup_completion},
      {"complete-ids", N_("print the invitation ids the completions offer (read-only)"), setup_complete_ids},
      {"train-model", N_("train the classifier's note model on hand-labelled notes (for its developers)"),
       setup_train_model},
      {"man", N_("print the manual page (roff), in English or Spanish"), setup_man},
  };
  return table;
}

CLI::Validator non_negative()
{
  return CLI::Validator(
      [](std::string& v) { return v.starts_with("-") ? "must be 0 or more (" + v + ")" : std::string(); }, "N >= 0");
}

namespace {

// The settings file --config names, wherever it stands on the command line: the language is chosen before the
// command line is parsed, since the parser's help and errors are in it.
std::string config_argument(int argc, char** argv)
{
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--config" && i + 1 < argc) path = argv[++i];
    if (arg.starts_with("--config=")) path = arg.substr(9);
  }
  return path;
}

// Whether the command line asks for JSON output: a --json flag (export's --json names a file instead).
bool asks_for_json(int argc, char** argv)
{
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "export") return false;
    if (arg == "--json") json = true;
  }
  return json;
}

// The first word that is not an option or a global option's value: the command the user meant ("" when none).
std::string_view command_word(int argc, char** argv)
{
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--db" || arg == "--as" || arg == "--config" || arg == "--policy") {
      ++i;
      continue;
    }
    if (!arg.starts_with("-")) return arg;
  }
  return {};
}

// The built-in policies' names, shown in --help and offered by the completions. It checks nothing: the policy in
// force is resolved, and an unknown name refused, where the settings are read (Context::policy_in_force).
CLI::Validator policy_names()
{
  std::string names;
  for (const std::string_view name : protocol::builtin_policy_names)
    names += (names.empty() ? "{" : ",") + std::string(name);
  return CLI::Validator([](const std::string&) { return std::string(); }, names + "}");
}

} // namespace

void declare_command_line(CLI::App& app, Context& context, std::function<int()>& action)
{
  app.name("motivo");
  app.description(N_("motivo: handle the LinkedIn invitations you receive the way a careful person would, and see "
                     "what happens, from your own data"));
  app.require_subcommand(1);
  app.set_version_flag("--version", version_line());
  app.add_option("--db", context.db,
                 "database file or postgresql:// URL (default: $MOTIVO_DB, else $XDG_DATA_HOME/motivo/motivo.db)")
      ->envname("MOTIVO_DB");
  app.add_option("--as", context.user, "team mode: the user you are (imports are yours; lists and reports show yours)")
      ->envname("MOTIVO_USER");
  app.add_option("--config", context.config_path,
                 "settings file (default: $MOTIVO_CONFIG, else $XDG_CONFIG_HOME/motivo/config.toml)");
  app.add_option("--policy", context.policy, "ask, strict or open: overrides the configured policy")
      ->check(policy_names());
  for (const Command& c : commands()) {
    CLI::App* sub = app.add_subcommand(std::string(c.name), std::string(c.help));
    sub->add_option("--db", context.db, "database file or postgresql:// URL");
    sub->add_option("--as", context.user, "team mode: the user you are");
    sub->add_option("--config", context.config_path, "settings file");
    sub->add_option("--policy", context.policy, "ask, strict or open: overrides the configured policy")
        ->check(policy_names());
    auto run_command = c.setup(*sub, context);
    sub->callback([&action, run_command] { action = run_command; });
  }
}

int run(int argc, char** argv, bool& json)
{
  {
    Context settings;
    settings.config_path = config_argument(argc, argv);
    init_i18n(settings.settings_language());
  }
  CLI::App app;
  Context context;
  std::function<int()> action;
  declare_command_line(app, context, action);
  translate_command_line(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // "motivo bogus": CLI11 says a subcommand is required; say which word was not one.
    const std::string_view word = command_word(argc, argv);
    if (!word.empty() &&
        std::none_of(commands().begin(), commands().end(), [&](const Command& c) { return c.name == word; }))
      throw UsageError(Message(N_("unknown command {} (motivo --help lists them)"), quote_value(word)));
    json = asks_for_json(argc, argv);
    if (!json) {
      app.exit(e); // CLI11's message and its hint at --help
      return 2;
    }
    throw UsageError(e.what());
  }
  json = context.json;
  if (!action) return 2;
  // A use case's refusal (app::Refusal) is said as it is, like any other error, by main().
  return action();
}

} // namespace motivo::cli
