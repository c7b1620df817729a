#include <motivo/core/classify/language.hpp>
#include <motivo/core/utf8.hpp>

#include <cld2/public/compact_lang_det.h>

namespace motivo::classify {

namespace {
constexpr std::array<std::string_view, 6> voted = {"en", "es", "fr", "de", "pt", "it"};
} // namespace

std::string choose_language(std::string_view text, const std::array<int, 6>& votes, const std::array<int, 6>& only)
{
  std::size_t best = 0;
  for (std::size_t i = 1; i < votes.size(); ++i) {
    if (votes[i] > votes[best]) best = i;
  }
  int second = 0;
  for (std::size_t i = 0; i < votes.size(); ++i) {
    if (i != best && votes[i] > second) second = votes[i];
  }
  if (votes[best] >= 3 && votes[best] >= 2 * second) return std::string(voted[best]);
  int only_others = 0;
  for (std::size_t i = 0; i < only.size(); ++i) only_others += i == best ? 0 : only[i];
  if (votes[best] >= 3 && only[best] >= 2 && only_others == 0) return std::string(voted[best]);
  if (votes[best] >= 5 && only[best] >= 1 && only_others == 0) return std::string(voted[best]); // a long note

  bool reliable = false;
  CLD2::Language language3[3];
  int percent3[3];
  int text_bytes = 0;
  // CLD2 reads past the end of its buffer when the text ends inside a UTF-8 sequence (found by fuzz_classify; its
  // header asks for valid UTF-8 only): each invalid byte becomes U+FFFD, as the header advises.
  thread_local std::string buffer;
  const std::string_view input = utf8::replace_invalid(text, buffer);
  const CLD2::Language found = CLD2::ExtDetectLanguageSummary(input.data(), static_cast<int>(input.size()), true,
                                                              language3, percent3, &text_bytes, &reliable);
  std::string cld2 = found == CLD2::UNKNOWN_LANGUAGE ? std::string() : std::string(CLD2::LanguageCode(found));
  if (reliable && !cld2.empty()) return cld2;
  if (votes[best] >= 1 && votes[best] > second) return std::string(voted[best]);
  if (!cld2.empty()) return cld2;
  return "und";
}

} // namespace motivo::classify
