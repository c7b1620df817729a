#include <motivo/core/hashed_map.hpp>
#include <motivo/core/identity.hpp>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>
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
  const XXH128_hash_t h = XXH3_128bits_digest(&state);
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, h);
  IdentityKey key;
  std::memcpy(key.data(), canonical.digest, key.size());
  return key;
}

IdentityKey hash128(std::string_view text)
{
  const XXH128_hash_t h = XXH3_128bits(text.data(), text.size());
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, h);
  IdentityKey key;
  std::memcpy(key.data(), canonical.digest, key.size());
  return key;
}

std::string key_number(std::int64_t n)
{
  return std::to_string(n);
}

} // namespace motivo
