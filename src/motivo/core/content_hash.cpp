#include <motivo/core/content_hash.hpp>
#include <motivo/core/xxh3_key.hpp>

#include <vector>

namespace motivo {

struct HashingSource::State {
  XXH3_state_t xxh;
};

IdentityKey content_hash(ByteSource& source)
{
  XXH3_state_t state;
  XXH3_128bits_reset(&state);
  std::vector<char> buffer(std::size_t{1} << 20);
  while (const std::size_t n = source.read(buffer.data(), buffer.size())) XXH3_128bits_update(&state, buffer.data(), n);
  return xxh3_key(XXH3_128bits_digest(&state));
}

HashingSource::HashingSource(std::unique_ptr<ByteSource> inner)
  : inner_(std::move(inner)), state_(std::make_unique<State>())
{
  XXH3_128bits_reset(&state_->xxh);
}

HashingSource::~HashingSource() = default;

std::size_t HashingSource::read(char* buffer, std::size_t size)
{
  const std::size_t n = inner_->read(buffer, size);
  XXH3_128bits_update(&state_->xxh, buffer, n);
  return n;
}

IdentityKey HashingSource::digest() const
{
  return xxh3_key(XXH3_128bits_digest(&state_->xxh));
}

} // namespace motivo
