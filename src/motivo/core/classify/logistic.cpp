#include <motivo/core/classify/logistic.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace motivo::classify {

LogisticModel::Scores LogisticModel::logits(std::span<const std::uint32_t> features) const
{
  Scores z = bias;
  for (const auto f : features) {
    if (const auto it = weights.find(f); it != weights.end())
      for (std::size_t k = 0; k < logistic_classes; ++k) z[k] += it->second[k];
  }
  return z;
}

LogisticModel::Scores softmax(LogisticModel::Scores z)
{
  const double top = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (auto& v : z) sum += v = std::exp(v - top);
  for (auto& v : z) v /= sum;
  return z;
}

namespace {

// A Fisher-Yates shuffle with std::mt19937_64's numbers, reduced by modulo: the same order with any library
// (std::shuffle and the distributions are not specified exactly).
void shuffle(std::vector<std::size_t>& order, std::mt19937_64& random)
{
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random() % i]);
}

} // namespace

LogisticModel train_logistic(std::span<const LogisticExample> examples, const LogisticOptions& options)
{
  LogisticModel m;
  LogisticModel::Scores counts{};
  for (const auto& e : examples) ++counts[e.label];
  for (std::size_t k = 0; k < logistic_classes; ++k)
    m.bias[k] = counts[k] > 0 ? std::log(counts[k] / static_cast<double>(examples.size())) : -10;
  std::vector<std::size_t> order(examples.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 random(options.shuffle_seed);
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    const double rate = options.learning_rate / (1.0 + epoch * 0.1);
    if (options.shuffle_seed != 0) shuffle(order, random);
    for (const std::size_t i : order) {
      const LogisticExample& e = examples[i];
      const LogisticModel::Scores p = softmax(m.logits(e.features));
      for (const auto f : e.features) {
        auto& w = m.weights[f];
        for (std::size_t k = 0; k < logistic_classes; ++k) {
          const double gradient = p[k] - (e.label == k ? 1.0 : 0.0);
          w[k] = static_cast<float>(w[k] * (1 - rate * options.l2) - rate * gradient);
        }
      }
    }
  }
  return m;
}

} // namespace motivo::classify
