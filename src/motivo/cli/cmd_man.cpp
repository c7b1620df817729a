// `motivo man`: the manual page, written from the same description of the command line as --help
// (command_tree.hpp), in roff for man(1). The build writes it in English and Spanish for the package.
#include <motivo/cli/command_tree.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/i18n.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <set>

namespace motivo::cli {

namespace {

// Text as roff reads it: backslashes escaped, hyphens as minus signs where they are options, no line starting
// with a control character.
std::string roff(std::string_view text)
{
  std::string out;
  bool line_start = true;
  for (const char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = c == '\n';
    if (c == '\\')
      out += "\\e";
    else
      out += c;
  }
  return out;
}

std::string option_name(std::string_view name)
{
  std::string out = "\\fB";
  for (const char c : name) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out + "\\fR";
}

struct Variable {
  const char* name;
  const char* help;
};

// The environment the program reads besides its options' own variables (those come from the command line's
// declarations). tests/e2e/package.py checks that every variable the sources read is in this page.
constexpr std::array environment{
    Variable{"MOTIVO_CONFIG", N_("the settings file, when --config is not given")},
    Variable{"MOTIVO_NOW", N_("a fixed time (ISO 8601, UTC, such as 2026-11-20T18:00:00Z) instead of the clock: for "
                              "tests and for replaying a day")},
    Variable{"MOTIVO_IMAP_PASSWORD", N_("the IMAP password of fetch (else it is asked without echo)")},
    Variable{"MOTIVO_LINKEDIN_TOKEN", N_("the access token of sync, when --token-file is not given")},
    Variable{"MOTIVO_BULK_KEY_LIMIT", N_("for tests: how many keys an import checks in memory before it uses the "
                                         "index (524288)")},
    Variable{"MOTIVO_KNOWN_KEY_LIMIT", N_("for tests: at most how many stored keys of a table an import reads into "
                                          "memory; past it each key is looked up in the index (2097152)")},
    Variable{"XDG_DATA_HOME", N_("where the default database is (default ~/.local/share)")},
    Variable{"XDG_CONFIG_HOME", N_("where the default settings file is (default ~/.config)")},
    Variable{"HOME", N_("the home folder, for the two defaults above")},
    Variable{"LANGUAGE", N_("the language of messages and reports (es for Spanish; English otherwise), before "
                            "LC_ALL, LC_MESSAGES and LANG; the settings file's language wins over all of them")},
    Variable{"LC_ALL", N_("as LANGUAGE")},
    Variable{"LC_MESSAGES", N_("as LANGUAGE")},
    Variable{"LANG", N_("as LANGUAGE")},
    Variable{"TZ", N_("the time zone of the greetings' hour (Buenos días, Buenas tardes)")},
    Variable{"TMPDIR", N_("where the server keeps uploads while it reads them, where forget's compaction copies "
                          "the database, and where classify --jsonl keeps a large batch's notes until its campaigns "
                          "are known (default /tmp)")},
    Variable{"SQLITE_TMPDIR", N_("where forget's compaction copies the database, before TMPDIR")},
    Variable{"PGSSLMODE", N_("libpq's: when it is set, a PostgreSQL server on this machine (localhost, 127.x.x.x, ::1) "
                             "is asked for TLS as it says, instead of motivo's default sslmode=allow (see "
                             "PGSERVICE); every other PG variable of libpq applies as libpq documents it")},
    Variable{"PGREQUIRESSL", N_("as PGSSLMODE")},
    Variable{"PGSERVICE", N_("as PGSSLMODE: a service's settings decide the encryption")},
    Variable{"GLIBC_TUNABLES", N_("glibc's own settings: when they set any of its malloc options, motivo leaves the "
                                  "heap as they say instead of tuning it for the command")},
};

std::string synopsis(const std::string& path, const CommandInfo& c, const i18n::Catalog& catalog)
{
  std::string out = ".B " + path + "\n";
  // CLI11's own words for them, as --help says them (help_language.cpp marks them).
  if (!c.options.empty()) out += "[\\fI" + std::string(catalog.gettext("OPTIONS")) + "\\fR]\n";
  for (const OptionInfo& a : c.arguments) {
    const std::string name = "\\fI" + roff(a.value) + "\\fR" + (a.repeats ? "\\&..." : "");
    out += (a.required ? name : "[" + name + "]") + "\n";
  }
  if (!c.commands.empty()) out += "\\fI" + std::string(catalog.gettext("SUBCOMMAND")) + "\\fR\n";
  return out;
}

std::string option_item(const OptionInfo& o, const i18n::Catalog& catalog)
{
  std::string head;
  for (const std::string& name : o.names) head += (head.empty() ? "" : ", ") + option_name(name);
  if (o.names.empty()) head = "\\fI" + roff(o.value) + "\\fR";
  if (!o.names.empty() && !o.value.empty()) head += " \\fI" + roff(o.value) + "\\fR";
  std::string body = roff(o.help);
  if (!o.choices.empty() && o.help.find(o.choices.front()) == std::string::npos)
    body += fmt::format(fmt::runtime(std::string(catalog.gettext(" (one of: {})"))), fmt::join(o.choices, ", "));
  if (!o.env.empty()) body += fmt::format(fmt::runtime(std::string(catalog.gettext(" (environment: {})"))), o.env);
  return ".TP\n" + head + "\n" + body + "\n";
}

std::string command_section(const std::string& path, const CommandInfo& c, const i18n::Catalog& catalog)
{
  if (c.hidden) return {};
  std::string out = ".SS \"" + path + "\"\n" + synopsis(path, c, catalog) + ".PP\n" + roff(c.help) + "\n";
  for (const OptionInfo& a : c.arguments) out += option_item(a, catalog);
  for (const OptionInfo& o : c.options)
    if (!o.global) out += option_item(o, catalog);
  for (const CommandInfo& sub : c.commands) out += command_section(path + " " + sub.name, sub, catalog);
  return out;
}

std::string environment_section(const CommandInfo& root, const i18n::Catalog& catalog)
{
  std::string out = ".SH " + std::string(catalog.pgettext("manual", "ENVIRONMENT")) + "\n";
  std::set<std::string> said;
  const auto item = [&](const std::string& name, std::string_view help) {
    if (!said.insert(name).second) return;
    out += ".TP\n.B " + name + "\n" + roff(help) + "\n";
  };
  const std::function<void(const CommandInfo&)> options = [&](const CommandInfo& c) {
    for (const OptionInfo& o : c.options)
      if (!o.env.empty())
        item(o.env, fmt::format(fmt::runtime(std::string(catalog.gettext("as {}"))), o.names.front()));
    for (const CommandInfo& sub : c.commands) options(sub);
  };
  options(root);
  for (const Variable& v : environment) item(v.name, catalog.gettext(v.help));
  return out;
}

std::string files_section(const i18n::Catalog& catalog)
{
  return ".SH " + std::string(catalog.pgettext("manual", "FILES")) + "\n.TP\n.I $XDG_DATA_HOME/motivo/motivo.db\n" +
         roff(catalog.gettext("the database (default ~/.local/share/motivo/motivo.db), mode 0600 in a folder of mode "
                              "0700; SQLite keeps its -wal and -shm files beside it")) +
         "\n.TP\n.I $XDG_CONFIG_HOME/motivo/config.toml\n" +
         roff(catalog.gettext("the settings (default ~/.config/motivo/config.toml): the policy and its rules, the "
                              "reply deadline, the language, the message templates")) +
         "\n";
}

std::string exit_section(const i18n::Catalog& catalog)
{
  return ".SH " + std::string(catalog.pgettext("manual", "EXIT STATUS")) + "\n.TP\n.B 0\n" +
         roff(catalog.gettext("success")) + "\n.TP\n.B 1\n" +
         roff(catalog.gettext("bad input (the file, line and value are named), a refusal (no such invitation, not in "
                              "the state the action needs) or another failure (the database, the file system)")) +
         "\n.TP\n.B 2\n" +
         roff(catalog.gettext("bad usage: an unknown command or option, a missing argument, options at odds")) + "\n";
}

std::string example_section(const i18n::Catalog& catalog)
{
  const std::array<std::pair<const char*, const char*>, 7> steps{{
      {"motivo import ~/Downloads/Basic_LinkedInDataExport_11-27-2026.zip", N_("import the archive LinkedIn gives")},
      {"motivo invitations --incoming --suggestion ask", N_("who wrote no note: ask them why")},
      {"motivo ask i42", N_("print the question in their language and record the ask")},
      {"motivo import ~/Downloads/Basic_LinkedInDataExport_12-04-2026.zip", N_("a week later: who replied")},
      {"motivo decide i42 accept", N_("record the decision (or decline, or spam)")},
      {"motivo triage", N_("or go through the queue with single keys")},
      {"motivo report --by month", N_("the numbers: asked, replied, accepted, month by month")},
  }};
  std::string out = ".SH " + std::string(catalog.pgettext("manual", "EXAMPLES")) + "\n" +
                    roff(catalog.gettext("The protocol: ask those who sent no note why they want to connect, wait for "
                                         "the reply, then decide.")) +
                    "\n.PP\n.nf\n.RS\n";
  for (const auto& [command, help] : steps) out += "$ " + roff(command) + "   # " + roff(catalog.gettext(help)) + "\n";
  return out + ".RE\n.fi\n";
}

std::string manual(const CommandInfo& root, const i18n::Catalog& catalog)
{
  std::string out = ".TH MOTIVO 1 \"\" \"motivo " MOTIVO_VERSION "\" \"" +
                    std::string(catalog.pgettext("manual", "User Commands")) + "\"\n";
  out += ".SH " + std::string(catalog.pgettext("manual", "NAME")) + "\nmotivo \\- " +
         roff(root.help.substr(root.help.find(": ") + 2)) + "\n";
  out += ".SH " + std::string(catalog.pgettext("manual", "SYNOPSIS")) + "\n" + synopsis("motivo", root, catalog);
  out += ".SH " + std::string(catalog.pgettext("manual", "DESCRIPTION")) + "\n" +
         roff(catalog.gettext("motivo imports the archive LinkedIn gives under \"Get a copy of your data\" (and "
                              "LinkedIn's invitation mail) into a local database, labels every invitation's note, "
                              "suggests what to do with each one by a policy, prints the message asking an inviter "
                              "why they want to connect, records your decisions and reports what happens. It opens "
                              "no network connection except the IMAP server fetch names.")) +
         "\n";
  out += ".SH " + std::string(catalog.pgettext("manual", "GLOBAL OPTIONS")) + "\n" +
         roff(catalog.gettext("Every command takes these too, before or after its name.")) + "\n";
  for (const OptionInfo& o : root.options) out += option_item(o, catalog);
  out += ".SH " + std::string(catalog.pgettext("manual", "COMMANDS")) + "\n";
  for (const CommandInfo& c : root.commands) out += command_section("motivo " + c.name, c, catalog);
  out += environment_section(root, catalog) + files_section(catalog) + exit_section(catalog) + example_section(catalog);
  out += ".SH " + std::string(catalog.pgettext("manual", "SEE ALSO")) + "\n" +
         roff(catalog.gettext("README.md in /usr/share/doc/motivo; motivo COMMAND --help.")) + "\n";
  return out;
}

} // namespace

std::function<int()> setup_man(CLI::App& app, Context&)
{
  auto language = std::make_shared<std::string>();
  app.add_option("--lang", *language, "es or en (default: the language of the messages)")
      ->check(CLI::IsMember({"es", "en"}));
  return [language]() -> int {
    const std::string chosen = language->empty() ? user_language() : *language;
    fmt::print("{}", manual(describe_command_line(chosen), i18n::Catalog::of(chosen)));
    return 0;
  };
}

} // namespace motivo::cli
