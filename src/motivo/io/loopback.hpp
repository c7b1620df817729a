#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motivo::io {

// The addresses `host` (a name, an IPv4 address or a bracketed IPv6 one) resolves to, when every one of them is a
// loopback address (127.0.0.0/8, ::1, ::ffff:127.0.0.0/104); empty otherwise, or when it does not resolve. Decided
// from the addresses, never from the text: "127.evil.test" is whatever its DNS says. The one place motivo decides
// that plain text may go to a host (fetch --imap, sync --api-base).
std::vector<std::string> loopback_addresses(const std::string& host);

// host:port:addresses for libcurl's CURLOPT_RESOLVE, so that curl connects to the addresses judged above, not to a
// second answer of the resolver.
std::string resolve_entry(std::string_view host, std::string_view port, const std::vector<std::string>& addresses);

} // namespace motivo::io
