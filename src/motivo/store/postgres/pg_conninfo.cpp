#include <motivo/store/postgres/pg_conninfo.hpp>

#include <libpq-fe.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string_view>

namespace motivo::store::postgres {

namespace {

// The settings `url` gives itself (libpq's parser: URI or key=value, percent-decoding), or nullopt when it fails.
std::optional<std::map<std::string, std::string>> given_settings(const std::string& url)
{
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(url.c_str(), &error),
                                                                       &PQconninfoFree);
  if (error) PQfreemem(error);
  if (!options) return std::nullopt;
  std::map<std::string, std::string> out;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (o->val) out.emplace(o->keyword, o->val);
  }
  return out;
}

bool is_loopback_name(std::string_view host)
{
  if (host == "localhost" || host == "::1") return true;
  // 127.0.0.0/8, written as four decimal numbers
  if (host.rfind("127.", 0) != 0) return false;
  int dots = 0;
  for (const char c : host) {
    if (c != '.' && (c < '0' || c > '9')) return false;
    dots += c == '.' ? 1 : 0;
  }
  return dots == 3;
}

// Whether each entry of a comma-separated host or hostaddr list is on this machine (a socket folder counts), and at
// least one is reached over TCP on loopback: over a socket alone, libpq asks for no encryption anyway.
bool all_loopback(std::string_view list, bool& some_tcp)
{
  while (true) {
    const std::size_t comma = list.find(',');
    const std::string_view host = list.substr(0, comma);
    if (host.empty() || host.front() == '/' || host.front() == '@') {
      // a socket folder (or an empty entry: the default socket)
    } else if (is_loopback_name(host)) {
      some_tcp = true;
    } else {
      return false;
    }
    if (comma == std::string_view::npos) return true;
    list.remove_prefix(comma + 1);
  }
}

bool chooses_ssl(const std::map<std::string, std::string>& given)
{
  for (const auto& [keyword, value] : given) {
    if (keyword.rfind("ssl", 0) == 0 || keyword == "requiressl" || keyword == "service") return true;
  }
  return false;
}

} // namespace

bool environment_chooses_ssl()
{
  return std::getenv("PGSSLMODE") || std::getenv("PGREQUIRESSL") || std::getenv("PGSERVICE");
}

std::string with_local_defaults(const std::string& url, bool environment_ssl)
{
  if (environment_ssl) return url;
  const auto given = given_settings(url);
  if (!given || chooses_ssl(*given)) return url;
  const auto host = given->find("host"), hostaddr = given->find("hostaddr");
  // No host named: libpq's default, a socket or PGHOST's, which this does not guess.
  if (host == given->end() && hostaddr == given->end()) return url;
  bool some_tcp = false;
  if (host != given->end() && !all_loopback(host->second, some_tcp)) return url;
  if (hostaddr != given->end() && !all_loopback(hostaddr->second, some_tcp)) return url;
  if (!some_tcp) return url;
  const bool uri = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (!uri) return url + " sslmode=allow";
  return url + (url.find('?') == std::string::npos ? "?" : "&") + "sslmode=allow";
}

} // namespace motivo::store::postgres
