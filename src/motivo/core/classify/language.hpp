#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// The language of a note (ISO 639-1, "und" when unknown), from CLD2 (Compact Language Detector 2, Debian's
// libcld2) on the text, with a vote of common function words (data/stopwords.tsv) among es, en, fr, de, pt and
// it where CLD2 is not reliable, as on most notes shorter than a sentence or two. `text` must be valid UTF-8;
// `folded_words` are its words as fold() gives them.
std::string detect_language(std::string_view text, const std::vector<std::string_view>& folded_words);

} // namespace motivo::classify
