#pragma once

// Who may reach the web server: the pieces of its access rules that need no HTTP library (server.cpp applies
// them to requests; docs/WEB.md states them).

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

} // namespace motivo::server
