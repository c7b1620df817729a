// The content hashes of the files a snapshot read (SqlImportSession's part of store.hpp's FileRecord): a file whose
// bytes the owner's latest import of its kind read already is taken from the rows that import left, unread.
#include <motivo/store/sql/import_rows.hpp>
#include <motivo/store/sql/import_session.hpp>

#include <fmt/format.h>

#include <utility>

namespace motivo::store::sql {

namespace {

std::string to_hex(const IdentityKey& key)
{
  std::string out;
  for (const unsigned char b : key) out += fmt::format("{:02x}", static_cast<unsigned>(b));
  return out;
}

IdentityKey from_hex(std::string_view hex)
{
  IdentityKey key{};
  for (std::size_t i = 0; i < key.size() && 2 * i + 1 < hex.size(); ++i) {
    const auto nibble = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
    key[i] = static_cast<unsigned char>(nibble(hex[2 * i]) * 16 + nibble(hex[2 * i + 1]));
  }
  return key;
}

} // namespace

// Messages carry no last_import: the owner's messages are all there were after import `import_id`, unless a later
// import added some (first_import) or `forget` removed some (the count). Both from an index, not the rows: a new row
// takes an id above every row stored when it is written (SQLite's rowid, PostgreSQL's identity), so a message added
// since `import_id` that is still there has the owner's highest id, and a single lookup of that row's first_import
// tells. The count and the highest id come from messages_by_counterpart, which starts with the owner.
std::int64_t SqlImportSession::stored_messages(std::int64_t import_id)
{
  Statement s = c_->prepare("SELECT count(*), max(id) FROM messages WHERE owner = ?1");
  s.bind(1, std::int64_t{owner_}).step();
  const std::int64_t count = s.column_int(0);
  if (count == 0) return 0;
  Statement latest = c_->prepare("SELECT first_import FROM messages WHERE id = ?1");
  latest.bind(1, s.column_int(1)).step();
  return latest.column_int(0) <= import_id ? count : -1;
}

std::int64_t SqlImportSession::stored_rows(Table table, std::int64_t import_id)
{
  if (table == Table::messages) return stored_messages(import_id);
  const std::string sql =
      fmt::format("SELECT CASE WHEN (SELECT max(last_import) FROM {0} WHERE owner = ?1) = ?2 THEN count(*) "
                  "ELSE -1 END FROM {0} WHERE owner = ?1 AND last_import = ?2",
                  table_name(table));
  Statement s = c_->prepare(sql);
  s.bind(1, std::int64_t{owner_}).bind(2, import_id).step();
  return s.column_int(0);
}

std::optional<ImportSession::PriorFile> SqlImportSession::prior_file(Table table)
{
  write_pending();
  Statement s = c_->prepare(R"sql(
SELECT f.import_id, f.content_hash, f.row_count, f.stored, f.listed_from, f.listed_until, f.latest, i.started_at,
       (SELECT count(*) FROM import_files g WHERE g.import_id = f.import_id AND g.kind = f.kind)
FROM import_files f JOIN imports i ON i.id = f.import_id
WHERE f.owner = ?1 AND f.kind = ?2 AND f.import_id <> ?3 AND i.finished_at IS NOT NULL
ORDER BY f.import_id DESC LIMIT 1)sql");
  s.bind(1, std::int64_t{owner_}).bind(2, table_name(table)).bind(3, import_id_);
  if (!s.step() || s.column_int(8) != 1) return std::nullopt;
  PriorFile prior;
  prior.import_id = s.column_int(0);
  prior.file.table = table;
  prior.file.hash = from_hex(s.column_text(1));
  prior.file.rows = static_cast<std::uint64_t>(s.column_int(2));
  prior.stored = s.column_int(3);
  if (!s.is_null(4) && !s.is_null(5)) prior.file.listed = Span{s.column_int(4), s.column_int(5)};
  prior.file.latest = s.column_opt_int(6);
  prior.imported_at = s.column_int(7);
  s.reset();
  if (prior.stored < 0) return std::nullopt;
  return prior;
}

bool SqlImportSession::reuse_file(const PriorFile& prior)
{
  write_pending();
  if (stored_rows(prior.file.table, prior.import_id) != prior.stored) return false;
  // The rows it accounted for are this import's now, and only they: record_file takes their count unread.
  reused_stored_[static_cast<int>(prior.file.table)] = prior.stored;
  if (prior.file.table == Table::messages) return true;
  c_->prepare(fmt::format("UPDATE {} SET last_import = ?3 WHERE owner = ?1 AND last_import = ?2",
                          table_name(prior.file.table)))
      .bind(1, std::int64_t{owner_})
      .bind(2, prior.import_id)
      .bind(3, import_id_)
      .run();
  return true;
}

void SqlImportSession::record_file(const FileRecord& file)
{
  write_pending();
  const auto reused = std::exchange(reused_stored_[static_cast<int>(file.table)], std::nullopt);
  const std::int64_t stored = reused ? *reused : stored_rows(file.table, import_id_);
  const std::string hash = to_hex(file.hash); // bound without a copy: it outlives the statement's run
  Statement s = c_->prepare(R"sql(
INSERT INTO import_files(import_id, owner, kind, content_hash, row_count, stored, listed_from, listed_until, latest)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))sql");
  s.bind(1, import_id_).bind(2, std::int64_t{owner_}).bind(3, table_name(file.table)).bind(4, hash);
  s.bind(5, static_cast<std::int64_t>(file.rows)).bind(6, stored);
  s.bind(7, file.listed ? std::optional<std::int64_t>(file.listed->from) : std::nullopt);
  s.bind(8, file.listed ? std::optional<std::int64_t>(file.listed->until) : std::nullopt);
  s.bind(9, file.latest ? std::optional<std::int64_t>(*file.latest) : std::nullopt);
  s.run();
}

} // namespace motivo::store::sql
