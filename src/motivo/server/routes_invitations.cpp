// The queue and what is done with an invitation: its messages, a decision, an ask, a reply seen on LinkedIn, undo,
// one decision on several; within the caller's scope.
#include <motivo/app/actions.hpp>
#include <motivo/app/detail.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/error.hpp>
#include <motivo/server/routes.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace motivo::server {

void list_invitations(Services& services, const Request& request, Response& response)
{
  app::InvitationFilter filter =
      app::parse_filter({request.given("direction"), request.given("label"), request.given("state"), std::nullopt});
  filter.undecided = request.has("undecided");
  try {
    if (request.has("offset")) filter.offset = std::stoul(request.param("offset"));
    if (request.has("limit")) filter.limit = std::stoul(request.param("limit"));
  } catch (...) {
    throw InputError("limit", 0, "limit and offset must be whole numbers");
  }
  std::vector<app::InvitationStatus> list =
      services.views.invitations(*services.pool.lease(), request.principal.scope(), filter, services.now());
  // The reasons in the page's language (?lang=es); English otherwise, as the command line's JSON.
  response.json(app::invitations_json(list, -1, request.param("lang")));
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
  const std::string name = body_field(request, "decision");
  const auto decision = protocol::parse_decision(name);
  if (!decision)
    throw InputError("decision", 0, fmt::format("must be accept, decline or spam ({})", quote_value(name)));
  auto store = services.pool.lease();
  app::decide(*store, request.principal.scope(), id, *decision, services.now());
  store::InvitationQuery updated;
  updated.id = id;
  updated.user = request.principal.scope();
  const auto statuses = app::invitation_statuses(*store, updated, services.policy, services.config, services.now());
  response.json(app::invitation_json(statuses.front(), -1));
}

void ask_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  const app::AskRequest ask{services.options.local_hour(), services.options.config_source, "", false, services.now()};
  response.json(
      app::ask_json(app::ask(*services.pool.lease(), request.principal.scope(), id, services.config, ask), -1));
}

void show_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  const app::InvitationDetail d = app::invitation_detail(*services.pool.lease(), request.principal.scope(), id,
                                                         services.policy, services.config, services.now());
  response.json(app::invitation_detail_json(d, -1, request.param("lang")));
}

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

} // namespace

void reply_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  const nlohmann::json body = body_object(request);
  app::ReplyRequest reply{std::nullopt, text_field(body, "text"), services.now()};
  if (const std::string at = text_field(body, "at"); !at.empty()) {
    reply.at = datetime::parse_iso(at);
    if (!reply.at) throw InputError("at", 0, Message(N_("not a time like 2026-11-20T09:30 ({})"), quote_value(at)));
  }
  auto store = services.pool.lease();
  app::record_reply(*store, request.principal.scope(), id, reply);
  response.json(app::invitation_json(
      app::invitation_status(*store, request.principal.scope(), id, services.policy, services.config, services.now()),
      -1));
}

void undo_invitation(Services& services, const Request& request, Response& response)
{
  const std::int64_t id = path_id(request, "invitation");
  auto store = services.pool.lease();
  const app::Undone u = app::undo(*store, request.principal.scope(), id);
  response.json(app::undo_json(
      u.action,
      app::invitation_status(*store, request.principal.scope(), id, services.policy, services.config, services.now()),
      -1));
}

// {"decision", "ids": [...]} or {"decision", "suggestion"}: one decision on several invitations (app::decide_many).
void decide_invitations(Services& services, const Request& request, Response& response)
{
  const nlohmann::json body = body_object(request);
  const std::string name = text_field(body, "decision");
  const auto decision = protocol::parse_decision(name);
  if (!decision)
    throw InputError("decision", 0, fmt::format("must be accept, decline or spam ({})", quote_value(name)));
  const std::string by = text_field(body, "suggestion");
  const auto ids = body.find("ids");
  if (by.empty() == (ids == body.end()))
    throw InputError("request", 0, std::string("give either \"ids\" or \"suggestion\""));
  std::vector<std::int64_t> chosen;
  auto store = services.pool.lease();
  if (!by.empty()) {
    const auto suggestion = protocol::parse_suggestion(by);
    if (!suggestion) throw InputError("suggestion", 0, fmt::format("unknown suggestion ({})", quote_value(by)));
    for (const auto& st : app::suggested(*store, request.principal.scope(), *suggestion, services.policy,
                                         services.config, services.now()))
      chosen.push_back(st.invitation.id);
  } else {
    if (!ids->is_array()) throw InputError("ids", 0, std::string("must be an array of invitation ids"));
    for (const auto& id : *ids) {
      if (!id.is_number_integer()) throw InputError("ids", 0, fmt::format("not an id ({})", quote_value(id.dump())));
      chosen.push_back(id.get<std::int64_t>());
    }
  }
  const app::BulkDecision b = app::decide_many(*store, request.principal.scope(), chosen, *decision, services.now());
  response.json(app::bulk_decision_json(b, -1, request.param("lang")));
}

} // namespace motivo::server
