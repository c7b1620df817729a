// libFuzzer target: see motivo::fuzz::jsonl in targets.hpp (its inputs that crashed are kept in
// tests/data/fuzz-regressions/jsonl/ and replayed by the unit tests).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  motivo::fuzz::jsonl(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
