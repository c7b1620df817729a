// The numbers: the caller's report (JSON, and the HTML page), and the team's.
#include <motivo/app/json_views.hpp>
#include <motivo/app/report.hpp>
#include <motivo/core/report/html.hpp>
#include <motivo/server/routes.hpp>

namespace motivo::server {

namespace {

// ?since=…&until=…: days like 2013-11-01, in order; anything else is a 400, on every route that takes them.
report::Period period_of(const Request& request)
{
  return app::parse_period(request.param("since"), request.param("until"), "since", "until");
}

// The HTML report carries its own inline styles and no script.
// It may be shown inside the app's own page (frame-ancestors 'self'), never inside another site's.
constexpr std::string_view report_policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                           "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

} // namespace

void caller_report(Services& services, const Request& request, Response& response)
{
  const report::Period period = period_of(request);
  response.json(services.views.report_json(*services.pool.lease(), request.principal.scope(), period,
                                           request.param("by"), services.now()));
}

// Each user's numbers and everyone's, no note, name or message of anyone's invitations.
void team_report(Services& services, const Request& request, Response& response)
{
  const report::Period period = period_of(request);
  const app::TeamReport team =
      app::team_report(*services.pool.lease(), services.policy, services.config, services.now(), period);
  response.json(app::team_report_json(team, -1));
}

void report_page(Services& services, const Request& request, Response& response)
{
  const report::Period period = period_of(request);
  const std::string lang = request.param("lang") == "en" ? "en" : "es";
  const report::Report r =
      services.views.charted_report(*services.pool.lease(), request.principal.scope(), period, services.now());
  response.headers.emplace_back("Content-Security-Policy", report_policy); // instead of the app's
  response.content_type = "text/html; charset=utf-8";
  response.body = report::render_html(r, lang, datetime::format_iso(services.now()));
}

} // namespace motivo::server
