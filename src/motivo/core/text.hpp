#pragma once

#include <string>
#include <string_view>

namespace motivo::text {

// The key two spellings of one name share: Unicode NFKC with case folding (ICU's NFKC_Casefold, which also
// drops default-ignorable characters such as U+200D), every run of white space made one space, trimmed.
// "  José   ÁLVAREZ " and "josé álvarez" have the same key. Input must be valid UTF-8.
std::string name_key(std::string_view name);

// `text` with leading and trailing ASCII white space removed.
std::string_view trim(std::string_view text);

// `text` with runs of white space (ASCII and Unicode) made one space, trimmed.
std::string collapse_spaces(std::string_view text);

// Decodes `%XX` escapes; invalid escapes are kept as written.
std::string percent_decode(std::string_view text);

// The lowercase ASCII copy of `text` (non-ASCII bytes unchanged).
std::string ascii_lower(std::string_view text);

} // namespace motivo::text
