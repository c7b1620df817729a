#pragma once

#include <motivo/core/protocol/config.hpp>
#include <motivo/store/store.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace motivo::cli {

// What every command shares: the options given before or after the command name, and the store, opened on
// first use.
struct Context {
  std::string db;            // --db, else MOTIVO_DB, else $XDG_DATA_HOME/motivo/motivo.db
  bool json = false;         // --json
  bool quiet = false;        // --quiet
  std::string config_path;   // --config, else MOTIVO_CONFIG, else $XDG_CONFIG_HOME/motivo/config.toml
  std::string policy;        // --policy: overrides the configured one
  bool long_running = false; // serve: read the clock on every call instead of once
  std::string user;          // --as, else MOTIVO_USER: who imports, whose invitations are shown (team mode)

  // The database location the options and the environment choose.
  std::string database_location() const;
  store::Store& store();
  // The user --as names (InputError when there is no such user); nullopt without --as.
  std::optional<store::User> user_record();
  std::optional<std::int64_t> user_id();
  // The settings, read once (defaults when the file does not exist; InputError when it is wrong).
  const protocol::Config& config();
  std::string config_location() const;
  // The settings file's `language` (es or en), "" when it has none, when there is no file or when it is wrong
  // (the command that reads the settings reports that). Read before the command line is parsed: see i18n.hpp.
  std::string settings_language() const;
  protocol::Policy policy_in_force();
  // The time, read once per command (on every call for a long-running one); MOTIVO_NOW (ISO-8601 UTC) fixes it.
  // Only context.cpp reads the clock (tests/e2e/layers.sh checks).
  datetime::UnixSeconds now();
  // The clock for the server, whose requests run on many threads: read on every call, or MOTIVO_NOW's time (an
  // invalid MOTIVO_NOW fails here, as in now()). The function keeps nothing of this Context.
  std::function<datetime::UnixSeconds()> clock();
  // The system's time even under MOTIVO_NOW: when `motivo import` starts and when `motivo label` labels (the web
  // page's import and `fetch` take now()).
  static datetime::UnixSeconds system_time();
  // The user's local hour now (TZ applies), for greetings.
  int local_hour();

private:
  bool config_given() const; // --config or MOTIVO_CONFIG: a missing file is an error
  std::unique_ptr<store::Store> store_;
  std::optional<protocol::Config> config_;
  std::optional<store::User> user_;
  std::optional<datetime::UnixSeconds> now_;
  bool keep_time_ = false;
  bool fixed_time_ = false; // MOTIVO_NOW
};

// The local hour (TZ applies) at time `t`.
int local_hour_at(datetime::UnixSeconds t);

} // namespace motivo::cli
