// Quoted words in a note: a title in quotes (a named thing) and a search phrase in quotes beside a search engine or a
// word saying someone searched (a pitch about the recipient's shop or site).
#include <motivo/core/ascii.hpp>
#include <motivo/core/classify/quotes.hpp>
#include <motivo/core/data_files.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace motivo::classify {

namespace {

// Whether `text` starts with a lower-case letter: Latin a-z, Cyrillic а-я (D0 B0-BF, D1 80-8F) or Greek α-ω
// (CE AC-BF, CF 80-8E).
bool lower_case_start(std::string_view text)
{
  const auto b = [text](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  return (b(0) >= 'a' && b(0) <= 'z') || (b(0) == 0xD0 && b(1) >= 0xB0 && b(1) <= 0xBF) ||
         (b(0) == 0xD1 && b(1) >= 0x80 && b(1) <= 0x8F) || (b(0) == 0xCE && b(1) >= 0xAC && b(1) <= 0xBF) ||
         (b(0) == 0xCF && b(1) >= 0x80 && b(1) <= 0x8E);
}

// Whether `text` starts with a letter of a script without capitals: Hebrew, Arabic (D7-DB), the scripts of India
// and Thai (E0), Chinese, Japanese and Korean (E3-ED).
bool caseless_start(std::string_view text)
{
  const auto b0 = text.empty() ? 0u : static_cast<unsigned char>(text[0]);
  return (b0 >= 0xD7 && b0 <= 0xDB) || b0 == 0xE0 || (b0 >= 0xE3 && b0 <= 0xED);
}

// The engines and marketplaces, and the beginnings of words saying a search was made (data/search_words.tsv).
struct SearchWords {
  std::vector<std::string> engines, searches;
};
const SearchWords& search_words()
{
  static const SearchWords list = [] {
    SearchWords w;
    for (const auto& r : data::rows("search_words.tsv")) {
      if (r.size() < 3 || r[2].empty()) continue;
      (r[1] == "engine" ? w.engines : w.searches).push_back(r[2]);
    }
    return w;
  }();
  return list;
}

// The bytes of a space at `i` of `text` (a space, a no-break space, a narrow one: French sets its guillemets apart,
// « plombier Lyon »), 0 when there is none.
std::size_t space_at(std::string_view text, std::size_t i)
{
  if (i < text.size() && text[i] == ' ') return 1;
  if (text.substr(i, 2) == "\u00A0") return 2;
  return text.substr(i, 3) == "\u202F" ? 3 : 0;
}

} // namespace

// A title in quotes, of two to twelve words: "…", “…”, «…», „…“, 「…」, 『…』.
bool has_quoted_title(std::string_view text)
{
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> quotes = {{{"\"", "\""},
                                                                                           {"\u201C", "\u201D"},
                                                                                           {"\u00AB", "\u00BB"},
                                                                                           {"\u201E", "\u201C"},
                                                                                           {"\u300C", "\u300D"},
                                                                                           {"\u300E", "\u300F"},
                                                                                           {"\u201E", "\u201D"}}};
  for (const auto& [open, close] : quotes) {
    for (std::size_t at = text.find(open); at != std::string_view::npos; at = text.find(open, at + 1)) {
      const std::size_t from = at + open.size();
      const std::size_t to = text.find(close, from);
      if (to == std::string_view::npos || to - from > 120) break;
      const std::string_view inside = text.substr(from, to - from);
      const auto spaces = static_cast<std::size_t>(std::count(inside.begin(), inside.end(), ' '));
      const bool unspaced_script = !inside.empty() && static_cast<unsigned char>(inside[0]) >= 0xE3;
      if (inside.find('\n') == std::string_view::npos &&
          ((spaces >= 1 && spaces <= 11) || (unspaced_script && to - from >= 6)))
        return true;
      at = to;
    }
  }
  return false;
}

// A search phrase in quotes ('batik tulis Solo', ‘hotel Naxos’, "frisør Oslo sentrum", «…», „…“, 「…」): two to six
// words, the first in lower case (a query, where a title is capitalised) or in a script without capitals, the quote
// opened after a space and closed before no letter (not an apostrophe, "Google'da"); and in the note a search engine
// or marketplace, or a word saying someone searched ("I searched", "når man søker", "bila cari"). `lower`: ASCII
// lower case.
bool has_search_phrase(std::string_view text, std::string_view lower)
{
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> quotes = {{{"'", "'"},
                                                                                           {"\u2018", "\u2019"},
                                                                                           {"\"", "\""},
                                                                                           {"\u201C", "\u201D"},
                                                                                           {"\u00AB", "\u00BB"},
                                                                                           {"\u201E", "\u201C"},
                                                                                           {"\u201E", "\u201D"},
                                                                                           {"\u300C", "\u300D"}}};
  bool phrase = false;
  for (const auto& [open, close] : quotes) {
    if (phrase) break;
    for (std::size_t at = text.find(open); at != std::string_view::npos; at = text.find(open, at + 1)) {
      std::size_t from = at + open.size();
      if ((at > 0 && text[at - 1] != ' ' && text[at - 1] != '(') || from >= text.size()) continue;
      while (const std::size_t n = space_at(text, from)) from += n;
      const bool caseless = caseless_start(text.substr(from));
      if (!caseless && !lower_case_start(text.substr(from))) continue;
      const std::size_t to = text.find(close, from);
      if (to == std::string_view::npos || to - from > 60) break;
      const std::size_t after = to + close.size();
      if (after < text.size() && ascii::alpha(text[after])) continue;
      std::string_view inside = text.substr(from, to - from);
      while (!inside.empty() && (inside.back() == ' ' || inside.ends_with("\u00A0") || inside.ends_with("\u202F")))
        inside.remove_suffix(inside.back() == ' ' ? 1 : inside.ends_with("\u00A0") ? 2 : 3);
      const auto spaces = static_cast<std::size_t>(std::count(inside.begin(), inside.end(), ' '));
      // (In a script without spaces a phrase of two characters or more is one word.)
      if (((spaces >= 1 || (caseless && inside.size() >= 6)) && spaces <= 5) &&
          inside.find('\n') == std::string_view::npos) {
        phrase = true;
        break;
      }
      at = to;
    }
  }
  if (!phrase) return false; // the common case, told before the engines are looked for
  // At a word's start ("Google'da", "Googlen", "søker"; not "combing", "Betsy", "research").
  const auto named = [lower](const std::string& e) {
    for (std::size_t at = lower.find(e); at != std::string_view::npos; at = lower.find(e, at + 1))
      if (at == 0 || !ascii::alpha(lower[at - 1])) return true;
    return false;
  };
  const SearchWords& w = search_words();
  return std::any_of(w.engines.begin(), w.engines.end(), named) ||
         std::any_of(w.searches.begin(), w.searches.end(), named);
}

} // namespace motivo::classify
