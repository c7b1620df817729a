#include <motivo/core/error.hpp>
#include <motivo/io/zip_writer.hpp>

#include <fmt/format.h>
#include <zip.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace motivo::io {

namespace {

// A new file next to `path` (`path.XXXXXX`, made by mkstemp: O_EXCL, mode 0600), so that nothing planted there —
// a symlink called `path.part` to another user's file — is ever followed; renamed over `path` once complete.
class Temporary {
public:
  explicit Temporary(const std::string& path) : path_(path), name_(path + ".XXXXXX")
  {
    fd_ = ::mkostemp(name_.data(), O_CLOEXEC);
    if (fd_ < 0) throw Error(N_("cannot write {}: {}"), path_, std::strerror(errno));
    ::fchmod(fd_, 0600);
  }
  ~Temporary()
  {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(name_.c_str());
  }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;

  const std::string& name() const { return name_; }
  int fd() const { return fd_; }

  [[noreturn]] void fail(const std::string& why) const { throw Error(N_("cannot write {}: {}"), path_, why); }

  // Closes the file and puts it in place of `path` (a symlink at `path` is replaced, not followed).
  void commit()
  {
    const int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0) fail(std::strerror(errno));
    if (std::rename(name_.c_str(), path_.c_str()) != 0) fail(std::strerror(errno));
    renamed_ = true;
  }

private:
  std::string path_;
  std::string name_;
  int fd_ = -1;
  bool renamed_ = false;
};

} // namespace

void write_private_file(const std::string& path, const std::string& text)
{
  Temporary temporary(path);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(temporary.fd(), text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) temporary.fail(std::strerror(n < 0 ? errno : EIO));
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(temporary.fd()) != 0) temporary.fail(std::strerror(errno));
  temporary.commit();
}

void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files)
{
  Temporary temporary(path);
  int error = 0;
  // libzip writes the archive into its own mkstemp file next to ours, created with our file's mode (0600), and
  // renames it over ours.
  zip_t* zip = zip_open(temporary.name().c_str(), ZIP_TRUNCATE, &error);
  if (!zip) temporary.fail(fmt::format("libzip error {}", error));
  for (const auto& [name, contents] : files) {
    zip_source_t* source = zip_source_buffer(zip, contents.data(), contents.size(), 0);
    if (!source || zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (source) zip_source_free(source);
      const std::string message = zip_strerror(zip);
      zip_discard(zip);
      temporary.fail(message);
    }
  }
  if (zip_close(zip) != 0) {
    const std::string message = zip_strerror(zip);
    zip_discard(zip);
    temporary.fail(message);
  }
  const int fd = ::open(temporary.name().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) temporary.fail(std::strerror(errno));
  const int chmod_error = ::fchmod(fd, 0600) == 0 ? 0 : errno;
  ::close(fd);
  if (chmod_error != 0) temporary.fail(std::strerror(chmod_error));
  temporary.commit();
}

} // namespace motivo::io
