// The page and its assets, built into the binary (web/).
#include <motivo/core/data_files.hpp>
#include <motivo/core/i18n.hpp>
#include <motivo/server/errors.hpp>
#include <motivo/server/routes.hpp>
#include <motivo/server/signin.hpp>

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

void fill(std::string& page, const std::string& marker, const std::string& text)
{
  if (const auto at = page.find(marker); at != std::string::npos) page.replace(at, marker.size(), text);
}

// What the page asks for first, asked for while its scripts load: the first page of the queue and the catalog, in
// the language the page will choose when nobody chose one with its button (the browser's, which Accept-Language
// gives first). The addresses are those lists.js and i18n.js ask for; a page that asks for others (another language
// chosen, another view) loads them as it did and drops the preloads it did not use (api.js).
std::string preloads(const std::string& language)
{
  std::string links = "<link rel=\"preload\" as=\"fetch\" crossorigin href=\"/api/invitations?direction=incoming&amp;"
                      "undecided=1&amp;lang=" +
                      language + "&amp;limit=50\">";
  if (!i18n::Catalog::of(language).messages().empty()) // English, the ids' language, has none
    links += "\n<link rel=\"preload\" as=\"fetch\" crossorigin href=\"/catalog/" + language + ".json\">";
  return links;
}

} // namespace

// The per-process token goes in a meta element (no inline script under the policy).
void page(Services& services, const Request& request, Response& response)
{
  std::string page(data::file("index.html"));
  fill(page, "{{csrf}}", services.csrf);
  fill(page, "{{preloads}}", preloads(page_language(request.accept_language)));
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
