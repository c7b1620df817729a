#include <motivo/app/ids.hpp>
#include <motivo/cli/command_tree.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/completion_scripts.hpp>
#include <motivo/cli/i18n.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace motivo::cli {

std::function<int()> setup_completion(CLI::App& app, Context&)
{
  auto shell = std::make_shared<std::string>();
  app.add_option("shell", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  return [shell]() -> int {
    const CommandInfo root = describe_command_line(user_language());
    if (*shell == "bash")
      fmt::print("{}", bash_completion(root));
    else if (*shell == "zsh")
      fmt::print("{}", zsh_completion(root));
    else
      fmt::print("{}", fish_completion(root));
    return 0;
  };
}

namespace {

// A name on one line of "id<TAB>name": tabs and line breaks in it become spaces.
std::string one_line(std::string text)
{
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
  return text;
}

} // namespace

std::function<int()> setup_complete_ids(CLI::App& app, Context& context)
{
  app.group(""); // for the completion scripts, not for people: left out of --help
  auto prefix = std::make_shared<std::string>();
  app.add_option("prefix", *prefix, "only the ids that start with this");
  return [prefix, &context]() -> int {
    // The database read-only, and nothing said when there is none or it cannot be read: a completion stays quiet.
    context.read_only = true;
    try {
      store::InvitationQuery query;
      query.user = context.user_id();
      for (const store::InvitationView& v : context.store().invitations(query)) {
        const std::string id = app::invitation_id(v.id);
        if (!id.starts_with(*prefix)) continue;
        fmt::print("{}\t{}\n", id, one_line(v.direction == Direction::incoming ? v.from : v.to));
      }
    } catch (const std::exception&) {
      return 1;
    }
    return 0;
  };
}

} // namespace motivo::cli
