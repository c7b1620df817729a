#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace motivo {

// A sequential stream of bytes: a file, an entry of a zip archive, a buffer in memory.
// The core reads through this interface so that it never opens anything itself.
class ByteSource {
public:
  virtual ~ByteSource() = default;
  // Reads up to `size` bytes into `buffer`; returns 0 only at the end. Throws InputError on failure.
  virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

// A ByteSource over bytes held in memory (tests, fuzzers, uploads).
class MemorySource : public ByteSource {
public:
  explicit MemorySource(std::string_view data) : data_(data) {}
  std::size_t read(char* buffer, std::size_t size) override;

private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

} // namespace motivo
