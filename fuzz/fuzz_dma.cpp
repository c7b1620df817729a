// libFuzzer target: see motivo::fuzz::dma in targets.hpp (seeded from fuzz/seeds/dma/: LinkedIn's PROFILE sample and
// the shapes of tests/data/linkedin_api/).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  motivo::fuzz::dma(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
