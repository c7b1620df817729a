// The page and its assets, built into the binary (web/).
#include <motivo/core/data_files.hpp>
#include <motivo/core/i18n.hpp>
#include <motivo/server/errors.hpp>
#include <motivo/server/routes.hpp>

#include <nlohmann/json.hpp>

namespace motivo::server {

namespace {

struct Asset {
  std::string_view name, type;
};
// The page's modules (web/*.js, app.js importing the others), its stylesheet and icon: looked up by exact name.
constexpr std::string_view script = "text/javascript; charset=utf-8";
constexpr Asset assets[] = {{"app.js", script},
                            {"i18n.js", script},
                            {"api.js", script},
                            {"ui.js", script},
                            {"lists.js", script},
                            {"card.js", script},
                            {"actions.js", script},
                            {"keys.js", script},
                            {"views.js", script},
                            {"live.js", script},
                            {"app.css", "text/css; charset=utf-8"},
                            {"favicon.svg", "image/svg+xml"}};

} // namespace

// The per-process token goes in a meta element (no inline script under the policy).
void page(Services& services, const Request&, Response& response)
{
  std::string page(data::file("index.html"));
  const std::string marker = "{{csrf}}";
  if (const auto at = page.find(marker); at != std::string::npos) page.replace(at, marker.size(), services.csrf);
  response.body = std::move(page);
  response.content_type = "text/html; charset=utf-8";
}

void asset(Services&, const Request& request, Response& response)
{
  for (const Asset& a : assets) {
    if (request.path.substr(1) != a.name) continue;
    response.body = std::string(data::file(a.name));
    response.content_type = std::string(a.type);
    return;
  }
  throw HttpError(404, "not found");
}

void catalog(Services&, const Request& request, Response& response)
{
  const i18n::Catalog& catalog = i18n::Catalog::of(request.matches.at(1));
  if (catalog.messages().empty()) throw HttpError(404, "no such catalog");
  nlohmann::json messages = nlohmann::json::object();
  for (const auto& [key, forms] : catalog.messages())
    messages[key] = forms.size() == 1 ? nlohmann::json(forms.front()) : nlohmann::json(forms);
  response.json(nlohmann::json{{"plural_forms", catalog.plural_forms()}, {"messages", messages}}.dump());
}

} // namespace motivo::server
