#pragma once

#include <motivo/store/notes.hpp>
#include <motivo/store/sql/connection.hpp>

#include <cstdint>
#include <string_view>

// Whether the stored labels are current (issue 23), written once for both engines: the classifier that made them
// (LabelSink::labelled_by), and whether an example they learn from changed since — a correction, a decision, its
// undo (`forget` labels again itself when the notes it removes took part in other labels). An import that stored,
// adopted or filled no invitation skips labelling while they are current.
namespace motivo::store::sql {

// How many times an example changed (read before the notes, so that a change committed meanwhile shows).
std::int64_t label_changes(Connection& c);
// The labels just written were made by `classifier` from the notes and examples as they were after `changes`
// changes (label_changes, read before the notes).
void store_label_state(Connection& c, std::string_view classifier, std::int64_t changes);
// An example changed (a decision, its undo, a correction): the next import labels every note again.
void mark_labels_stale(Connection& c);
// Whether the stored labels were made by `classifier` and nothing they depend on changed since.
bool labels_current(Connection& c, std::string_view classifier);
// The stored labels counted as a labelling run counts them (ImportSession::label_counts).
LabelCounts count_labels(Connection& c);

} // namespace motivo::store::sql
