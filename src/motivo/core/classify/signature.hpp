#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// How many words (as fold_into and words_into count them) the signature block at the end of `text` holds: its last
// lines when each only names someone, a job title or a company ("Neville Sharpe", "Senior Estimator, Brightline
// Civil", "Director Comercial | Grupo Andino S.A.") or gives a phone number, a web address or an e-mail. A line
// with a word of four letters or more in lower case ("Helping leaders unlock their potential"), a "!" or "?", more
// than eight words, or one of `spam_domains` (a shortener, a messaging handle) ends the block. Words of scripts
// without capitals cannot be told from a sentence's, so such a line ends it too. 0 when the last line is no
// signature.
std::size_t signature_words(std::string_view text, const std::vector<std::string>& spam_domains);

} // namespace motivo::classify
