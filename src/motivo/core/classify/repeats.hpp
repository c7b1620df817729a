#pragma once

// Exact repeats inside a batch (Classifier::classify_batch): a note whose text an earlier note of the batch has is
// read as that note was, without analysing it again, when its sender's and recipient's names cannot change what the
// analysis finds (they touch none of its words, or they are the first note's names).

#include <motivo/core/classify/campaigns.hpp>
#include <motivo/core/classify/classifier.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace motivo::classify {

struct Analysis;

// For each note of `notes`, the index of the first note with the same text, byte for byte (itself when no note
// before it has its text).
std::vector<std::uint32_t> first_with_text(std::span<const Note> notes);

// What the first note of a repeated text keeps for its repeats: its words and names, folded; whether its names touch
// its words (then its result may depend on them); and its skeleton, when it is indexed for campaigns.
struct FirstRead {
  std::vector<std::string> words, recipient, sender;
  bool names_free = false;
  bool indexed = false;
  Skeleton skeleton;
  std::uint64_t hash = 0;
};
FirstRead keep_first(const Classifier::Impl& impl, const Analysis& a, bool indexed);

// Whether `repeat` (whose text is the first note's) would be analysed exactly as the first note was: the same names
// once folded, or names that address none of its words while the first note's addressed none either (and neither
// side known for one and unknown for the other: an unknown sender lets a sign-off keep two words of a name).
bool reads_as_first(const Classifier::Impl& impl, const FirstRead& first, const Note& repeat);

} // namespace motivo::classify
