// The motivo executable: everything it does lives in the libraries; this file only reports failures.
#include <motivo/app/json_views.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/terminal.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>
#include <malloc.h>

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

// glibc raises its threshold for mapping a block of its own (not from the heap) to the largest block freed so far, up
// to 32 MiB: after the first large free, the import's hash maps of 1-24 MiB (growing by doubling) and the labelling's
// vectors come from the heap, and the holes they leave are kept for good. A fixed threshold maps every block over
// 128 KiB and returns it when freed: a first import of 1,000,000 invitations holds 149 MB of RSS while it reads
// instead of 196 MB, and 35 MB instead of 98 MB when it starts labelling (docs/PERFORMANCE.md). Commands that set
// glibc.malloc.hugetlb (above) keep glibc's default.
void map_large_blocks()
{
  if (const char* tunables = std::getenv("GLIBC_TUNABLES"); tunables && std::strstr(tunables, "glibc.malloc.")) return;
  ::mallopt(M_MMAP_THRESHOLD, 128 * 1024);
}

// The one place a failure is said: in the user's language, as `motivo: error: ...` on stderr, or under --json as
// {"error": "..."} (app::cli_error_json), so that a script reading JSON reads its errors too.
void print_error(const std::exception& e, bool json)
{
  const std::string message = motivo::message_in(e, motivo::cli::user_language());
  if (json)
    fmt::print(stderr, "{}\n", motivo::app::cli_error_json(message));
  else
    fmt::print(stderr, "motivo: error: {}\n", message);
}

} // namespace

int main(int argc, char** argv)
{
  restart_with_huge_pages(argc, argv);
  map_large_blocks();
  motivo::cli::guard_terminal_output();
  bool json = false; // set by run() as soon as it knows whether the command was given --json
  try {
    return motivo::cli::run(argc, argv, json);
  } catch (const motivo::cli::UsageError& e) {
    print_error(e, json); // bad usage: exit 2, as CLI11's own
    return 2;
  } catch (const std::exception& e) {
    // InputError (app::Refusal included) and every other failure alike: a motivo::Error's message id and arguments
    // in the user's language (po/es.po), any other exception's what().
    print_error(e, json);
    return 1;
  }
}
