#include <motivo/store/postgres/pg_import_session.hpp>
#include <motivo/store/postgres/pg_store.hpp>
#include <motivo/store/sql/import_rows.hpp>
#include <motivo/store/sql/note_facts.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <type_traits>
#include <utility>

namespace motivo::store::postgres {

namespace {

constexpr std::size_t batch_rows = 20000;
constexpr std::size_t batch_bytes = 16u << 20;

// A COPY line of a row's columns (sql::columns_of).
struct CopyColumns {
  CopyLine& line;
  CopyColumns& key(const char*, const IdentityKey& k) { return line.key(k), *this; }
  CopyColumns& number(const char*, std::optional<std::int64_t> v) { return line.number(v), *this; }
  CopyColumns& text(const char*, std::string_view v) { return line.text(v), *this; }
  CopyColumns& text_or_null(const char*, std::string_view v) { return line.text_or_null(v), *this; }
  CopyColumns& boolean(const char*, bool v) { return line.boolean(v), *this; }
};

// The temporary tables a batch is sent to: the people, and each table's columns (sql::columns) and `seq`, which
// numbers the rows (the first of a key wins).
std::string staging_sql()
{
  std::string sql = "CREATE TEMP TABLE stage_people (id bigint, name text, name_key text, slug text) ON COMMIT DROP;";
  for (const Table t : {Table::invitations, Table::messages, Table::connections}) {
    sql += fmt::format("\nCREATE TEMP TABLE stage_{} (", sql::table_name(t));
    for (const sql::Column& c : sql::columns(t)) sql += fmt::format("{} {}, ", c.name, c.pg_type);
    sql += "seq bigint GENERATED ALWAYS AS IDENTITY) ON COMMIT DROP;";
  }
  return sql;
}

// Moves a batch from its staging table into the real one; the query's one value is how many rows were new. A row
// already stored is marked as seen by this import ($1) where its table records that (sql::tracks_last_import).
std::string move_sql(Table table)
{
  std::string names;
  for (const sql::Column& c : sql::columns(table)) names += (names.empty() ? "" : ", ") + c.name;
  const std::string_view name = sql::table_name(table);
  const bool last = sql::tracks_last_import(table);
  return fmt::format(R"sql(
WITH moved AS (
  INSERT INTO {0}({1}, first_import{2})
  SELECT {1}, $1{3} FROM {4} ORDER BY seq
  ON CONFLICT (key) {5}
  RETURNING xmax = 0 AS fresh)
SELECT count(*) FILTER (WHERE fresh) FROM moved)sql",
                     name, names, last ? ", last_import" : "", last ? ", $1" : "",
                     last ? fmt::format("(SELECT DISTINCT ON (key) * FROM stage_{} ORDER BY key, seq) AS first", name)
                          : fmt::format("stage_{}", name),
                     last ? "DO UPDATE SET last_import = excluded.last_import" : "DO NOTHING");
}

} // namespace

PgImportSession::PgImportSession(pqxx::connection& connection, const ImportInfo& info)
  : SqlImportSession(info), tx_(connection)
{
  tx_.exec0(staging_sql());
  start(work_, info);
}

PgImportSession::~PgImportSession() = default; // pqxx::work rolls back unless committed

void PgImportSession::lock_people()
{
  if (people_locked_) return;
  tx_.exec("SELECT pg_advisory_xact_lock(7461726977)");
  people_locked_ = true;
  for (const auto& row : tx_.exec_params("SELECT id, name_key, slug FROM people WHERE id > $1 ORDER BY id",
                                         static_cast<std::int64_t>(known_max_id_.value_or(0)))) {
    const PersonId id = row[0].as<std::int64_t>();
    const std::string key = row[1].c_str();
    if (!row[2].is_null()) late_by_slug_.emplace(row[2].c_str(), id);
    late_by_name_.emplace(key, id); // ordered by id: the first one stays
    if (row[2].is_null()) late_slugless_by_name_.emplace(key, id);
  }
}

PersonId PgImportSession::create_person(std::string_view name, std::string_view name_key, std::string_view slug)
{
  lock_people();
  // Someone another import stored meanwhile is who this import's resolver would have found (people.hpp's rules).
  if (!slug.empty()) {
    if (const auto it = late_by_slug_.find(std::string(slug)); it != late_by_slug_.end()) return it->second;
    if (const auto it = late_slugless_by_name_.find(std::string(name_key));
        !name_key.empty() && it != late_slugless_by_name_.end()) {
      const PersonId id = it->second;
      late_slugless_by_name_.erase(it);
      late_by_slug_.emplace(slug, id);
      pending_slugs_.emplace_back(id, std::string(slug));
      return id;
    }
  } else if (const auto it = late_by_name_.find(std::string(name_key)); it != late_by_name_.end()) {
    return it->second;
  }
  if (free_ids_.empty()) {
    // Ids from the table's own sequence, a growing number at a time, handed out in order.
    const pqxx::result r = tx_.exec_params(
        "SELECT nextval(pg_get_serial_sequence('people', 'id')) FROM generate_series(1, $1) ORDER BY 1 DESC",
        static_cast<std::int64_t>(id_batch_));
    for (const auto& row : r) free_ids_.push_back(row[0].as<std::int64_t>());
    id_batch_ = std::min<std::size_t>(id_batch_ * 2, 65536);
  }
  const PersonId id = free_ids_.back();
  free_ids_.pop_back();
  pending_person_[id] = pending_people_.size();
  pending_people_.push_back({id, std::string(name), std::string(name_key), std::string(slug)});
  return id;
}

void PgImportSession::attach_slug(PersonId id, std::string_view slug)
{
  lock_people();
  if (const auto it = pending_person_.find(id); it != pending_person_.end()) {
    pending_people_[it->second].slug = slug;
    return;
  }
  // A slug another import gave someone meanwhile stays theirs (this person stays known by name).
  if (!late_by_slug_.emplace(std::string(slug), id).second) return;
  pending_slugs_.emplace_back(id, std::string(slug));
}

void PgImportSession::for_each_known_person(const std::function<void(const KnownPerson&)>& visit)
{
  PersonId last = 0;
  SqlImportSession::for_each_known_person([&](const KnownPerson& p) {
    last = p.id; // in order of id
    visit(p);
  });
  known_max_id_ = std::max(known_max_id_.value_or(0), last);
}

PersonId PgImportSession::find_person(PersonLookup lookup, std::string_view text)
{
  if (!known_max_id_) {
    const pqxx::row row = tx_.exec1("SELECT coalesce(max(id), 0) FROM people");
    known_max_id_ = row[0].as<std::int64_t>();
  }
  return SqlImportSession::find_person(lookup, text);
}

void PgImportSession::flush_if_full()
{
  std::size_t rows = pending_people_.size(), bytes = 0;
  for (const Pending& p : rows_) {
    rows += p.rows;
    bytes += p.lines.size();
  }
  if (rows >= batch_rows || bytes >= batch_bytes) flush();
}

void PgImportSession::add_row(ExportRow row)
{
  std::visit(
      [this](const auto* r) {
        if constexpr (std::is_same_v<std::decay_t<decltype(*r)>, InvitationRecord>) {
          if (mail_only_rows_) return add_invitation_one_by_one(*r);
        }
        // Kept as a COPY line of its table's next batch.
        line_.clear();
        CopyColumns columns{line_};
        sql::columns_of(*r, columns);
        Pending& pending = rows_[static_cast<int>(sql::table_of(*r))];
        pending.lines += line_.str();
        pending.lines += '\n';
        ++pending.rows;
        flush_if_full();
      },
      row);
}

void PgImportSession::flush()
{
  flush_people();
  for (const Table t : {Table::invitations, Table::messages, Table::connections}) {
    const std::uint64_t added = flush_rows(t);
    added_[static_cast<int>(t)] += added;
    written_ += added;
  }
}

void PgImportSession::before_finish()
{
  // Rows this transaction wrote have no statistics yet (autovacuum reads committed rows only): into a new or small
  // database, the planner guesses for the statements that follow (the marks and the refresh of the timelines and
  // welcomes), and guessed wrong at 1,000,000 invitations — a scan of every message for each batch of 2,000
  // connections. ANALYZE samples the transaction's own rows too; a few hundred milliseconds, for large imports only.
  constexpr std::uint64_t analyze_after = 10000;
  if (written_ >= analyze_after) tx_.exec0("ANALYZE invitations, messages, connections, people");
}

void PgImportSession::flush_people()
{
  if (!pending_people_.empty()) {
    std::string lines;
    for (const NewPerson& p : pending_people_) {
      line_.clear();
      line_.number(p.id).text(p.name).text(p.name_key).text_or_null(p.slug);
      lines += line_.str();
      lines += '\n';
    }
    tx_.exec0("TRUNCATE stage_people");
    copy_in(tx_, "stage_people", lines);
    tx_.exec_params0("INSERT INTO people(id, name, name_key, slug, created_import) "
                     "SELECT id, name, name_key, slug, $1 FROM stage_people",
                     import_id_);
    pending_people_.clear();
    pending_person_.clear();
  }
  for (const auto& [id, slug] : pending_slugs_) {
    tx_.exec_params0("UPDATE people SET slug = $2 WHERE id = $1", static_cast<std::int64_t>(id), slug);
  }
  pending_slugs_.clear();
}

std::uint64_t PgImportSession::flush_rows(Table table)
{
  Pending& pending = rows_[static_cast<int>(table)];
  if (pending.rows == 0) return 0;
  static const std::string move[] = {move_sql(Table::invitations), move_sql(Table::messages),
                                     move_sql(Table::connections)};
  const std::string stage = fmt::format("stage_{}", sql::table_name(table));
  std::vector<std::string> names;
  for (const sql::Column& c : sql::columns(table)) names.push_back(c.name);
  tx_.exec0(fmt::format("TRUNCATE {} RESTART IDENTITY", stage));
  copy_in(tx_, stage, pending.lines, names);
  pending.lines.clear();
  pending.rows = 0;
  return tx_.exec_params1(move[static_cast<int>(table)], import_id_)[0].as<std::uint64_t>();
}

void PgImportSession::add_invitation_one_by_one(const InvitationRecord& r)
{
  flush(); // the people it names, and the rows before it
  sql::Statement seen = work_.prepare("UPDATE invitations SET last_import = ?2 WHERE key = ?1");
  if (seen.bind_blob(1, r.key.data(), r.key.size()).bind(2, import_id_).run() > 0) return;
  // The export's row of an invitation first read from mail: that row becomes it.
  if (adopt_mail_row(r)) return;
  sql::Statement insert = work_.prepare(sql::insert_sql(Table::invitations) +
                                        "\nON CONFLICT (key) DO UPDATE SET last_import = excluded.last_import"
                                        "\nRETURNING xmax = 0");
  sql::bind_columns(insert, r, import_id_);
  insert.step();
  added_[static_cast<int>(Table::invitations)] += insert.column_bool(0);
}

void PgImportSession::commit()
{
  tx_.commit();
  data_changed(tx_.conn());
}

std::unique_ptr<LabelSink> PgImportSession::label_sink()
{
  write_pending(); // the sink reads the notes: every row written first
  return label_sink_in(tx_);
}

} // namespace motivo::store::postgres
