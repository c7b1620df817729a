#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/user_model.hpp>

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>
#include <vector>

namespace motivo::classify {

namespace {

constexpr std::size_t labels = std::size(all_labels);
constexpr int epochs = 60;
constexpr double learning_rate = 0.5, l2 = 1e-4;
// Version 2: its moves are the ones cross-validation trusted (a version 1 model is trained again).
constexpr std::string_view header = "motivo-user-model 2";
constexpr std::size_t folds = 4;

// The note's features: its words and word pairs (folded; the sender's and recipient's names and numbers masked),
// hashed, each once.
std::vector<std::uint32_t> features_of(const Note& note)
{
  const std::string folded = fold(note.text);
  const std::string names_folded = fold(std::string(note.sender) + " " + std::string(note.recipient));
  const std::vector<std::string_view> names = words(names_folded);
  std::vector<std::string_view> w = words(folded);
  for (auto& word : w) {
    if (std::find(names.begin(), names.end(), word) != names.end())
      word = "<name>";
    else if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }))
      word = "<n>";
  }
  std::vector<std::uint32_t> out;
  out.reserve(2 * w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    out.push_back(static_cast<std::uint32_t>(XXH3_64bits(w[i].data(), w[i].size())));
    if (i + 1 < w.size()) {
      const std::string pair = std::string(w[i]) + ' ' + std::string(w[i + 1]);
      out.push_back(static_cast<std::uint32_t>(XXH3_64bits(pair.data(), pair.size()) >> 32));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t index(Label l)
{
  return static_cast<std::size_t>(l);
}

} // namespace

std::string fingerprint(std::span<const Example> examples)
{
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  for (const Example& e : examples) {
    const auto label = static_cast<unsigned char>(e.label);
    XXH3_128bits_update(state, &label, 1);
    const std::uint64_t size = e.note.text.size();
    XXH3_128bits_update(state, &size, sizeof size);
    XXH3_128bits_update(state, e.note.text.data(), e.note.text.size());
  }
  const XXH128_hash_t h = XXH3_128bits_digest(state);
  XXH3_freeState(state);
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

UserModel UserModel::train(std::span<const Example> examples)
{
  if (examples.size() > max_examples) examples = examples.first(max_examples);
  UserModel m;
  m.examples_ = examples.size();
  std::vector<LogisticExample> training;
  training.reserve(examples.size());
  for (const Example& e : examples) {
    training.push_back({features_of(e.note), index(e.label)});
    ++m.counts_[index(e.label)];
    if (e.was && *e.was != e.label) ++m.moves_[index(*e.was)][index(e.label)];
  }
  // A few dozen passes in the examples' order (deterministic).
  m.model_ = train_logistic(training, {.epochs = epochs, .learning_rate = learning_rate, .l2 = l2});
  m.close_untrusted_moves(training, examples);
  return m;
}

void UserModel::close_untrusted_moves(std::span<const LogisticExample> training, std::span<const Example> examples)
{
  std::array<std::array<int, labels>, labels> net{}; // [rules' label][open label]: right minus wrong
  std::vector<LogisticExample> rest;
  for (std::size_t fold = 0; fold < folds; ++fold) {
    rest.clear();
    Scores counts{};
    for (std::size_t i = 0; i < training.size(); ++i) {
      if (i % folds == fold) continue;
      rest.push_back(training[i]);
      ++counts[training[i].label];
    }
    if (rest.empty()) continue;
    const LogisticModel model = train_logistic(rest, {.epochs = epochs, .learning_rate = learning_rate, .l2 = l2});
    const auto n = static_cast<double>(rest.size());
    for (std::size_t i = fold; i < training.size(); i += folds) {
      const std::size_t rules = index(examples[i].was.value_or(examples[i].label));
      const Scores p = softmax(model.logits(training[i].features));
      // How much likelier the fold's model finds label k than its share of the fold's examples.
      const auto evidence = [&](std::size_t k) {
        return counts[k] > 0 ? std::log(std::max(p[k], 1e-9)) - std::log(counts[k] / n) : -1e9;
      };
      for (std::size_t k = 0; k < labels; ++k) {
        if (k == rules || moves_[rules][k] == 0 || evidence(k) <= evidence(rules)) continue;
        net[rules][k] += training[i].label == k ? 1 : -1;
      }
    }
  }
  for (std::size_t r = 0; r < labels; ++r) {
    for (std::size_t k = 0; k < labels; ++k) {
      if (net[r][k] <= 0) moves_[r][k] = 0;
    }
  }
}

UserModel::Scores UserModel::predict(const Note& note) const
{
  return softmax(model_.logits(features_of(note)));
}

bool UserModel::blend(const Note& note, Result& r) const
{
  if (r.label == Label::empty || examples_ == 0) return false;
  const auto& open = moves_[index(r.label)];
  if (std::all_of(open.begin(), open.end(), [](std::uint32_t n) { return n == 0; })) return false;
  const Scores p = predict(note);
  const double c = std::clamp(r.confidence, 0.2, 0.995);
  const auto evidence = [&](std::size_t k) {
    return std::clamp(std::log(std::max(p[k], 1e-9)) - std::log(counts_[k] / static_cast<double>(examples_)),
                      -max_evidence, max_evidence);
  };
  Scores s;
  s.fill(-1e9);
  const std::size_t rules = index(r.label);
  s[rules] = std::log(c) + evidence(rules);
  for (std::size_t k = 0; k < labels; ++k) {
    if (open[k] > 0) s[k] = std::log((1 - c) / (labels - 1)) + evidence(k);
  }
  const Scores posterior = softmax(s);
  const auto best = static_cast<std::size_t>(std::max_element(posterior.begin(), posterior.end()) - posterior.begin());
  if (best == rules) {
    // An open move the model leans to without winning: the label is less sure than the rules alone say.
    r.confidence = std::min(r.confidence, posterior[best]);
    return false;
  }
  const double was_confidence = r.confidence;
  r.label = all_labels[best];
  r.confidence = posterior[best];
  r.reasons.insert(r.reasons.begin(),
                   {fmt::format("your corrections: {:.2f} {}", p[best], label_name(r.label)),
                    fmt::format("the rules alone: {} ({:.2f})", label_name(all_labels[rules]), was_confidence)});
  return true;
}

std::string UserModel::serialize() const
{
  std::string out(header);
  out += fmt::format("\nexamples {}\ncounts", examples_);
  for (const double c : counts_) out += fmt::format(" {}", c);
  out += "\nbias";
  for (const double b : model_.bias) out += fmt::format(" {:.6g}", b);
  out += "\nmoves";
  for (const auto& row : moves_)
    for (const auto n : row) out += fmt::format(" {}", n);
  out += '\n';
  // Sorted by feature, so the same model is the same text; weights too small to matter left out.
  std::vector<std::uint32_t> keys;
  for (const auto& [f, w] : model_.weights) {
    if (std::any_of(w.begin(), w.end(), [](float v) { return std::abs(v) >= 1e-3f; })) keys.push_back(f);
  }
  std::sort(keys.begin(), keys.end());
  for (const auto f : keys) {
    out += fmt::format("{:08x}", f);
    for (const float v : model_.weights.at(f)) out += fmt::format(" {:.4g}", v);
    out += '\n';
  }
  return out;
}

std::optional<UserModel> UserModel::parse(std::string_view text)
{
  std::istringstream in{std::string(text)};
  std::string line, word;
  if (!std::getline(in, line) || line != header) return std::nullopt;
  UserModel m;
  if (!(in >> word >> m.examples_) || word != "examples") return std::nullopt;
  if (!(in >> word) || word != "counts") return std::nullopt;
  for (auto& c : m.counts_)
    if (!(in >> c)) return std::nullopt;
  if (!(in >> word) || word != "bias") return std::nullopt;
  for (auto& b : m.model_.bias)
    if (!(in >> b)) return std::nullopt;
  if (!(in >> word) || word != "moves") return std::nullopt;
  for (auto& row : m.moves_)
    for (auto& n : row)
      if (!(in >> n)) return std::nullopt;
  while (in >> word) {
    std::uint32_t f = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), f, 16);
    if (ec != std::errc() || end != word.data() + word.size()) return std::nullopt;
    auto& w = m.model_.weights[f];
    for (auto& v : w)
      if (!(in >> v)) return std::nullopt;
  }
  return m;
}

} // namespace motivo::classify
