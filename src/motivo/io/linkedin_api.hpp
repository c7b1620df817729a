#pragma once

#include <motivo/core/error.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace motivo::io {

// A failure talking to LinkedIn's API that is not an answer of it: the connection, TLS, a response too large, a
// wait longer than motivo accepts. Its message never holds the token.
class ApiError : public Error {
public:
  using Error::Error;
};

struct ApiAccount {
  std::string base = "https://api.linkedin.com"; // https://, or http:// to a host resolving to loopback only
  std::string token;                             // the member's access token (a secret: never printed)
  std::string version = "202312";                // the LinkedIn-Version header (YYYYMM)
};

// What motivo accepts from the API, whatever the server sends.
struct ApiLimits {
  std::size_t max_response_bytes = std::size_t{16} << 20; // one page; LinkedIn's are tens of kilobytes
  int max_waits = 3;                                      // 429 answers waited out in a row
  std::chrono::seconds max_wait{300};                     // the longest Retry-After honoured
};

struct ApiResponse {
  long status = 0;
  std::string body;
};

// LinkedIn's REST API for one member's token, through libcurl: HTTPS with certificate verification (plain HTTP
// only where `base` resolves to loopback addresses, and curl is then held to them), the Authorization and
// LinkedIn-Version headers, no redirects followed.
class LinkedInApi {
public:
  using Sleep = std::function<void(std::chrono::seconds)>;
  // Throws ApiError for a base URL that is neither https:// nor http:// to loopback.
  LinkedInApi(ApiAccount account, ApiLimits limits = {}, Sleep sleep = {});
  ~LinkedInApi();
  LinkedInApi(const LinkedInApi&) = delete;
  LinkedInApi& operator=(const LinkedInApi&) = delete;

  // GET `path` ("/rest/…?…", under the base): the answer, whatever its status but 429, which is waited out as its
  // Retry-After asks (bounded by the limits, else ApiError). ApiError for transport failures and responses over
  // the size limit.
  ApiResponse get(const std::string& path);
  // A paging link as a path under the base: "/rest/…" as it is (LinkedIn's links name no proxy in front of it),
  // or the rest of an absolute URL starting with the base; nullopt for anything else (the token is never sent to
  // another address).
  std::optional<std::string> path_of_link(std::string_view href) const;
  // `text` with the token replaced by "[token]".
  std::string redact(std::string text) const;
  const std::string& base() const { return account_.base; }

private:
  ApiResponse perform(const std::string& path, std::optional<std::chrono::seconds>& retry_after);

  struct Curl;
  std::unique_ptr<Curl> curl_;
  ApiAccount account_;
  ApiLimits limits_;
  Sleep sleep_;
};

} // namespace motivo::io
