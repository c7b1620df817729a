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

// The folded words of a name, in order (a text same_name() finds equal to it has the same ones; one without_name()
// finds it inside holds each of them among its words_in_text()). Empty when the name folds to nothing.
std::vector<std::string> words_of_name(std::string_view name);

// The distinct folded words of `text` as without_name() reads it, sorted: for any name without_name() finds inside
// `text`, every one of words_of_name(name) is among them (what an index of names in texts is keyed by; a text that
// same_name() finds equal to a name has words_of_name(text) equal to the name's).
std::vector<std::string> words_in_text(std::string_view text);

} // namespace motivo::names
