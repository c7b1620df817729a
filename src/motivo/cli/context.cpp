#include <motivo/app/protocol.hpp>
#include <motivo/app/users.hpp>
#include <motivo/cli/context.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
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

namespace {

// Rows stale from which a writer says what it computes first: ten batches, a few seconds.
constexpr std::int64_t long_refresh = 20000;

// What is stale when a writer opens the store (every timeline and welcome, after an upgrade whose migration marked
// them) computed and kept before the command's own work, a batch per transaction: interrupted, what was committed
// stays and the next writer does the rest. The reads, which cannot write, then find nothing to compute.
void keep_stale(store::Store& store)
{
  const store::StaleCounts stale = store.count_stale();
  if (stale.timelines + stale.welcomes == 0) return;
  const bool say = stale.timelines + stale.welcomes >= long_refresh;
  if (say) {
    fmt::print(stderr,
               fmt::runtime(tr("motivo: computing the kept timelines of {} invitations and the welcomes of {} "
                               "connections, once (after an upgrade); it is safe to interrupt: what is done stays\n")),
               stale.timelines, stale.welcomes);
  }
  const std::int64_t done = app::refresh_timelines_in_batches(store);
  if (say) fmt::print(stderr, fmt::runtime(tr("motivo: {} timelines and welcomes computed and kept\n")), done);
}

} // namespace

store::Store& Context::store()
{
  if (store_) return *store_;
  const std::string location = database_location();
  const store::Access access = read_only ? store::Access::read_only : store::Access::read_write;
  if (store::is_postgres_location(location) || read_only) {
    store_ = store::open_store(location, access);
    if (!read_only) keep_stale(*store_);
    return *store_;
  }
  const fs::path parent = fs::path(location).parent_path();
  if (!parent.empty() && !fs::exists(parent)) {
    fs::create_directories(parent);
    ::chmod(parent.c_str(), 0700); // personal data: the folder is the user's alone
  }
  store_ = store::open_sqlite(location); // first: another program's file is refused before anything changes
  if (store::make_sqlite_private(location)) {
    fmt::print(stderr,
               fmt::runtime(tr("motivo: note: other users could read the database {}: it is now yours alone "
                               "(mode 0600)\n")),
               location);
  }
  keep_stale(*store_);
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

namespace {

// The settings file's text, or nullopt when there is none to read (no path, or the default one absent).
std::optional<std::string> config_text(const std::string& path, bool given)
{
  if (path.empty() || (!fs::exists(path) && !given)) return std::nullopt;
  if (fs::is_directory(path)) throw InputError(path, 0, Message(N_("a folder, not a configuration file")));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, Message(N_("cannot read the configuration file")));
  std::string text(protocol::max_config_bytes + 1, '\0'); // one byte more: too long is an error
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

} // namespace

bool Context::config_given() const
{
  return !config_path.empty() || std::getenv("MOTIVO_CONFIG");
}

const protocol::Config& Context::config()
{
  if (config_) return *config_;
  const std::string path = config_location();
  const auto text = config_text(path, config_given());
  config_ = text ? protocol::parse_config(*text, path) : protocol::Config{};
  // Messages to people whose note says nothing of their language: in the file's `language`, else in the one the
  // environment names when it is Spanish or English, else Spanish (the default).
  if (const std::string named = environment_language(); !config_->language_set && (named == "es" || named == "en"))
    config_->language = named;
  return *config_;
}

std::string Context::settings_language() const
{
  try {
    const std::string path = config_location();
    const auto text = config_text(path, config_given());
    if (!text) return {};
    const protocol::Config c = protocol::parse_config(*text, path);
    return c.language_set ? c.language : std::string();
  } catch (const std::exception&) {
    return {}; // a wrong file is reported by the command that reads the settings, in the environment's language
  }
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
