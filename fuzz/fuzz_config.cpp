// libFuzzer target: see motivo::fuzz::config and motivo::fuzz::config_depth in targets.hpp, both on every input
// (their inputs that crashed are kept in tests/data/fuzz-regressions/config/ and config_depth/ and replayed by the
// unit tests).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  motivo::fuzz::config(bytes);
  motivo::fuzz::config_depth(bytes);
  return 0;
}
