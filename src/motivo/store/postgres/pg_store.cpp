#include <motivo/core/classify/fold.hpp>
#include <motivo/core/text.hpp>
#include <motivo/store/postgres/pg_conninfo.hpp>
#include <motivo/store/postgres/pg_import_session.hpp>
#include <motivo/store/postgres/pg_schema.hpp>
#include <motivo/store/postgres/pg_store.hpp>
#include <motivo/store/sql/note_facts.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace motivo::store::postgres {

PgStore::PgStore(const std::string& url)
  : SqlStore(std::make_unique<PgConnection>(url)), pg_(static_cast<PgConnection&>(connection_))
{
  migrate(pg_);
}

std::unique_ptr<ImportSession> PgStore::begin_import(const ImportInfo& info)
{
  return std::make_unique<PgImportSession>(pg_.connection(), info);
}

std::optional<std::pair<std::string, std::string>> PgStore::notes_matching(const std::string& query)
{
  // Every word of the query among the note's words, case and accents ignored (as SQLite's FTS5 does).
  std::string folded = classify::fold(query);
  if (folded.empty()) return std::nullopt;
  return std::pair<std::string, std::string>{"id IN (SELECT person FROM person_notes WHERE to_tsvector('simple', "
                                             "note_key) @@ plainto_tsquery('simple', ?1))",
                                             std::move(folded)};
}

std::unique_ptr<LabelSink> PgStore::label_sink_in_transaction()
{
  return label_sink_in(pg_.work());
}

namespace {
// The server's words for a failure, on one line: without libpq's "ERROR:  " and the HINT lines after it.
std::string server_words(const std::exception& e)
{
  std::string_view what = text::trim(e.what());
  what = text::trim(what.substr(0, what.find('\n')));
  if (what.rfind("ERROR:", 0) == 0) what = text::trim(what.substr(6));
  return std::string(what);
}
} // namespace

void PgStore::compact(const std::vector<std::string>& tables, ForgetCounts& counts)
{
  // Dead row versions keep the text in the table files until they are rewritten. VACUUM FULL writes a new copy of
  // the table beside the old one: on a full disk (or a lock it cannot get) it fails, and a plain VACUUM, which
  // needs no room, at least marks the space free for new rows to overwrite. Each table is tried: smaller ones may
  // still fit.
  for (const auto& table : tables) {
    try {
      pg_.exec(fmt::format("VACUUM FULL {}", table));
      continue;
    } catch (const std::exception& e) {
      if (counts.compaction_error.empty()) counts.compaction_error = server_words(e);
    }
    counts.compaction = Compaction::text_in_free_space;
    counts.uncompacted.push_back(table);
    try {
      pg_.exec(fmt::format("VACUUM {}", table));
    } catch (const std::exception& e) {
      // Not even that (the connection lost?): autovacuum will, later.
      counts.compaction_error += "; VACUUM: " + server_words(e);
    }
  }
}

Notes PgStore::notes()
{
  return sql::in_transaction(pg_, false, [&] { return sql::read_notes(pg_); });
}

std::unique_ptr<LabelSink> PgStore::label_sink()
{
  return label_sink_of(pg_.connection());
}

std::int64_t PgStore::data_version()
{
  // motivo moves the counter after each write it commits (data_changed). Writes made outside motivo (psql) are
  // not seen here: the server's caches also expire each minute.
  return sql::in_transaction(pg_, false, [&] {
    sql::Statement s = pg_.prepare("SELECT last_value + is_called::int FROM motivo_changes");
    s.step();
    return s.column_int(0);
  });
}

} // namespace motivo::store::postgres

namespace motivo::store {

std::unique_ptr<Store> open_postgres(const std::string& url)
{
  return std::make_unique<postgres::PgStore>(url);
}

bool is_transient_error(const std::exception& e)
{
  return dynamic_cast<const postgres::TransientError*>(&e) != nullptr || postgres::is_transient(e);
}

SchemaStatus postgres_schema_status(const std::string& url)
{
  try {
    pqxx::connection connection(postgres::with_local_defaults(url, postgres::environment_chooses_ssl()));
    return postgres::status(connection, redact_url(url));
  } catch (const pqxx::broken_connection& e) {
    throw std::runtime_error(
        fmt::format("cannot connect to the database {}: {}", redact_url(url), text::trim(e.what())));
  }
}

} // namespace motivo::store
