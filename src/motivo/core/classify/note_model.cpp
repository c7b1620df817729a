#include <motivo/core/classify/note_model.hpp>
#include <motivo/core/data_files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <optional>

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
  m.reserve(kept);
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

void NoteModel::reserve(std::size_t features)
{
  // At least one empty slot, and at most two thirds full: a power of two between 1.5 and 3 times the features.
  slots_.assign(std::bit_ceil(features + features / 2 + 2), Slot{});
  count_ = 0;
}

void NoteModel::insert(std::uint32_t feature, const std::array<std::int16_t, logistic_classes>& w)
{
  const std::uint32_t key = slot_key(feature);
  const std::size_t mask = slots_.size() - 1;
  std::size_t s = slot_of(key, mask);
  while (slots_[s].key != 0 && slots_[s].key != key) s = (s + 1) & mask;
  if (slots_[s].key == 0) ++count_;
  slots_[s] = {key, w};
}

NoteModel::Scores NoteModel::predict(std::span<const std::uint32_t> features) const
{
  // A slot read whole as eight 16-bit lanes (the key's two, the five weights, padding), widened and summed in
  // eight 32-bit lanes: the weights' sums are lanes 2 to 6, the others are ignored. Integer sums, so the order
  // of the features does not matter.
  using Lanes16 = std::int16_t __attribute__((vector_size(16)));
  using Lanes32 = std::int32_t __attribute__((vector_size(32)));
  static_assert(sizeof(Slot) == sizeof(Lanes16) && offsetof(Slot, weights) == 4);
  Lanes32 sum{};
  if (!slots_.empty()) {
    // The slots a few features ahead are asked for early: the lookups are cache misses, and independent. Each
    // feature's first slot is computed once, when it is asked for, and kept in a ring until it is read. A
    // feature the model lacks ends at an empty slot, whose weights are zero: added all the same, without a branch
    // on found or not (which changes from one n-gram to the next: a branch the processor often guesses wrong).
    constexpr std::size_t ahead = 8;
    const std::size_t mask = slots_.size() - 1;
    const Slot* slots = slots_.data();
    std::array<std::uint32_t, ahead> ring{};
    const std::size_t n = features.size();
    for (std::size_t i = 0; i < std::min(ahead, n); ++i) {
      ring[i] = static_cast<std::uint32_t>(slot_of(slot_key(features[i]), mask));
      __builtin_prefetch(&slots[ring[i]]);
    }
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t s = ring[i % ahead];
      if (i + ahead < n) {
        const auto next = static_cast<std::uint32_t>(slot_of(slot_key(features[i + ahead]), mask));
        ring[i % ahead] = next;
        __builtin_prefetch(&slots[next]);
      }
      const std::uint32_t key = slot_key(features[i]);
      while (slots[s].key != key && slots[s].key != 0) s = (s + 1) & mask;
      Lanes16 lanes;
      std::memcpy(&lanes, &slots[s], sizeof lanes);
      sum += __builtin_convertvector(lanes, Lanes32);
    }
  }
  Scores z = bias_;
  for (std::size_t k = 0; k < logistic_classes; ++k) z[k] += sum[k + 2] * quantum;
  return softmax(z);
}

std::vector<std::pair<std::uint32_t, std::array<std::int16_t, logistic_classes>>> NoteModel::sorted() const
{
  std::vector<std::pair<std::uint32_t, std::array<std::int16_t, logistic_classes>>> out;
  out.reserve(count_);
  for (const Slot& s : slots_) {
    if (s.key != 0) out.emplace_back(s.key == feature_mask + 1 ? 0 : s.key, s.weights);
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

namespace {

// The text's whitespace-separated words one by one (the shipped model has 200,000 of them: no stream).
class Words {
public:
  explicit Words(std::string_view text) : text_(text) {}
  std::string_view next()
  {
    while (at_ < text_.size() && is_space(text_[at_])) ++at_;
    const std::size_t from = at_;
    while (at_ < text_.size() && !is_space(text_[at_])) ++at_;
    return text_.substr(from, at_ - from);
  }
  // The next line (without its newline), for the comments and header; nullopt at the end.
  std::optional<std::string_view> line()
  {
    if (at_ >= text_.size()) return std::nullopt;
    const std::size_t end = std::min(text_.find('\n', at_), text_.size());
    const std::string_view l = text_.substr(at_, end - at_);
    at_ = end + 1;
    return l;
  }

private:
  static bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
  std::string_view text_;
  std::size_t at_ = 0;
};

template <typename T>
bool read_number(std::string_view word, T& value)
{
  if (word.empty()) return false;
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), value);
  return ec == std::errc() && end == word.data() + word.size();
}

} // namespace

std::optional<NoteModel> NoteModel::parse(std::string_view text)
{
  Words in(text);
  std::optional<std::string_view> line;
  while ((line = in.line()) && (line->empty() || (*line)[0] == '#')) {
  }
  if (!line || *line != header) return std::nullopt;
  NoteModel m;
  if (in.next() != "bias") return std::nullopt;
  for (auto& b : m.bias_)
    if (!read_number(in.next(), b)) return std::nullopt;
  std::vector<std::pair<std::uint32_t, std::array<std::int16_t, logistic_classes>>> rows;
  for (std::string_view word = in.next(); !word.empty(); word = in.next()) {
    std::uint32_t f = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), f, 16);
    if (ec != std::errc() || end != word.data() + word.size() || f > feature_mask) return std::nullopt;
    auto& [feature, w] = rows.emplace_back(f, std::array<std::int16_t, logistic_classes>{});
    for (auto& v : w)
      if (!read_number(in.next(), v)) return std::nullopt;
  }
  m.reserve(rows.size());
  for (const auto& [f, w] : rows) m.insert(f, w);
  return m;
}

const NoteModel* NoteModel::embedded()
{
  static const std::optional<NoteModel> model = parse(data::file("note_model.tsv"));
  return model && model->features() > 0 ? &*model : nullptr;
}

} // namespace motivo::classify
