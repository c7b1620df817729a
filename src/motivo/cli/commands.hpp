#pragma once

#include <motivo/cli/context.hpp>
#include <motivo/core/error.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace motivo::cli {

// A subcommand: its name, one line of help, how it declares its options, and what it runs. The table of
// all of them (commands.cpp) is the only place a command is registered.
struct Command {
  std::string_view name;
  std::string_view help;
  // Declares the command's options on `app`; returns the function to run after parsing.
  std::function<std::function<int()>(CLI::App& app, Context& context)> setup;
};

const std::vector<Command>& commands();

// Each command's setup, one per file (cmd_*.cpp).
std::function<int()> setup_import(CLI::App& app, Context& context);
std::function<int()> setup_fetch(CLI::App& app, Context& context);
std::function<int()> setup_sync(CLI::App& app, Context& context);
std::function<int()> setup_status(CLI::App& app, Context& context);
std::function<int()> setup_invitations(CLI::App& app, Context& context);
std::function<int()> setup_classify(CLI::App& app, Context& context);
std::function<int()> setup_eval(CLI::App& app, Context& context);
std::function<int()> setup_label(CLI::App& app, Context& context);
std::function<int()> setup_decide(CLI::App& app, Context& context);
std::function<int()> setup_replied(CLI::App& app, Context& context);
std::function<int()> setup_show(CLI::App& app, Context& context);
std::function<int()> setup_triage(CLI::App& app, Context& context);
std::function<int()> setup_report(CLI::App& app, Context& context);
std::function<int()> setup_export(CLI::App& app, Context& context);
std::function<int()> setup_serve(CLI::App& app, Context& context);
std::function<int()> setup_ask(CLI::App& app, Context& context);
std::function<int()> setup_policy(CLI::App& app, Context& context);
std::function<int()> setup_welcome(CLI::App& app, Context& context);
std::function<int()> setup_compose(CLI::App& app, Context& context);
std::function<int()> setup_note(CLI::App& app, Context& context);
std::function<int()> setup_people(CLI::App& app, Context& context);
std::function<int()> setup_forget(CLI::App& app, Context& context);
std::function<int()> setup_reclassify(CLI::App& app, Context& context);
std::function<int()> setup_db(CLI::App& app, Context& context);
std::function<int()> setup_users(CLI::App& app, Context& context);
std::function<int()> setup_completion(CLI::App& app, Context& context);
std::function<int()> setup_complete_ids(CLI::App& app, Context& context);
std::function<int()> setup_train_model(CLI::App& app, Context& context);
std::function<int()> setup_man(CLI::App& app, Context& context);

// The one stored person `who` names within `scope`: an id (p21 or 21; i21 the other person of an invitation, c21
// a connection's person), a profile URL or slug, or a full name. InputError when nobody or several do.
store::PersonView one_person(store::Store& store, std::optional<std::int64_t> scope, const std::string& who);

// A check for counts such as --limit: 0 or more (a negative one meant "no limit" by accident).
CLI::Validator non_negative();

// Puts the command line's help and usage errors in the user's language: every description (motivo's, marked for
// xgettext as add_option's and add_flag's last argument) and CLI11's own words (help_language.cpp).
void translate_command_line(CLI::App& app);

// Bad usage of the command line (options missing or at odds): main() says it and exits 2, as CLI11's own errors.
class UsageError : public InputError {
public:
  using InputError::InputError;
};

// Declares the whole command line on `app`: the global options and every command of the table with its options;
// the command that parsing selects puts what it runs in `action`. run() parses with it; `motivo man` and
// `motivo completion` describe it (command_tree.hpp), so the help, the manual page and the completions are one.
void declare_command_line(CLI::App& app, Context& context, std::function<int()>& action);

// Runs motivo with the command line; returns the exit status (0 success, 1 bad input, 2 bad usage). Failures are
// thrown for main() to say, the one place errors are printed; `json` is set as soon as the command is known to be
// given --json, so that main() says them as JSON.
int run(int argc, char** argv, bool& json);

} // namespace motivo::cli
