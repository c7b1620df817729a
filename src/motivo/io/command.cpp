#include <motivo/io/command.hpp>

#include <spawn.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ; // NOLINT: POSIX declares it nowhere

namespace motivo::io {

namespace {

// NAME=value strings: this process's environment without `unset` and the names `set` gives, then `set`.
std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& set,
                                          const std::vector<std::string>& unset)
{
  const auto named = [](std::string_view entry, std::string_view name) {
    return entry.size() > name.size() && entry.starts_with(name) && entry[name.size()] == '=';
  };
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const bool dropped = std::any_of(unset.begin(), unset.end(), [&](const auto& n) { return named(entry, n); }) ||
                         std::any_of(set.begin(), set.end(), [&](const auto& kv) { return named(entry, kv.first); });
    if (!dropped) out.emplace_back(entry);
  }
  for (const auto& [name, value] : set) out.push_back(std::string(name).append("=").append(value));
  return out;
}

} // namespace

CommandResult run_shell(const std::string& command, const std::vector<std::pair<std::string, std::string>>& set,
                        const std::vector<std::string>& unset)
{
  std::vector<std::string> env = environment_with(set, unset);
  std::vector<char*> envp;
  envp.reserve(env.size() + 1);
  for (std::string& entry : env) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::string shell = "/bin/sh", flag = "-c", text = command;
  char* argv[] = {shell.data(), flag.data(), text.data(), nullptr};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
  // Nothing else of ours: not the database, not the IMAP connection (a command left running in the background
  // would keep them open).
  posix_spawn_file_actions_addclosefrom_np(&actions, STDERR_FILENO + 1);
  CommandResult result;
  pid_t pid = 0;
  const int error = ::posix_spawn(&pid, shell.c_str(), &actions, nullptr, argv, envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    result.error = std::strerror(error);
    return result;
  }
  result.started = true;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      result.error = std::strerror(errno);
      result.exit_status = -1;
      return result;
    }
  }
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
    result.exit_status = -1;
  } else {
    result.exit_status = WEXITSTATUS(status);
  }
  return result;
}

} // namespace motivo::io
