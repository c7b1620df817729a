#pragma once

// The web server's routes: a table of {method, pattern, handler} (routes.cpp), with short handlers in a file per
// resource (routes_*.cpp). Handlers see requests and answers as plain values, no HTTP library type: server.cpp
// copies them in and out of cpp-httplib's. A handler refuses by throwing (app::Refusal, InputError, HttpError);
// server/errors.cpp decides the status.

#include <motivo/core/datetime.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/server/access.hpp>
#include <motivo/server/server.hpp>
#include <motivo/server/view_cache.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motivo::server {

struct Request {
  std::string method, path;
  std::vector<std::string> matches; // the pattern's groups: [1] is the first
  std::multimap<std::string, std::string> params;
  std::string body;
  std::string accept_language;          // the request's Accept-Language header
  Principal principal;                  // who sent it (admitted by the Gate before routing)
  std::string upload_path, upload_name; // an upload route's file: saved to a private temporary file, as named

  bool has(const std::string& name) const { return params.count(name) > 0; }
  // The parameter's first value: "" when absent (given: nullopt).
  std::string param(const std::string& name) const;
  std::optional<std::string> given(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string body, content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers; // replace the server's default headers of those names
  // A body too large to hold, made as it is sent (`body` unused): each call gives the next piece, nullopt after the
  // last. Called after the handler returned, from the thread that writes the answer, until the end or until the
  // client goes away; a piece that throws cuts the answer short (its status was sent).
  std::function<std::optional<std::string>()> stream;
  void json(std::string text) { body = std::move(text); }
};

// What every handler may use.
struct Services {
  StorePool& pool;
  const protocol::Config& config;
  const protocol::Policy& policy;
  const Options& options;
  ViewCache& views;
  std::string csrf;     // the page carries it for its state-changing requests
  std::string instance; // names this process in the versions GET /api/version gives (routes_live.cpp)
  datetime::UnixSeconds now() const { return options.clock(); }
};

using Handler = void (*)(Services& services, const Request& request, Response& response);

struct Route {
  std::string_view method;  // GET or POST
  std::string_view pattern; // a regular expression over the path
  Handler handler;
  std::string_view upload = {}; // the multipart field whose file the handler gets (upload_path), if any
};

// Every route of the server, in one table.
const std::vector<Route>& routes();

// The id in a path such as /api/invitations/42/ask; HttpError 404 "no such `what`" for one too large to be any
// row's.
std::int64_t path_id(const Request& request, std::string_view what);

// `text` percent-encoded for a URL's query (every byte but letters, digits and -_.~).
std::string percent_encoded(std::string_view text);

// The string `field` of a JSON object body ("" when absent); InputError when the body is not a JSON object, and
// nlohmann's type_error when the field is not a string.
std::string body_field(const Request& request, const std::string& field);

// Handlers, by resource.
// routes_pages.cpp: the page (with this process's token) and its assets.
void page(Services& services, const Request& request, Response& response);
void asset(Services& services, const Request& request, Response& response);
// The page's words: the catalog of po/LANGUAGE.po (the command line's), message id -> text (or its plural forms).
void catalog(Services& services, const Request& request, Response& response);
// routes_invitations.cpp
void list_invitations(Services& services, const Request& request, Response& response);
void invitation_messages(Services& services, const Request& request, Response& response);
void decide_invitation(Services& services, const Request& request, Response& response);
void ask_invitation(Services& services, const Request& request, Response& response);
void show_invitation(Services& services, const Request& request, Response& response);
void reply_invitation(Services& services, const Request& request, Response& response);
void undo_invitation(Services& services, const Request& request, Response& response);
void note_invitation(Services& services, const Request& request, Response& response);
void decide_invitations(Services& services, const Request& request, Response& response);
// routes_report.cpp
void caller_report(Services& services, const Request& request, Response& response);
void team_report(Services& services, const Request& request, Response& response);
void report_page(Services& services, const Request& request, Response& response);
// routes_people.cpp
void search_people(Services& services, const Request& request, Response& response);
void add_person_note(Services& services, const Request& request, Response& response);
// routes_import.cpp
void import_export(Services& services, const Request& request, Response& response);
// routes_live.cpp: whether the data moved since a version, and what arrived.
void live_version(Services& services, const Request& request, Response& response);
// routes_users.cpp
void me(Services& services, const Request& request, Response& response);

} // namespace motivo::server
