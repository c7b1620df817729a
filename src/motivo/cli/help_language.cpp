// The command line's help and usage errors in the user's language: the descriptions motivo gives, and CLI11's own
// words (section heads, value types, its usage errors), which CLI11 writes in English.
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/i18n.hpp>

#include <CLI/CLI.hpp>
#include <fmt/args.h>
#include <fmt/format.h>

#include <array>
#include <regex>
#include <string>

namespace motivo::cli {

namespace {

// CLI11's labels (Formatter::get_label keys) and the descriptions of the flags it adds itself. The words are
// CLI11's; the ids are marked here so that scripts/i18n.py finds them.
constexpr std::array cli11_labels{N_("Usage"),    N_("OPTIONS"), N_("SUBCOMMAND"), N_("SUBCOMMANDS"), N_("Positionals"),
                                  N_("REQUIRED"), N_("Env"),     N_("Needs"),      N_("Excludes"),    N_("TEXT"),
                                  N_("INT"),      N_("UINT"),    N_("FLOAT"),      N_("BOOLEAN"),     N_("FILE"),
                                  N_("DIR"),      N_("PATH")};
constexpr std::array cli11_descriptions{N_("Print this help message and exit"),
                                        N_("Display program version information and exit")};

// CLI11's usage errors, as CLI11 2.1 words them, and the message id each becomes (its arguments in order).
struct UsageError {
  const char* pattern;
  const char* id;
};
constexpr std::array usage_errors{
    UsageError{"A subcommand is required", N_("a command is required (motivo --help lists them)")},
    UsageError{"(.+) is required", N_("{} is required")},
    UsageError{"The following argument was not expected: (.+)", N_("this argument was not expected: {}")},
    UsageError{"The following arguments were not expected: (.+)", N_("these arguments were not expected: {}")},
    UsageError{"(.+): (.+) not in (\\{.*\\})", N_("{}: {} is not one of {}")},
    UsageError{"(.+) excludes (.+)", N_("{} cannot go with {}")},
    UsageError{"(.+) requires (.+)", N_("{} requires {}")},
    UsageError{"(.+): \\d+ required .+ missing", N_("{}: its value is missing")},
    UsageError{"Could not convert: (.+) = (.+)", N_("{}: not a valid value ({})")},
    UsageError{"The value (.+) is not an allowed value for (.+)", N_("{} is not an allowed value for {}")},
};

// A usage error's text in the user's language: the first pattern that matches the whole text, else the text.
std::string usage_error(const std::string& what)
{
  for (const UsageError& e : usage_errors) {
    std::smatch m;
    if (!std::regex_match(what, m, std::regex(e.pattern))) continue;
    fmt::dynamic_format_arg_store<fmt::format_context> args;
    for (std::size_t i = 1; i < m.size(); ++i) args.push_back(m[i].str());
    return fmt::vformat(tr(e.id), args);
  }
  return what;
}

void translate_descriptions(CLI::App& a)
{
  for (CLI::Option* option : a.get_options()) {
    if (!option->get_description().empty()) option->description(tr(option->get_description().c_str()));
    if (option->get_group() == "Options") option->group(tr("Options"));
    // The value's type (TEXT, INT…), without the validators' descriptions CLI11 appends to it (":{a,b}").
    const std::string type = option->get_type_name();
    const std::string base = type.substr(0, type.find(':'));
    if (!base.empty() && option->get_expected_max() > 0) option->type_name(tr(base.c_str()));
  }
  for (CLI::App* sub : a.get_subcommands([](CLI::App*) { return true; })) {
    if (!sub->get_description().empty()) sub->description(tr(sub->get_description().c_str()));
    if (sub->get_group() == "Subcommands") sub->group(tr("Subcommands"));
    translate_descriptions(*sub);
  }
}

} // namespace

void translate_command_line(CLI::App& app)
{
  // The formatter is one object shared by every subcommand: its labels once.
  for (const char* label : cli11_labels) app.get_formatter()->label(label, tr(label));
  static_cast<void>(cli11_descriptions); // translated with every option's description below
  app.description(tr(app.get_description().c_str()));
  translate_descriptions(app);
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    std::string out = usage_error(e.what()) + "\n";
    if (failed->get_help_ptr() != nullptr)
      out += fmt::format(fmt::runtime(tr("Run with {} for more information.\n")), failed->get_help_ptr()->get_name());
    return out;
  });
}

} // namespace motivo::cli
