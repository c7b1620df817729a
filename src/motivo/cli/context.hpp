#pragma once

#include <motivo/store/store.hpp>

#include <memory>
#include <string>

namespace motivo::cli {

// What every command shares: the options given before or after the command name, and the store, opened on
// first use.
struct Context {
  std::string db;     // --db, else MOTIVO_DB, else $XDG_DATA_HOME/motivo/motivo.db
  bool json = false;  // --json
  bool quiet = false; // --quiet

  // The database location the options and the environment choose.
  std::string database_location() const;
  store::Store& store();

private:
  std::unique_ptr<store::Store> store_;
};

} // namespace motivo::cli
