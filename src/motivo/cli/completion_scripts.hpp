#pragma once

#include <motivo/cli/command_tree.hpp>

#include <string>

namespace motivo::cli {

// The completion scripts of `motivo completion SHELL`, written from the described command line: its commands and
// nested commands, every option, the words a checked option or argument takes (labels, states, suggestions,
// policies, decisions…) and, for an argument called `id`, the invitation ids `motivo complete-ids` prints (with the
// --db and --as typed on the line). Anything else completes as a file name.
std::string bash_completion(const CommandInfo& root);
std::string zsh_completion(const CommandInfo& root);
std::string fish_completion(const CommandInfo& root);

} // namespace motivo::cli
