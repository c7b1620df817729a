#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace motivo {

// Hashes std::string and std::string_view alike, so that maps keyed by strings can be searched with a view
// without building a string (heterogeneous lookup).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

} // namespace motivo
