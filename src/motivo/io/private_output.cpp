#include <motivo/core/error.hpp>
#include <motivo/io/private_output.hpp>

#include <fmt/format.h>
#include <zip.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace motivo::io {

namespace {

[[noreturn]] void fail(const std::string& path, int error)
{
  throw Error(N_("cannot write {}: {}"), path, std::strerror(error));
}

// A new file with mode 0600 beside `path`, created exclusively (mkstemp: O_CREAT|O_EXCL, so a planted file or link
// of that name is never followed); its name is stored in `name`.
std::FILE* create_beside(const std::string& path, std::string& name)
{
  std::string pattern = path + ".XXXXXX";
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) fail(path, errno);
  ::fchmod(fd, 0600);
  std::FILE* file = ::fdopen(fd, "w+b");
  if (!file) {
    const int error = errno;
    ::close(fd);
    ::unlink(pattern.c_str());
    fail(path, error);
  }
  name = pattern;
  return file;
}

void write_all(std::FILE* file, std::string_view text, const std::string& path)
{
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file) != text.size()) fail(path, errno ? errno : EIO);
}

} // namespace

PrivateFile::PrivateFile(std::string path) : path_(std::move(path))
{
  file_ = create_beside(path_, temporary_);
}

PrivateFile::~PrivateFile()
{
  if (!file_) return;
  std::fclose(file_);
  ::unlink(temporary_.c_str());
}

void PrivateFile::write(std::string_view text)
{
  write_all(file_, text, path_);
}

void PrivateFile::commit()
{
  std::FILE* file = file_;
  file_ = nullptr;
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const int error = errno;
  if (std::fclose(file) != 0 || !flushed) {
    ::unlink(temporary_.c_str());
    fail(path_, flushed ? errno : error);
  }
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    const int rename_error = errno;
    ::unlink(temporary_.c_str());
    fail(path_, rename_error);
  }
}

ZipSpool::ZipSpool(std::string path) : path_(std::move(path))
{
}

ZipSpool::~ZipSpool()
{
  for (auto& m : members_)
    if (m.file) std::fclose(m.file);
}

std::size_t ZipSpool::add(std::string name)
{
  std::string temporary;
  std::FILE* file = create_beside(path_, temporary);
  ::unlink(temporary.c_str()); // unnamed from now on: only this process can reach it, and only while it runs
  members_.push_back({std::move(name), file});
  return members_.size() - 1;
}

void ZipSpool::write(std::size_t member, std::string_view text)
{
  write_all(members_.at(member).file, text, path_);
}

void ZipSpool::drop(std::size_t member)
{
  Member& m = members_.at(member);
  if (m.file) std::fclose(m.file);
  m.file = nullptr;
}

void ZipSpool::commit()
{
  std::string temporary;
  std::fclose(create_beside(path_, temporary)); // the archive's own name, reserved exclusively; libzip replaces it
  int error = 0;
  zip_t* zip = zip_open(temporary.c_str(), ZIP_TRUNCATE, &error);
  if (!zip) {
    ::unlink(temporary.c_str());
    throw Error(N_("cannot write {}: {}"), path_, fmt::format("libzip error {}", error));
  }
  const auto abandon = [&] {
    const std::string message = zip_strerror(zip);
    zip_discard(zip);
    ::unlink(temporary.c_str());
    throw Error(N_("cannot write {}: {}"), path_, message);
  };
  for (auto& m : members_) {
    if (!m.file) continue;
    if (std::fflush(m.file) != 0 || std::fseek(m.file, 0, SEEK_SET) != 0) { // the spool could not be written
      const int error = errno;
      zip_discard(zip);
      ::unlink(temporary.c_str());
      fail(path_, error);
    }
    zip_source_t* source = zip_source_filep(zip, m.file, 0, -1);
    if (!source) abandon();
    m.file = nullptr; // the source owns it now
    if (zip_file_add(zip, m.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(source);
      abandon();
    }
  }
  if (zip_close(zip) != 0) abandon();
  ::chmod(temporary.c_str(), 0600);
  if (std::rename(temporary.c_str(), path_.c_str()) != 0) {
    const int rename_error = errno;
    ::unlink(temporary.c_str());
    fail(path_, rename_error);
  }
}

} // namespace motivo::io
