// The PostgreSQL module's entry points (postgres_module.cpp): a pointer to each function the executable calls,
// under a C name it finds with dlsym.
#include <motivo/store/store.hpp>

#include <string>

namespace motivo::store {
SchemaStatus postgres_schema_status(const std::string& url); // store/postgres/pg_store.cpp
}

extern "C" {
extern const decltype(&motivo::store::open_postgres) motivo_open_postgres;
extern const decltype(&motivo::store::postgres_schema_status) motivo_postgres_schema_status;
extern const decltype(&motivo::store::is_transient_error) motivo_is_transient_error;
}

const decltype(&motivo::store::open_postgres) motivo_open_postgres = &motivo::store::open_postgres;
const decltype(&motivo::store::postgres_schema_status) motivo_postgres_schema_status =
    &motivo::store::postgres_schema_status;
const decltype(&motivo::store::is_transient_error) motivo_is_transient_error = &motivo::store::is_transient_error;
