#include <motivo/core/classify/language.hpp>

#include <motivo/core/data_files.hpp>

#include <cld2/public/compact_lang_det.h>

#include <array>
#include <string>
#include <unordered_map>

namespace motivo::classify {

namespace {

constexpr std::array<std::string_view, 6> voted = {"en", "es", "fr", "de", "pt", "it"};

struct Stopwords {
  // word -> bit set of the languages (indexes of `voted`) it belongs to
  std::unordered_map<std::string, unsigned> languages;
  Stopwords()
  {
    for (const auto& row : data::rows("stopwords.tsv")) {
      if (row.size() < 2) continue;
      for (std::size_t i = 0; i < voted.size(); ++i) {
        if (voted[i] == row[0]) languages[row[1]] |= 1u << i;
      }
    }
  }
};

const Stopwords& stopwords()
{
  static const Stopwords instance;
  return instance;
}

// The language the function words vote for, or "" without a clear winner.
std::string_view vote(const std::vector<std::string_view>& words)
{
  std::array<int, voted.size()> votes{};
  const Stopwords& s = stopwords();
  for (const std::string_view w : words) {
    const auto it = s.languages.find(std::string(w));
    if (it == s.languages.end()) continue;
    for (std::size_t i = 0; i < voted.size(); ++i) {
      if (it->second & (1u << i)) ++votes[i];
    }
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < voted.size(); ++i) {
    if (votes[i] > votes[best]) best = i;
  }
  int second = 0;
  for (std::size_t i = 0; i < voted.size(); ++i) {
    if (i != best && votes[i] > second) second = votes[i];
  }
  if (votes[best] >= 1 && votes[best] > second) return voted[best];
  return {};
}

} // namespace

std::string detect_language(std::string_view text, const std::vector<std::string_view>& folded_words)
{
  if (folded_words.empty()) return "zxx";
  bool reliable = false;
  CLD2::Language language3[3];
  int percent3[3];
  int text_bytes = 0;
  const CLD2::Language found = CLD2::ExtDetectLanguageSummary(
    text.data(), static_cast<int>(text.size()), true, language3, percent3, &text_bytes, &reliable);
  const std::string cld2 = found == CLD2::UNKNOWN_LANGUAGE ? std::string() : std::string(CLD2::LanguageCode(found));
  if (reliable && !cld2.empty()) return cld2;
  const std::string_view voted_for = vote(folded_words);
  if (!voted_for.empty()) {
    // A vote and an unreliable CLD2 answer that is one of the voted languages: prefer CLD2 only where the vote
    // is a single word.
    return std::string(voted_for);
  }
  if (!cld2.empty()) return cld2;
  return "und";
}

} // namespace motivo::classify
