#pragma once

#include <motivo/core/classify/logistic.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// The statistical model shipped with the program (issue 22): multinomial logistic regression over features that
// transfer from one language to another — the character n-grams of the note's body (3 to 5 bytes, across word
// boundaries, folded: lower case, no accents, names masked, digits as 0), its words, and the signals the rules
// computed (their label, spam families and score, personal evidence, named things, questions, quoted titles,
// numbers, links, length). `motivo train-model` trains it on the labelled corpus with a fixed seed and writes
// data/note_model.tsv (pruned and quantised), embedded at build time. The classifier blends it with the rules
// where they are unsure (docs/CLASSIFIER.md).
class NoteModel {
public:
  using Scores = LogisticModel::Scores;
  static constexpr std::uint32_t feature_mask = (1u << 22) - 1; // features are hashed to 22 bits

  // Trains on `examples` (features from Classifier::model_features) with the training options below and `seed`.
  static NoteModel train(std::span<const LogisticExample> examples, std::uint64_t seed);
  static constexpr LogisticOptions options = {.epochs = 12, .learning_rate = 0.2, .l2 = 1e-5, .shuffle_seed = 0};

  // The model as the data file's text (weights below `prune` dropped, the rest in steps of `quantum`), and back
  // (nullopt when the text is not such a model). A model read back predicts as the shipped one does.
  std::string serialize() const;
  static std::optional<NoteModel> parse(std::string_view text);
  static constexpr double prune = 0.25, quantum = 1.0 / 256;
  // data/note_model.tsv, parsed once; nullptr when the file holds no model (rules alone).
  static const NoteModel* embedded();

  // The probability of each label (in classify::all_labels' order).
  Scores predict(std::span<const std::uint32_t> features) const;
  std::size_t features() const { return count_; }

private:
  Scores bias_{};
  // An open-addressing table of the kept features (key 0: an empty slot; feature 0 is stored as the mask + 1), each
  // key beside its quantised weights in 16 bytes: a lookup reads one cache line, not a key's and then a weight's.
  // Kept between a third and two thirds full, so the table of the shipped model (1 MB) stays in a core's cache.
  // An empty slot's weights are zero.
  struct alignas(16) Slot {
    std::uint32_t key = 0;
    std::array<std::int16_t, logistic_classes> weights{};
  };
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
  void reserve(std::size_t features);
  void insert(std::uint32_t feature, const std::array<std::int16_t, logistic_classes>& w);
  std::vector<std::pair<std::uint32_t, std::array<std::int16_t, logistic_classes>>> sorted() const;
};

} // namespace motivo::classify
