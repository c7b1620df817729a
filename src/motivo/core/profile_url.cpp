#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>
#include <motivo/core/utf8.hpp>

namespace motivo {

std::string profile_slug(std::string_view url)
{
  url = text::trim(url);
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (url.size() >= scheme.size() && text::ascii_lower(url.substr(0, scheme.size())) == scheme) {
      url.remove_prefix(scheme.size());
      break;
    }
  }
  const std::size_t slash = url.find('/');
  if (slash == std::string_view::npos) return {};
  const std::string host = text::ascii_lower(url.substr(0, slash));
  if (host != "linkedin.com" && !host.ends_with(".linkedin.com")) return {};
  std::string_view path = url.substr(slash + 1);
  if (!(path.starts_with("in/") || path.starts_with("pub/"))) return {};
  const bool pub = path.starts_with("pub/");
  path.remove_prefix(pub ? 4 : 3);
  const std::size_t end = path.find_first_of("/?#");
  const std::string_view slug = path.substr(0, end);
  if (slug.empty()) return {};
  std::string decoded = text::percent_decode(slug);
  if (!utf8::is_valid(decoded)) decoded = std::string(slug);
  return (pub ? "pub/" : "") + text::ascii_lower(decoded);
}

} // namespace motivo
