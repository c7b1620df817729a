#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>
#include <motivo/core/utf8.hpp>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace motivo {

namespace {

// `text` in NFC ("e" + U+0301 -> "é"), so that a slug is one key however its accents were composed.
std::string composed(std::string text)
{
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return text;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return text;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return text;
  status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = nfc->normalize(u, status);
  if (U_FAILURE(status)) return text;
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

void lower_ascii(std::string& text)
{
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// Whether `text` is `lower` but for the case of ASCII letters (`lower` in lowercase).
bool equals_lowered(std::string_view text, std::string_view lower)
{
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (c != lower[i]) return false;
  }
  return true;
}

} // namespace

std::string slug_key(std::string_view raw_slug)
{
  // One string, changed in place: an import asks for the slug of every URL of every row.
  std::string decoded =
      raw_slug.find('%') == std::string_view::npos ? std::string(raw_slug) : text::percent_decode(raw_slug);
  if (!utf8::is_valid(decoded)) decoded = std::string(raw_slug);
  lower_ascii(decoded);
  if (!utf8::is_valid(decoded)) return decoded;
  return composed(std::move(decoded)); // lower first: "T" + U+0308 composes only as "t"
}

std::string profile_slug(std::string_view url)
{
  url = text::trim(url);
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (url.size() >= scheme.size() && equals_lowered(url.substr(0, scheme.size()), scheme)) {
      url.remove_prefix(scheme.size());
      break;
    }
  }
  const std::size_t slash = url.find('/');
  if (slash == std::string_view::npos) return {};
  const std::string_view host = url.substr(0, slash);
  constexpr std::string_view domain = "linkedin.com", subdomain = ".linkedin.com";
  if (!equals_lowered(host, domain) &&
      !(host.size() >= subdomain.size() && equals_lowered(host.substr(host.size() - subdomain.size()), subdomain)))
    return {};
  std::string_view path = url.substr(slash + 1);
  if (path.starts_with("comm/in/")) path.remove_prefix(5); // notification mail's links
  if (!(path.starts_with("in/") || path.starts_with("pub/"))) return {};
  const bool pub = path.starts_with("pub/");
  path.remove_prefix(pub ? 4 : 3);
  const std::size_t end = path.find_first_of("/?#");
  const std::string_view slug = path.substr(0, end);
  if (slug.empty()) return {};
  if (!pub) return slug_key(slug);
  return "pub/" + slug_key(slug);
}

std::string profile_url(std::string_view key)
{
  if (key.empty()) return {};
  std::string out = "https://www.linkedin.com/";
  const bool pub = key.starts_with("pub/");
  out += pub ? "pub/" : "in/";
  if (pub) key.remove_prefix(4);
  for (const char c : key) {
    const auto b = static_cast<unsigned char>(c);
    const bool plain = b >= 0x80 || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~';
    if (plain)
      out += c;
    else
      out += fmt::format("%{:02X}", b);
  }
  return out;
}

} // namespace motivo
