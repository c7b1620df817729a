// The store's own thin SQL interface (store/sql/connection.hpp) against SOCI 4.0 (Debian's libsoci-dev), on the
// store's two hot paths, in the same run (issue 18; the decision is in docs/store-api-evaluation.md):
//   - the import: 200,000 message rows (17 bound columns: a 16-byte blob key, ~200 bytes of text, six nullable
//     texts) through one prepared INSERT in one transaction, as SqliteImportSession::write_message does;
//   - the report: 500,000 rows of 4 integer columns, the query of SqlStore::for_each_stamp.
// SQLite (a temp file, motivo's pragmas: 16 KiB pages, synchronous NORMAL, rollback journal for the import as
// its bulk mode sets it, WAL for reading):
//   raw      the sqlite3 C API (the floor)
//   motivo   sql::Connection / sql::Statement over store/sqlite/db.hpp's Database, what the import and the report call
//   soci     SOCI's sqlite3 back end: one prepared statement, use()/into() bound variables
//   soci_bulk (reading only) SOCI's vector into(), 1,000 rows a fetch
// PostgreSQL, when MOTIVO_BENCH_PG_URL names a database (scripts/pg-throwaway.sh start DIR prints one): reading
// 100,000 rows, and 10,000 single-row parameterised SELECTs in one transaction, through motivo's PgConnection
// (libpqxx) against SOCI's postgresql back end (and libpqxx's own prepared statements, for reference).
// Not a test; defined only when SOCI is installed and built on request (docs/store-api-evaluation.md, "Reproduce").
#include <motivo/store/postgres/pg_connection.hpp>
#include <motivo/store/sqlite/db.hpp>

#include <benchmark/benchmark.h>
#include <soci/soci.h>
#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

// The back ends' factories, declared here: <soci/sqlite3/soci-sqlite3.h> includes <sqlite3.h> inside a namespace
// of its own (sqlite_api) and redefines SQLITE_STATIC, so the C API is not usable next to it in one file.
namespace soci {
extern "C" backend_factory const* factory_sqlite3();
extern "C" backend_factory const* factory_postgresql();
} // namespace soci

namespace {

using motivo::store::sql::Statement;
using motivo::store::sqlite::Database;

// ---------------------------------------------------------------------------------------------------------------
// Data

std::uint64_t mix(std::uint64_t x)
{
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A message row as the import writes it: an empty optional text is written as NULL.
struct Message {
  std::array<unsigned char, 16> key{};
  std::int64_t owner = 1;
  std::string direction, conversation_id, conversation_title;
  std::int64_t from_person = 0, to_person = 0;
  std::string from_name, from_url, to_names, to_urls;
  std::int64_t sent_at = 0;
  std::string subject, content, folder;
  bool draft = false;
};

constexpr int insert_rows = 200'000;
constexpr int read_rows = 500'000;
constexpr int pg_read_rows = 100'000;
constexpr int pg_lookups = 10'000;
constexpr std::int64_t import_id = 1;

const std::vector<Message>& messages()
{
  static const std::vector<Message> rows = [] {
    std::vector<Message> out(insert_rows);
    for (int i = 0; i < insert_rows; ++i) {
      Message& m = out[static_cast<std::size_t>(i)];
      const std::uint64_t a = mix(static_cast<std::uint64_t>(i)), b = mix(a);
      for (int k = 0; k < 8; ++k) {
        m.key[static_cast<std::size_t>(k)] = static_cast<unsigned char>(a >> (8 * k));
        m.key[static_cast<std::size_t>(k + 8)] = static_cast<unsigned char>(b >> (8 * k));
      }
      const bool outgoing = i % 2 == 0;
      const int person = 2 + i % 5000;
      m.direction = outgoing ? "outgoing" : "incoming";
      m.conversation_id = "2-" + std::to_string(a % 20000) + "MjAyNC0wMS0wMlQxODowNDo0NQ==";
      if (i % 10 == 0) m.conversation_title = "Equipo de datos " + std::to_string(i % 37);
      m.from_person = outgoing ? 1 : person;
      m.to_person = outgoing ? person : 1;
      m.from_name = outgoing ? "Ana Gómez" : "Luis Pérez " + std::to_string(person);
      if (i % 3 != 0) m.from_url = "https://www.linkedin.com/in/luis-perez-" + std::to_string(person);
      m.to_names = outgoing ? "Luis Pérez " + std::to_string(person) : "Ana Gómez";
      if (i % 3 == 1) m.to_urls = "https://www.linkedin.com/in/ana-gomez";
      m.sent_at = 1'700'000'000'000 + static_cast<std::int64_t>(i) * 37'000;
      if (i % 20 == 0) m.subject = "Oferta " + std::to_string(i);
      m.content = "Hola Luis, gracias por la charla del martes. Te escribo para seguir con lo que hablamos sobre el "
                  "puesto en Madrid: ¿te viene bien una llamada el jueves a las 10? Un saludo, Ana (" +
                  std::to_string(i) + ")";
      if (i % 4 == 0) m.folder = "INBOX";
      m.draft = i % 50 == 0;
    }
    return out;
  }();
  return rows;
}

// ---------------------------------------------------------------------------------------------------------------
// SQLite

std::string temp_path(const char* name)
{
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir && *dir ? dir : "/tmp") + "/motivo-store-api-" + std::to_string(::getpid()) + "-" + name;
}

void remove_database(const std::string& path)
{
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

void raw_exec(sqlite3* db, const std::string& sql)
{
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error(message + " in " + sql);
  }
}

// motivo's messages table (store/sql/schema.cpp, SQLite types) without its indexes, as the import's bulk mode
// drops them.
constexpr const char* messages_table = R"sql(
PRAGMA page_size = 16384;
CREATE TABLE messages (
  id INTEGER PRIMARY KEY, key BLOB NOT NULL, owner INTEGER NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  conversation_id TEXT, conversation_title TEXT, from_person INTEGER, to_person INTEGER, counterpart INTEGER,
  from_name TEXT NOT NULL, from_url TEXT, to_names TEXT NOT NULL, to_urls TEXT, sent_at INTEGER NOT NULL,
  subject TEXT, content TEXT NOT NULL, folder TEXT, draft INTEGER NOT NULL DEFAULT 0, first_import INTEGER NOT NULL);
)sql";

// SqliteImportSession's message insert in bulk mode.
constexpr const char* message_insert = R"sql(
INSERT INTO messages(key, owner, direction, conversation_id, conversation_title, from_person, to_person, from_name,
                     from_url, to_names, to_urls, sent_at, subject, content, folder, draft, first_import, counterpart)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
        CASE ?3 WHEN 'outgoing' THEN ?7 ELSE ?6 END))sql";

// Pragmas of every connection (SqliteStore's, and the import's smaller cache while it fills empty tables).
constexpr const char* import_pragmas = "PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL; "
                                       "PRAGMA cache_size = -4096";
constexpr const char* read_pragmas = "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384";

// A new, empty database for one insert run (not timed).
std::string fresh_insert_database()
{
  motivo::store::sqlite::configure_library();
  const std::string path = temp_path("insert.db");
  remove_database(path);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  raw_exec(db, messages_table);
  sqlite3_close(db);
  return path;
}

std::int64_t count_rows(const std::string& path)
{
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM messages", -1, &s, nullptr);
  sqlite3_step(s);
  const std::int64_t n = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

// Runs `insert(path)` once per iteration on a fresh database; only the insert is timed (opening, pragmas,
// transaction, 200,000 rows, commit, closing).
template <typename Insert>
void run_insert(benchmark::State& state, Insert insert)
{
  const auto& rows = messages();
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = fresh_insert_database();
    state.ResumeTiming();
    insert(path, rows);
    state.PauseTiming();
    if (count_rows(path) != insert_rows) state.SkipWithError("wrong row count");
    remove_database(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * insert_rows);
}

void bind_text_or_null(sqlite3_stmt* s, int index, const std::string& text)
{
  if (text.empty())
    sqlite3_bind_null(s, index);
  else
    sqlite3_bind_text(s, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

void sqlite_insert_raw(benchmark::State& state)
{
  run_insert(state, [](const std::string& path, const std::vector<Message>& rows) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    raw_exec(db, import_pragmas);
    raw_exec(db, "BEGIN IMMEDIATE");
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v3(db, message_insert, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    const auto text = [&](int i, const std::string& t) {
      sqlite3_bind_text(s, i, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
    };
    for (const Message& r : rows) {
      sqlite3_bind_blob(s, 1, r.key.data(), static_cast<int>(r.key.size()), SQLITE_STATIC);
      sqlite3_bind_int64(s, 2, r.owner);
      text(3, r.direction);
      bind_text_or_null(s, 4, r.conversation_id);
      bind_text_or_null(s, 5, r.conversation_title);
      sqlite3_bind_int64(s, 6, r.from_person);
      sqlite3_bind_int64(s, 7, r.to_person);
      text(8, r.from_name);
      bind_text_or_null(s, 9, r.from_url);
      text(10, r.to_names);
      bind_text_or_null(s, 11, r.to_urls);
      sqlite3_bind_int64(s, 12, r.sent_at);
      bind_text_or_null(s, 13, r.subject);
      text(14, r.content);
      bind_text_or_null(s, 15, r.folder);
      sqlite3_bind_int64(s, 16, r.draft ? 1 : 0);
      sqlite3_bind_int64(s, 17, import_id);
      if (sqlite3_step(s) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
      sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    raw_exec(db, "COMMIT");
    sqlite3_close(db);
  });
}
BENCHMARK(sqlite_insert_raw)->Name("sqlite_insert_200k/raw")->Unit(benchmark::kMillisecond)->Iterations(2);

void sqlite_insert_motivo(benchmark::State& state)
{
  run_insert(state, [](const std::string& path, const std::vector<Message>& rows) {
    Database connection(path);
    connection.exec(import_pragmas);
    connection.transaction(true, [&] {
      Statement s = connection.prepare(message_insert);
      for (const Message& r : rows) {
        s.bind_blob(1, r.key.data(), r.key.size()).bind(2, r.owner).bind(3, r.direction);
        s.bind_or_null(4, r.conversation_id).bind_or_null(5, r.conversation_title);
        s.bind(6, r.from_person).bind(7, r.to_person).bind(8, r.from_name).bind_or_null(9, r.from_url);
        s.bind(10, r.to_names).bind_or_null(11, r.to_urls).bind(12, r.sent_at).bind_or_null(13, r.subject);
        s.bind(14, r.content).bind_or_null(15, r.folder).bind(16, std::int64_t{r.draft ? 1 : 0}).bind(17, import_id);
        s.step();
        s.reset();
      }
    });
  });
}
BENCHMARK(sqlite_insert_motivo)->Name("sqlite_insert_200k/motivo")->Unit(benchmark::kMillisecond)->Iterations(2);

// SOCI binds variables, not values: use() takes a reference, read at every execute(); a NULL is an indicator
// next to the variable. A blob is a soci::blob object of the session (std::string would be bound as TEXT).
void sqlite_insert_soci(benchmark::State& state)
{
  run_insert(state, [](const std::string& path, const std::vector<Message>& rows) {
    soci::session sql(*soci::factory_sqlite3(), "db=" + path);
    sql << "PRAGMA journal_mode = DELETE";
    sql << "PRAGMA synchronous = NORMAL";
    sql << "PRAGMA cache_size = -4096";
    soci::transaction tx(sql);
    soci::blob key(sql);
    long long owner = 0, from_person = 0, to_person = 0, sent_at = 0, draft = 0, first_import = import_id;
    std::string direction, conversation_id, conversation_title, from_name, from_url, to_names, to_urls, subject,
        content, folder;
    soci::indicator conversation_id_null, conversation_title_null, from_url_null, to_urls_null, subject_null,
        folder_null;
    soci::statement st = (sql.prepare << message_insert, soci::use(key), soci::use(owner), soci::use(direction),
                          soci::use(conversation_id, conversation_id_null),
                          soci::use(conversation_title, conversation_title_null), soci::use(from_person),
                          soci::use(to_person), soci::use(from_name), soci::use(from_url, from_url_null),
                          soci::use(to_names), soci::use(to_urls, to_urls_null), soci::use(sent_at),
                          soci::use(subject, subject_null), soci::use(content), soci::use(folder, folder_null),
                          soci::use(draft), soci::use(first_import));
    const auto nullable = [](std::string& to, soci::indicator& null, const std::string& from) {
      to = from;
      null = from.empty() ? soci::i_null : soci::i_ok;
    };
    for (const Message& r : rows) {
      key.write(0, reinterpret_cast<const char*>(r.key.data()), r.key.size());
      owner = r.owner;
      direction = r.direction;
      nullable(conversation_id, conversation_id_null, r.conversation_id);
      nullable(conversation_title, conversation_title_null, r.conversation_title);
      from_person = r.from_person;
      to_person = r.to_person;
      from_name = r.from_name;
      nullable(from_url, from_url_null, r.from_url);
      to_names = r.to_names;
      nullable(to_urls, to_urls_null, r.to_urls);
      sent_at = r.sent_at;
      nullable(subject, subject_null, r.subject);
      content = r.content;
      nullable(folder, folder_null, r.folder);
      draft = r.draft ? 1 : 0;
      st.execute(true);
    }
    tx.commit();
  });
}
BENCHMARK(sqlite_insert_soci)->Name("sqlite_insert_200k/soci")->Unit(benchmark::kMillisecond)->Iterations(2);

// The report's reading: 500,000 stamps, made once per process (WAL, as SqliteStore opens a database).
constexpr const char* stamps_query = R"sql(
SELECT owner, counterpart, sent_at, direction = 'outgoing' FROM messages
WHERE counterpart IS NOT NULL AND NOT draft ORDER BY owner, counterpart, sent_at)sql";

const std::string& read_database()
{
  static const std::string path = [] {
    motivo::store::sqlite::configure_library();
    const std::string p = temp_path("read.db");
    remove_database(p);
    sqlite3* db = nullptr;
    sqlite3_open(p.c_str(), &db);
    raw_exec(db, "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
    raw_exec(db, "CREATE TABLE messages (id INTEGER PRIMARY KEY, owner INTEGER NOT NULL, counterpart INTEGER, "
                 "sent_at INTEGER NOT NULL, direction TEXT NOT NULL, draft INTEGER NOT NULL DEFAULT 0)");
    raw_exec(db, "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < " +
                     std::to_string(read_rows - 1) +
                     ") INSERT INTO messages(owner, counterpart, sent_at, direction) SELECT 1 + i % 3, "
                     "2 + (i * 7919) % 20000, 1700000000000 + i * 37000, "
                     "CASE WHEN i % 2 THEN 'outgoing' ELSE 'incoming' END FROM c");
    raw_exec(db, "CREATE INDEX messages_by_counterpart ON messages(owner, counterpart, sent_at)");
    sqlite3_close(db);
    std::atexit([] { remove_database(temp_path("read.db")); });
    return p;
  }();
  return path;
}

// Every variant folds the rows into the same checksum.
struct Fold {
  std::int64_t sum = 0, rows = 0;
  void add(std::int64_t owner, std::int64_t counterpart, std::int64_t sent_at, bool outgoing)
  {
    sum += owner * 3 + counterpart * 5 + (sent_at & 0xffff) + (outgoing ? 7 : 0);
    ++rows;
  }
};

template <typename Read>
void run_read(benchmark::State& state, std::int64_t expected_rows, Read read)
{
  std::int64_t first = 0;
  for (auto _ : state) {
    const Fold f = read();
    if (f.rows != expected_rows || (first != 0 && f.sum != first)) state.SkipWithError("wrong rows");
    first = f.sum;
    benchmark::DoNotOptimize(f.sum);
  }
  state.counters["checksum"] = static_cast<double>(first % 1'000'000);
  state.SetItemsProcessed(state.iterations() * expected_rows);
}

void sqlite_read_raw(benchmark::State& state)
{
  sqlite3* db = nullptr;
  sqlite3_open_v2(read_database().c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  raw_exec(db, read_pragmas);
  run_read(state, read_rows, [&] {
    Fold f;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v3(db, stamps_query, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) {
      f.add(sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
            sqlite3_column_int64(s, 3) != 0);
    }
    sqlite3_finalize(s);
    return f;
  });
  sqlite3_close(db);
}
BENCHMARK(sqlite_read_raw)->Name("sqlite_read_500k/raw")->Unit(benchmark::kMillisecond)->MinTime(1);

void sqlite_read_motivo(benchmark::State& state)
{
  Database connection(read_database());
  connection.exec(read_pragmas);
  run_read(state, read_rows, [&] {
    Fold f;
    connection.transaction(false, [&] {
      Statement s = connection.prepare(stamps_query);
      while (s.step()) f.add(s.column_int(0), s.column_int(1), s.column_int(2), s.column_bool(3));
    });
    return f;
  });
}
BENCHMARK(sqlite_read_motivo)->Name("sqlite_read_500k/motivo")->Unit(benchmark::kMillisecond)->MinTime(1);

void sqlite_read_soci(benchmark::State& state)
{
  soci::session sql(*soci::factory_sqlite3(), "db=" + read_database());
  sql << "PRAGMA synchronous = NORMAL";
  sql << "PRAGMA cache_size = -16384";
  run_read(state, read_rows, [&] {
    Fold f;
    long long owner = 0, counterpart = 0, sent_at = 0;
    int outgoing = 0;
    soci::statement st = (sql.prepare << stamps_query, soci::into(owner), soci::into(counterpart),
                          soci::into(sent_at), soci::into(outgoing));
    st.execute();
    while (st.fetch()) f.add(owner, counterpart, sent_at, outgoing != 0);
    return f;
  });
}
BENCHMARK(sqlite_read_soci)->Name("sqlite_read_500k/soci")->Unit(benchmark::kMillisecond)->MinTime(1);

void sqlite_read_soci_bulk(benchmark::State& state)
{
  soci::session sql(*soci::factory_sqlite3(), "db=" + read_database());
  sql << "PRAGMA synchronous = NORMAL";
  sql << "PRAGMA cache_size = -16384";
  run_read(state, read_rows, [&] {
    Fold f;
    std::vector<long long> owner(1000), counterpart(1000), sent_at(1000);
    std::vector<int> outgoing(1000);
    soci::statement st = (sql.prepare << stamps_query, soci::into(owner), soci::into(counterpart),
                          soci::into(sent_at), soci::into(outgoing));
    st.execute();
    while (st.fetch()) {
      for (std::size_t i = 0; i < owner.size(); ++i) f.add(owner[i], counterpart[i], sent_at[i], outgoing[i] != 0);
    }
    return f;
  });
}
BENCHMARK(sqlite_read_soci_bulk)->Name("sqlite_read_500k/soci_bulk")->Unit(benchmark::kMillisecond)->MinTime(1);

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL (MOTIVO_BENCH_PG_URL)

const char* pg_url()
{
  const char* url = std::getenv("MOTIVO_BENCH_PG_URL");
  return url && *url ? url : nullptr;
}

// The URL as libpq's key=value form: SOCI 4.0's PostgreSQL factory splits its connection string into key=value
// pairs (to take out its own "singlerow" option) and so mangles a postgresql:// URL. Only the plain
// postgresql://user@host:port/database form that scripts/pg-throwaway.sh prints is converted.
std::string soci_conninfo()
{
  std::string url = pg_url();
  const std::string scheme = "postgresql://";
  if (url.rfind(scheme, 0) != 0) return url;
  url.erase(0, scheme.size());
  std::string out;
  if (const auto at = url.find('@'); at != std::string::npos) {
    out += "user=" + url.substr(0, at) + " ";
    url.erase(0, at + 1);
  }
  const auto slash = url.find('/');
  const std::string host_port = url.substr(0, slash);
  const auto colon = host_port.find(':');
  out += "host=" + host_port.substr(0, colon);
  if (colon != std::string::npos) out += " port=" + host_port.substr(colon + 1);
  if (slash != std::string::npos) out += " dbname=" + url.substr(slash + 1);
  return out;
}

// 100,000 stamps in a table of their own, made once per process.
void pg_prepare_table()
{
  static const bool done = [] {
    pqxx::connection c(pg_url());
    pqxx::work tx(c);
    tx.exec0("DROP TABLE IF EXISTS bench_stamps");
    tx.exec0("CREATE TABLE bench_stamps (id bigint PRIMARY KEY, owner bigint NOT NULL, counterpart bigint, "
             "sent_at bigint NOT NULL, direction text NOT NULL, draft boolean NOT NULL DEFAULT false)");
    tx.exec0("INSERT INTO bench_stamps(id, owner, counterpart, sent_at, direction) SELECT i, 1 + i % 3, "
             "2 + (i * 7919) % 20000, 1700000000000 + i * 37000, "
             "CASE WHEN i % 2 = 1 THEN 'outgoing' ELSE 'incoming' END FROM generate_series(0::bigint, " +
             std::to_string(pg_read_rows - 1) + ") AS i");
    tx.exec0("CREATE INDEX bench_stamps_by_counterpart ON bench_stamps(owner, counterpart, sent_at)");
    tx.commit();
    pqxx::nontransaction(c).exec0("VACUUM ANALYZE bench_stamps");
    return true;
  }();
  (void)done;
}

constexpr const char* pg_stamps_query = R"sql(
SELECT owner, counterpart, sent_at, direction = 'outgoing' FROM bench_stamps
WHERE counterpart IS NOT NULL AND NOT draft ORDER BY owner, counterpart, sent_at)sql";

std::int64_t lookup_id(int i)
{
  return static_cast<std::int64_t>(mix(static_cast<std::uint64_t>(i)) % pg_read_rows);
}

bool pg_ready(benchmark::State& state)
{
  if (!pg_url()) {
    state.SkipWithError("MOTIVO_BENCH_PG_URL is not set (scripts/pg-throwaway.sh start DIR prints one)");
    return false;
  }
  pg_prepare_table();
  return true;
}

void pg_read_motivo(benchmark::State& state)
{
  if (!pg_ready(state)) return;
  motivo::store::postgres::PgConnection connection(pg_url());
  connection.transaction(false, [] {}); // connects
  run_read(state, pg_read_rows, [&] {
    Fold f;
    connection.transaction(false, [&] {
      Statement s = connection.prepare(pg_stamps_query);
      while (s.step()) f.add(s.column_int(0), s.column_int(1), s.column_int(2), s.column_bool(3));
    });
    return f;
  });
}
BENCHMARK(pg_read_motivo)->Name("pg_read_100k/motivo")->Unit(benchmark::kMillisecond)->MinTime(1);

void pg_read_soci(benchmark::State& state)
{
  if (!pg_ready(state)) return;
  soci::session sql(*soci::factory_postgresql(), soci_conninfo());
  run_read(state, pg_read_rows, [&] {
    Fold f;
    soci::transaction tx(sql);
    long long owner = 0, counterpart = 0, sent_at = 0;
    int outgoing = 0;
    soci::statement st = (sql.prepare << pg_stamps_query, soci::into(owner), soci::into(counterpart),
                          soci::into(sent_at), soci::into(outgoing));
    st.execute();
    while (st.fetch()) f.add(owner, counterpart, sent_at, outgoing != 0);
    tx.commit();
    return f;
  });
}
BENCHMARK(pg_read_soci)->Name("pg_read_100k/soci")->Unit(benchmark::kMillisecond)->MinTime(1);

template <typename Lookups>
void run_lookups(benchmark::State& state, Lookups lookups)
{
  std::int64_t first = 0;
  for (auto _ : state) {
    const std::int64_t sum = lookups();
    if (first != 0 && sum != first) state.SkipWithError("wrong rows");
    first = sum;
  }
  state.counters["checksum"] = static_cast<double>(first % 1'000'000);
  state.SetItemsProcessed(state.iterations() * pg_lookups);
}

constexpr const char* pg_lookup_query = "SELECT sent_at, direction = 'outgoing' FROM bench_stamps WHERE id = ?1";

void pg_lookup_motivo(benchmark::State& state)
{
  if (!pg_ready(state)) return;
  motivo::store::postgres::PgConnection connection(pg_url());
  connection.transaction(false, [] {});
  run_lookups(state, [&] {
    std::int64_t sum = 0;
    connection.transaction(false, [&] {
      Statement s = connection.prepare(pg_lookup_query);
      for (int i = 0; i < pg_lookups; ++i) {
        s.bind(1, lookup_id(i));
        if (s.step()) sum += (s.column_int(0) & 0xffff) + (s.column_bool(1) ? 1 : 0);
        s.reset();
      }
    });
    return sum;
  });
}
BENCHMARK(pg_lookup_motivo)->Name("pg_lookup_10k/motivo")->Unit(benchmark::kMillisecond)->MinTime(1);

// libpqxx's own prepared statement (what PgCursor could use: the server parses and plans once).
void pg_lookup_pqxx_prepared(benchmark::State& state)
{
  if (!pg_ready(state)) return;
  pqxx::connection c(pg_url());
  c.prepare("lookup", "SELECT sent_at, direction = 'outgoing' FROM bench_stamps WHERE id = $1");
  run_lookups(state, [&] {
    std::int64_t sum = 0;
    pqxx::work tx(c);
    for (int i = 0; i < pg_lookups; ++i) {
      const pqxx::result r = tx.exec_prepared("lookup", lookup_id(i));
      if (!r.empty()) sum += (r[0][0].as<std::int64_t>() & 0xffff) + (r[0][1].as<bool>() ? 1 : 0);
    }
    tx.commit();
    return sum;
  });
}
BENCHMARK(pg_lookup_pqxx_prepared)->Name("pg_lookup_10k/pqxx_prepared")->Unit(benchmark::kMillisecond)->MinTime(1);

void pg_lookup_soci(benchmark::State& state)
{
  if (!pg_ready(state)) return;
  soci::session sql(*soci::factory_postgresql(), soci_conninfo());
  run_lookups(state, [&] {
    std::int64_t sum = 0;
    soci::transaction tx(sql);
    long long id = 0, sent_at = 0;
    int outgoing = 0;
    soci::statement st = (sql.prepare << "SELECT sent_at, direction = 'outgoing' FROM bench_stamps WHERE id = :id",
                          soci::use(id), soci::into(sent_at), soci::into(outgoing));
    for (int i = 0; i < pg_lookups; ++i) {
      id = lookup_id(i);
      if (st.execute(true)) sum += (sent_at & 0xffff) + (outgoing != 0 ? 1 : 0);
    }
    tx.commit();
    return sum;
  });
}
BENCHMARK(pg_lookup_soci)->Name("pg_lookup_10k/soci")->Unit(benchmark::kMillisecond)->MinTime(1);

} // namespace
