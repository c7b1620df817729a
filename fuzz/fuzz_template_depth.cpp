// libFuzzer target: see motivo::fuzz::template_depth in targets.hpp (its inputs that crashed are kept in
// tests/data/fuzz-regressions/template_depth/ and replayed by the unit tests).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  motivo::fuzz::template_depth(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
