#pragma once

#include <string>

namespace motivo::cli {

// The command line's messages follow the user's language (LC_ALL, LC_MESSAGES, LANG; Spanish catalogs in po/,
// built with msgfmt next to the binary) through gettext. When the system lacks the Spanish locale — minimal
// Debian images only have C.UTF-8 — messages still switch: C.UTF-8 with LANGUAGE=es. Numbers keep the C locale.
void init_i18n();

// The user's language from LC_ALL, LC_MESSAGES or LANG, the first one set ("es", "en", …); "" when it is C or
// POSIX or nothing is set.
std::string user_language();

// The report's language: the user's (LANG…) when Spanish or English, else `configured` (the settings file's)
// when the user's is C or unset, else English.
std::string report_language(const std::string& configured);

// The message in the user's language (gettext), for fixed texts and format strings alike.
const char* tr(const char* message);

} // namespace motivo::cli
