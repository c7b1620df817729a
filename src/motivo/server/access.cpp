#include <motivo/server/access.hpp>
#include <motivo/server/server.hpp>

#include <fmt/format.h>

#include <arpa/inet.h>
#include <cctype>
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

} // namespace motivo::server
