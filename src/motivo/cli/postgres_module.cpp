// The executable's side of the PostgreSQL module, lib/<triplet>/motivo/postgres.so (modules.hpp): the back end
// for postgresql:// locations, with libpqxx and libpq (which bring OpenSSL's libssl, Kerberos, LDAP and GnuTLS).
// A command on SQLite loads none of them. Compiled with hidden visibility, as mail_net.cpp, and for the same reason.
#include <motivo/cli/modules.hpp>
#include <motivo/store/store.hpp>

#include <exception>
#include <memory>
#include <string>

namespace motivo::store {

SchemaStatus postgres_schema_status(const std::string& url); // store/postgres/pg_store.cpp, in the module

std::unique_ptr<Store> open_postgres(const std::string& url)
{
  static const auto function = cli::loaded<decltype(&open_postgres)>("postgres.so", "motivo_open_postgres");
  return function(url);
}

SchemaStatus postgres_schema_status(const std::string& url)
{
  static const auto function =
      cli::loaded<decltype(&postgres_schema_status)>("postgres.so", "motivo_postgres_schema_status");
  return function(url);
}

// Only PostgreSQL's errors are transient (a lost connection, a serialization failure): none can have been thrown
// by a process that never opened the module.
bool is_transient_error(const std::exception& e)
{
  if (!cli::module_opened("postgres.so")) return false;
  static const auto function = cli::loaded<decltype(&is_transient_error)>("postgres.so", "motivo_is_transient_error");
  return function(e);
}

} // namespace motivo::store
