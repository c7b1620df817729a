#include <motivo/core/text.hpp>
#include <motivo/io/imap.hpp>
#include <motivo/io/loopback.hpp>

#include <curl/curl.h>
#include <netdb.h>

#include <algorithm>
#include <arpa/inet.h>
#include <charconv>
#include <mutex>
#include <netinet/in.h>
#include <sys/socket.h>

namespace motivo::io {

namespace {

void init_curl()
{
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// A transfer's bytes: the first `max` kept, every one counted.
struct Sink {
  std::string out;
  std::size_t max = SIZE_MAX;
  std::size_t total = 0;
};

size_t append(char* data, size_t size, size_t count, void* sink)
{
  auto* s = static_cast<Sink*>(sink);
  const std::size_t n = size * count;
  s->total += n;
  if (s->out.size() < s->max) s->out.append(data, std::min(n, s->max - s->out.size()));
  return n;
}

std::string fmt_percent(unsigned char c)
{
  static constexpr char digits[] = "0123456789ABCDEF";
  return {'%', digits[c >> 4], digits[c & 15]};
}

std::string encode_path(std::string_view mailbox)
{
  std::string out;
  for (const char c : mailbox) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/')
      out += c;
    else
      out += fmt_percent(u);
  }
  return out;
}

std::string quoted(std::string_view s)
{
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

} // namespace

struct ImapMailbox::Curl {
  CURL* handle = nullptr;
  curl_slist* resolve = nullptr;
  char error[CURL_ERROR_SIZE] = {};
  ~Curl()
  {
    if (handle) curl_easy_cleanup(handle);
    curl_slist_free_all(resolve);
  }
};

ImapMailbox::ImapMailbox(const ImapAccount& account) : curl_(std::make_unique<Curl>())
{
  init_curl();
  std::string_view url = account.url;
  const std::size_t scheme_end = url.find("://");
  const std::string scheme = scheme_end == std::string_view::npos ? "" : text::ascii_lower(url.substr(0, scheme_end));
  if (scheme != "imap" && scheme != "imaps")
    throw ImapError("not an IMAP URL (imaps://host/MAILBOX or imap://host/MAILBOX): " + account.url);
  std::string_view rest = url.substr(scheme_end + 3);
  const std::size_t slash = rest.find('/');
  const std::string_view authority = rest.substr(0, slash);
  if (authority.empty() || authority.find('@') != std::string_view::npos)
    throw ImapError("the URL must name the server only (the user goes in --user): " + account.url);
  const std::string_view host = authority.front() == '[' ? authority.substr(0, authority.find(']') + 1)
                                                         : authority.substr(0, authority.find(':'));
  mailbox_ = slash == std::string_view::npos ? "" : text::percent_decode(rest.substr(slash + 1));
  while (!mailbox_.empty() && mailbox_.back() == '/') mailbox_.pop_back();
  if (mailbox_.empty()) mailbox_ = "INBOX";
  if (mailbox_.find_first_of(";\r\n") != std::string::npos)
    throw ImapError("a mailbox name with ';' or a line break: " + mailbox_);
  base_ = scheme + "://" + std::string(authority) + "/";
  std::string user;
  for (const char c : account.user) user += c == '@' ? std::string("%40") : std::string(1, c);
  key_ = scheme + "://" + user + "@" + std::string(authority) + "/" + mailbox_;

  curl_->handle = curl_easy_init();
  if (!curl_->handle) throw ImapError("libcurl could not start");
  CURL* h = curl_->handle;
  curl_easy_setopt(h, CURLOPT_USERNAME, account.user.c_str());
  curl_easy_setopt(h, CURLOPT_PASSWORD, account.password.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, curl_->error);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);  // abort a transfer that stalls
  curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, 120L); // for two minutes
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, append);
  if (scheme == "imap") use_starttls(std::string(host), authority, account.insecure);
}

// Plain imap:// only where nothing crosses the network (curl held to the loopback addresses the host resolved to),
// or when the user said --insecure; elsewhere STARTTLS or nothing.
void ImapMailbox::use_starttls(const std::string& host, std::string_view authority, bool insecure)
{
  CURL* h = curl_->handle;
  const std::vector<std::string> loopback = loopback_addresses(host);
  in_addr v4{};
  const bool literal = host.front() == '[' || ::inet_pton(AF_INET, host.c_str(), &v4) == 1;
  if (!loopback.empty() && !literal) {
    const std::size_t colon = host.front() == '[' ? authority.find(':', host.size()) : authority.find(':');
    const std::string_view port = colon == std::string_view::npos ? "143" : authority.substr(colon + 1);
    curl_->resolve = curl_slist_append(nullptr, resolve_entry(host, port, loopback).c_str());
    curl_easy_setopt(h, CURLOPT_RESOLVE, curl_->resolve);
  }
  cleartext_over_network_ = loopback.empty() && insecure;
  curl_easy_setopt(h, CURLOPT_USE_SSL, loopback.empty() && !insecure ? CURLUSESSL_ALL : CURLUSESSL_TRY);
}

ImapMailbox::~ImapMailbox() = default;

std::string ImapMailbox::perform(const std::string& url, const char* custom_request, std::size_t max_bytes,
                                 std::size_t* size)
{
  Sink sink;
  sink.max = max_bytes;
  CURL* h = curl_->handle;
  curl_->error[0] = '\0';
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, custom_request);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  const CURLcode rc = curl_easy_perform(h);
  if (rc != CURLE_OK) {
    std::string why = curl_->error[0] ? curl_->error : curl_easy_strerror(rc);
    if (rc == CURLE_LOGIN_DENIED) why = "login denied for " + key_ + " (" + why + ")";
    if (rc == CURLE_USE_SSL_FAILED)
      why = "the server offers no STARTTLS, and motivo does not send a password in clear to a host that is not "
            "loopback: use imaps://, or --insecure to send it in clear (" +
            why + ")";
    throw ImapError(base_ + mailbox_ + ": " + why);
  }
  if (size) *size = sink.total;
  return std::move(sink.out);
}

std::int64_t ImapMailbox::open()
{
  // curl SELECTs the URL's mailbox first; EXAMINE then reopens it read-only, and curl, seeing the same mailbox,
  // sends the searches and fetches that follow to it as it is.
  const std::string command = "EXAMINE " + quoted(mailbox_);
  const std::string response = perform(base_ + encode_path(mailbox_), command.c_str());
  const std::size_t at = response.find("[UIDVALIDITY ");
  if (at == std::string::npos) throw ImapError(base_ + mailbox_ + ": the server gave no UIDVALIDITY");
  std::int64_t value = 0;
  const char* begin = response.data() + at + 13;
  std::from_chars(begin, response.data() + response.size(), value);
  return value;
}

std::vector<std::int64_t> ImapMailbox::search(std::int64_t after, std::string_view from)
{
  const std::string command = "UID SEARCH UID " + std::to_string(after + 1) + ":* FROM " + quoted(from);
  const std::string response = perform(base_ + encode_path(mailbox_), command.c_str());
  std::vector<std::int64_t> uids;
  for (std::size_t line = 0; line < response.size();) {
    const std::size_t end = std::min(response.find('\n', line), response.size());
    const std::string_view l = std::string_view(response).substr(line, end - line);
    if (l.rfind("* SEARCH", 0) == 0) {
      const char* p = l.data() + 8;
      const char* stop = l.data() + l.size();
      while (p < stop) {
        while (p < stop && (*p == ' ' || *p == '\r')) ++p;
        std::int64_t uid = 0;
        const auto [next, ec] = std::from_chars(p, stop, uid);
        if (ec != std::errc()) break;
        if (uid > after) uids.push_back(uid); // "n:*" always names the last message, even below n
        p = next;
      }
    }
    line = end + 1;
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

ImapMailbox::Fetched ImapMailbox::fetch(std::int64_t uid, std::size_t max_bytes)
{
  Fetched f;
  f.bytes = perform(base_ + encode_path(mailbox_) + ";UID=" + std::to_string(uid), nullptr, max_bytes, &f.size);
  return f;
}

} // namespace motivo::io
