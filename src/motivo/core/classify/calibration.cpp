#include <motivo/core/classify/calibration.hpp>
#include <motivo/core/data_files.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>

namespace motivo::classify {

Calibration::Calibration(const std::vector<std::vector<std::string>>& rows)
{
  for (const auto& row : rows) {
    const std::optional<Label> label = row.size() >= 3 ? parse_label(row[0]) : std::nullopt;
    if (!label) throw std::logic_error("calibration.tsv: bad row starting '" + (row.empty() ? "" : row[0]) + "'");
    steps_[static_cast<std::size_t>(*label)].push_back({std::stod(row[1]), std::stod(row[2])});
  }
  for (auto& s : steps_)
    std::sort(s.begin(), s.end(), [](const Step& a, const Step& b) { return a.score_at_least < b.score_at_least; });
}

const Calibration& Calibration::embedded()
{
  static const Calibration table(data::rows("calibration.tsv"));
  return table;
}

double Calibration::probability(Label label, double score) const
{
  const auto& steps = steps_[static_cast<std::size_t>(label)];
  if (steps.empty()) return score;
  // The last step at or below the score; a score below every step takes the first.
  auto it = std::upper_bound(steps.begin(), steps.end(), score + 1e-9,
                             [](double s, const Step& step) { return s < step.score_at_least; });
  return it == steps.begin() ? steps.front().probability : std::prev(it)->probability;
}

void Calibration::apply(Result& r) const
{
  r.score = r.confidence;
  r.confidence = probability(r.label, r.score);
}

Reliability reliability(std::span<const Prediction> predictions, std::size_t bins)
{
  Reliability r;
  r.bins.resize(bins);
  for (std::size_t b = 0; b < bins; ++b) {
    r.bins[b].from = static_cast<double>(b) / static_cast<double>(bins);
    r.bins[b].to = static_cast<double>(b + 1) / static_cast<double>(bins);
  }
  std::vector<double> correct(bins);
  for (const Prediction& p : predictions) {
    const auto b =
        std::min(bins - 1, static_cast<std::size_t>(std::max(0.0, p.confidence) * static_cast<double>(bins)));
    ++r.bins[b].count;
    r.bins[b].confidence += p.confidence;
    correct[b] += p.correct ? 1 : 0;
  }
  r.total = predictions.size();
  for (std::size_t b = 0; b < bins; ++b) {
    auto& bin = r.bins[b];
    if (bin.count == 0) continue;
    const auto n = static_cast<double>(bin.count);
    bin.confidence /= n;
    bin.accuracy = correct[b] / n;
    r.expected_error += n / static_cast<double>(r.total) * std::abs(bin.accuracy - bin.confidence);
  }
  return r;
}

} // namespace motivo::classify
