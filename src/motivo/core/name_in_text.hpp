#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motivo::names {

// Whether `a` and `b` are spellings of one name: equal once folded as classify::fold does (case, accents, spacing
// and punctuation aside: "José  ÁLVAREZ", "jose alvarez" and "Jose Álvarez" are one name). A name that folds to
// nothing (punctuation only) is no name: false.
bool same_name(std::string_view a, std::string_view b);

// `text` with every occurrence of the name `name`, spelled any way same_name() accepts, replaced by `mark`:
// "Lunch with ANA  garcía!" without "Ana García" is "Lunch with …!". Only whole words match ("Anabel" holds no
// "Ana"). `text` unchanged when the name does not occur in it, or folds to nothing.
std::string without_name(std::string_view text, std::string_view name, std::string_view mark = "\u2026");

// The folded words of a name: every text that holds the name for same_name() or without_name() holds each of them
// among its name_words(). Empty when the name folds to nothing.
std::vector<std::string> words_of_name(std::string_view name);

// The distinct folded words of `text` that a name may be made of, sorted: for any name that same_name() finds equal
// to `text` or without_name() finds inside it, every one of words_of_name(name) is among them (what an index of
// names in texts is keyed by).
std::vector<std::string> name_words(std::string_view text);

} // namespace motivo::names
