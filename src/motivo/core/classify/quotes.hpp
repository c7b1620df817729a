#pragma once

#include <string_view>

namespace motivo::classify {

// A title in quotes, of two to twelve words: "…", “…”, «…», „…“, 「…」, 『…』.
bool has_quoted_title(std::string_view text);

// A search phrase in quotes beside a search engine, a marketplace or a word saying someone searched
// (data/search_words.tsv). `lower`: `text` in ASCII lower case.
bool has_search_phrase(std::string_view text, std::string_view lower);

} // namespace motivo::classify
