#pragma once

#include <motivo/core/classify/classifier.hpp>
#include <motivo/store/store.hpp>

#include <array>
#include <cstddef>

namespace motivo::app {

struct ClassifySummary {
  std::size_t notes = 0;
  std::array<std::size_t, std::size(classify::all_labels)> by_label{}; // the classifier's labels
  std::size_t campaigns = 0;                                           // distinct campaigns found
  // Notes whose label came from what the user taught (app/learning.hpp): a near-duplicate's correction, the
  // user's model.
  std::size_t like_corrected = 0, by_model = 0;
};

// Labels every stored invitation's note as one batch (so campaigns are found across the whole database) and
// saves the labels; the user's corrections are kept apart and untouched, and teach the rest (app::Learning: a
// correction relabels its near-duplicates, and each account's model, trained again when its examples changed and
// stored with the labels, is blended with the rules).
ClassifySummary classify_stored(store::NoteLabels& target, const classify::Classifier& classifier);

// The labels of an import (of an export or of mail), in its transaction after `session.finish()`: a new note can join
// a campaign of older ones, so every note is labelled again — unless nothing the labels depend on changed (no note
// stored, adopted or filled; the same classifier; no correction or decision since): then the stored labels are
// counted, as a labelling run counts them.
ClassifySummary label_import(store::ImportSession& session);

} // namespace motivo::app
