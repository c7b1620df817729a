#pragma once

#include <string>
#include <string_view>

namespace motivo::names {

// Whether `a` and `b` are spellings of one name: equal once folded as classify::fold does (case, accents, spacing
// and punctuation aside: "José  ÁLVAREZ", "jose alvarez" and "Jose Álvarez" are one name). A name that folds to
// nothing (punctuation only) is no name: false.
bool same_name(std::string_view a, std::string_view b);

// `text` with every occurrence of the name `name`, spelled any way same_name() accepts, replaced by `mark`:
// "Lunch with ANA  garcía!" without "Ana García" is "Lunch with …!". Only whole words match ("Anabel" holds no
// "Ana"). `text` unchanged when the name does not occur in it, or folds to nothing.
std::string without_name(std::string_view text, std::string_view name, std::string_view mark = "\u2026");

} // namespace motivo::names
