#include <motivo/core/text.hpp>
#include <motivo/io/linkedin_api.hpp>
#include <motivo/io/loopback.hpp>

#include <curl/curl.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace motivo::io {

namespace {

void init_curl()
{
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// A response's body, refused past `max` bytes (the transfer then stops).
struct Body {
  std::string out;
  std::size_t max = 0;
  bool too_large = false;
};

size_t append(char* data, size_t size, size_t count, void* sink)
{
  auto* b = static_cast<Body*>(sink);
  const std::size_t n = size * count;
  if (b->out.size() + n > b->max) {
    b->too_large = true;
    return 0;
  }
  b->out.append(data, n);
  return n;
}

// Retry-After in seconds (RFC 9110 also allows a date: taken as a minute).
size_t header(char* data, size_t size, size_t count, void* sink)
{
  auto* retry_after = static_cast<std::optional<std::chrono::seconds>*>(sink);
  const std::string_view line(data, size * count);
  constexpr std::string_view name = "retry-after:";
  if (line.size() > name.size() && text::ascii_lower(line.substr(0, name.size())) == name) {
    const std::string_view value = text::trim(line.substr(name.size()));
    long long seconds = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    *retry_after =
        std::chrono::seconds(ec == std::errc() && end == value.data() + value.size() && seconds >= 0 ? seconds : 60);
  }
  return size * count;
}

struct Origin {
  std::string scheme, host, port;
};

Origin parse_base(const std::string& base)
{
  const std::size_t scheme_end = base.find("://");
  if (scheme_end == std::string::npos) throw ApiError(N_("not an http(s) URL: '{}'"), base);
  Origin o;
  o.scheme = text::ascii_lower(base.substr(0, scheme_end));
  const std::string_view rest = std::string_view(base).substr(scheme_end + 3);
  const std::size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  if (authority.empty() || authority.find('@') != std::string_view::npos || (o.scheme != "https" && o.scheme != "http"))
    throw ApiError(N_("not an http(s) URL: '{}'"), base);
  const bool bracketed = authority.front() == '[';
  const std::size_t host_end = bracketed ? authority.find(']') + 1 : authority.find(':');
  o.host = std::string(authority.substr(0, host_end));
  o.port = host_end < authority.size() && authority[host_end] == ':' ? std::string(authority.substr(host_end + 1))
                                                                     : (o.scheme == "https" ? "443" : "80");
  return o;
}

} // namespace

struct LinkedInApi::Curl {
  CURL* handle = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* resolve = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~Curl()
  {
    if (handle) curl_easy_cleanup(handle);
    curl_slist_free_all(headers);
    curl_slist_free_all(resolve);
  }
};

LinkedInApi::LinkedInApi(ApiAccount account, ApiLimits limits, Sleep sleep)
  : curl_(std::make_unique<Curl>()), account_(std::move(account)), limits_(limits), sleep_(std::move(sleep))
{
  if (!sleep_) sleep_ = [](std::chrono::seconds s) { std::this_thread::sleep_for(s); };
  const Origin origin = parse_base(account_.base);
  account_.base = origin.scheme + "://" + account_.base.substr(account_.base.find("://") + 3);
  while (account_.base.ends_with('/')) account_.base.pop_back();
  init_curl();
  curl_->handle = curl_easy_init();
  if (!curl_->handle) throw ApiError(N_("libcurl could not start"));
  CURL* h = curl_->handle;
  if (origin.scheme == "http") {
    // Plain HTTP only where nothing crosses the network: curl is held to the loopback addresses judged here.
    const std::vector<std::string> loopback = loopback_addresses(origin.host);
    if (loopback.empty())
      throw ApiError(N_("{} is not a loopback address: the API is reached over https:// only (http:// is for a "
                        "local test server or proxy)"),
                     origin.host);
    curl_->resolve = curl_slist_append(nullptr, resolve_entry(origin.host, origin.port, loopback).c_str());
    curl_easy_setopt(h, CURLOPT_RESOLVE, curl_->resolve);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
  } else {
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  }
  curl_->headers = curl_slist_append(curl_->headers, ("Authorization: Bearer " + account_.token).c_str());
  curl_->headers = curl_slist_append(curl_->headers, ("LinkedIn-Version: " + account_.version).c_str());
  curl_->headers = curl_slist_append(curl_->headers, "X-Restli-Protocol-Version: 2.0.0");
  curl_->headers = curl_slist_append(curl_->headers, "Accept: application/json");
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, curl_->headers);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_->error);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);  // abort a transfer that stalls
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 120L); // for two minutes
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, header);
}

LinkedInApi::~LinkedInApi() = default;

std::string LinkedInApi::redact(std::string text) const
{
  if (account_.token.empty()) return text;
  for (std::size_t at = text.find(account_.token); at != std::string::npos; at = text.find(account_.token, at + 7))
    text.replace(at, account_.token.size(), "[token]");
  return text;
}

std::optional<std::string> LinkedInApi::path_of_link(std::string_view href) const
{
  if (href.starts_with("/") && !href.starts_with("//")) return std::string(href);
  const std::string prefix = account_.base + "/";
  if (href.size() > prefix.size() && href.substr(0, prefix.size()) == prefix)
    return "/" + std::string(href.substr(prefix.size()));
  return std::nullopt;
}

ApiResponse LinkedInApi::perform(const std::string& path, std::optional<std::chrono::seconds>& retry_after)
{
  const std::string url = account_.base + path;
  Body body;
  body.max = limits_.max_response_bytes;
  retry_after.reset();
  CURL* h = curl_->handle;
  curl_->error[0] = '\0';
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &retry_after);
  const CURLcode rc = curl_easy_perform(h);
  if (body.too_large)
    throw ApiError(N_("{}: the response is larger than {} bytes: stopped"), redact(url),
                   static_cast<std::uint64_t>(limits_.max_response_bytes));
  if (rc != CURLE_OK) {
    const std::string why = curl_->error[0] ? curl_->error : curl_easy_strerror(rc);
    throw ApiError(Message::verbatim(redact(url + ": " + why)));
  }
  ApiResponse r;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
  r.body = std::move(body.out);
  return r;
}

ApiResponse LinkedInApi::get(const std::string& path)
{
  for (int waits = 0;; ++waits) {
    std::optional<std::chrono::seconds> retry_after;
    ApiResponse r = perform(path, retry_after);
    if (r.status != 429) return r;
    const std::chrono::seconds wait = retry_after.value_or(std::chrono::seconds(60));
    if (waits >= limits_.max_waits)
      throw ApiError(N_("LinkedIn still limits the rate (429) after motivo waited as asked: try again later"));
    if (wait > limits_.max_wait)
      throw ApiError(N_("LinkedIn limits the rate (429) and asks to wait {} s, more than {} s: try again later"),
                     static_cast<std::int64_t>(wait.count()), static_cast<std::int64_t>(limits_.max_wait.count()));
    sleep_(wait);
  }
}

} // namespace motivo::io
