#pragma once

#include <string>

// The modules the executable opens on first use (docs/ARCHITECTURE.md, "Modules"): shared objects holding the code
// that needs libraries most commands never use, so that a command's start loads and binds only what it needs.
// Each is found from the executable's own path, never from the environment: MOTIVO_MODULE_DIR
// (lib/x86_64-linux-gnu/motivo on Debian, src/CMakeLists.txt) under the executable's folder in the build tree
// (build/motivo), under its parent once installed (/usr/bin/motivo, /usr/lib/x86_64-linux-gnu/motivo/).
namespace motivo::cli {

// The entry `name` of module `file` ("mail-net.so"), opened on the first call: a pointer to the function the entry
// names. Throws motivo::Error when the module or the entry is missing.
const void* module_entry(const char* file, const char* name);

// Whether `file` was opened by this process.
bool module_opened(const char* file);

// The function behind entry `name` of module `file` (its type given by the declaration it stands in for).
template <typename Function>
Function loaded(const char* file, const char* name)
{
  return *static_cast<const Function*>(module_entry(file, name));
}

} // namespace motivo::cli
