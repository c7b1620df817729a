#include <motivo/core/byte_source.hpp>

#include <algorithm>
#include <cstring>

namespace motivo {

std::size_t MemorySource::read(char* buffer, std::size_t size)
{
  const std::size_t n = std::min(size, data_.size() - pos_);
  std::memcpy(buffer, data_.data() + pos_, n);
  pos_ += n;
  return n;
}

} // namespace motivo
