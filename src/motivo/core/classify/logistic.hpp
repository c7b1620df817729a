#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace motivo::classify {

// Multinomial logistic regression over sparse hashed features, trained by stochastic gradient descent on the
// cross-entropy (issue 22). One optimiser for both models: each user's model of their corrections (user_model.cpp)
// and the model shipped with the program, trained on the labelled corpus (note_model.cpp).
inline constexpr std::size_t logistic_classes = 5; // one per classify::Label

struct LogisticExample {
  std::vector<std::uint32_t> features; // hashed, each once
  std::size_t label = 0;
};

struct LogisticOptions {
  int epochs = 60;
  double learning_rate = 0.5; // divided by 1 + epoch / 10
  double l2 = 1e-4;
  // 0: the examples in their order each pass; otherwise the seed of a fixed shuffle before each pass
  // (std::mt19937_64 and a Fisher-Yates shuffle written here, so the order is the same with any library).
  std::uint64_t shuffle_seed = 0;
};

struct LogisticModel {
  using Scores = std::array<double, logistic_classes>;
  Scores bias{}; // the log of each class's share of the examples (not trained further), −10 for none
  std::unordered_map<std::uint32_t, std::array<float, logistic_classes>> weights;

  // The weighted sum of each class for `features`.
  Scores logits(std::span<const std::uint32_t> features) const;
};

LogisticModel::Scores softmax(LogisticModel::Scores z);

// Trains a model on `examples` (the bias from the class counts, the weights by SGD).
LogisticModel train_logistic(std::span<const LogisticExample> examples, const LogisticOptions& options);

} // namespace motivo::classify
