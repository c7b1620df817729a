#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/text.hpp>
#include <motivo/server/server.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace motivo::cli {

std::function<int()> setup_serve(CLI::App& app, Context& context)
{
  struct Options {
    std::string listen = "127.0.0.1:8460";
    std::string token, token_file, public_url;
    std::size_t pool = 8;
    bool open = false;
    std::size_t max_upload_mib = 512;
  };
  auto o = std::make_shared<Options>();
  app.add_option("--listen", o->listen, "address and port (default 127.0.0.1:8460; port 0: any free one)");
  auto* token = app.add_option("--token", o->token,
                               "the admin's token, required on every request; needed to listen "
                               "beyond this machine unless users exist")
                    ->envname("MOTIVO_TOKEN");
  app.add_option("--token-file", o->token_file, "read the admin's token from FILE (kept out of the process list)")
      ->excludes(token);
  app.add_option("--public-url", o->public_url,
                 "behind a reverse proxy: the address browsers use (https://motivo.example), accepted as the origin of "
                 "changes")
      ->check([](const std::string& url) {
        const bool ok = (url.starts_with("https://") || url.starts_with("http://")) &&
                        url.find('/', url.find("//") + 2) == std::string::npos;
        return ok ? std::string() : std::string("--public-url wants scheme://host[:port], no path");
      });
  app.add_option("--pool", o->pool, "PostgreSQL: connections for concurrent requests (default 8; SQLite uses one)")
      ->check(CLI::Range(1, 256));
  app.add_flag("--open", o->open, "open the page in the browser");
  app.add_option("--max-upload", o->max_upload_mib, "the largest export the page may upload, in MiB (default 512)")
      ->check(CLI::Range(1, 65536));
  return [o, &context]() -> int {
    const auto colon = o->listen.rfind(':');
    if (colon == std::string::npos) {
      throw UsageError(Message(N_("--listen wants HOST:PORT ({})"), quote_value(o->listen)));
    }
    server::Options options;
    options.host = o->listen.substr(0, colon);
    if (options.host.size() > 2 && options.host.front() == '[')
      options.host = options.host.substr(1, options.host.size() - 2);
    try {
      options.port = std::stoi(o->listen.substr(colon + 1));
    } catch (...) {
      throw UsageError(Message(N_("--listen wants HOST:PORT ({})"), quote_value(o->listen)));
    }
    if (!o->token_file.empty()) {
      std::ifstream in(o->token_file, std::ios::binary);
      if (!in) throw InputError(o->token_file, 0, "cannot read the token file");
      std::getline(in, o->token);
      o->token = std::string(text::trim(o->token));
      if (o->token.size() < 16)
        throw InputError(o->token_file, 1,
                         "the token is empty or shorter than 16 characters (make one with: openssl rand -hex 32)");
    }
    if (!o->token.empty() && text::trim(o->token).size() < 16) {
      // The same rule whichever way the token comes: it guards the whole database.
      throw UsageError(Message(N_("the token is shorter than 16 characters (make one with: openssl rand -hex 32)")));
    }
    const std::string location = context.database_location();
    const bool has_users = !context.store().users().empty();
    if (!server::is_loopback(options.host) && o->token.empty() && !has_users) {
      throw UsageError(Message(N_("refusing to listen on {}: beyond this machine anyone could read your invitations. "
                                  "Set a token (--token, --token-file or MOTIVO_TOKEN), add users (motivo users add "
                                  "NAME), or listen on 127.0.0.1"),
                               options.host));
    }
    options.token = o->token;
    options.public_origin = o->public_url;
    options.max_upload = o->max_upload_mib << 20;
    options.config_source = context.config_location();
    // Requests run on many threads at once: the clock is read, never cached in the Context (MOTIVO_NOW fixes it).
    options.clock = context.clock();
    options.local_hour = [clock = options.clock] { return local_hour_at(clock()); };
    const bool open = o->open;
    options.on_listening = [open](const std::string& url) {
      fmt::print(fmt::runtime(tr("motivo: serving {} (Ctrl-C to stop)\n")), url);
      std::fflush(stdout);
      if (open) {
        const std::string command = fmt::format("xdg-open '{}' >/dev/null 2>&1 &", url);
        [[maybe_unused]] const int ignored = std::system(command.c_str());
      }
    };
    // One SQLite connection (requests take turns, as the file's writers do); a pool of PostgreSQL connections.
    const std::size_t size = store::is_postgres_location(location) ? o->pool : 1;
    server::StorePool pool([location] { return store::open_store(location); }, size);
    server::serve(pool, context.config(), context.policy_in_force(), options);
    return 0;
  };
}

} // namespace motivo::cli
