#include <motivo/io/loopback.hpp>

#include <netdb.h>

#include <algorithm>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace motivo::io {

namespace {

bool is_loopback(const sockaddr* address)
{
  if (address->sa_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(address);
    return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
  }
  if (address->sa_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(address);
    if (IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) return true;
    return IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr) && v6->sin6_addr.s6_addr[12] == 127;
  }
  return false;
}

} // namespace

std::vector<std::string> loopback_addresses(const std::string& host)
{
  std::string name = host;
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') name = name.substr(1, name.size() - 2);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (name.empty() || ::getaddrinfo(name.c_str(), nullptr, &hints, &found) != 0) return {};
  std::vector<std::string> addresses;
  bool all_loopback = found != nullptr;
  for (const addrinfo* a = found; a; a = a->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    if (!is_loopback(a->ai_addr) ||
        ::getnameinfo(a->ai_addr, a->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST) != 0) {
      all_loopback = false;
      break;
    }
    if (std::find(addresses.begin(), addresses.end(), text) == addresses.end()) addresses.emplace_back(text);
  }
  ::freeaddrinfo(found);
  return all_loopback ? addresses : std::vector<std::string>{};
}

std::string resolve_entry(std::string_view host, std::string_view port, const std::vector<std::string>& addresses)
{
  std::string entry = std::string(host) + ":" + std::string(port) + ":";
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    const bool v6 = addresses[i].find(':') != std::string::npos;
    entry += (i ? "," : "") + (v6 ? "[" + addresses[i] + "]" : addresses[i]);
  }
  return entry;
}

} // namespace motivo::io
