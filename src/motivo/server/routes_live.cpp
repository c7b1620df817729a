// Live updates: GET /api/version, polled by the page, says whether the stored data moved since the version the page
// saw and what arrived meanwhile (docs/WEB.md, "Live updates").
#include <motivo/app/arrivals.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/core/error.hpp>
#include <motivo/server/routes.hpp>

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <string_view>

namespace motivo::server {

namespace {

// What a version names: this server process (a page kept open across a restart gets a fresh count), the store's
// data version, and the newest rows then.
struct Seen {
  std::string instance;
  std::int64_t data = 0;
  store::ArrivalMarks marks;
};

std::string version_text(const Seen& seen)
{
  return fmt::format("{}-{}-{}-{}", seen.instance, seen.data, seen.marks.invitation, seen.marks.message);
}

// The number at the start of `text`, up to the next '-' (consumed); nullopt when there is none.
std::optional<std::int64_t> take_number(std::string_view& text)
{
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  return value;
}

// ?since=VERSION, as version_text wrote it; InputError for anything else.
Seen parse_version(const std::string& text)
{
  const auto fail = [&] { return InputError("since", 0, fmt::format("not a version ({})", quote_value(text))); };
  const std::size_t dash = text.find('-');
  if (dash == std::string::npos || dash == 0) throw fail();
  Seen seen{text.substr(0, dash)};
  std::string_view rest = std::string_view(text).substr(dash + 1);
  const auto data = take_number(rest), invitation = take_number(rest), message = take_number(rest);
  if (!data || !invitation || !message || !rest.empty() || *invitation < 0 || *message < 0) throw fail();
  seen.data = *data;
  seen.marks = {*invitation, *message};
  return seen;
}

} // namespace

void live_version(Services& services, const Request& request, Response& response)
{
  const std::optional<std::string> since = request.given("since");
  const std::optional<Seen> before = since ? std::optional<Seen>(parse_version(*since)) : std::nullopt;
  auto store = services.pool.lease();
  Seen now{services.instance, store->data_version()};
  if (before && before->instance == now.instance && before->data == now.data) {
    response.json(app::live_json(*since, false, {}, -1)); // the usual answer: one PRAGMA (SQLite) or one row (PG)
    return;
  }
  // The marks are read after the data version: a write in between is seen again, at the next poll, as a change
  // with nothing new in it (the rows up to these marks are counted now, and only once).
  now.marks = store->arrival_marks();
  app::Arrivals arrived;
  if (before) arrived = app::arrivals_between(*store, request.principal.scope(), before->marks, now.marks);
  response.json(app::live_json(version_text(now), before.has_value(), arrived, -1));
}

} // namespace motivo::server
