#include <motivo/core/classify/fold.hpp>
#include <motivo/core/data_files.hpp>
#include <motivo/core/names.hpp>
#include <motivo/core/people.hpp>
#include <motivo/core/text.hpp>
#include <motivo/core/utf8.hpp>

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace motivo::names {

namespace {

// One word of a name: as written (without punctuation around it), and folded for comparison.
struct NameWord {
  std::string text;
  std::string key;          // classify::fold: no case, no accents, hyphens as spaces ("jean pierre")
  bool abbreviated = false; // ends with a dot or carries an ordinal indicator ("D.", "Dª")
};

// The words of data/given_names.tsv and data/name_words.tsv, folded.
struct Lexicon {
  std::unordered_set<std::string> compounds, particles, suffixes;
  std::unordered_map<std::string, bool> titles; // folded title -> only when abbreviated
  std::size_t longest_compound = 1, longest_particle = 1;

  Lexicon()
  {
    const auto word_count = [](const std::string& folded) {
      return static_cast<std::size_t>(std::count(folded.begin(), folded.end(), ' ')) + 1;
    };
    for (const auto& row : data::rows("given_names.tsv")) {
      const std::string key = classify::fold(row.at(0));
      compounds.insert(key);
      longest_compound = std::max(longest_compound, word_count(key));
    }
    for (const auto& row : data::rows("name_words.tsv")) {
      const std::string key = classify::fold(row.at(1));
      if (row.at(0) == "title") titles[key] = row.size() > 4 && row.at(4) == "dot";
      if (row.at(0) == "particle") {
        particles.insert(key);
        longest_particle = std::max(longest_particle, word_count(key));
      }
      if (row.at(0) == "suffix") suffixes.insert(key);
    }
  }
};

const Lexicon& lexicon()
{
  static const Lexicon words;
  return words;
}

bool is_letter(UChar32 c)
{
  const int8_t type = u_charType(c);
  return u_isalpha(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

// `word` without what is not a letter at either end ("Carlos!" -> "Carlos", "🚀Ana" -> "Ana"): "" when it has no
// letter at all (an emoji, a dash, a number).
std::string_view letters_within(std::string_view word)
{
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto n = static_cast<std::int32_t>(word.size());
  std::int32_t begin = -1, end = 0;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || !is_letter(c)) continue;
    if (begin < 0) begin = at;
    end = i;
  }
  if (begin < 0) return {};
  return word.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
}

// `word` without control characters (C0 and C1): never part of a name, and unsafe on a terminal.
std::string without_controls(std::string_view word)
{
  std::string out;
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto n = static_cast<std::int32_t>(word.size());
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && u_charType(c) != U_CONTROL_CHAR)
      out.append(word.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at)));
  }
  return out;
}

// The name without asides: nicknames in brackets or quotes ("Wenliang (Kevin)", "Angelina \"Strike\""), and
// what follows a separator (a headline after " | " or " - ").
std::string without_asides(std::string_view name)
{
  static constexpr std::pair<std::string_view, std::string_view> pairs[] = {
      {"(", ")"}, {"[", "]"}, {"{", "}"}, {"\"", "\""}, {"“", "”"}, {"«", "»"}, {"„", "“"}};
  std::string out;
  for (std::string_view rest = name; !rest.empty();) {
    std::size_t at = std::string_view::npos;
    std::pair<std::string_view, std::string_view> aside;
    for (const auto& pair : pairs) {
      if (const std::size_t found = rest.find(pair.first); found < at) {
        at = found;
        aside = pair;
      }
    }
    out.append(rest.substr(0, at));
    if (at == std::string_view::npos) break;
    out += ' ';
    const std::size_t end = rest.find(aside.second, at + aside.first.size());
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + aside.second.size());
  }
  for (const std::string_view separator : {"|", "•", " - ", " – ", " — ", " / "})
    if (const std::size_t at = out.find(separator); at != std::string::npos) out.resize(at);
  return out;
}

std::vector<NameWord> words_of(std::string_view name)
{
  std::vector<NameWord> out;
  const std::string collapsed = text::collapse_spaces(name);
  std::string_view rest = collapsed;
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    const std::string_view raw = rest.substr(0, space);
    rest.remove_prefix(space == std::string_view::npos ? rest.size() : space + 1);
    std::string kept = without_controls(letters_within(raw));
    if (kept.empty()) continue;
    const bool abbreviated =
        raw.ends_with('.') || raw.find("ª") != std::string_view::npos || raw.find("º") != std::string_view::npos;
    out.push_back({std::move(kept), classify::fold(raw), abbreviated});
  }
  return out;
}

// The folded key of words [from, from + n).
std::string key_of(const std::vector<NameWord>& words, std::size_t from, std::size_t n)
{
  std::string key;
  for (std::size_t i = from; i < from + n; ++i) {
    if (!key.empty()) key += ' ';
    key += words[i].key;
  }
  return key;
}

bool is_title(const NameWord& word)
{
  const auto& titles = lexicon().titles;
  const auto it = titles.find(word.key);
  return it != titles.end() && (!it->second || word.abbreviated);
}

// How many words, from the first, make a surname particle ("de la", "van der"): a lower-case one ("de Souza") or
// one of several words ("De la Fuente"); a capitalised single word ("Van", "De") may be a given name.
std::size_t particle_words(const std::vector<NameWord>& words)
{
  const Lexicon& lex = lexicon();
  for (std::size_t n = std::min(lex.longest_particle, words.size()); n >= 1; --n) {
    if (!lex.particles.contains(key_of(words, 0, n))) continue;
    const bool lower = words[0].text == text::ascii_lower(words[0].text);
    if (n > 1 || lower) return n;
  }
  return 0;
}

// One letter of a script with case ("J", "Á"): an initial. A single Han character is a name.
bool is_initial(const NameWord& word)
{
  if (utf8::count_code_points(word.text) != 1) return false;
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.text.data());
  std::int32_t i = 0;
  UChar32 c;
  U8_NEXT(s, i, static_cast<std::int32_t>(word.text.size()), c);
  return u_isupper(c) || u_islower(c);
}

// "MARÍA JOSÉ" and "maría josé" -> "María José"; a name in mixed case is kept as written ("McKenzie", "DeAndre").
std::string in_title_case_if_one_case(const std::string& name)
{
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  icu::UnicodeString upper(u), lower(u);
  upper.toUpper();
  lower.toLower();
  if (u != upper && u != lower) return name;
  lower.toTitle(nullptr);
  std::string out;
  lower.toUTF8String(out);
  return out;
}

std::string joined(const std::vector<NameWord>& words, std::size_t from, std::size_t n)
{
  std::string out;
  for (std::size_t i = from; i < from + n; ++i) {
    if (!out.empty()) out += ' ';
    out += words[i].text;
  }
  return in_title_case_if_one_case(out);
}

// The given name among `words` (titles already skipped): a compound one when it is listed and, unless the words
// are given names only (`given_only`: after "Surname,"), a word is left for the surname.
std::string given_among(const std::vector<NameWord>& words, std::size_t from, bool given_only)
{
  const Lexicon& lex = lexicon();
  // A leading initial is skipped when a given name and a surname follow ("J. Robert Oppenheimer").
  while (from < words.size() && is_initial(words[from]) && words.size() - from >= (given_only ? 2U : 3U)) ++from;
  if (from >= words.size() || is_initial(words[from])) return {};
  const std::size_t left = words.size() - from;
  for (std::size_t n = std::min(lex.longest_compound, given_only ? left : left - 1); n >= 2; --n)
    if (lex.compounds.contains(key_of(words, from, n))) return joined(words, from, n);
  return joined(words, from, 1);
}

std::size_t titles_at_start(const std::vector<NameWord>& words)
{
  std::size_t n = 0;
  while (n < words.size() && is_title(words[n])) ++n;
  return n;
}

bool has_lower_case(std::string_view text)
{
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c >= 0 && u_islower(c)) return true;
  }
  return false;
}

// Whether a word is written as names are: letters (hyphens and apostrophes inside), capitalised, no two capitals
// in a row ("Ana", "Jean-Pierre", "McKenzie"; not "MSc", "EMBA", "cATO", "M.A.", "CIPP/E") — in capitals when the
// whole name is ("GARCÍA, ANA").
bool written_as_a_name(const NameWord& word, bool name_in_capitals)
{
  const auto* s = reinterpret_cast<const std::uint8_t*>(word.text.data());
  const auto n = static_cast<std::int32_t>(word.text.size());
  bool first = true, capital_before = false;
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c == '-' || c == '\'' || c == 0x2019) {
      capital_before = false;
      continue;
    }
    if (c < 0 || !is_letter(c)) return false;
    const bool capital = u_isupper(c) || u_istitle(c);
    if (first && !capital) return false;
    if (!first && capital && capital_before && !name_in_capitals) return false;
    first = false;
    capital_before = capital;
  }
  return !first;
}

// Whether `given` (what follows the first comma, up to the next) is the given name of a "Surname, Given" name: it
// is written as a name (titles aside), and it is short or the surname is one word or starts with a particle.
// Otherwise credentials or a headline follow the name ("Ana Pérez, PhD", "Romy Saleh, Certified Executive Coach"),
// or the surname's particle ("Vincent Sliedregt, van").
bool given_after_comma(std::string_view before, std::string_view given)
{
  const Lexicon& lex = lexicon();
  std::vector<NameWord> words = words_of(given);
  words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(titles_at_start(words)));
  if (words.empty() || lex.particles.contains(key_of(words, 0, words.size())) || lex.suffixes.contains(words[0].key))
    return false;
  if (!written_as_a_name(words[0], !has_lower_case(before) && !has_lower_case(given))) return false;
  const std::vector<NameWord> surname = words_of(before);
  return words.size() <= 2 || surname.size() == 1 || particle_words(surname) > 0;
}

} // namespace

std::string given_name(std::string_view full_name)
{
  std::string buffer;
  const std::string name = without_asides(utf8::replace_invalid(full_name, buffer));
  if (is_placeholder_name(text::name_key(name))) return {};
  std::string_view part = name;
  bool surname_first = false;
  if (const std::size_t comma = part.find(','); comma != std::string_view::npos) {
    const std::string_view before = part.substr(0, comma), after = part.substr(comma + 1);
    const std::string_view given = after.substr(0, after.find(','));
    if (words_of(before).empty()) {
      part = given; // ", Ana"
    } else if (given_after_comma(before, given)) {
      part = given; // "de la Fuente, Ana"
      surname_first = true;
    } else {
      part = before; // "Ana Pérez, PhD, MBA"
    }
  }
  std::vector<NameWord> words = words_of(part);
  const std::size_t titles = titles_at_start(words);
  // A title and one word: a surname ("Dr. Pérez", "Mr. Smith").
  if (titles > 0 && words.size() - titles == 1 && !surname_first) return {};
  words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(titles));
  if (!surname_first && particle_words(words) > 0) return {};
  return given_among(words, 0, surname_first);
}

std::string greeting_name(std::string_view full_name, std::string_view listed_first_name)
{
  std::string buffer;
  listed_first_name = utf8::replace_invalid(listed_first_name, buffer);
  std::vector<NameWord> words = words_of(without_asides(listed_first_name.substr(0, listed_first_name.find(','))));
  words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(titles_at_start(words)));
  while (words.size() > 1 && is_initial(words.back())) words.pop_back(); // "Carlos A."
  if (words.empty() || is_initial(words.front())) return given_name(full_name);
  return joined(words, 0, words.size());
}

} // namespace motivo::names
