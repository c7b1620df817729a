// libFuzzer target: one e-mail as bytes, through GMime, the HTML renderer and the invitation recogniser.
// Nothing may crash, hang or leak, whatever the bytes; a verdict is always given.
#include <motivo/core/mail/notification.hpp>
#include <motivo/io/mail.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  static const motivo::mail::Recogniser recogniser;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const motivo::mail::Message message = motivo::io::decode_mail(bytes, "fuzz");
  const motivo::mail::Verdict verdict = recogniser.recognise(message);
  if (!verdict.invitation && verdict.skipped.empty()) __builtin_trap(); // every message gets a verdict
  return 0;
}
