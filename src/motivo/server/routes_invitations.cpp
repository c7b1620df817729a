// The queue and what is done with an invitation: its messages, a decision, an ask; within the caller's scope.
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/error.hpp>
#include <motivo/server/routes.hpp>

#include <fmt/format.h>

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

} // namespace motivo::server
