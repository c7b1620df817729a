#pragma once

#include <motivo/cli/context.hpp>

#include <string>

// What runs from the mail and network module (lib/motivo/mail-net.so, docs/ARCHITECTURE.md "The mail and network
// module"): the commands and functions that need GMime, libxml2, libcurl or cpp-httplib. The executable does not
// link those libraries, whose loading and symbol binding took a third of every command's start; it opens the
// module the first time one of these is called (mail_net.cpp), so that only `fetch`, `sync`, `serve` and the
// import of mail pay for them.
namespace motivo::cli {

struct FetchOptions {
  std::string url, user, watch, from = "linkedin.com", exec;
  bool insecure = false;
};
// `motivo fetch`: one round, or rounds at --watch's interval (cli/fetch_run.cpp).
int run_fetch(Context& context, const FetchOptions& options);

struct SyncOptions {
  std::string token_file, watch, base = "https://api.linkedin.com", version = "202312";
  bool snapshot = false;
};
// `motivo sync` (cli/sync_run.cpp).
int run_sync(Context& context, const SyncOptions& options);

} // namespace motivo::cli
