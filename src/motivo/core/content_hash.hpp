#pragma once

#include <motivo/core/byte_source.hpp>
#include <motivo/core/model.hpp>

#include <memory>

namespace motivo {

// A file's content hash (XXH3-128 of its bytes), by which an import recognises a file it has read before.
IdentityKey content_hash(ByteSource& source);

// A ByteSource that hashes what is read through it, so that a file is hashed while it is parsed, not read twice.
class HashingSource : public ByteSource {
public:
  explicit HashingSource(std::unique_ptr<ByteSource> inner);
  ~HashingSource() override;
  HashingSource(const HashingSource&) = delete;
  HashingSource& operator=(const HashingSource&) = delete;
  std::size_t read(char* buffer, std::size_t size) override;
  // The hash of the bytes read so far (of the whole file once it has been read to its end).
  IdentityKey digest() const;

private:
  struct State;
  std::unique_ptr<ByteSource> inner_;
  std::unique_ptr<State> state_;
};

} // namespace motivo
