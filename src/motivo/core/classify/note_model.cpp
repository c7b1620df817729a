#include <motivo/core/classify/note_model.hpp>
#include <motivo/core/data_files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <sstream>

namespace motivo::classify {

namespace {

constexpr std::string_view header = "feature\tempty\tdefault\ttemplate\tspam\tpersonalized";
constexpr std::string_view comment =
    "# The note model (issue 22, docs/CLASSIFIER.md): multinomial logistic regression over hashed features, one\n"
    "# weight per label in steps of 1/256. Written by `motivo train-model` from the labelled corpus; do not edit:\n"
    "# train again (tests/e2e/classify_model.py checks that the data still gives this file).\n";

std::uint32_t slot_key(std::uint32_t feature)
{
  return feature == 0 ? NoteModel::feature_mask + 1 : feature;
}

std::size_t slot_of(std::uint32_t key, std::size_t mask)
{
  return static_cast<std::size_t>(key * 0x9E3779B1u) & mask;
}

} // namespace

NoteModel NoteModel::train(std::span<const LogisticExample> examples, std::uint64_t seed)
{
  LogisticOptions o = options;
  o.shuffle_seed = seed;
  const LogisticModel trained = train_logistic(examples, o);
  NoteModel m;
  m.bias_ = trained.bias;
  std::size_t kept = 0;
  for (const auto& [f, w] : trained.weights)
    kept += std::any_of(w.begin(), w.end(), [](float v) { return std::abs(v) >= prune; }) ? 1 : 0;
  m.keys_.assign(std::bit_ceil(kept * 2 + 2), 0);
  m.weights_.resize(m.keys_.size());
  for (const auto& [f, w] : trained.weights) {
    if (std::none_of(w.begin(), w.end(), [](float v) { return std::abs(v) >= prune; })) continue;
    std::array<std::int16_t, logistic_classes> q{};
    for (std::size_t k = 0; k < logistic_classes; ++k)
      q[k] = static_cast<std::int16_t>(std::clamp(std::lround(w[k] / quantum), -32767L, 32767L));
    m.insert(f, q);
  }
  // Exactly what the data file will hold (the bias rounded as written).
  return *parse(m.serialize());
}

void NoteModel::insert(std::uint32_t feature, const std::array<std::int16_t, logistic_classes>& w)
{
  const std::uint32_t key = slot_key(feature);
  const std::size_t mask = keys_.size() - 1;
  std::size_t s = slot_of(key, mask);
  while (keys_[s] != 0 && keys_[s] != key) s = (s + 1) & mask;
  if (keys_[s] == 0) ++count_;
  keys_[s] = key;
  weights_[s] = w;
}

const std::array<std::int16_t, logistic_classes>* NoteModel::find(std::uint32_t feature) const
{
  if (keys_.empty()) return nullptr;
  const std::uint32_t key = slot_key(feature);
  const std::size_t mask = keys_.size() - 1;
  for (std::size_t s = slot_of(key, mask);; s = (s + 1) & mask) {
    if (keys_[s] == key) return &weights_[s];
    if (keys_[s] == 0) return nullptr;
  }
}

NoteModel::Scores NoteModel::predict(std::span<const std::uint32_t> features) const
{
  std::array<std::int32_t, logistic_classes> sum{};
  for (const auto f : features) {
    if (const auto* w = find(f))
      for (std::size_t k = 0; k < logistic_classes; ++k) sum[k] += (*w)[k];
  }
  Scores z = bias_;
  for (std::size_t k = 0; k < logistic_classes; ++k) z[k] += sum[k] * quantum;
  return softmax(z);
}

std::vector<std::pair<std::uint32_t, std::array<std::int16_t, logistic_classes>>> NoteModel::sorted() const
{
  std::vector<std::pair<std::uint32_t, std::array<std::int16_t, logistic_classes>>> out;
  out.reserve(count_);
  for (std::size_t s = 0; s < keys_.size(); ++s) {
    if (keys_[s] != 0) out.emplace_back(keys_[s] == feature_mask + 1 ? 0 : keys_[s], weights_[s]);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::string NoteModel::serialize() const
{
  std::string out(comment);
  out += header;
  out += "\nbias";
  for (const double b : bias_) out += fmt::format("\t{:.6f}", b);
  out += '\n';
  for (const auto& [f, w] : sorted()) {
    out += fmt::format("{:06x}", f);
    for (const auto v : w) out += fmt::format("\t{}", v);
    out += '\n';
  }
  return out;
}

std::optional<NoteModel> NoteModel::parse(std::string_view text)
{
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line) && (line.empty() || line[0] == '#')) {
  }
  if (line != header) return std::nullopt;
  NoteModel m;
  std::string word;
  if (!(in >> word) || word != "bias") return std::nullopt;
  for (auto& b : m.bias_)
    if (!(in >> b)) return std::nullopt;
  std::vector<std::pair<std::uint32_t, std::array<std::int16_t, logistic_classes>>> rows;
  while (in >> word) {
    std::uint32_t f = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), f, 16);
    if (ec != std::errc() || end != word.data() + word.size() || f > feature_mask) return std::nullopt;
    auto& [feature, w] = rows.emplace_back(f, std::array<std::int16_t, logistic_classes>{});
    for (auto& v : w)
      if (!(in >> v)) return std::nullopt;
  }
  m.keys_.assign(std::bit_ceil(rows.size() * 2 + 2), 0);
  m.weights_.resize(m.keys_.size());
  for (const auto& [f, w] : rows) m.insert(f, w);
  return m;
}

const NoteModel* NoteModel::embedded()
{
  static const std::optional<NoteModel> model = parse(data::file("note_model.tsv"));
  return model && model->features() > 0 ? &*model : nullptr;
}

} // namespace motivo::classify
