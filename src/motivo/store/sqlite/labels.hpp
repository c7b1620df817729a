#pragma once

#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

namespace motivo::store::sqlite {

// The SQL of NoteLabels, shared by the store and the import session; the caller owns the transaction.
std::vector<NoteRow> read_notes(Database& db);
void write_labels(Database& db, const std::vector<LabelRow>& labels);

} // namespace motivo::store::sqlite
