#pragma once

#include <cstddef>
#include <string_view>

namespace motivo::classify {

// Edit distance between a and b if it is at most `limit`, otherwise limit + 1. Only the diagonal band of
// width 2·limit+1 of the usual table is computed (cells outside it exceed the limit anyway).
std::size_t bounded_levenshtein(std::string_view a, std::string_view b, std::size_t limit);

} // namespace motivo::classify
