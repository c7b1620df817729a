// `motivo sync`'s rounds: built into the mail and network module (mail_net.hpp), where libcurl is.
#include <motivo/app/json_views.hpp>
#include <motivo/app/sync.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/mail_net.hpp>
#include <motivo/cli/mail_report.hpp>
#include <motivo/cli/watch.hpp>
#include <motivo/core/text.hpp>
#include <motivo/io/linkedin_api.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <sys/stat.h>

namespace motivo::cli {

namespace {

// A token is one line of printable ASCII (OAuth 2 tokens are base64-like): anything else would go into a header.
std::string checked_token(std::string token, const std::string& from)
{
  token = std::string(text::trim(token));
  const bool printable = std::all_of(token.begin(), token.end(), [](char c) { return c > ' ' && c < 127; });
  if (token.empty() || !printable)
    throw InputError(from, 0, Message(N_("not a token: one line of letters, digits and punctuation expected")));
  return token;
}

// The token from --token-file (a file only its owner may read: mode 0600 or 0400) or MOTIVO_LINKEDIN_TOKEN.
std::string read_token(const std::string& file)
{
  if (file.empty()) {
    const char* env = std::getenv("MOTIVO_LINKEDIN_TOKEN");
    if (!env)
      throw InputError(Message(N_("no token: give --token-file FILE (mode 0600) or set MOTIVO_LINKEDIN_TOKEN; "
                                  "docs/SYNC.md says how to make one")));
    return checked_token(env, "MOTIVO_LINKEDIN_TOKEN");
  }
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) throw InputError(file, 0, Message(N_("no such file")));
  if ((st.st_mode & 077) != 0)
    throw InputError(file, 0,
                     Message(N_("the token file may be read by others (mode {}): chmod 600 '{}'"),
                             fmt::format("{:04o}", st.st_mode & 0777), file));
  std::ifstream in(file, std::ios::binary);
  std::string token(4096, '\0');
  in.read(token.data(), static_cast<std::streamsize>(token.size()));
  token.resize(static_cast<std::size_t>(in.gcount()));
  return checked_token(token, file);
}

void print_sync(const app::SyncReport& r, const io::LinkedInApi& api, const std::string& db)
{
  if (r.snapshot) {
    fmt::print(fmt::runtime(tr("Synced a snapshot of {}'s LinkedIn data ({}) from {}\n")), r.profile, tr(r.why.c_str()),
               api.base());
    if (r.rows) print_import_report(*r.rows, "the Member Data Portability API", db);
    return;
  }
  fmt::print(fmt::runtime(trn("Read {} changelog event from {} into {}\n", "Read {} changelog events from {} into {}\n",
                              r.events)),
             r.events, api.base(), db);
  const std::uint64_t added = r.rows ? r.rows->files.front().added : 0;
  fmt::print(fmt::runtime(trn("  {} message written, {} new\n", "  {} messages written, {} new\n", r.messages)),
             r.messages, added);
  if (r.unknown_conversation)
    fmt::print(fmt::runtime(trn("  {} message in a conversation not stored yet (motivo sync --snapshot brings it)\n",
                                "  {} messages in conversations not stored yet (motivo sync --snapshot brings them)\n",
                                r.unknown_conversation)),
               r.unknown_conversation);
  if (r.group_conversation)
    fmt::print(fmt::runtime(trn("  {} message in a group conversation (motivo sync --snapshot brings it)\n",
                                "  {} messages in group conversations (motivo sync --snapshot brings them)\n",
                                r.group_conversation)),
               r.group_conversation);
}

} // namespace

int run_sync(Context& context, const SyncOptions& sync)
{
  std::optional<std::chrono::seconds> interval;
  if (!sync.watch.empty()) interval = parse_interval(sync.watch);
  io::LinkedInApi api({sync.base, read_token(sync.token_file), sync.version});
  auto& store = context.store();
  if (interval) {
    context.long_running = true;
    stop_on_signals();
  }
  for (bool first = true;; first = false) {
    try {
      app::SyncOptions options;
      options.now = context.now();
      options.user = context.user_id();
      options.snapshot = sync.snapshot && first;
      const app::SyncReport report = app::sync(store, api, options);
      if (context.json)
        fmt::print("{}\n", app::sync_json(report, -1));
      else
        print_sync(report, api, store.location());
      std::fflush(stdout);
    } catch (const app::SyncRefused&) {
      throw; // the user must act: a new token, or an app with the product
    } catch (const io::ApiError& e) {
      if (!interval) throw;
      fmt::print(stderr, fmt::runtime(tr("motivo: warning: {}; trying again in {} s\n")), e.in(user_language()),
                 interval->count());
    }
    if (!interval || !wait_for_next_round(*interval)) break;
  }
  return 0;
}

} // namespace motivo::cli
