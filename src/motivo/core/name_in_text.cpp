#include <motivo/core/classify/fold.hpp>
#include <motivo/core/name_in_text.hpp>

#include <algorithm>
#include <vector>

namespace motivo::names {

namespace {

// A byte that may be part of a word: an ASCII letter or digit, an apostrophe, or any byte of a multi-byte
// character (letters with accents; classify::fold tells the rest, such as a no-break space, from letters).
bool word_byte(char c)
{
  const auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') || c == '\'';
}

// One folded word of a text and the bytes of the run it was folded from.
struct Word {
  std::string folded;
  std::size_t begin, end;
};

std::vector<Word> folded_words(std::string_view text)
{
  std::vector<Word> out;
  for (std::size_t i = 0; i < text.size();) {
    if (!word_byte(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && word_byte(text[j])) ++j;
    const std::string folded = classify::fold(text.substr(i, j - i));
    for (const std::string_view w : classify::words(folded)) out.push_back({std::string(w), i, j});
    i = j;
  }
  return out;
}

} // namespace

bool same_name(std::string_view a, std::string_view b)
{
  const std::string fa = classify::fold(a);
  return !fa.empty() && fa == classify::fold(b);
}

std::string without_name(std::string_view text, std::string_view name, std::string_view mark)
{
  const std::string folded_name = classify::fold(name);
  const std::vector<std::string_view> wanted = classify::words(folded_name);
  if (wanted.empty()) return std::string(text);
  const std::vector<Word> words = folded_words(text);
  std::string out;
  std::size_t copied = 0; // bytes of `text` already in `out`
  for (std::size_t i = 0; i + wanted.size() <= words.size();) {
    std::size_t n = 0;
    while (n < wanted.size() && words[i + n].folded == wanted[n]) ++n;
    // A run folded into several words ("García‑López") is taken whole or not at all.
    const bool whole = n == wanted.size() && (i == 0 || words[i - 1].begin != words[i].begin) &&
                       (i + n == words.size() || words[i + n].begin != words[i + n - 1].begin);
    if (!whole || words[i].begin < copied) {
      ++i;
      continue;
    }
    out.append(text.substr(copied, words[i].begin - copied));
    out.append(mark);
    copied = words[i + n - 1].end;
    i += n;
  }
  out.append(text.substr(copied));
  return out;
}

std::vector<std::string> words_of_name(std::string_view name)
{
  const std::string folded = classify::fold(name);
  std::vector<std::string> out;
  for (const std::string_view w : classify::words(folded)) out.emplace_back(w);
  return out;
}

std::vector<std::string> words_in_text(std::string_view text)
{
  std::vector<std::string> out;
  for (Word& w : folded_words(text)) out.push_back(std::move(w.folded));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace motivo::names
