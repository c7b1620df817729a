#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::io {

// A file written in pieces (a backup of any size in constant memory): the text goes to a temporary file with mode
// 0600 created exclusively beside `path` (never through a planted link), which replaces `path` only when commit()
// succeeds. Throws std::runtime_error naming `path` on failure; an uncommitted file leaves nothing behind.
class PrivateFile {
public:
  explicit PrivateFile(std::string path);
  PrivateFile(const PrivateFile&) = delete;
  PrivateFile& operator=(const PrivateFile&) = delete;
  ~PrivateFile();

  void write(std::string_view text);
  void commit();

private:
  std::string path_, temporary_;
  std::FILE* file_ = nullptr;
};

// A zip archive (deflated entries, mode 0600) whose members are written in pieces, each at most once, in any
// order: each member is spooled to an unnamed temporary file beside `path` (unlinked at once, so nothing is left
// behind even if the process is killed) and compressed from there by commit(). Memory stays constant whatever
// the members' sizes. Throws std::runtime_error naming `path` on failure, leaving no partial file.
class ZipSpool {
public:
  explicit ZipSpool(std::string path);
  ZipSpool(const ZipSpool&) = delete;
  ZipSpool& operator=(const ZipSpool&) = delete;
  ~ZipSpool();

  // Adds a member named `name` and returns its index for write().
  std::size_t add(std::string name);
  void write(std::size_t member, std::string_view text);
  // Leaves a member out of the archive (it was written but is not wanted after all).
  void drop(std::size_t member);
  void commit();

private:
  struct Member {
    std::string name;
    std::FILE* file = nullptr;
  };
  std::string path_;
  std::vector<Member> members_;
};

} // namespace motivo::io
