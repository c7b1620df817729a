#include <motivo/app/users.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>
#include <openssl/evp.h>

#include <stdexcept>
#include <sys/random.h>

namespace motivo::app {

std::string new_token()
{
  unsigned char bytes[32];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) throw std::runtime_error("cannot read random bytes for a token (getrandom failed)");
    got += static_cast<std::size_t>(n);
  }
  std::string out;
  for (const unsigned char b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

std::string token_hash(std::string_view token)
{
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(token.data(), token.size(), digest, &size, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("SHA-256 failed");
  std::string out;
  for (unsigned int i = 0; i < size; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

namespace {
void check_name(const std::string& name)
{
  const bool plain = !name.empty() && name.size() <= 64 && name.find_first_of(" \t\r\n/\\\"'") == std::string::npos;
  if (!plain)
    throw InputError(
        fmt::format("a user name is 1 to 64 characters without spaces, quotes or slashes ({})", quote_value(name)));
}
} // namespace

std::string add_user(store::Store& store, const std::string& name, store::Role role, datetime::UnixSeconds now)
{
  check_name(name);
  std::string token = new_token(); // not const: returned by moving
  if (!store.add_user(name, role, token_hash(token), now))
    throw InputError(fmt::format("there is a user with that name already ({})", quote_value(name)));
  return token;
}

std::string renew_token(store::Store& store, const std::string& name)
{
  std::string token = new_token(); // not const: returned by moving
  if (!store.set_user_token(name, token_hash(token)))
    throw InputError(fmt::format("no such user ({})", quote_value(name)));
  return token;
}

store::User user_named(store::Store& store, const std::string& name)
{
  for (store::User& u : store.users()) {
    if (u.name == name) return std::move(u);
  }
  throw InputError("--as", 0, fmt::format("no such user: add them with motivo users add ({})", quote_value(name)));
}

} // namespace motivo::app
