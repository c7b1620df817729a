#include <motivo/core/error.hpp>
#include <motivo/io/spool_file.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace motivo::io {

SpoolFile::SpoolFile(std::string folder) : folder_(std::move(folder))
{
  fd_ = ::open(folder_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ >= 0) return;
  // A file system without O_TMPFILE: a named file, unlinked at once.
  std::string pattern = folder_ + "/motivo-spool-XXXXXX";
  fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd_ < 0) fail(errno);
  ::unlink(pattern.c_str());
}

SpoolFile::~SpoolFile()
{
  if (fd_ >= 0) ::close(fd_);
}

void SpoolFile::fail(int error) const
{
  throw Error(N_("cannot use a temporary file in {}: {} (TMPDIR chooses the folder)"), folder_, std::strerror(error));
}

void SpoolFile::write(std::string_view bytes)
{
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail(n < 0 ? errno : ENOSPC);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

void SpoolFile::rewind()
{
  if (::lseek(fd_, 0, SEEK_SET) != 0) fail(errno);
}

bool SpoolFile::read(std::size_t size, std::string& out)
{
  const std::size_t start = out.size();
  out.resize(start + size);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd_, out.data() + start + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(errno);
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  out.resize(start + got);
  if (got == 0 && size > 0) return false;
  if (got < size) fail(EIO);
  return true;
}

} // namespace motivo::io
