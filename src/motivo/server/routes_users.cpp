// Who is signed in.
#include <motivo/app/json_views.hpp>
#include <motivo/server/routes.hpp>

namespace motivo::server {

void me(Services& services, const Request& request, Response& response)
{
  const Principal& p = request.principal;
  const bool team = !services.options.token.empty() || p.user.has_value() || !p.name.empty();
  response.json(app::me_json(p.name, p.admin, team, -1));
}

} // namespace motivo::server
