#include <motivo/app/users.hpp>
#include <motivo/core/error.hpp>
#include <motivo/server/access.hpp>
#include <motivo/server/server.hpp>

#include <fmt/format.h>

#include <arpa/inet.h>
#include <cctype>
#include <charconv>
#include <random>

namespace motivo::server {

std::string random_token()
{
  std::random_device random;
  std::string out;
  for (int i = 0; i < 4; ++i) out += fmt::format("{:016x}", (static_cast<std::uint64_t>(random()) << 32) ^ random());
  return out;
}

// Constant-time comparison: a token is a secret.
bool same_secret(const std::string& a, const std::string& b)
{
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string cookie_value(const std::string& cookies, const std::string& name)
{
  std::size_t at = 0;
  while (at < cookies.size()) {
    std::size_t end = cookies.find(';', at);
    if (end == std::string::npos) end = cookies.size();
    std::string part = cookies.substr(at, end - at);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (part.starts_with(name + "=")) return part.substr(name.size() + 1);
    at = end + 1;
  }
  return {};
}

// The host name of a Host header ("name:port", "[::1]:port", "name"), lower-cased, without brackets or port.
std::string host_name(std::string_view header)
{
  std::string name;
  if (header.starts_with("[")) {
    const auto close = header.find(']');
    name = std::string(header.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  } else {
    name = std::string(header.substr(0, header.find(':')));
  }
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

bool is_loopback(const std::string& host)
{
  if (host == "localhost" || host == "::1" || host == "[::1]") return true;
  in_addr address{};
  return ::inet_pton(AF_INET, host.c_str(), &address) == 1 && (ntohl(address.s_addr) >> 24) == 127;
}

std::optional<Refused> refuse_upload_length(const std::string& length, std::size_t max_bytes, std::string_view what)
{
  std::size_t bytes = 0;
  const auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), bytes);
  if (error == std::errc::result_out_of_range || (error == std::errc() && bytes > max_bytes + (64u << 10)))
    return Refused{413, fmt::format("the {} is larger than {} MiB", what, max_bytes >> 20)};
  if (error != std::errc() || end != length.data() + length.size())
    return Refused{400, fmt::format("Content-Length is not a number ({})", quote_value(length))};
  return std::nullopt;
}

Gate::Gate(const Options& options, StorePool& pool, std::string csrf)
  : options_(options), pool_(pool), csrf_(std::move(csrf))
{
  if (!options.public_origin.empty())
    public_host_ = host_name(options.public_origin.substr(options.public_origin.find("//") + 2));
}

std::optional<Principal> Gate::principal(const std::string& token, datetime::UnixSeconds now)
{
  if (!options_.token.empty() && same_secret(token, options_.token)) return Principal{"admin", true, std::nullopt};
  if (options_.token.empty()) {
    const std::lock_guard lock(mutex_);
    if (now - users_checked_ >= 30) {
      users_ = !pool_.lease()->users().empty();
      users_checked_ = now;
    }
    // An open server on this machine: its one user, whatever token a client may still send.
    if (!users_) return Principal{};
  }
  if (token.empty()) return std::nullopt;
  const std::string hash = app::token_hash(token);
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = by_hash_.find(hash); it != by_hash_.end() && now - it->second.second < 30)
      return it->second.first;
  }
  std::optional<Principal> found;
  if (const auto user = pool_.lease()->user_by_token_hash(hash))
    found = Principal{user->name, user->role == store::Role::admin, user->id};
  const std::lock_guard lock(mutex_);
  if (by_hash_.size() > 10000) by_hash_.clear(); // bounded: unknown tokens are remembered too
  by_hash_[hash] = {found, now};
  return found;
}

std::string Gate::token_of(const RequestHead& head) const
{
  if (head.authorization.starts_with("Bearer ")) return head.authorization.substr(7);
  if ((head.path == "/" || head.path == "/signin") && head.token_param) return *head.token_param;
  return cookie_value(head.cookie, cookie_name_);
}

// A server on loopback answers to loopback names only (and to --public-url's host, which a reverse proxy may pass
// on): a page of another site whose name an attacker points at 127.0.0.1 (DNS rebinding) gets nothing. A server
// beyond loopback always has a token, which such a page does not have.
bool Gate::answers_to(const std::string& host) const
{
  if (!is_loopback(options_.host) || host.empty()) return true; // no Host: not a browser
  const std::string name = host_name(host);
  return is_loopback(name) || name == host_name(options_.host) || (!public_host_.empty() && name == public_host_);
}

std::optional<Refused> Gate::refuse_caller(const RequestHead& head, datetime::UnixSeconds now)
{
  if (!answers_to(head.host))
    return Refused{421, fmt::format("this server answers to localhost, not to {}", quote_value(head.host))};
  if (!principal(token_of(head), now))
    return Refused{401, "a token is required: open /?token=YOUR_TOKEN or send Authorization: Bearer"};
  if (head.nul_parameter)
    return Refused{400, fmt::format("the parameter {} holds a NUL byte", quote_value(*head.nul_parameter))};
  return std::nullopt;
}

std::optional<Refused> Gate::refuse_write(const RequestHead& head) const
{
  if (head.method == "GET" || head.method == "HEAD") return std::nullopt;
  if (!same_secret(head.csrf, csrf_)) return Refused{403, "missing or wrong X-Motivo-Token"};
  // Same origin: the page's address as the browser sees it (the Host it sent), or --public-url.
  const bool same =
      !head.host.empty() && (head.origin == "http://" + head.host || head.origin == "https://" + head.host);
  if (!same && (options_.public_origin.empty() || head.origin != options_.public_origin))
    return Refused{403, "cross-origin request refused"};
  // Only an upload is large: every other body is a small JSON object, refused before it is read.
  if (head.upload) return std::nullopt;
  if (!head.length) return Refused{411, "send the body with a Content-Length"};
  std::size_t bytes = 0;
  const auto [end, error] = std::from_chars(head.length->data(), head.length->data() + head.length->size(), bytes);
  if (error != std::errc() || end != head.length->data() + head.length->size() || bytes > max_json_body)
    return Refused{413, fmt::format("the request body is larger than {} KiB", max_json_body >> 10)};
  return std::nullopt;
}

void Gate::listening_on(int port)
{
  cookie_name_ = fmt::format("motivo_token_{}", port);
}

} // namespace motivo::server
