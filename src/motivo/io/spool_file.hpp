#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace motivo::io {

// An unnamed temporary file in `folder` (mode 0600; O_TMPFILE, or mkstemp and unlinked at once): nothing is left
// behind when the process ends, however it ends. Written in order, then read back in order from the start. Throws
// motivo::Error naming the folder when the file system refuses.
class SpoolFile {
public:
  explicit SpoolFile(std::string folder);
  SpoolFile(const SpoolFile&) = delete;
  SpoolFile& operator=(const SpoolFile&) = delete;
  ~SpoolFile();

  void write(std::string_view bytes);
  // Reading starts again from the first byte written.
  void rewind();
  // The next `size` bytes appended to `out`; false at the end of the file, and an error when the file ends within
  // them.
  bool read(std::size_t size, std::string& out);

private:
  [[noreturn]] void fail(int error) const;
  std::string folder_;
  int fd_ = -1;
};

} // namespace motivo::io
