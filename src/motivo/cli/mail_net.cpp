// The executable's side of the mail and network module (mail_net.hpp): for each function the module holds, a
// function of the same name that opens the module on first use and calls the module's. Compiled with hidden
// visibility (src/CMakeLists.txt): the executable exports its symbols for the module (ENABLE_EXPORTS), and these
// must not be among them, or the module's own calls to io::read_mail or server::serve would come back here.
#include <motivo/cli/mail_net.hpp>
#include <motivo/core/error.hpp>
#include <motivo/io/mail.hpp>
#include <motivo/server/server.hpp>

#include <dlfcn.h>

#include <filesystem>
#include <string>
#include <system_error>

namespace motivo::cli {

namespace {

// The module, found from the executable's own path (never from the environment): MOTIVO_MODULE_DIR
// (lib/x86_64-linux-gnu/motivo on Debian, src/CMakeLists.txt) under the executable's folder in the build tree
// (build/motivo), under its parent once installed (/usr/bin/motivo, /usr/lib/x86_64-linux-gnu/motivo/mail-net.so).
void* open_module()
{
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::string tried = ec ? "/proc/self/exe: " + ec.message() : std::string();
  for (const char* dir : {MOTIVO_MODULE_DIR, "../" MOTIVO_MODULE_DIR}) {
    if (ec) break;
    const fs::path path = (exe.parent_path() / dir / "mail-net.so").lexically_normal();
    if (!fs::exists(path, ec)) {
      tried += (tried.empty() ? "" : ", ") + path.string();
      ec.clear();
      continue;
    }
    if (void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return handle;
    throw Error(N_("cannot load the mail and network module: {}"), std::string(::dlerror()));
  }
  throw Error(N_("cannot load the mail and network module: not found ({})"), tried);
}

void* module()
{
  static void* const handle = open_module();
  return handle;
}

// The module's entry `name` (mail_net_entry.cpp): a pointer to the function it names.
template <typename Function>
Function loaded(const char* name)
{
  const void* entry = ::dlsym(module(), name);
  if (!entry) throw Error(N_("cannot load the mail and network module: {}"), std::string(::dlerror()));
  return *static_cast<const Function*>(entry);
}

} // namespace

int run_fetch(Context& context, const FetchOptions& options)
{
  static const auto function = loaded<decltype(&run_fetch)>("motivo_run_fetch");
  return function(context, options);
}

int run_sync(Context& context, const SyncOptions& options)
{
  static const auto function = loaded<decltype(&run_sync)>("motivo_run_sync");
  return function(context, options);
}

} // namespace motivo::cli

namespace motivo::io {

void read_mail(const std::string& path, MailSource kind, const std::function<void(mail::Message&&)>& visit)
{
  static const auto function = cli::loaded<decltype(&read_mail)>("motivo_read_mail");
  function(path, kind, visit);
}

} // namespace motivo::io

namespace motivo::server {

void serve(StorePool& pool, const protocol::Config& config, const protocol::Policy& policy, const Options& options)
{
  static const auto function = cli::loaded<decltype(&serve)>("motivo_serve");
  function(pool, config, policy, options);
}

} // namespace motivo::server
