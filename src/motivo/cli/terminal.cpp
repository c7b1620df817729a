#include <motivo/cli/terminal.hpp>

#include <cerrno>
#include <cstdio>
#include <unistd.h>

namespace motivo::cli {

namespace {

constexpr std::string_view u_fffd = "\xEF\xBF\xBD"; // U+FFFD

bool write_stdout_all(std::string_view bytes)
{
  while (!bytes.empty()) {
    const ssize_t n = ::write(STDOUT_FILENO, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool stdout_split_c2 = false;

ssize_t write_guarded(void*, const char* data, std::size_t size)
{
  return write_stdout_all(terminal_safe({data, size}, stdout_split_c2)) ? static_cast<ssize_t>(size) : -1;
}

int close_guarded(void*)
{
  if (stdout_split_c2) write_stdout_all(u_fffd); // a lone lead byte at the very end
  stdout_split_c2 = false;
  return 0;
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
  if (!::isatty(STDOUT_FILENO)) return;
  std::fflush(stdout);
  FILE* guarded = ::fopencookie(nullptr, "w", cookie_io_functions_t{nullptr, write_guarded, nullptr, close_guarded});
  if (!guarded) return;
  std::setvbuf(guarded, nullptr, _IOLBF, BUFSIZ);
  stdout = guarded; // glibc's stdout is an ordinary variable, documented as assignable
}

} // namespace motivo::cli
