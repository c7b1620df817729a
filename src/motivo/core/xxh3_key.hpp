#pragma once

// The identity key of an XXH3-128 hash: its canonical (big-endian) bytes. For the core
// files that hash with xxHash inline (identity.cpp, content_hash.cpp): it includes xxhash.h with XXH_INLINE_ALL.

#include <motivo/core/model.hpp>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstring>

namespace motivo {

inline IdentityKey xxh3_key(const XXH128_hash_t& h)
{
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, h);
  IdentityKey key;
  std::memcpy(key.data(), canonical.digest, key.size());
  return key;
}

} // namespace motivo
