#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// The form in which notes, stock texts and lexicon patterns are compared: Unicode NFKC with case folding
// (ICU), accents and other combining marks removed, apostrophes dropped ("I’d" and "I'd" both become "id"),
// every other character that is not a letter or digit made a space, runs of spaces collapsed, trimmed.
// "¡Hola, JOSÉ!  I’d like…" -> "hola jose id like". Invalid UTF-8 bytes count as spaces.
std::string fold(std::string_view text);
void fold_into(std::string_view text, std::string& out);

// Like fold_into, but sentence punctuation (. , ; : ! ? ¡ ¿ …) becomes a word "|" and line breaks and dashes a
// word "/", so that greetings and signatures can be told from the body.
void fold_marked_into(std::string_view text, std::string& out);
// fold_marked_into and words_into in one pass: `words` are views into `out`.
void fold_marked_words_into(std::string_view text, std::string& out, std::vector<std::string_view>& words);
inline bool is_mark(std::string_view word)
{
  return word.size() == 1 && (word[0] == '|' || word[0] == '/');
}

// The words of a folded text (views into it).
std::vector<std::string_view> words(std::string_view folded);
void words_into(std::string_view folded, std::vector<std::string_view>& out);

// Whether `text` has nothing but white space (ASCII or Unicode).
bool is_blank(std::string_view text);

} // namespace motivo::classify
