// The queue and what is done with an invitation: its messages, a decision, an ask, a reply seen on LinkedIn, undo,
// one decision on several; within the caller's scope.
#include <motivo/app/actions.hpp>
#include <motivo/app/detail.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/text.hpp>
#include <motivo/server/routes.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <utility>

namespace motivo::server {

namespace {

// The address of the next page: this request's, its cursor (and offset) replaced by `cursor`.
std::string next_page(const Request& request, const std::string& cursor)
{
  std::string url = request.path + "?";
  for (const auto& [name, value] : request.params) {
    if (name != "cursor" && name != "offset") url += percent_encoded(name) + "=" + percent_encoded(value) + "&";
  }
  return url + "cursor=" + percent_encoded(cursor);
}

std::size_t whole_number(const Request& request, const std::string& name)
{
  const std::string text = request.param(name);
  std::size_t n = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || error != std::errc() || end != text.data() + text.size())
    throw InputError(name, 0, fmt::format("must be a whole number ({})", quote_value(text)));
  return n;
}

} // namespace

namespace {

// The JSON object of a request's body (400 when it is not one); an empty body is an empty object.
nlohmann::json body_object(const Request& request)
{
  if (request.body.empty()) return nlohmann::json::object();
  auto j = nlohmann::json::parse(request.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw InputError("request", 0, "the body must be a JSON object");
  return j;
}

std::string text_field(const nlohmann::json& body, const char* field)
{
  const auto it = body.find(field);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_string()) throw InputError(field, 0, fmt::format("must be a string ({})", quote_value(it->dump())));
  return it->get<std::string>();
}

// The version of the invitation the caller saw ("version" in the body), if given.
app::SeenVersion seen_version(const nlohmann::json& body)
{
  const auto it = body.find("version");
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) throw InputError("version", 0, fmt::format("must be a string ({})", quote_value(it->dump())));
  return it->get<std::string>();
}

// Runs `write`; when the invitation changed since the version the caller gave (store::Stale: nothing written),
// answers 409 {"error", "status", "code": "stale", "invitation"} with the invitation as it is now.
template <typename Write>
void unless_stale(Services& services, const Request& request, Response& response, Write&& write)
{
  try {
    write(); // its store lease is given back before the catch takes one (the pool may hold one connection)
  } catch (const store::Stale& stale) {
    const app::InvitationStatus now =
        app::invitation_status(*services.pool.lease(), request.principal.scope(), stale.id(), services.policy,
                               services.config, services.now());
    response.status = 409;
    response.json(app::stale_json(stale.in(request.param("lang")), now, request.param("lang")));
  }
}

} // namespace

namespace {

// Rows read from the store for each piece of a whole list: a piece's statuses and JSON are all it holds.
constexpr std::size_t whole_list_piece = 500;

// The whole list of a request without a limit (or with an offset), as Response::stream pieces of the JSON array
// app::invitations_json writes, byte for byte: read by keys a piece at a time (app::page_invitations, in the list's
// order), the filter's offset skipped and its limit kept here. Each piece leases a store connection for its read
// only, so a slow client holds none; a write meanwhile shows in the pieces read after it.
class WholeList {
public:
  WholeList(Services& services, app::Scope scope, const app::InvitationFilter& filter, std::string language)
    : services_(services), scope_(scope), filter_(filter), language_(std::move(language)), now_(services.now())
  {
    skip_ = filter_.offset;
    left_ = filter_.limit;
    filter_.offset = 0;
    filter_.limit = whole_list_piece;
  }
  std::optional<std::string> operator()()
  {
    if (ended_) return std::nullopt;
    std::string text = opened_ ? "" : "[";
    opened_ = true;
    std::optional<std::string> next;
    if (left_ > 0) {
      const app::InvitationPage page = app::page_invitations(*services_.pool.lease(), scope_, filter_, cursor_,
                                                             services_.policy, services_.config, now_);
      for (const app::InvitationStatus& status : page.rows) {
        if (skip_ > 0) {
          --skip_;
          continue;
        }
        if (left_ == 0) break;
        if (written_++ > 0) text += ',';
        text += app::invitation_json(status, -1, language_);
        --left_;
      }
      next = page.next;
    }
    if (!next || left_ == 0) {
      text += ']';
      ended_ = true;
    } else {
      cursor_ = *next;
    }
    return text;
  }

private:
  Services& services_;
  app::Scope scope_;
  app::InvitationFilter filter_;
  std::string language_, cursor_;
  datetime::UnixSeconds now_;
  std::size_t skip_ = 0, left_ = 0, written_ = 0;
  bool opened_ = false, ended_ = false;
};

} // namespace

// Without a limit, or with an offset: the whole list or a slice of it, streamed (WholeList). With a limit (and a
// cursor after the first page), or the decided ones: a page read by keys, with the next page in a Link header
// (RFC 8288).
void list_invitations(Services& services, const Request& request, Response& response)
{
  app::InvitationFilter filter =
      app::parse_filter({request.given("direction"), request.given("label"), request.given("state"), std::nullopt});
  filter.undecided = request.has("undecided");
  filter.decided = request.has("decided") && request.param("decided") != "0";
  if (request.has("offset")) filter.offset = whole_number(request, "offset");
  if (request.has("limit")) filter.limit = whole_number(request, "limit");
  const std::string language = request.param("lang"); // the reasons in the page's language; English otherwise
  const bool paged = request.has("cursor") || filter.decided || (request.has("limit") && !request.has("offset"));
  if (!paged) {
    services.views.refresh(*services.pool.lease(), request.principal.scope(), services.now());
    response.stream = WholeList(services, request.principal.scope(), filter, language);
    return;
  }
  if (request.has("offset"))
    throw InputError("offset", 0, std::string("a list read by cursor (or of the decided) takes no offset"));
  const app::InvitationPage page =
      app::page_invitations(*services.pool.lease(), request.principal.scope(), filter, request.param("cursor"),
                            services.policy, services.config, services.now());
  if (page.next) response.headers.emplace_back("Link", "<" + next_page(request, *page.next) + ">; rel=\"next\"");
  response.json(app::invitations_json(page.rows, -1, language));
}

void invitation_messages(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  auto store = services.pool.lease();
  const store::InvitationView v = app::find_invitation(*store, request.principal.scope(), id); // another's: 404
  response.json(app::messages_json(app::recent_messages(*store, v, 10), -1));
}

void decide_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  const nlohmann::json body = body_object(request);
  const std::string name = text_field(body, "decision");
  const auto decision = protocol::parse_decision(name);
  if (!decision)
    throw InputError("decision", 0, fmt::format("must be accept, decline or spam ({})", quote_value(name)));
  unless_stale(services, request, response, [&] {
    auto store = services.pool.lease();
    app::decide(*store, request.principal.scope(), id, *decision, services.now(), seen_version(body));
    response.json(app::invitation_json(
        app::invitation_status(*store, request.principal.scope(), id, services.policy, services.config, services.now()),
        -1, request.param("lang")));
  });
}

// The body is optional: {"version"} at most.
void ask_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  app::AskRequest ask{services.options.local_hour(), services.options.config_source, "", false, services.now()};
  ask.seen = seen_version(body_object(request));
  unless_stale(services, request, response, [&] {
    response.json(
        app::ask_json(app::ask(*services.pool.lease(), request.principal.scope(), id, services.config, ask), -1));
  });
}

void show_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  const app::InvitationDetail d = app::invitation_detail(*services.pool.lease(), request.principal.scope(), id,
                                                         services.policy, services.config, services.now());
  response.json(app::invitation_detail_json(d, -1, request.param("lang")));
}

void reply_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  const nlohmann::json body = body_object(request);
  app::ReplyRequest reply{std::nullopt, text_field(body, "text"), services.now(), seen_version(body)};
  if (const std::string at = text_field(body, "at"); !at.empty()) {
    reply.at = datetime::parse_iso(at);
    if (!reply.at) throw InputError("at", 0, Message(N_("not a time like 2026-11-20T09:30 ({})"), quote_value(at)));
  }
  unless_stale(services, request, response, [&] {
    auto store = services.pool.lease();
    app::record_reply(*store, request.principal.scope(), id, reply);
    response.json(app::invitation_json(
        app::invitation_status(*store, request.principal.scope(), id, services.policy, services.config, services.now()),
        -1, request.param("lang")));
  });
}

void undo_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  const app::SeenVersion seen = seen_version(body_object(request));
  unless_stale(services, request, response, [&] {
    auto store = services.pool.lease();
    const app::Undone u = app::undo(*store, request.principal.scope(), id, seen);
    response.json(app::undo_json(
        u.action,
        app::invitation_status(*store, request.principal.scope(), id, services.policy, services.config, services.now()),
        -1, request.param("lang")));
  });
}

// {"note", "version"?}: the note kept on the invitation's other person, logged on the invitation for undo; the
// invitation as it is now (its version moved).
void note_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  const nlohmann::json body = body_object(request);
  const std::string note = text_field(body, "note");
  if (text::trim(note).empty()) throw InputError("note", 0, std::string("the note is empty"));
  const app::SeenVersion seen = seen_version(body);
  unless_stale(services, request, response, [&] {
    auto store = services.pool.lease();
    app::keep_note(*store, request.principal.scope(), id, note, services.now(), seen);
    response.json(app::invitation_json(
        app::invitation_status(*store, request.principal.scope(), id, services.policy, services.config, services.now()),
        -1, request.param("lang")));
  });
}

namespace {

// The versions the caller saw of the invitations it names: "version", an object {"ID": "VERSION"} (or, with one id,
// that id's version as a string).
store::Versions seen_versions(const nlohmann::json& body, const std::vector<std::int64_t>& ids)
{
  const auto it = body.find("version");
  if (it == body.end() || it->is_null()) return {};
  if (it->is_string() && ids.size() == 1) return {{ids.front(), it->get<std::string>()}};
  if (!it->is_object())
    throw InputError("version", 0, fmt::format("must be an object of versions by id ({})", quote_value(it->dump())));
  store::Versions out;
  for (const auto& [key, value] : it->items()) {
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), id);
    if (error != std::errc() || end != key.data() + key.size() || !value.is_string())
      throw InputError("version", 0, fmt::format("not an id and its version ({})", quote_value(key)));
    out[id] = value.get<std::string>();
  }
  return out;
}

// The invitations a bulk decision names: its "ids", or those whose suggestion is "suggestion".
std::vector<std::int64_t> chosen_ids(Services& services, const Request& request, const nlohmann::json& body)
{
  const std::string by = text_field(body, "suggestion");
  const auto ids = body.find("ids");
  if (by.empty() == (ids == body.end()))
    throw InputError("request", 0, std::string("give either \"ids\" or \"suggestion\""));
  std::vector<std::int64_t> chosen;
  if (!by.empty()) {
    const auto suggestion = protocol::parse_suggestion(by);
    if (!suggestion) throw InputError("suggestion", 0, fmt::format("unknown suggestion ({})", quote_value(by)));
    for (const auto& st : app::suggested(*services.pool.lease(), request.principal.scope(), *suggestion,
                                         services.policy, services.config, services.now()))
      chosen.push_back(st.invitation.id);
    return chosen;
  }
  if (!ids->is_array()) throw InputError("ids", 0, std::string("must be an array of invitation ids"));
  for (const auto& id : *ids) {
    if (!id.is_number_integer()) throw InputError("ids", 0, fmt::format("not an id ({})", quote_value(id.dump())));
    chosen.push_back(id.get<std::int64_t>());
  }
  return chosen;
}

} // namespace

// {"decision", "ids": [...], "version"?} or {"decision", "suggestion"}: one decision on several invitations
// (app::decide_many).
void decide_invitations(Services& services, const Request& request, Response& response)
{
  const nlohmann::json body = body_object(request);
  const std::string name = text_field(body, "decision");
  const auto decision = protocol::parse_decision(name);
  if (!decision)
    throw InputError("decision", 0, fmt::format("must be accept, decline or spam ({})", quote_value(name)));
  const std::vector<std::int64_t> chosen = chosen_ids(services, request, body);
  const store::Versions seen = body.contains("ids") ? seen_versions(body, chosen) : store::Versions{};
  unless_stale(services, request, response, [&] {
    const app::BulkDecision b =
        app::decide_many(*services.pool.lease(), request.principal.scope(), chosen, *decision, services.now(), seen);
    response.json(app::bulk_decision_json(b, -1, request.param("lang")));
  });
}

} // namespace motivo::server
