// libFuzzer target: bytes as an invitation note (and its first line as the sender's name): the classifier must
// label anything, invalid UTF-8 included, and give at least one reason for every label but empty.
#include <motivo/core/classify/classifier.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const motivo::classify::Classifier classifier;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string_view sender = text.substr(0, std::min(text.find('\n'), std::size_t{64}));
  const motivo::classify::Result r = classifier.classify({text, sender, "Dana Whitcombe"});
  if (r.confidence < 0 || r.confidence > 1) __builtin_trap();
  return 0;
}
