#include <motivo/app/users.hpp>
#include <motivo/cli/context.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>

namespace motivo::cli {

namespace fs = std::filesystem;

std::string Context::database_location() const
{
  if (!db.empty()) return db;
  if (const char* env = std::getenv("MOTIVO_DB"); env && *env) return env;
  fs::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = fs::path(home) / ".local" / "share";
  } else {
    throw std::runtime_error("cannot find a place for the database: set HOME, XDG_DATA_HOME or MOTIVO_DB, or "
                             "pass --db PATH");
  }
  return (base / "motivo" / "motivo.db").string();
}

store::Store& Context::store()
{
  if (store_) return *store_;
  const std::string location = database_location();
  const store::Access access = read_only ? store::Access::read_only : store::Access::read_write;
  if (store::is_postgres_location(location) || read_only) {
    store_ = store::open_store(location, access);
    return *store_;
  }
  const fs::path parent = fs::path(location).parent_path();
  if (!parent.empty() && !fs::exists(parent)) {
    fs::create_directories(parent);
    ::chmod(parent.c_str(), 0700); // personal data: the folder is the user's alone
  }
  store_ = store::open_sqlite(location);
  return *store_;
}

std::optional<store::User> Context::user_record()
{
  if (user.empty()) return std::nullopt;
  if (!user_) user_ = app::user_named(store(), user);
  return user_;
}

std::optional<std::int64_t> Context::user_id()
{
  const auto u = user_record();
  return u ? std::optional<std::int64_t>(u->id) : std::nullopt;
}

std::string Context::config_location() const
{
  if (!config_path.empty()) return config_path;
  if (const char* env = std::getenv("MOTIVO_CONFIG"); env && *env) return env;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    return (fs::path(xdg) / "motivo" / "config.toml").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (fs::path(home) / ".config" / "motivo" / "config.toml").string();
  return {};
}

const protocol::Config& Context::config()
{
  if (config_) return *config_;
  const std::string path = config_location();
  const bool given = !config_path.empty() || std::getenv("MOTIVO_CONFIG");
  if (path.empty() || (!fs::exists(path) && !given)) {
    config_ = protocol::Config{};
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path, 0, Message(N_("cannot read the configuration file")));
    std::ostringstream text;
    text << in.rdbuf();
    config_ = protocol::parse_config(text.str(), path);
  }
  // Messages to people whose note says nothing of their language: in the user's own (LANG), unless the file says.
  if (const std::string ui = user_language(); !config_->language_set && (ui == "es" || ui == "en"))
    config_->language = ui;
  return *config_;
}

protocol::Policy Context::policy_in_force()
{
  return protocol::active_policy(config(), policy.empty() ? std::nullopt : std::optional<std::string>(policy));
}

datetime::UnixSeconds Context::now()
{
  if (now_ && keep_time_) return *now_;
  if (const char* fixed = std::getenv("MOTIVO_NOW"); fixed && *fixed) {
    const auto parsed = datetime::parse_iso(fixed);
    if (!parsed)
      throw InputError("MOTIVO_NOW", 0,
                       fmt::format("not an ISO-8601 UTC time like 2026-11-27T10:00:00Z ({})", quote_value(fixed)));
    now_ = *parsed;
    keep_time_ = true;
    fixed_time_ = true;
  } else {
    now_ = system_time();
    keep_time_ = !long_running;
  }
  return *now_;
}

std::function<datetime::UnixSeconds()> Context::clock()
{
  const datetime::UnixSeconds first = now();
  if (fixed_time_) return [first] { return first; };
  return &system_time;
}

datetime::UnixSeconds Context::system_time()
{
  return static_cast<datetime::UnixSeconds>(std::time(nullptr));
}

int Context::local_hour()
{
  return local_hour_at(now());
}

int local_hour_at(datetime::UnixSeconds t)
{
  const std::time_t time = static_cast<std::time_t>(t);
  std::tm local{};
  localtime_r(&time, &local);
  return local.tm_hour;
}

} // namespace motivo::cli
