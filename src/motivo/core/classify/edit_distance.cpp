#include <motivo/core/classify/edit_distance.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace motivo::classify {

std::size_t bounded_levenshtein(std::string_view a, std::string_view b, std::size_t limit)
{
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  if (a.size() > 255) return limit + 1; // stock texts are shorter
  const std::size_t big = limit + 1;
  std::array<std::size_t, 256> prev_row, cur_row;
  std::size_t* prev = prev_row.data();
  std::size_t* cur = cur_row.data();
  for (std::size_t i = 0; i <= a.size(); ++i) prev[i] = i <= limit ? i : big;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    const std::size_t lo = j > limit ? j - limit : 0;
    const std::size_t hi = std::min(a.size(), j + limit);
    if (lo > a.size()) return big;
    cur[lo] = lo == 0 ? (j <= limit ? j : big) : big;
    if (lo > 0) cur[lo - 1] = big;
    std::size_t row_min = cur[lo];
    for (std::size_t i = std::max<std::size_t>(lo, 1); i <= hi; ++i) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      const std::size_t up = i <= j - 1 + limit ? prev[i] : big; // prev[i] is inside the previous band
      std::size_t v = std::min({up + 1, cur[i - 1] + 1, prev[i - 1] + cost});
      if (v > big) v = big;
      cur[i] = v;
      row_min = std::min(row_min, v);
    }
    if (hi < a.size()) cur[hi + 1] = big;
    if (row_min > limit) return big;
    std::swap(prev, cur);
  }
  return std::min(prev[a.size()], big);
}

} // namespace motivo::classify
