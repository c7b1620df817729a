#pragma once

// Who may reach the web server, and who a request comes from: the access rules of docs/WEB.md, with no HTTP
// library (server.cpp copies what they look at out of each request, and applies the answer).

#include <motivo/app/invitations.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/server/errors.hpp>
#include <motivo/server/server.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace motivo::server {

// 64 hex digits from the system's random device: the per-process token that state-changing requests carry.
std::string random_token();
// Constant-time comparison: a token is a secret.
bool same_secret(const std::string& a, const std::string& b);
// The value of cookie `name` in a Cookie header ("a=1; b=2"), or "".
std::string cookie_value(const std::string& cookies, const std::string& name);
// The host name of a Host header ("name:port", "[::1]:port", "name"), lower-cased, without brackets or port.
std::string host_name(std::string_view header);

// A JSON request's largest body: a decision, an ask, a note on a person.
inline constexpr std::size_t max_json_body = 64u << 10;

// Why an upload whose Content-Length is `length` is refused before any of it is read, if so: 413 when larger than
// `max_bytes` (and a multipart form's few headers), 400 when not a number. `what` names the upload ("export").
std::optional<Refused> refuse_upload_length(const std::string& length, std::size_t max_bytes, std::string_view what);

// Who a request comes from. `user` is absent for the admin token and for the single user of an open server.
struct Principal {
  std::string name; // "" on an open server (no tokens, no users)
  bool admin = true;
  std::optional<std::int64_t> user;
  // The invitations this principal sees: their own, or everyone's.
  app::Scope scope() const { return admin ? std::nullopt : user; }
};

// What the access rules look at in a request ("" for a header it does not have).
struct RequestHead {
  std::string method, path;
  std::string host, origin, csrf;           // the Host, Origin and X-Motivo-Token headers
  std::string authorization, cookie;        // the Authorization and Cookie headers
  std::optional<std::string> token_param;   // ?token=
  std::optional<std::string> length;        // Content-Length
  bool upload = false;                      // a route whose body is a file (the only large body)
  std::optional<std::string> nul_parameter; // the name of a query parameter holding a NUL byte, if any
};

// The door of one server: its admin token (options.token), the users' tokens in the store, the per-process token
// of state-changing requests, and the names it answers to. Safe to call from several threads.
class Gate {
public:
  Gate(const Options& options, StorePool& pool, std::string csrf);

  // The principal of a request that carries `token`: the admin's token (compared in constant time); a user's,
  // looked up by its hash and remembered for 30 s (a removed user or a renewed token stops working within that
  // time); on an open server (no admin token, and no users as checked every 30 s) its one user, whatever the
  // token. Nobody otherwise.
  std::optional<Principal> principal(const std::string& token, datetime::UnixSeconds now);
  // The token a request carries: a bearer token, else (on the page, /, and the sign-in, /signin) ?token=, else this
  // server's cookie.
  std::string token_of(const RequestHead& head) const;
  // Whether a server on loopback answers to `host` (a Host header): loopback names, the listen address and
  // --public-url's host; a server beyond loopback answers to any (it always has a token).
  bool answers_to(const std::string& host) const;
  // Why a request may not go on, if so, by whom it comes from: 421, a Host this server does not answer to; 401, no
  // valid token; 400, a query parameter holding a NUL byte (no text motivo stores or searches has one). Store
  // failures propagate.
  std::optional<Refused> refuse_caller(const RequestHead& head, datetime::UnixSeconds now);
  // Why a state-changing request (not GET or HEAD) may not go on, if so: 403, without this process's token or from
  // another origin (the address the browser used, or --public-url); 411, a body without a Content-Length (an
  // empty one says 0); 413, a JSON body over max_json_body.
  std::optional<Refused> refuse_write(const RequestHead& head) const;

  // The cookie that /?token= sets: named after the port, since browsers send a host's cookies to all its ports,
  // and one server's token must neither reach another service nor lock an open server out.
  const std::string& cookie_name() const { return cookie_name_; }
  // This process's token, which state-changing requests carry.
  const std::string& csrf() const { return csrf_; }
  void listening_on(int port);

private:
  const Options& options_;
  StorePool& pool_;
  const std::string csrf_;
  std::string public_host_, cookie_name_ = "motivo_token";
  std::mutex mutex_;
  std::map<std::string, std::pair<std::optional<Principal>, datetime::UnixSeconds>> by_hash_;
  bool users_ = false;
  datetime::UnixSeconds users_checked_ = -1000;
};

} // namespace motivo::server
