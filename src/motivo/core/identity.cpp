#include <motivo/core/hashed_map.hpp>
#include <motivo/core/identity.hpp>
#include <motivo/core/xxh3_key.hpp>

#include <string>

namespace motivo {

IdentityKey identity_key(std::string_view kind, std::initializer_list<std::string_view> fields)
{
  XXH3_state_t state;
  XXH3_128bits_reset(&state);
  const auto add = [&](std::string_view s) {
    const std::uint64_t size = s.size();
    XXH3_128bits_update(&state, &size, sizeof size);
    XXH3_128bits_update(&state, s.data(), s.size());
  };
  add(kind);
  for (const std::string_view f : fields) add(f);
  return xxh3_key(XXH3_128bits_digest(&state));
}

IdentityKey hash128(std::string_view text)
{
  return xxh3_key(XXH3_128bits(text.data(), text.size()));
}

std::string key_number(std::int64_t n)
{
  return std::to_string(n);
}

} // namespace motivo
