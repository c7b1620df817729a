#pragma once

#include <motivo/core/datetime.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/store/store.hpp>

#include <functional>
#include <string>

namespace motivo::server {

struct Options {
  std::string host = "127.0.0.1";
  int port = 8460;                  // 0: any free port (the chosen one is reported through `on_listening`)
  std::string token;                // required on every request when set; required to listen beyond loopback
  std::string config_source;        // the settings file's path, for messages
  std::size_t max_upload = 512u << 20; // bytes of an uploaded export
  std::function<void(const std::string& url)> on_listening;
  std::function<datetime::UnixSeconds()> clock;
  std::function<int()> local_hour;
};

// Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback(const std::string& host);

// Serves the web app and its JSON API (docs/WEB.md) until the process is interrupted. Every request's store access
// is serialised (one SQLite connection; the CLI may write to the same file at once: WAL and a busy timeout).
// Throws std::runtime_error when it cannot listen, or when asked to listen beyond loopback without a token.
void serve(store::Store& store, const protocol::Config& config, const protocol::Policy& policy, const Options& options);

} // namespace motivo::server
