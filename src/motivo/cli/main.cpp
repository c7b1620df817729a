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

namespace {

// The heap, tuned per command unless GLIBC_TUNABLES sets glibc's malloc options itself (docs/PERFORMANCE.md).
// Batch classification (`classify --jsonl`, `eval`) makes millions of small allocations, and CLD2 allocates and
// frees a large buffer for each note it is asked about. With glibc's defaults each such free at the top of the heap
// gave memory back to the kernel, and the next note faulted in fresh zeroed pages (13 % of `classify --jsonl` on
// one core): their heap keeps 64 MiB beyond its top and serves blocks of up to 32 MiB itself. (They used to
// restart with glibc's huge-page tunable instead: with this, huge pages cost more in page clearing and
// compaction than they saved, and the restart a second dynamic link.)
// Every other command maps each block over 128 KiB on its own and returns it when freed. glibc's default raises its
// threshold to the largest block freed so far, up to 32 MiB: after the first large free, the import's hash maps of
// 1-24 MiB (growing by doubling) and the labelling's vectors came from the heap, and the holes they left were kept
// for good: a first import of 1,000,000 invitations holds 149 MB of RSS while it reads instead of 196 MB, and 35 MB
// instead of 98 MB when it starts labelling.
void tune_heap(int argc, char** argv)
{
  if (const char* tunables = std::getenv("GLIBC_TUNABLES"); tunables && std::strstr(tunables, "glibc.malloc.")) return;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--jsonl" || arg == "eval") {
      ::mallopt(M_TOP_PAD, 64 << 20);
      ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
      return;
    }
  }
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
  tune_heap(argc, argv);
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
