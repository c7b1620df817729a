#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/server/server.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>

namespace motivo::cli {

std::function<int()> setup_serve(CLI::App& app, Context& context)
{
  struct Options {
    std::string listen = "127.0.0.1:8460";
    std::string token;
    bool open = false;
    std::size_t max_upload_mib = 512;
  };
  auto o = std::make_shared<Options>();
  app.add_option("--listen", o->listen, "address and port (default 127.0.0.1:8460; port 0: any free one)");
  app.add_option("--token", o->token, "required on every request; needed to listen beyond this machine")
      ->envname("MOTIVO_TOKEN");
  app.add_flag("--open", o->open, "open the page in the browser");
  app.add_option("--max-upload", o->max_upload_mib, "the largest export the page may upload, in MiB (default 512)")
      ->check(CLI::Range(1, 65536));
  return [o, &context]() -> int {
    const auto colon = o->listen.rfind(':');
    if (colon == std::string::npos) {
      fmt::print(stderr, "motivo: error: --listen wants HOST:PORT (\"{}\")\n", o->listen);
      return 2;
    }
    server::Options options;
    options.host = o->listen.substr(0, colon);
    if (options.host.size() > 2 && options.host.front() == '[') options.host = options.host.substr(1, options.host.size() - 2);
    try {
      options.port = std::stoi(o->listen.substr(colon + 1));
    } catch (...) {
      fmt::print(stderr, "motivo: error: --listen wants HOST:PORT (\"{}\")\n", o->listen);
      return 2;
    }
    if (!server::is_loopback(options.host) && o->token.empty()) {
      fmt::print(stderr,
                 "motivo: error: refusing to listen on {}: beyond this machine anyone could read your invitations. "
                 "Set a token (--token or MOTIVO_TOKEN), or listen on 127.0.0.1\n",
                 options.host);
      return 2;
    }
    options.token = o->token;
    options.max_upload = o->max_upload_mib << 20;
    options.config_source = context.config_location();
    context.long_running = true;
    options.clock = [&context] { return context.now(); };
    options.local_hour = [&context] { return context.local_hour(); };
    const bool open = o->open;
    options.on_listening = [open](const std::string& url) {
      fmt::print(fmt::runtime(tr("motivo: serving {} (Ctrl-C to stop)\n")), url);
      std::fflush(stdout);
      if (open) {
        const std::string command = fmt::format("xdg-open '{}' >/dev/null 2>&1 &", url);
        [[maybe_unused]] const int ignored = std::system(command.c_str());
      }
    };
    server::serve(context.store(), context.config(), context.policy_in_force(), options);
    return 0;
  };
}

} // namespace motivo::cli
