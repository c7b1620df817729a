#include <motivo/core/error.hpp>
#include <motivo/io/zip_writer.hpp>

#include <fmt/format.h>
#include <zip.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace motivo::io {

void write_private_file(const std::string& path, const std::string& text)
{
  const std::string temporary = path + ".part";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error(N_("cannot write {}: {}"), path, std::strerror(errno));
  ::fchmod(fd, 0600);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      ::unlink(temporary.c_str());
      throw Error(N_("cannot write {}: {}"), path, std::strerror(error));
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0 || std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    throw Error(N_("cannot write {}: {}"), path, std::strerror(error));
  }
}

void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files)
{
  const std::string temporary = path + ".part";
  ::unlink(temporary.c_str());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw Error(N_("cannot write {}: {}"), path, std::strerror(errno));
  ::close(fd);
  int error = 0;
  zip_t* zip = zip_open(temporary.c_str(), ZIP_TRUNCATE, &error);
  if (!zip) {
    ::unlink(temporary.c_str());
    throw Error(N_("cannot write {}: {}"), path, fmt::format("libzip error {}", error));
  }
  for (const auto& [name, contents] : files) {
    zip_source_t* source = zip_source_buffer(zip, contents.data(), contents.size(), 0);
    if (!source || zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      if (source) zip_source_free(source);
      const std::string message = zip_strerror(zip);
      zip_discard(zip);
      ::unlink(temporary.c_str());
      throw Error(N_("cannot write {}: {}"), path, message);
    }
  }
  if (zip_close(zip) != 0) {
    const std::string message = zip_strerror(zip);
    zip_discard(zip);
    ::unlink(temporary.c_str());
    throw Error(N_("cannot write {}: {}"), path, message);
  }
  ::chmod(temporary.c_str(), 0600);
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    throw Error(N_("cannot write {}: {}"), path, std::strerror(errno));
  }
}

} // namespace motivo::io
