// The executable's side of the mail and network module (mail_net.hpp): for each function the module holds, a
// function of the same name that opens the module on first use (modules.hpp) and calls the module's. Compiled with
// hidden visibility (src/CMakeLists.txt): the executable exports its symbols for the module (ENABLE_EXPORTS), and these
// must not be among them, or the module's own calls to io::read_mail or server::serve would come back here.
#include <motivo/cli/mail_net.hpp>
#include <motivo/cli/modules.hpp>
#include <motivo/io/mail.hpp>
#include <motivo/server/server.hpp>

#include <string>

namespace motivo::cli {

int run_fetch(Context& context, const FetchOptions& options)
{
  static const auto function = loaded<decltype(&run_fetch)>("mail-net.so", "motivo_run_fetch");
  return function(context, options);
}

int run_sync(Context& context, const SyncOptions& options)
{
  static const auto function = loaded<decltype(&run_sync)>("mail-net.so", "motivo_run_sync");
  return function(context, options);
}

} // namespace motivo::cli

namespace motivo::io {

void read_mail(const std::string& path, MailSource kind, const std::function<void(mail::Message&&)>& visit)
{
  static const auto function = cli::loaded<decltype(&read_mail)>("mail-net.so", "motivo_read_mail");
  function(path, kind, visit);
}

} // namespace motivo::io

namespace motivo::server {

void serve(StorePool& pool, const protocol::Config& config, const protocol::Policy& policy, const Options& options)
{
  static const auto function = cli::loaded<decltype(&serve)>("mail-net.so", "motivo_serve");
  function(pool, config, policy, options);
}

} // namespace motivo::server
