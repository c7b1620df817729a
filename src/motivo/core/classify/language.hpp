#pragma once

#include <array>
#include <string>
#include <string_view>

namespace motivo::classify {

// The language of a note (ISO 639-1, "und" when unknown). `votes` counts the note's common function words
// (data/stopwords.tsv) of en, es, fr, de, pt and it, in that order. A clear vote (three words or more, twice
// the runner-up) decides alone: it is right on short notes, where CLD2 (Compact Language Detector 2, Debian's
// libcld2) often is not, and costs nothing. So does a winner of three votes or more with two distinct words that
// are function words of its language only (`only`: "y", "los", "nel") when no other language has one: shared
// words ("de", "que", "la") leave many Romance notes short of a clear vote. (Three votes, not two: "in" and "is"
// are Dutch too.) From five votes on, one such word is enough. Otherwise CLD2 decides when it is reliable, then a plain
// majority of the vote, then CLD2's unreliable guess.
std::string choose_language(std::string_view text, const std::array<int, 6>& votes,
                            const std::array<int, 6>& only = {});

} // namespace motivo::classify
