#pragma once

#include <motivo/core/classify/classifier.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace motivo::classify {

// The rules' score turned into a probability that the label is right (issue 22): for each label, a step function
// of the score fitted by isotonic regression on the development set (scripts/calibrate.py writes
// data/calibration.tsv, embedded at build time). A label with no row keeps its score.
class Calibration {
public:
  // The embedded table (parsed once).
  static const Calibration& embedded();
  // From rows {label, score_at_least, probability}, as data/calibration.tsv holds them.
  explicit Calibration(const std::vector<std::vector<std::string>>& rows);

  // The probability that `label`, given with the rules' `score`, is right.
  double probability(Label label, double score) const;

  // Sets r.score to the rules' confidence and r.confidence to its probability.
  void apply(Result& r) const;

private:
  struct Step {
    double score_at_least, probability;
  };
  std::array<std::vector<Step>, std::size(all_labels)> steps_; // by label, ascending score
};

// Below this calibrated confidence a label is a guess: the queue marks it "check this one" and the protocol
// suggests no decision that rests on it (docs/PROTOCOL.md).
inline constexpr double check_below = 0.75;
inline bool needs_check(double confidence)
{
  return confidence < check_below;
}

// One labelled prediction, for measuring calibration.
struct Prediction {
  double confidence = 0;
  bool correct = false;
};

// A reliability table: the predictions in `bins` equal-width bins of confidence (0–0.1, …, 0.9–1), each with its
// count, mean confidence and accuracy; and the expected calibration error, Σ (n_b / n) |accuracy_b − confidence_b|.
struct Reliability {
  struct Bin {
    double from = 0, to = 0;
    std::size_t count = 0;
    double confidence = 0, accuracy = 0;
  };
  std::vector<Bin> bins;
  std::size_t total = 0;
  double expected_error = 0;
};
Reliability reliability(std::span<const Prediction> predictions, std::size_t bins = 10);

} // namespace motivo::classify
