#include <motivo/cli/commands.hpp>
#include <motivo/cli/mail_net.hpp>

#include <CLI/CLI.hpp>

#include <memory>

namespace motivo::cli {

std::function<int()> setup_sync(CLI::App& app, Context& context)
{
  auto o = std::make_shared<SyncOptions>();
  app.add_option("--token-file", o->token_file,
                 "the access token, in a file only you may read (mode 0600); else MOTIVO_LINKEDIN_TOKEN");
  app.add_option("--watch", o->watch, "sync again at this interval (1h is LinkedIn's advice) until interrupted");
  app.add_option("--api-base", o->base,
                 "the API's address (default https://api.linkedin.com; http:// only to a loopback address)");
  app.add_option("--api-version", o->version, "the LinkedIn-Version header, YYYYMM (default 202312)");
  app.add_flag("--snapshot", o->snapshot, "take a whole snapshot even when the changelog would do");
  app.add_flag("--json", context.json, "print each round's summary as JSON");
  return [o, &context] { return run_sync(context, *o); };
}

} // namespace motivo::cli
