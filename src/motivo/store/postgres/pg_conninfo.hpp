#pragma once

// The connection string motivo hands libpq: the user's own, with motivo's defaults where it and libpq's environment
// say nothing (docs/DEPLOYMENT.md, "Connecting on the same machine"). Included by store/postgres/*.cpp only.

#include <string>

namespace motivo::store::postgres {

// Whether libpq's environment chooses the encryption: PGSSLMODE, PGREQUIRESSL or PGSERVICE (a service file) set.
bool environment_chooses_ssl();

// `url` (a postgresql:// URI or key=value words) with `sslmode=allow` added when every host it names is this
// machine's loopback (localhost, 127.x.x.x, ::1; a socket folder alongside them) and nothing chooses the encryption:
// neither the string (sslmode, requiressl, another ssl* setting, service) nor the environment
// (`environment_ssl`). libpq's own default, prefer, asks a loopback server for TLS first: a handshake of 5-7 ms
// that protects nothing another process on the machine could not read anyway, and verifies no certificate. allow
// connects without TLS and still tries TLS when the server refuses that (a `hostssl` rule). Anything else, or a
// string libpq cannot parse (libpq reports it), is returned as it is.
std::string with_local_defaults(const std::string& url, bool environment_ssl);

} // namespace motivo::store::postgres
