#include <motivo/cli/modules.hpp>
#include <motivo/core/error.hpp>

#include <dlfcn.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <system_error>

namespace motivo::cli {

namespace {

void* open_module(const std::string& file)
{
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::string tried = ec ? "/proc/self/exe: " + ec.message() : std::string();
  for (const char* dir : {MOTIVO_MODULE_DIR, "../" MOTIVO_MODULE_DIR}) {
    if (ec) break;
    const fs::path path = (exe.parent_path() / dir / file).lexically_normal();
    if (!fs::exists(path, ec)) {
      tried += (tried.empty() ? "" : ", ") + path.string();
      ec.clear();
      continue;
    }
    if (void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) return handle;
    throw Error(N_("cannot load the module {}: {}"), file, std::string(::dlerror()));
  }
  throw Error(N_("cannot load the module {}: not found ({})"), file, tried);
}

std::mutex mutex;
std::map<std::string, void*, std::less<>> opened; // file -> handle, never closed

} // namespace

const void* module_entry(const char* file, const char* name)
{
  const std::lock_guard lock(mutex);
  auto it = opened.find(file);
  if (it == opened.end()) it = opened.emplace(file, open_module(file)).first;
  const void* entry = ::dlsym(it->second, name);
  if (!entry) throw Error(N_("cannot load the module {}: {}"), file, std::string(::dlerror()));
  return entry;
}

bool module_opened(const char* file)
{
  const std::lock_guard lock(mutex);
  return opened.find(std::string_view(file)) != opened.end();
}

} // namespace motivo::cli
