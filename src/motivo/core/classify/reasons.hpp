#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// The classifier's reasons (written in English) in `language` (es), by the patterns of data/reasons.tsv; English,
// or a reason no pattern knows, comes back as it is.
std::string translate_reason(std::string_view reason, std::string_view language);
std::vector<std::string> translate_reasons(const std::vector<std::string>& reasons, std::string_view language);

} // namespace motivo::classify
