// The motivo executable: everything it does lives in the libraries; this file only reports failures.
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/terminal.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

// Batch classification (`classify --jsonl`, `eval`) touches a gigabyte of small allocations for a million notes;
// with 4 KiB pages a third of its time went to page faults. glibc backs its heap with transparent huge pages
// when the glibc.malloc.hugetlb tunable is set, and tunables are read only at start: so those commands start
// once more with it set (same process, same arguments, nothing read yet). MOTIVO_NO_HUGEPAGES=1 turns this off.
void restart_with_huge_pages(int argc, char** argv)
{
  bool batch = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--jsonl" || arg == "eval") batch = true;
  }
  if (!batch || std::getenv("MOTIVO_NO_HUGEPAGES")) return;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables && std::strstr(tunables, "glibc.malloc.hugetlb")) return; // set already (by us, or the user)
  std::string value = tunables && *tunables ? std::string(tunables) + ":" : std::string();
  value += "glibc.malloc.hugetlb=1";
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv); // returns only on failure: then go on as we are
}

} // namespace

int main(int argc, char** argv)
{
  restart_with_huge_pages(argc, argv);
  motivo::cli::guard_terminal_output();
  try {
    return motivo::cli::run(argc, argv);
  } catch (const std::exception& e) {
    // InputError and every other failure alike: a motivo::Error's message id and arguments in the user's language
    // (po/es.po), any other exception's what().
    fmt::print(stderr, "motivo: error: {}\n", motivo::message_in(e, motivo::cli::user_language()));
    return 1;
  }
}
