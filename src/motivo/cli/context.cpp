#include <motivo/cli/context.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
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
  if (location.starts_with("postgresql://") || location.starts_with("postgres://")) {
    throw std::runtime_error("PostgreSQL databases are not supported by this build yet");
  }
  const fs::path parent = fs::path(location).parent_path();
  if (!parent.empty() && !fs::exists(parent)) {
    fs::create_directories(parent);
    ::chmod(parent.c_str(), 0700); // personal data: the folder is the user's alone
  }
  store_ = store::open_sqlite(location);
  return *store_;
}

} // namespace motivo::cli
