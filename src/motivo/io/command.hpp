#pragma once

#include <string>
#include <utility>
#include <vector>

namespace motivo::io {

// How a command run by run_shell ended.
struct CommandResult {
  bool started = false;
  int exit_status = 0; // when it exited
  int signal = 0;      // when a signal ended it (exit_status is then -1)
  std::string error;   // why it could not be started
  bool succeeded() const { return started && signal == 0 && exit_status == 0; }
};

// Runs `command` with `/bin/sh -c` and waits for it to end. Its standard input is /dev/null and its standard output
// goes to this process's standard error (what motivo prints on standard output, such as JSON, stays its own). Its
// environment is this process's without the variables named in `unset`, with `set` added (replacing any of the
// same name). Only `command` is given to the shell: whatever else the caller wants it to know goes through `set`.
CommandResult run_shell(const std::string& command, const std::vector<std::pair<std::string, std::string>>& set,
                        const std::vector<std::string>& unset);

} // namespace motivo::io
