#pragma once

#include <string>
#include <string_view>

namespace motivo {

// The identity part of a LinkedIn profile URL: for `https://www.linkedin.com/in/Jos%C3%A9-p-12ab/?x=1`
// it is `josé-p-12ab` (slug_key of what follows /in/). Exports write the same slug raw in Invitations.csv
// and percent-encoded in Connections.csv, notification mail either way under /comm/in/, so all must give one key.
// Returns "" when the URL has no slug, such as the truncated `https://www.linkedin.com/in` some exports
// contain: that is no identity at all.
std::string profile_slug(std::string_view url);

// The key of a slug as a link writes it, whole: percent-decoded when that gives UTF-8 (else kept as written), in
// ASCII letters lower-cased, then in Unicode NFC. "jos%C3%A9-p%C3%A9rez" and "José-Pérez" -> "josé-pérez".
std::string slug_key(std::string_view raw_slug);

// The profile URL of a slug key, `https://www.linkedin.com/in/<slug>`, whose profile_slug() is that key again:
// ASCII other than letters, digits and -._~ percent-encoded, other UTF-8 kept as it is (as Invitations.csv writes
// it). "" for an empty key.
std::string profile_url(std::string_view key);

} // namespace motivo
