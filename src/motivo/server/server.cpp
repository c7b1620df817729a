#include <motivo/app/import.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/protocol.hpp>
#include <motivo/app/refusal.hpp>
#include <motivo/app/report.hpp>
#include <motivo/app/users.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/data_files.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/i18n.hpp>
#include <motivo/core/report/html.hpp>
#include <motivo/core/text.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/server/access.hpp>
#include <motivo/server/server.hpp>

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <unistd.h>

namespace motivo::server {

namespace {

void json_error(httplib::Response& res, int status, const std::string& message)
{
  res.status = status;
  res.set_content(app::error_json(message, status), "application/json");
}

// The id in a path such as /api/invitations/42/ask; nothing for one too large to be any row's.
std::optional<std::int64_t> path_id(const httplib::Request& req)
{
  const std::string& text = req.matches[1].str();
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

// A JSON request's largest body: a decision, an ask, a note on a person.
constexpr std::size_t max_json_body = 64u << 10;

struct Asset {
  std::string_view name, type;
};
constexpr Asset assets[] = {{"app.js", "text/javascript; charset=utf-8"},
                            {"app.css", "text/css; charset=utf-8"},
                            {"favicon.svg", "image/svg+xml"}};

constexpr std::string_view app_policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                        "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; "
                                        "frame-ancestors 'none'";
// The HTML report carries its own inline styles and no script.
// It may be shown inside the app's own page (frame-ancestors 'self'), never inside another site's.
constexpr std::string_view report_policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                           "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

// Who a request comes from. `user` is absent for the admin token and for the single user of an open server.
struct Principal {
  std::string name; // "" on an open server (no tokens, no users)
  bool admin = true;
  std::optional<std::int64_t> user;
  // The invitations this principal sees: their own, or everyone's.
  std::optional<std::int64_t> scope() const { return admin ? std::nullopt : user; }
};

} // namespace

void serve(StorePool& pool, const protocol::Config& config, const protocol::Policy& policy, const Options& options)
{
  const auto has_users = [&] { return !pool.lease()->users().empty(); };
  if (!is_loopback(options.host) && options.token.empty() && !has_users()) {
    throw std::runtime_error(fmt::format(
        "refusing to listen on {}: beyond this machine, anyone could read your invitations. Set a token with --token, "
        "--token-file or MOTIVO_TOKEN, add users (motivo users add NAME), or listen on 127.0.0.1",
        options.host));
  }
  httplib::Server server;
  const std::string csrf = random_token();
  std::string origin; // set once listening: http://host:port
  const auto now = [&] { return options.clock(); };

  // Tokens: the admin's compared in constant time; users' looked up by hash, remembered for 30 s (a removed user
  // or a renewed token stops working within that time). Whether users exist decides if an open server stays open.
  struct Auth {
    std::mutex mutex;
    std::map<std::string, std::pair<std::optional<Principal>, datetime::UnixSeconds>> by_hash;
    bool users = false;
    datetime::UnixSeconds users_checked = -1000;
  } auth;
  // The cookie is named after the port: browsers send a host's cookies to all its ports, and one server's token
  // must neither reach another service nor lock an open server out (it would take it for a wrong token).
  std::string cookie_name = "motivo_token";
  const auto token_of = [&](const httplib::Request& req) {
    std::string given = req.get_header_value("Authorization");
    if (given.starts_with("Bearer ")) return given.substr(7);
    if (req.path == "/" && req.has_param("token")) return req.get_param_value("token");
    return cookie_value(req.get_header_value("Cookie"), cookie_name);
  };
  const auto principal_of = [&](const httplib::Request& req) -> std::optional<Principal> {
    const std::string given = token_of(req);
    if (!options.token.empty() && same_secret(given, options.token)) return Principal{"admin", true, std::nullopt};
    const datetime::UnixSeconds t = now();
    if (options.token.empty()) {
      const std::lock_guard lock(auth.mutex);
      if (t - auth.users_checked >= 30) {
        auth.users = has_users();
        auth.users_checked = t;
      }
      // An open server on this machine: its one user, whatever token a client may still send.
      if (!auth.users) return Principal{};
    }
    if (given.empty()) return std::nullopt;
    const std::string hash = app::token_hash(given);
    {
      const std::lock_guard lock(auth.mutex);
      if (const auto it = auth.by_hash.find(hash); it != auth.by_hash.end() && t - it->second.second < 30)
        return it->second.first;
    }
    std::optional<Principal> found;
    if (const auto user = pool.lease()->user_by_token_hash(hash))
      found = Principal{user->name, user->role == store::Role::admin, user->id};
    const std::lock_guard lock(auth.mutex);
    if (auth.by_hash.size() > 10000) auth.by_hash.clear(); // bounded: unknown tokens are remembered too
    auth.by_hash[hash] = {found, t};
    return found;
  };
  // The principal of a request that passed the pre-routing check.
  const auto who = [&](const httplib::Request& req) {
    if (auto p = principal_of(req)) return *p;
    throw std::runtime_error("request without a valid token"); // not reached: refused before routing
  };

  // Derived views cached while the data and the minute stay the same, one per scope (a member's invitations, or
  // everyone's): the queue and the report are computed once, not on every request (docs/PERFORMANCE.md).
  struct Cache {
    std::int64_t version = -1, minute = -1;
    std::vector<app::InvitationStatus> all;
    std::map<std::string, std::string> reports;
    std::optional<app::ReportInput> input; // built from `all` on the first report request
    std::optional<std::int64_t> scope;
    const app::ReportInput& report_input(store::Store& s, const protocol::Config& c)
    {
      if (!input) input = app::report_input(s, all, c, scope);
      return *input;
    }
  };
  std::mutex cache_mutex; // held while a cache is read or rebuilt
  std::map<std::int64_t, Cache> caches;
  const auto fresh = [&](store::Store& store, const Principal& p) -> Cache& {
    Cache& cache = caches[p.scope().value_or(-1)];
    const std::int64_t version = store.data_version(), minute = now() / 60;
    if (version != cache.version || minute != cache.minute) {
      store::InvitationQuery query;
      query.user = p.scope();
      cache.all = app::invitation_statuses(store, query, policy, config, now());
      cache.reports.clear();
      cache.input.reset();
      cache.scope = p.scope();
      cache.version = version;
      cache.minute = minute;
    }
    return cache;
  };

  server.set_payload_max_length(options.max_upload + (1u << 20)); // the upload's own limit answers 413 first
  // Small JSON answers must not wait for Nagle's algorithm and delayed ACKs (40 ms each without this).
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(1000);
  // A kept-alive connection holds a thread: enough threads that a few dozen browser tabs or clients never wait.
  server.new_task_queue = [] { return new httplib::ThreadPool(32); };
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"},
                              {"Content-Security-Policy", std::string(app_policy)}});

  // Every request: the access token when one is set (a header, or the cookie that /?token= sets); every
  // state-changing request: this process's token and a same-origin Origin.
  // A server on loopback answers to loopback names only (and to --public-url's host, which a reverse proxy may pass
  // on): a page of another site whose name an attacker points at 127.0.0.1 (DNS rebinding) gets nothing. A server
  // beyond loopback always has a token, which such a page does not have.
  const std::string public_host = options.public_origin.empty()
                                      ? std::string()
                                      : host_name(options.public_origin.substr(options.public_origin.find("//") + 2));
  const auto host_allowed = [&](const std::string& header) {
    if (!is_loopback(options.host) || header.empty()) return true; // no Host: not a browser
    const std::string name = host_name(header);
    return is_loopback(name) || name == host_name(options.host) || (!public_host.empty() && name == public_host);
  };
  server.set_pre_routing_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (!host_allowed(req.get_header_value("Host"))) {
      json_error(res, 421,
                 fmt::format("this server answers to localhost, not to {}", quote_value(req.get_header_value("Host"))));
      return httplib::Server::HandlerResponse::Handled;
    }
    std::optional<Principal> principal;
    try {
      principal = principal_of(req);
    } catch (const std::exception& e) {
      json_error(res, store::is_transient_error(e) ? 503 : 500, e.what());
      return httplib::Server::HandlerResponse::Handled;
    }
    if (!principal) {
      json_error(res, 401, "a token is required: open /?token=YOUR_TOKEN or send Authorization: Bearer");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.path == "/" && req.has_param("token")) {
      res.set_header("Set-Cookie",
                     cookie_name + "=" + req.get_param_value("token") + "; HttpOnly; SameSite=Strict; Path=/");
      res.set_redirect("/");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD") {
      if (!same_secret(req.get_header_value("X-Motivo-Token"), csrf)) {
        json_error(res, 403, "missing or wrong X-Motivo-Token");
        return httplib::Server::HandlerResponse::Handled;
      }
      // Same origin: the page's address as the browser sees it (the Host it sent), or --public-url.
      const std::string from = req.get_header_value("Origin"), host = req.get_header_value("Host");
      const bool same = !host.empty() && (from == "http://" + host || from == "https://" + host);
      if (!same && (options.public_origin.empty() || from != options.public_origin)) {
        json_error(res, 403, "cross-origin request refused");
        return httplib::Server::HandlerResponse::Handled;
      }
      // Only an export is large: every other body is a small JSON object, refused before it is read.
      if (req.path != "/api/import") {
        if (!req.has_header("Content-Length")) {
          if (req.has_header("Transfer-Encoding")) {
            json_error(res, 411, "send the body with a Content-Length");
            return httplib::Server::HandlerResponse::Handled;
          }
        } else {
          const std::string length = req.get_header_value("Content-Length");
          std::size_t bytes = 0;
          const auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), bytes);
          if (error != std::errc() || end != length.data() + length.size() || bytes > max_json_body) {
            json_error(res, 413, fmt::format("the request body is larger than {} KiB", max_json_body >> 10));
            return httplib::Server::HandlerResponse::Handled;
          }
        }
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr e) {
    try {
      std::rethrow_exception(e);
    } catch (const app::Refusal& error) {
      using Kind = app::Refusal::Kind;
      json_error(res, error.kind() == Kind::not_found ? 404 : error.kind() == Kind::conflict ? 409 : 400, error.what());
    } catch (const InputError& error) {
      json_error(res, 400, message_in(error, req.get_param_value("lang"))); // English without ?lang=es
    } catch (const nlohmann::json::exception&) {
      json_error(res, 400, "a field of the JSON body has the wrong type");
    } catch (const std::exception& error) {
      // The database unreachable (after the store's own retries): said so, and the server goes on.
      json_error(res, store::is_transient_error(error) ? 503 : 500, error.what());
    } catch (...) {
      json_error(res, 500, "unexpected error");
    }
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) json_error(res, res.status, res.status == 404 ? "not found" : "request refused");
  });

  // The page: the per-process token goes in a meta element (no inline script under the policy).
  server.Get("/", [&](const httplib::Request&, httplib::Response& res) {
    std::string page(data::file("index.html"));
    const std::string marker = "{{csrf}}";
    if (const auto at = page.find(marker); at != std::string::npos) page.replace(at, marker.size(), csrf);
    res.set_content(page, "text/html; charset=utf-8");
  });
  for (const Asset& a : assets) {
    server.Get("/" + std::string(a.name), [a](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(data::file(a.name)), std::string(a.type));
    });
  }
  // The page's words: the catalog of po/LANGUAGE.po (the command line's), message id -> text (or its plural forms).
  server.Get(R"(/catalog/([a-z]{2})\.json)", [](const httplib::Request& req, httplib::Response& res) {
    const i18n::Catalog& catalog = i18n::Catalog::of(req.matches[1].str());
    if (catalog.messages().empty()) return json_error(res, 404, "no such catalog");
    nlohmann::json messages = nlohmann::json::object();
    for (const auto& [key, forms] : catalog.messages())
      messages[key] = forms.size() == 1 ? nlohmann::json(forms.front()) : nlohmann::json(forms);
    res.set_content(nlohmann::json{{"plural_forms", catalog.plural_forms()}, {"messages", messages}}.dump(),
                    "application/json");
  });

  const auto param = [](const httplib::Request& req, const char* name) {
    return req.has_param(name) ? std::optional<std::string>(req.get_param_value(name)) : std::nullopt;
  };

  server.Get("/api/invitations", [&](const httplib::Request& req, httplib::Response& res) {
    app::InvitationFilter filter =
        app::parse_filter({param(req, "direction"), param(req, "label"), param(req, "state"), std::nullopt});
    filter.undecided = req.has_param("undecided");
    try {
      if (req.has_param("offset")) filter.offset = std::stoul(req.get_param_value("offset"));
      if (req.has_param("limit")) filter.limit = std::stoul(req.get_param_value("limit"));
    } catch (...) {
      throw InputError("limit", 0, "limit and offset must be whole numbers");
    }
    std::vector<app::InvitationStatus> list;
    {
      const Principal p = who(req);
      auto store = pool.lease();
      const std::lock_guard lock(cache_mutex);
      list = app::select_invitations(fresh(*store, p).all, filter); // newest first, as the store gives them
    }
    // The reasons in the page's language (?lang=es); English otherwise, as the command line's JSON.
    if (const std::string lang = req.get_param_value("lang"); !lang.empty()) {
      for (auto& s : list) {
        s.invitation.reasons = classify::translate_reasons(s.invitation.reasons, lang);
        s.evaluation.why = classify::translate_reason(s.evaluation.why, lang);
      }
    }
    res.set_content(app::invitations_json(list, -1), "application/json");
  });

  server.Get(R"(/api/invitations/(\d+)/messages)", [&](const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return json_error(res, 404, "no such invitation");
    auto store = pool.lease();
    const store::InvitationView v = app::find_invitation(*store, who(req).scope(), *id); // another's: not found
    res.set_content(app::messages_json(app::recent_messages(*store, v, 10), -1), "application/json");
  });

  const auto body_json = [](const httplib::Request& req) {
    const auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw InputError("request", 0, "the body must be a JSON object");
    return j;
  };

  server.Post(R"(/api/invitations/(\d+)/decision)", [&](const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return json_error(res, 404, "no such invitation");
    const auto j = body_json(req);
    const std::string name = j.value("decision", "");
    const auto decision = protocol::parse_decision(name);
    if (!decision)
      throw InputError("decision", 0, fmt::format("must be accept, decline or spam ({})", quote_value(name)));
    auto store = pool.lease();
    store::InvitationQuery q;
    q.id = *id;
    q.user = who(req).scope();
    app::decide(*store, q.user, *id, *decision, now());
    const auto updated = app::invitation_statuses(*store, q, policy, config, now());
    res.set_content(app::invitation_json(updated.front(), -1), "application/json");
  });

  server.Post(R"(/api/invitations/(\d+)/ask)", [&](const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return json_error(res, 404, "no such invitation");
    const app::Asked asked = app::ask(*pool.lease(), who(req).scope(), *id, config,
                                      {options.local_hour(), options.config_source, "", false, now()});
    res.set_content(app::ask_json(asked, -1), "application/json");
  });

  server.Get("/api/me", [&](const httplib::Request& req, httplib::Response& res) {
    const Principal p = who(req);
    const bool team = !options.token.empty() || p.user.has_value() || !p.name.empty();
    res.set_content(app::me_json(p.name, p.admin, team, -1), "application/json");
  });

  // The team's numbers: each user's and everyone's, no note, name or message of anyone's invitations.
  // ?since=…&until=…: days like 2013-11-01, in order; anything else is a 400, on every route that takes them.
  const auto period_of = [](const httplib::Request& req) {
    return app::parse_period(req.get_param_value("since"), req.get_param_value("until"), "since", "until");
  };
  server.Get("/api/report/team", [&](const httplib::Request& req, httplib::Response& res) {
    const report::Period period = period_of(req);
    const app::TeamReport team = app::team_report(*pool.lease(), policy, config, now(), period);
    res.set_content(app::team_report_json(team, -1), "application/json");
  });

  server.Get("/api/report", [&](const httplib::Request& req, httplib::Response& res) {
    const report::Period period = period_of(req);
    const std::string by = req.get_param_value("by");
    const report::Step step = app::report_step(by);
    const Principal p = who(req);
    auto store = pool.lease();
    const std::lock_guard lock(cache_mutex);
    Cache& c = fresh(*store, p);
    const std::string key = period.since + "|" + period.until + "|" + by;
    auto it = c.reports.find(key);
    if (it == c.reports.end())
      it = c.reports.emplace(key, app::report_json(app::make_report(c.report_input(*store, config), period, step), -1))
               .first;
    res.set_content(it->second, "application/json");
  });

  server.Get("/report.html", [&](const httplib::Request& req, httplib::Response& res) {
    const report::Period period = period_of(req);
    const std::string lang = req.get_param_value("lang") == "en" ? "en" : "es";
    const Principal p = who(req);
    auto store = pool.lease();
    const std::lock_guard lock(cache_mutex);
    const report::Report r = app::charted_report(fresh(*store, p).report_input(*store, config), period);
    res.headers.erase("Content-Security-Policy"); // replace the app's policy, not add to it
    res.set_header("Content-Security-Policy", std::string(report_policy));
    res.set_content(report::render_html(r, lang, datetime::format_iso(now())), "text/html; charset=utf-8");
  });

  // People are everyone's in a shared store (their notes, and search through every message): admins only there.
  const auto may_see_people = [&](const httplib::Request& req, httplib::Response& res) {
    if (who(req).admin) return true;
    json_error(res, 403, "in a shared store, people and their notes are for admins");
    return false;
  };
  server.Get("/api/people", [&](const httplib::Request& req, httplib::Response& res) {
    if (!may_see_people(req, res)) return;
    res.set_content(app::people_json(pool.lease()->search_people(req.get_param_value("search")), -1),
                    "application/json");
  });

  server.Post(R"(/api/people/(\d+)/notes)", [&](const httplib::Request& req, httplib::Response& res) {
    const auto id = path_id(req);
    if (!id) return json_error(res, 404, "no such person");
    const PersonId person = *id;
    const auto j = body_json(req);
    const std::string note = j.value("note", "");
    if (text::trim(note).empty()) throw InputError("note", 0, "the note is empty");
    if (!may_see_people(req, res)) return;
    auto store = pool.lease();
    if (store->find_people(std::to_string(person)).empty()) return json_error(res, 404, "no such person");
    store->add_person_note(person, note, now());
    res.set_content(app::note_json(person, note, -1), "application/json");
  });

  // An export zip (multipart field "export"), streamed to a private temporary file, then imported.
  server.Post("/api/import", [&](const httplib::Request& req, httplib::Response& res,
                                 const httplib::ContentReader& reader) {
    if (!req.is_multipart_form_data()) return json_error(res, 400, "send the export as multipart/form-data");
    const auto too_large = [&] {
      json_error(res, 413, fmt::format("the export is larger than {} MiB", options.max_upload >> 20));
    };
    if (req.has_header("Content-Length")) {
      const std::string length = req.get_header_value("Content-Length");
      std::size_t bytes = 0;
      const auto [end, error] = std::from_chars(length.data(), length.data() + length.size(), bytes);
      if (error == std::errc::result_out_of_range || (error == std::errc() && bytes > options.max_upload + (64u << 10)))
        return too_large();
      if (error != std::errc() || end != length.data() + length.size())
        return json_error(res, 400, fmt::format("Content-Length is not a number ({})", quote_value(length)));
    }
    char path_template[] = "/tmp/motivo-upload-XXXXXX";
    const int fd = ::mkstemp(path_template);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file for the upload");
    const std::string path = path_template;
    std::size_t written = 0;
    bool too_big = false, got_file = false;
    std::string field, filename;
    reader(
        [&](const httplib::MultipartFormData& file) {
          field = file.name;
          filename = file.filename;
          got_file = got_file || field == "export";
          return true;
        },
        [&](const char* data, std::size_t length) {
          if (field != "export") return true;
          written += length;
          if (written > options.max_upload) {
            too_big = true;
            return false;
          }
          return ::write(fd, data, length) == static_cast<ssize_t>(length);
        });
    ::close(fd);
    struct Remove {
      std::string path;
      ~Remove() { std::remove(path.c_str()); }
    } remove_upload{path};
    if (too_big) return too_large();
    if (!got_file) return json_error(res, 400, "no \"export\" file in the form");
    const std::string source = filename.empty() ? "upload.zip" : filename;
    const Principal p = who(req);
    auto store = pool.lease();
    app::ImportOptions import_options;
    import_options.now = now();
    import_options.user = p.user; // the snapshot's invitations are theirs
    const app::ImportReport report = [&] {
      try {
        return app::import_snapshot(*store, io::collect_inputs({path}), source, import_options);
      } catch (const InputError& e) {
        // Errors name the upload as the user named it, not the server's temporary file.
        const auto named = [&](std::string message) {
          for (auto at = message.find(path); at != std::string::npos; at = message.find(path, at + source.size()))
            message.replace(at, path.size(), source);
          return message;
        };
        // The message id kept (?lang=es translates it) when the temporary file is named in the file part only.
        InputError renamed(named(e.file()), e.line(), e.message());
        if (renamed.what() == named(e.what())) throw renamed;
        throw InputError(named(e.what()));
      }
    }();
    res.set_content(app::import_json(&report, nullptr, -1), "application/json");
  });

  const int port = options.port == 0 ? server.bind_to_any_port(options.host) : options.port;
  if (options.port != 0 && !server.bind_to_port(options.host, port))
    throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use?)", options.host, port));
  if (port < 0) throw std::runtime_error(fmt::format("cannot listen on {}", options.host));
  const std::string shown_host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  origin = fmt::format("http://{}:{}", shown_host, port);
  cookie_name = fmt::format("motivo_token_{}", port);
  if (options.on_listening) options.on_listening(origin + "/");
  server.listen_after_bind();
}

} // namespace motivo::server
