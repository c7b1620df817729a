#pragma once

#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/logistic.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace motivo::classify {

// What a user taught: a note and the label they gave it (a correction: `was` is the classifier's label they
// replaced) or let stand (a decision taken on it: no `was`).
struct Example {
  Note note;
  Label label = Label::template_text;
  std::optional<Label> was;
};

// A small model of one user's labels (issue 22): multinomial logistic regression over the words and word pairs of
// a note (folded, names masked, hashed), trained on that user's examples (logistic.hpp's optimiser, in their order) and
// blended with the rules. The model keeps hashes and weights only, never a word.
class UserModel {
public:
  using Scores = std::array<double, std::size(all_labels)>;

  // Trains on `examples` (the latest ones first if there are more than max_examples).
  static UserModel train(std::span<const Example> examples);
  static constexpr std::size_t max_examples = 20'000;

  // The model as text, and back (nullopt for anything else: the store's copy was damaged, train again).
  std::string serialize() const;
  static std::optional<UserModel> parse(std::string_view text);

  std::size_t examples() const { return examples_; }
  // The probability of each label for `note`.
  Scores predict(const Note& note) const;
  // Blends the model with the rules' calibrated result `r` for `note`. Only the moves the user made, and the model
  // proved, are open: a label L may replace the rules' label R when the user corrected at least one note from R to
  // L, and when, trained on three quarters of the user's examples (four folds by position), the model preferring L
  // for the quarter held out whose rules' label was R was right more often than wrong. Each open label's
  // probability under the rules (r.confidence for R, the rest shared equally) is multiplied by how much likelier
  // the model finds it than its share of the examples (at most e^max_evidence times, either way); the highest
  // wins. The label may change; the reasons then start with "your corrections: 0.81 personalized" and "the rules
  // alone: template (0.70)". Empty notes are left alone. True when the label changed.
  bool blend(const Note& note, Result& r) const;
  static constexpr double max_evidence = 3.0;

private:
  // Closes the moves the cross-validation above does not trust (training: the examples' features and labels).
  void close_untrusted_moves(std::span<const LogisticExample> training, std::span<const Example> examples);

  std::size_t examples_ = 0;
  Scores counts_{}; // examples of each label
  std::array<std::array<std::uint32_t, std::size(all_labels)>, std::size(all_labels)> moves_{}; // [was][label]
  LogisticModel model_; // bias by label, weights by feature and label
};

// A fingerprint of `examples` (their labels and texts, in order): the store keeps it with the model, which is
// trained again only when the examples changed.
std::string fingerprint(std::span<const Example> examples);

} // namespace motivo::classify
