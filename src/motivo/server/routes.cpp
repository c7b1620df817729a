#include <motivo/core/error.hpp>
#include <motivo/server/errors.hpp>
#include <motivo/server/routes.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <charconv>

namespace motivo::server {

const std::vector<Route>& routes()
{
  static const std::vector<Route> table{
      {"GET", "/", page},
      {"GET", R"(/[a-z0-9_-]+\.(js|css|svg))", asset}, // the embedded assets, by exact name (routes_pages.cpp)
      {"GET", R"(/catalog/([a-z]{2})\.json)", catalog},
      {"GET", "/api/me", me},
      {"GET", "/api/version", live_version},
      {"GET", "/api/invitations", list_invitations},
      {"GET", R"(/api/invitations/(\d+)/messages)", invitation_messages},
      {"POST", R"(/api/invitations/(\d+)/decision)", decide_invitation},
      {"POST", R"(/api/invitations/(\d+)/ask)", ask_invitation},
      {"GET", R"(/api/invitations/(\d+))", show_invitation},
      {"POST", R"(/api/invitations/(\d+)/reply)", reply_invitation},
      {"POST", R"(/api/invitations/(\d+)/undo)", undo_invitation},
      {"POST", R"(/api/invitations/(\d+)/note)", note_invitation},
      {"POST", "/api/invitations/decisions", decide_invitations},
      {"GET", "/api/report", caller_report},
      {"GET", "/api/report/team", team_report},
      {"GET", "/report.html", report_page},
      {"GET", "/api/people", search_people},
      {"POST", R"(/api/people/(\d+)/notes)", add_person_note},
      {"POST", "/api/import", import_export, "export"}, // an export zip, streamed to a temporary file
  };
  return table;
}

std::string Request::param(const std::string& name) const
{
  return given(name).value_or("");
}

std::optional<std::string> Request::given(const std::string& name) const
{
  const auto it = params.lower_bound(name); // the first given, as cpp-httplib's get_param_value
  return it == params.end() || it->first != name ? std::nullopt : std::optional<std::string>(it->second);
}

std::int64_t path_id(const Request& request, std::string_view what)
{
  const std::string& text = request.matches.at(1);
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size()) throw HttpError(404, fmt::format("no such {}", what));
  return id;
}

std::string percent_encoded(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '~')
      out += c;
    else
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

std::string body_field(const Request& request, const std::string& field)
{
  const auto j = nlohmann::json::parse(request.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InputError("request", 0, "the body must be a JSON object");
  return j.value(field, "");
}

} // namespace motivo::server
