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
  AND (label IS NOT ?2 OR language IS NOT ?3 OR confidence IS NOT ?4 OR reasons IS NOT ?5 OR campaign IS NOT ?6))sql")),
    stored_(db.prepare("SELECT id, label, language, confidence, reasons, campaign FROM invitations ORDER BY id"))
{
  // Labels are written by id, in order, a chunk of notes at a time: a small page cache serves the
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

bool SqliteLabelSink::unchanged(const LabelRow& l, std::string_view reasons)
{
  // Labels come in the order of ids; one out of order is simply written.
  while (!stored_ended_ && (!stored_on_ || stored_.column_int(0) < l.id)) {
    stored_on_ = stored_.step();
    stored_ended_ = !stored_on_;
  }
  if (!stored_on_ || stored_.column_int(0) != l.id) return false;
  // What the UPDATE's `IS NOT` compares, column by column.
  const auto same_text = [&](int column, std::string_view value) {
    return !stored_.is_null(column) && stored_.column_view(column) == value;
  };
  const bool same_campaign =
      l.campaign ? !stored_.is_null(5) && stored_.column_int(5) == *l.campaign : stored_.is_null(5);
  return same_text(1, l.label) && same_text(2, l.language) && !stored_.is_null(3) &&
         stored_.column_real(3) == l.confidence && same_text(4, reasons) && same_campaign;
}

void SqliteLabelSink::put(const LabelRow& l)
{
  const std::string reasons = nlohmann::json(l.reasons).dump(); // bound without a copy: keep it alive
  if (unchanged(l, reasons)) return;
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
  stored_.reset(); // no read left open at the commit
  if (tx_) tx_->commit();
}

} // namespace motivo::store::sqlite
