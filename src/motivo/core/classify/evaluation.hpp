#pragma once

#include <motivo/core/classify/calibration.hpp>
#include <motivo/core/classify/classifier.hpp>

#include <array>
#include <string>
#include <vector>

namespace motivo::classify {

// Precision, recall and the confusion matrix of predicted labels against hand labels, and the figures the
// project holds the classifier to (docs/CLASSIFIER.md).
struct Evaluation {
  static constexpr std::size_t n = std::size(all_labels);
  std::array<std::array<std::size_t, n>, n> confusion{}; // [gold][predicted]
  std::size_t total = 0, correct = 0;
  std::size_t language_total = 0, language_correct = 0; // notes with words and a gold language

  void add(Label gold, Label predicted);
  // The same, keeping the confidence given, for the reliability table.
  void add(Label gold, Label predicted, double confidence);
  void add_language(const std::string& gold, const std::string& predicted);

  double precision(Label l) const; // 1 when nothing was predicted as l
  double recall(Label l) const;    // 1 when no note is l
  std::size_t support(Label l) const;
  double accuracy() const;
  double personal_accuracy() const; // personalized vs everything else
  double language_accuracy() const;
  // How well the confidences given to add() match how often the labels were right (10 bins).
  Reliability calibration() const { return reliability(predictions); }
  std::vector<Prediction> predictions;

  struct Floor {
    std::string name;
    double value, minimum;
    bool met() const { return value >= minimum; }
  };
  // personalised-vs-not accuracy ≥ 0.95, personalised precision ≥ 0.95, stock-text recall ≥ 0.98, spam precision
  // ≥ 0.90.
  std::vector<Floor> floors() const;
};

} // namespace motivo::classify
