// libFuzzer target: bytes as a whole export (.zip) imported into a fresh database: libzip, the file
// selection, owner detection, every row reader, identity, the resolver and the classifier. Bad input may only
// end in InputError, and then nothing may be stored.
#include <motivo/app/import.hpp>
#include <motivo/core/error.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/store/store.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const std::string dir = [] {
    char pattern[] = "/tmp/motivo-fuzz-export-XXXXXX";
    return std::string(mkdtemp(pattern));
  }();
  const std::string zip = dir + "/export.zip";
  {
    std::ofstream out(zip, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const std::string db = dir + "/motivo.db";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((db + suffix).c_str());
  auto store = motivo::store::open_sqlite(db);
  try {
    const auto inputs = motivo::io::collect_inputs({zip});
    motivo::app::ImportOptions options;
    options.now = 1'800'000'000;
    motivo::app::import_snapshot(*store, inputs, zip, options);
  } catch (const motivo::InputError&) {
    if (store->counts().imports != 0) __builtin_trap(); // a failed import stores nothing
  }
  return 0;
}
