#include <motivo/core/error.hpp>
#include <motivo/io/inputs.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace motivo::io {

namespace {

class FileSource : public ByteSource {
public:
  explicit FileSource(std::string path) : path_(std::move(path))
  {
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) throw InputError(path_, 0, fmt::format("cannot open: {}", std::strerror(errno)));
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  ~FileSource() override
  {
    ::close(fd_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::size_t read(char* buffer, std::size_t size) override
  {
    for (;;) {
      const ssize_t n = ::read(fd_, buffer, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno == EINTR) continue;
      throw InputError(path_, 0, fmt::format("cannot read: {}", std::strerror(errno)));
    }
  }

private:
  std::string path_;
  int fd_ = -1;
};

} // namespace

std::unique_ptr<ByteSource> open_file(const std::string& path)
{
  return std::make_unique<FileSource>(path);
}

} // namespace motivo::io
