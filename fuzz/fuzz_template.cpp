// libFuzzer target: bytes as a message template (kainjow/mustache with motivo's placeholders).
#include <motivo/core/error.hpp>
#include <motivo/core/protocol/messages.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const motivo::protocol::MessageValues values{"Ana", "Luis Pérez", "https://example.org/luis"};
  try {
    (void)motivo::protocol::render_message(text, values, "es", "fuzz.mustache");
    (void)motivo::protocol::platform_length(text);
  } catch (const motivo::InputError&) {
  }
  return 0;
}
