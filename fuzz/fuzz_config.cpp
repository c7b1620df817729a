// libFuzzer target: bytes as the user's config.toml (toml++ and motivo's checks), and every template it holds
// rendered (kainjow/mustache). Bad settings may only end in InputError.
#include <motivo/core/error.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/core/protocol/messages.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const motivo::protocol::Config config = motivo::protocol::parse_config(text, "config.toml");
    motivo::protocol::MessageValues values{"Ana", config.my_name, config.my_link};
    for (const auto& [name, body] : config.templates) {
      try {
        (void)motivo::protocol::render_message(body, values, "es", name);
      } catch (const motivo::InputError&) {
      }
    }
  } catch (const motivo::InputError&) {
  }
  return 0;
}
