#pragma once

// Signing in from a link (/?token=T, team mode): the link alone sets nothing. It answers a small page, in the
// browser's language, asking to sign in as the token's user, with a same-origin form that POSTs to /signin; only
// that POST (this process's token and the page's Origin, as every write) sets the cookie. A link somebody else sent
// cannot sign a browser into their account (login CSRF), nor replace its session without the user seeing it.

#include <optional>
#include <string>
#include <string_view>

namespace motivo::server {

// The language of the sign-in page from an Accept-Language header: "es" when Spanish comes before English, else
// "en".
std::string page_language(std::string_view accept_language);

// The sign-in page for the user `name`; `current`, the other user this browser is signed in as, if any (switching
// is then said and asked); `action`, the form's address (POST). Every text is HTML-escaped.
std::string signin_page(const std::string& name, const std::optional<std::string>& current, const std::string& action,
                        std::string_view language);

// The policy of the sign-in page: no script, its form posting to this server only.
inline constexpr std::string_view signin_policy =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

} // namespace motivo::server
