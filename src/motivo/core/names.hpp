#pragma once

#include <string>
#include <string_view>

namespace motivo::names {

// The name a message greets someone by ("Hola, Miguel Ángel").
//
// `listed_first_name` is the First Name Connections.csv gives for the person ("" when none). It is the person's
// own choice, so it wins, cleaned of what is not a name: titles ("Dr. Andy" -> "Andy"), emoji, nicknames in
// brackets or quotes, a trailing initial ("Carlos A." -> "Carlos"); kept whole otherwise ("María Paula").
// Without it, or when nothing is left of it, the name is read from `full_name` with given_name().
std::string greeting_name(std::string_view full_name, std::string_view listed_first_name = {});

// The given name in a full name as LinkedIn shows it, with the words of data/given_names.tsv and
// data/name_words.tsv:
//   "Miguel Ángel Riesgo" -> "Miguel Ángel" and "Jean Pierre Dupont" -> "Jean Pierre" (compound given names, when
//   a word is left for the surname), "Dr. Ana Pérez" -> "Ana" (titles), "de la Fuente, Ana" -> "Ana" ("Surname,
//   Given"), "Ana Pérez, PhD" -> "Ana" (credentials), "J. Robert Oppenheimer" -> "Robert" (a leading initial),
//   "MARÍA JOSÉ GARCÍA" -> "María José" (a name in one case is written in title case).
// Invalid UTF-8 bytes count as U+FFFD (no letter). "" when no given name can be told: a placeholder ("LinkedIn
// Member"), a title and a surname ("Dr. Pérez"), a name that starts with a surname particle and has no comma ("de la
// Fuente Ana"), an initial alone.
std::string given_name(std::string_view full_name);

} // namespace motivo::names
