#include <motivo/core/mail/notification.hpp>
#include <motivo/core/text.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motivo::mail {

namespace {

// One "method=result property=value ..." of an Authentication-Results header (RFC 8601), lower-cased.
struct Result {
  std::string method, result, text;
  std::vector<std::pair<std::string, std::string>> properties;
};

// The header's value without its comments (nested parentheses), lower-cased.
std::string without_comments(std::string_view value)
{
  std::string out;
  int depth = 0;
  for (const char c : value) {
    if (c == '(')
      ++depth;
    else if (c == ')' && depth > 0)
      --depth;
    else if (depth == 0)
      out += c;
  }
  return text::ascii_lower(out);
}

std::vector<std::string_view> words(std::string_view s)
{
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < s.size()) {
    while (at < s.size() && (s[at] == ' ' || s[at] == '\t' || s[at] == '\r' || s[at] == '\n')) ++at;
    std::size_t end = at;
    while (end < s.size() && s[end] != ' ' && s[end] != '\t' && s[end] != '\r' && s[end] != '\n') ++end;
    if (end > at) out.push_back(s.substr(at, end - at));
    at = end;
  }
  return out;
}

void parse_into(std::string_view value, std::vector<Result>& out)
{
  const std::string clean = without_comments(value.substr(0, 64u << 10));
  std::string_view rest = clean;
  while (!rest.empty()) {
    const std::size_t semicolon = rest.find(';');
    const std::string_view piece = rest.substr(0, semicolon);
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    const std::vector<std::string_view> w = words(piece);
    if (w.empty()) continue;
    const std::size_t eq = w[0].find('=');
    if (eq == std::string_view::npos) continue; // the authserv-id
    Result r{std::string(w[0].substr(0, std::min(eq, w[0].find('/')))),
             std::string(w[0].substr(eq + 1)),
             std::string(text::trim(piece)),
             {}};
    for (std::size_t i = 1; i < w.size(); ++i) {
      const std::size_t e = w[i].find('=');
      if (e != std::string_view::npos) r.properties.emplace_back(w[i].substr(0, e), w[i].substr(e + 1));
    }
    out.push_back(std::move(r));
  }
}

bool is_linkedin_domain(std::string_view domain)
{
  if (const std::size_t at = domain.rfind('@'); at != std::string_view::npos) domain.remove_prefix(at + 1);
  while (!domain.empty() && (domain.back() == '.' || domain.back() == '>' || domain.back() == '"'))
    domain.remove_suffix(1);
  constexpr std::string_view linkedin = "linkedin.com";
  return domain == linkedin ||
         (domain.size() > linkedin.size() && domain.substr(domain.size() - linkedin.size() - 1) == ".linkedin.com");
}

// Whether a DKIM or SPF result is about linkedin.com (its signing domain or its envelope sender's).
bool about_linkedin(const Result& r)
{
  for (const auto& [name, value] : r.properties) {
    const bool dkim = r.method == "dkim" && (name == "header.d" || name == "header.i");
    const bool spf = r.method == "spf" && (name == "smtp.mailfrom" || name == "smtp.helo");
    if ((dkim || spf) && is_linkedin_domain(value)) return true;
  }
  return false;
}

} // namespace

Authentication authentication_of(const Message& message)
{
  std::vector<Result> all, top;
  for (std::size_t i = 0; i < message.authentication_results.size() && i < 64; ++i)
    parse_into(message.authentication_results[i], i == 0 ? top : all);
  for (std::size_t i = 0; i < message.arc_authentication_results.size() && i < 64; ++i)
    parse_into(message.arc_authentication_results[i], all);
  all.insert(all.begin(), top.begin(), top.end());

  const Result* dmarc_fail = nullptr;
  const Result* other_fail = nullptr;
  bool dmarc_seen = false, dkim_pass = false;
  for (const Result& r : all) {
    if (r.method == "dmarc") {
      dmarc_seen = true;
      if (r.result == "fail" && !dmarc_fail) dmarc_fail = &r;
    } else if ((r.method == "dkim" || r.method == "spf") && about_linkedin(r)) {
      if (r.method == "dkim" && r.result == "pass") dkim_pass = true;
      const bool failed = r.result == "fail" || (r.method == "spf" && r.result == "softfail");
      if (failed && !other_fail) other_fail = &r;
    }
  }
  if (dmarc_fail) return {Authentication::fail, dmarc_fail->text};
  if (!dmarc_seen && !dkim_pass && other_fail) return {Authentication::fail, other_fail->text};
  for (const Result& r : top) {
    if ((r.method == "dmarc" && r.result == "pass") || (r.method == "dkim" && r.result == "pass" && about_linkedin(r)))
      return {Authentication::pass, {}};
  }
  return {};
}

} // namespace motivo::mail
