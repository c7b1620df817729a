#pragma once

#include <string>
#include <string_view>

namespace motivo::cli {

// One language for every output of the command line: its messages, --help (CLI11's own words too), tables,
// the report and its HTML, errors. Spanish or English, chosen once at start (init_i18n):
//   1. the settings file's `language` (es or en), when it has one;
//   2. else the environment as gettext reads it: the first entry of LANGUAGE, else LC_ALL, else LC_MESSAGES,
//      else LANG, the first one set — Spanish when its language is es (es, es_ES.UTF-8, es_MX), English
//      otherwise (C, POSIX, C.UTF-8, fr_FR.UTF-8, unset).
// Messages go through gettext (catalogs in po/, built with msgfmt next to the binary) with LANGUAGE set to the
// chosen language, so that they switch even where the system lacks the Spanish locale (minimal images have
// only C.UTF-8). Numbers keep the C locale.
void init_i18n(std::string_view settings_language = {});

// The language the environment names (LANGUAGE's first entry, LC_ALL, LC_MESSAGES, LANG): its two letters
// ("es", "en", "fr"…), "" when it is C or POSIX or nothing is set.
std::string environment_language();

// The language of every output, "es" or "en" (English before init_i18n, from the environment).
std::string user_language();

// The message in the user's language (gettext), for fixed texts and format strings alike.
const char* tr(const char* message);
// The form of a message with a count (gettext's ngettext): `singular` or `plural` in the user's language.
const char* trn(const char* singular, const char* plural, unsigned long n);
// A message with a context (gettext's pgettext), for a word with two translations ("asked" a state).
const char* trp(const char* context, const char* message);

} // namespace motivo::cli
