#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// How many words (as fold_into and words_into count them) the signature block at the end of `text` holds: its last
// lines when each only names someone, a job title or a company ("Neville Sharpe", "Senior Estimator, Brightline
// Civil", "Director Comercial | Grupo Andino S.A.") or gives a phone number, a web address or an e-mail. A line ends
// the block when it has more than ten words (numbers aside), no more capitalised words or numbers than words in lower
// case, three words in lower case or more, a last word in lower case before a period (a German sentence capitalises
// its nouns), a "!" or "?", or one of `spam_domains` (a shortener, a messaging handle). In a script without capitals a
// line may have at most five words and no sentence's end. 0 when the last line is no signature. Used on a note with a
// stock text or a request to connect in it (Classifier::Impl::signature_in_body).
std::size_t signature_words(std::string_view text, const std::vector<std::string>& spam_domains);

} // namespace motivo::classify
