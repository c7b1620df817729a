#include <motivo/store/sql/label_state.hpp>
#include <motivo/store/sql/note_facts.hpp>
#include <motivo/store/sqlite/labels.hpp>

#include <nlohmann/json.hpp>

namespace motivo::store::sqlite {

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

Notes SqliteLabelSink::notes(std::int64_t after, std::size_t limit)
{
  return sql::read_notes(db_, after, limit);
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
  sql::store_models(db_, models);
}

void SqliteLabelSink::labelled_by(std::string_view classifier, std::int64_t changes)
{
  sql::store_label_state(db_, classifier, changes);
}

void SqliteLabelSink::done()
{
  if (tx_) tx_->commit();
}

} // namespace motivo::store::sqlite
