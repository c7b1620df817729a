// libFuzzer target: see motivo::fuzz::csv and motivo::fuzz::csv_counts in targets.hpp, both on every input (their
// inputs that crashed are kept in tests/data/fuzz-regressions/csv/ and csv_counts/ and replayed by the unit tests).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  motivo::fuzz::csv(bytes);
  motivo::fuzz::csv_counts(bytes);
  return 0;
}
