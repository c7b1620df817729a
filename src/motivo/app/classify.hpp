#pragma once

#include <motivo/core/classify/classifier.hpp>
#include <motivo/store/store.hpp>

#include <array>
#include <cstddef>

namespace motivo::app {

// How many notes classify_stored reads and labels at a time.
inline constexpr std::size_t default_label_chunk = 25'000;

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
// stored with the labels, is blended with the rules). The notes are read from the store `chunk_size` at a time, in
// two passes (three when a correction teaches near-duplicates): the first finds the campaigns and what the user
// taught, keeping a few bytes per note (classify::CampaignIndex); the last labels each chunk and writes its labels.
// The labels are those of one classify_batch over every note, whatever the chunk size.
ClassifySummary classify_stored(store::NoteLabels& target, const classify::Classifier& classifier,
                                std::size_t chunk_size = default_label_chunk);

// The labels of an import (of an export or of mail), in its transaction after `session.finish()`: a new note can join
// a campaign of older ones, so every note is labelled again — unless nothing the labels depend on changed (no note
// stored, adopted or filled; the same classifier; no correction or decision since): then the stored labels are
// counted, as a labelling run counts them.
ClassifySummary label_import(store::ImportSession& session);

} // namespace motivo::app
