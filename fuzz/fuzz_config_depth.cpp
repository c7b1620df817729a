// libFuzzer target: see motivo::fuzz::config_depth in targets.hpp (its inputs that crashed are kept in
// tests/data/fuzz-regressions/config_depth/ and replayed by the unit tests).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  motivo::fuzz::config_depth(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
