#include <motivo/store/sqlite/labels.hpp>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace motivo::store::sqlite {

Notes read_notes(Database& db)
{
  Notes out;
  {
    sql::Statement count = db.prepare("SELECT count(*) FROM invitations");
    count.step();
    out.reserve(static_cast<std::size_t>(count.column_int(0)));
  }
  sql::Statement s = db.prepare("SELECT id, from_name, to_name, message FROM invitations ORDER BY id");
  while (s.step()) out.add(s.column_int(0), s.column_view(1), s.column_view(2), s.column_view(3));
  s.reset();
  // The notes are in memory now: the page cache they came through is not needed while they are labelled.
  sqlite3_db_release_memory(db.handle());
  return out;
}

SqliteLabelSink::SqliteLabelSink(Database& db, bool own_transaction)
  : db_(db), tx_(own_transaction ? std::optional<Transaction>(std::in_place, db) : std::nullopt),
    update_(db.prepare(R"sql(
UPDATE invitations SET label = ?2, language = ?3, confidence = ?4, reasons = ?5, campaign = ?6
WHERE id = ?1 -- and only what changed: re-imports label everything again, mostly the same
  AND (label IS NOT ?2 OR language IS NOT ?3 OR confidence IS NOT ?4 OR reasons IS NOT ?5 OR campaign IS NOT ?6))sql"))
{
  // Labels are written by id, in order, while the classifier holds every note: a small page cache serves the
  // updates (16 MiB of cache was the largest single part of labelling's peak memory). Restored by the destructor.
  db.exec("PRAGMA cache_size = -2048");
}

SqliteLabelSink::~SqliteLabelSink()
{
  try {
    db_.exec("PRAGMA cache_size = -16384"); // as SqliteStore opens the database
  } catch (...) {
  }
}

void SqliteLabelSink::put(const LabelRow& l)
{
  const std::string reasons = nlohmann::json(l.reasons).dump(); // bound without a copy: keep it alive
  update_.reset();
  update_.bind(1, l.id).bind(2, l.label).bind(3, l.language).bind_real(4, l.confidence).bind(5, reasons);
  update_.bind(6, l.campaign);
  update_.step();
}

void SqliteLabelSink::done()
{
  if (tx_) tx_->commit();
}

} // namespace motivo::store::sqlite
