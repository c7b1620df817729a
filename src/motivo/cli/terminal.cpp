#include <motivo/cli/terminal.hpp>

#include <cerrno>
#include <cstdio>
#include <unistd.h>

namespace motivo::cli {

namespace {

constexpr std::string_view u_fffd = "\xEF\xBF\xBD"; // U+FFFD

// One guarded stream: the descriptor it writes to, and a 0xC2 lead byte left over from the previous write.
struct Guarded {
  int fd;
  bool split = false;
};

Guarded guarded_stdout{STDOUT_FILENO};
Guarded guarded_stderr{STDERR_FILENO};
std::FILE* unguarded_stderr = nullptr;

bool write_all(int fd, std::string_view bytes)
{
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

ssize_t write_guarded(void* cookie, const char* data, std::size_t size)
{
  auto& g = *static_cast<Guarded*>(cookie);
  return write_all(g.fd, terminal_safe({data, size}, g.split)) ? static_cast<ssize_t>(size) : -1;
}

int close_guarded(void* cookie)
{
  auto& g = *static_cast<Guarded*>(cookie);
  if (g.split) write_all(g.fd, u_fffd); // a lone lead byte at the very end
  g.split = false;
  return 0;
}

std::FILE* open_guarded(Guarded& g, int buffering)
{
  FILE* f = ::fopencookie(&g, "w", cookie_io_functions_t{nullptr, write_guarded, nullptr, close_guarded});
  if (f) std::setvbuf(f, nullptr, buffering, BUFSIZ);
  return f;
}

} // namespace

std::string terminal_safe(std::string_view bytes, bool& split)
{
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  if (split) {
    split = false;
    if (!bytes.empty() && static_cast<unsigned char>(bytes[0]) >= 0x80 &&
        static_cast<unsigned char>(bytes[0]) <= 0x9F) {
      out += u_fffd;
      i = 1;
    } else {
      out += '\xC2';
    }
  }
  for (; i < bytes.size(); ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      out += u_fffd;
    } else if (c == 0xC2) {
      if (i + 1 == bytes.size()) {
        split = true;
      } else if (const auto next = static_cast<unsigned char>(bytes[i + 1]); next >= 0x80 && next <= 0x9F) {
        out += u_fffd;
        ++i;
      } else {
        out += '\xC2';
      }
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

void guard_terminal_output()
{
  unguarded_stderr = stderr;
  std::fflush(stderr);
  // Errors, warnings and notes quote CSV cells, mail headers and stored names: always guarded, a terminal or a log.
  if (FILE* err = open_guarded(guarded_stderr, _IONBF)) stderr = err;
  if (!::isatty(STDOUT_FILENO)) return;
  std::fflush(stdout);
  if (FILE* out = open_guarded(guarded_stdout, _IOLBF)) stdout = out; // glibc's stdout is assignable, as documented
}

std::FILE* raw_stderr()
{
  return unguarded_stderr ? unguarded_stderr : stderr;
}

} // namespace motivo::cli
