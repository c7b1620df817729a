#pragma once

#include <string>
#include <string_view>

namespace motivo {

// The identity part of a LinkedIn profile URL: for `https://www.linkedin.com/in/Jos%C3%A9-p-12ab/?x=1`
// it is `josé-p-12ab` (percent-decoded, lower-cased). Exports write the same slug raw in Invitations.csv
// and percent-encoded in Connections.csv, so both must give one key. Returns "" when the URL has no slug,
// such as the truncated `https://www.linkedin.com/in` some exports contain: that is no identity at all.
std::string profile_slug(std::string_view url);

} // namespace motivo
