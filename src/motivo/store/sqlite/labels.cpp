#include <motivo/store/sql/note_facts.hpp>
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
  sql::Statement s = db.prepare(sql::notes_sql);
  while (s.step()) {
    const std::int64_t id = s.column_int(0);
    out.add(id, s.column_view(1), s.column_view(2), s.column_view(3),
            sql::note_facts(id, s.column_int(4), s.column_view(5), s.column_view(6), s.column_opt_int(7),
                            s.column_view(8)));
  }
  s.reset();
  sql::Statement m = db.prepare(sql::models_sql);
  while (m.step()) out.models.push_back({m.column_int(0), m.column_text(1), m.column_int(2), m.column_text(3)});
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

void SqliteLabelSink::put_models(const std::vector<StoredModel>& models)
{
  db_.exec(sql::clear_models_sql);
  sql::Statement insert =
      db_.prepare("INSERT INTO user_models (owner, fingerprint, examples, model) VALUES (?1, ?2, ?3, ?4)");
  for (const StoredModel& m : models) {
    insert.reset();
    insert.bind(1, m.owner).bind(2, m.fingerprint).bind(3, m.examples).bind(4, m.model);
    insert.step();
  }
}

void SqliteLabelSink::done()
{
  if (tx_) tx_->commit();
}

} // namespace motivo::store::sqlite
