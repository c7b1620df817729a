#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motivo::cli {

// What an option or argument takes, for the completions: nothing (a flag), one of fixed words (an IsMember check,
// or the built-in policies), an invitation id from the database, or anything else (a file name, a text).
enum class ValueKind { flag, choice, invitation, other };

struct OptionInfo {
  std::vector<std::string> names; // "--limit", "-n" (long names first); empty for a positional argument
  std::string value;              // what the value is: "INT", "TEXT"; a positional's name ("id"); "" for a flag
  std::string help;               // in the language described
  std::vector<std::string> choices;
  std::string env; // the environment variable that sets it ("MOTIVO_DB"), if any
  ValueKind kind = ValueKind::other;
  bool required = false;
  bool repeats = false; // takes several values (import's paths)
  bool global = false;  // taken by every command (--db, --as, --config, --policy, --help)
};

struct CommandInfo {
  std::string name; // "decide"; "motivo" for the program itself
  std::string help;
  bool hidden = false; // left out of --help (complete-ids)
  std::vector<OptionInfo> options;
  std::vector<OptionInfo> arguments; // positional, in order
  std::vector<CommandInfo> commands;
};

// The whole command line as declare_command_line declares it (the table of commands.cpp, every command's options
// and their checks), its descriptions in `language` (es or en, from the built-in catalogs). The manual page and the
// completion scripts are written from this, so that they say what --help says.
CommandInfo describe_command_line(std::string_view language);

// The choices of a CLI11 type name with a set check ("TEXT:{accept,decline,spam}" -> accept, decline, spam).
std::vector<std::string> choices_in(std::string_view type_name);

} // namespace motivo::cli
