#include <motivo/cli/command_tree.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/core/i18n.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <functional>
#include <set>

namespace motivo::cli {

namespace {

// A positional argument called `id` or `invitation` names an invitation (ask, decide, label, …): the completions
// offer the database's invitation ids there.
bool names_invitation(const CLI::Option& option)
{
  return option.get_name() == "id" || option.get_name() == "invitation";
}

std::string translated(const i18n::Catalog& catalog, const std::string& id)
{
  return id.empty() ? id : std::string(catalog.gettext(id));
}

OptionInfo describe_option(const CLI::Option& option, const i18n::Catalog& catalog,
                           const std::set<std::string>& globals)
{
  OptionInfo info;
  for (const std::string& name : option.get_lnames()) info.names.push_back("--" + name);
  for (const std::string& name : option.get_snames()) info.names.push_back("-" + name);
  info.help = translated(catalog, option.get_description());
  info.env = option.get_envname();
  info.required = option.get_required();
  info.repeats = option.get_items_expected_max() > 1;
  const std::string type = option.get_type_name();
  info.choices = choices_in(type);
  const bool flag = option.get_type_size_max() == 0;
  if (!info.names.empty()) info.global = globals.count(info.names.front()) > 0;
  if (flag) {
    info.kind = ValueKind::flag;
  } else if (info.names.empty() && names_invitation(option)) {
    info.kind = ValueKind::invitation; // with its choices too, when it takes words besides ids (decide)
  } else if (!info.choices.empty()) {
    info.kind = ValueKind::choice;
  }
  if (info.names.empty())
    info.value = option.get_name();
  else if (!flag)
    info.value = translated(catalog, type.substr(0, type.find(':')));
  return info;
}

CommandInfo describe_app(const CLI::App& app, const i18n::Catalog& catalog, const std::set<std::string>& globals)
{
  CommandInfo info;
  info.name = app.get_name();
  info.help = translated(catalog, app.get_description());
  info.hidden = app.get_group().empty();
  for (const CLI::Option* option : app.get_options()) {
    OptionInfo o = describe_option(*option, catalog, globals);
    (o.names.empty() ? info.arguments : info.options).push_back(std::move(o));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    info.commands.push_back(describe_app(*sub, catalog, globals));
  return info;
}

} // namespace

std::vector<std::string> choices_in(std::string_view type_name)
{
  std::vector<std::string> out;
  const std::size_t open = type_name.find(":{");
  const std::size_t close = type_name.find('}', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return out;
  std::string_view list = type_name.substr(open + 2, close - open - 2);
  while (!list.empty()) {
    const std::size_t comma = std::min(list.find(','), list.size());
    if (comma > 0) out.emplace_back(list.substr(0, comma));
    list.remove_prefix(std::min(comma + 1, list.size()));
  }
  return out;
}

CommandInfo describe_command_line(std::string_view language)
{
  CLI::App app;
  Context context;
  std::function<int()> action;
  declare_command_line(app, context, action);
  std::set<std::string> globals;
  for (const CLI::Option* option : app.get_options())
    for (const std::string& name : option->get_lnames()) globals.insert("--" + name);
  globals.erase("--version");
  const i18n::Catalog& catalog = i18n::Catalog::of(language);
  CommandInfo root = describe_app(app, catalog, globals);
  root.name = "motivo";
  return root;
}

} // namespace motivo::cli
