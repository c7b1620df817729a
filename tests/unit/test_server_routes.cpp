// The web server's handlers called without HTTP (server/routes*.cpp): what each route answers, and that a member
// reaches her own invitations only.
#include <motivo/app/import.hpp>
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/refusal.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/server/errors.hpp>
#include <motivo/server/routes.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "team_store.hpp"

using namespace motivo;
using namespace motivo::server;
using motivo::fixture::fixed_now;
using motivo::fixture::TeamStore;

namespace {

// The team's store served: its file opened again through a StorePool, as `motivo serve` does.
struct Served : TeamStore {
  protocol::Config config;
  protocol::Policy policy = protocol::active_policy(config, std::nullopt);
  Options options;
  StorePool pool{[path = (dir / "team.db").string()] { return store::open_sqlite(path); }, 1};
  ViewCache views{config, policy};
  Services services{pool, config, policy, options, views, std::string(64, 'c'), "server1"};
  Served()
  {
    options.clock = [] { return fixed_now(); };
    options.local_hour = [] { return 18; };
  }
  Request as(const store::User& user, const std::string& path, std::vector<std::string> matches = {}) const
  {
    Request r;
    r.method = "GET";
    r.path = path;
    r.matches = std::move(matches);
    r.matches.insert(r.matches.begin(), path);
    r.principal = Principal{user.name, false, user.id};
    return r;
  }
  nlohmann::json call(Handler handler, const Request& request)
  {
    Response response;
    handler(services, request, response);
    EXPECT_EQ(response.status, 200);
    return nlohmann::json::parse(body(response));
  }
  // The body, a streamed one (Response::stream) drawn to its end; `pieces` counts them.
  static std::string body(Response& response, int* pieces = nullptr)
  {
    if (!response.stream) return response.body;
    std::string out;
    while (auto piece = response.stream()) {
      out += *piece;
      if (pieces) ++*pieces;
    }
    return out;
  }
};

template <typename F>
std::string refusal(F&& f)
{
  try {
    f();
  } catch (const std::exception&) {
    const Refused r = refused_for(std::current_exception());
    return std::to_string(r.status) + " " + r.message;
  }
  return "none";
}

} // namespace

TEST(ServerRoutes, OneTableOfDistinctRoutes)
{
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const Route& r : routes()) {
    EXPECT_TRUE(r.method == "GET" || r.method == "POST") << r.pattern;
    EXPECT_TRUE(seen.insert({r.method, r.pattern}).second) << r.pattern;
    EXPECT_NE(r.handler, nullptr) << r.pattern;
    if (!r.upload.empty()) {
      EXPECT_EQ(r.pattern, "/api/import");
    }
  }
  EXPECT_EQ(seen.size(), 20u); // the assets share one route
}

TEST(ServerRoutes, AMemberReachesHerOwnInvitationsOnly)
{
  Served s;
  const auto martas = s.call(list_invitations, s.as(s.marta, "/api/invitations"));
  EXPECT_EQ(martas.size(), 6u);
  const auto luiss = s.call(list_invitations, s.as(s.luis, "/api/invitations"));
  ASSERT_EQ(luiss.size(), 2u);
  const std::string anas = std::to_string(s.invitation_from("Ana Uno"));
  EXPECT_EQ(s.call(invitation_messages, s.as(s.marta, "/api/invitations/" + anas + "/messages", {anas})).size(), 2u);
  Response ignored;
  for (const Handler h : {invitation_messages, ask_invitation}) {
    EXPECT_EQ(refusal([&] { h(s.services, s.as(s.luis, "/api/invitations/" + anas, {anas}), ignored); }),
              "404 no invitation with id " + anas);
  }
  Request decision = s.as(s.luis, "/api/invitations/" + anas + "/decision", {anas});
  decision.body = R"({"decision": "spam"})";
  EXPECT_EQ(refusal([&] { decide_invitation(s.services, decision, ignored); }), "404 no invitation with id " + anas);
  decision.principal = Principal{"marta", false, s.marta.id};
  const auto decided = s.call(decide_invitation, decision);
  EXPECT_EQ(decided["decision"], "spam");
  EXPECT_EQ(decided["state"], "declined");
}

TEST(ServerRoutes, RefusalsSayTheirStatus)
{
  Served s;
  Response ignored;
  const std::string huge = "99999999999999999999999";
  EXPECT_EQ(refusal([&] { invitation_messages(s.services, s.as(s.marta, "/x", {huge}), ignored); }),
            "404 no such invitation");
  EXPECT_EQ(refusal([&] { search_people(s.services, s.as(s.marta, "/api/people"), ignored); }),
            "403 in a shared store, people and their notes are for admins");
  const std::string elenas = std::to_string(s.invitation_from("Elena Cinco"));
  EXPECT_EQ(refusal([&] { ask_invitation(s.services, s.as(s.marta, "/x", {elenas}), ignored); }),
            "400 invitation " + elenas + " is one you sent: ask the people who invite you");
  const std::string dans = std::to_string(s.invitation_from("Dan Cuatro"));
  EXPECT_EQ(refusal([&] { ask_invitation(s.services, s.as(s.marta, "/x", {dans}), ignored); }).substr(0, 4), "409 ");
  Request bad = s.as(s.marta, "/x", {dans});
  bad.body = "[]";
  EXPECT_EQ(refusal([&] { decide_invitation(s.services, bad, ignored); }),
            "400 request: the body must be a JSON object");
  Request period = s.as(s.marta, "/api/report");
  period.params = {{"since", "2026-11-30"}, {"until", "2026-11-01"}};
  EXPECT_EQ(refusal([&] { caller_report(s.services, period, ignored); }),
            "400 until (2026-11-01) is before since (2026-11-30)");
}

TEST(ServerRoutes, ReportsOfTheScopeAndThePage)
{
  Served s;
  Request week = s.as(s.marta, "/api/report");
  week.params = {{"by", "week"}};
  const auto martas = s.call(caller_report, week);
  EXPECT_EQ(martas["incoming"]["received"], 4);
  EXPECT_FALSE(martas["series"].empty());
  EXPECT_EQ(s.call(caller_report, s.as(s.luis, "/api/report"))["incoming"]["received"], 1);
  EXPECT_EQ(s.call(team_report, s.as(s.luis, "/api/report/team"))["team"]["incoming"]["received"], 5);
  Response page;
  report_page(s.services, s.as(s.marta, "/report.html"), page);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  ASSERT_EQ(page.headers.size(), 1u);
  EXPECT_EQ(page.headers[0].first, "Content-Security-Policy");
  EXPECT_EQ(page.headers[0].second.find("script-src"), std::string::npos); // no script in the report
}

TEST(ServerRoutes, TheWholeListIsStreamedInPiecesAsTheListInOneArray)
{
  Served s;
  // 1,203 more received invitations of Marta's, some sent at the same minute: the whole list takes three pieces.
  std::string csv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
  for (int i = 0; i < 1203; ++i) {
    csv += fmt::format("Persona {0},Yo Mismo,\"10/{1}/26, {2}:{3:02} AM\",,INCOMING,"
                       "https://www.linkedin.com/in/persona-{0},https://www.linkedin.com/in/yo-mismo\n",
                       i, 1 + i % 28, 1 + i % 11, i % 7);
  }
  std::filesystem::create_directories(s.dir / "many");
  std::ofstream(s.dir / "many" / "Invitations.csv", std::ios::binary) << csv;
  std::ofstream(s.dir / "many" / "Profile.csv", std::ios::binary) << "First Name,Last Name\nYo,Mismo\n";
  app::ImportOptions options;
  options.now = fixed_now();
  options.user = s.marta.id;
  app::import_snapshot(*s.store, io::collect_inputs({(s.dir / "many").string()}), "many", options);
  const std::vector<std::multimap<std::string, std::string>> queries{
      {},
      {{"offset", "7"}},
      {{"offset", "499"}, {"limit", "600"}},
      {{"direction", "incoming"}, {"offset", "1200"}},
      {{"undecided", "1"}, {"label", "empty"}},
      {{"offset", "5000"}},
      {{"offset", "0"}, {"limit", "0"}}};
  for (const auto& params : queries) {
    Request request = s.as(s.marta, "/api/invitations");
    request.params = params;
    Response response;
    list_invitations(s.services, request, response);
    int pieces = 0;
    const std::string streamed = Served::body(response, &pieces);
    app::InvitationFilter filter = app::parse_filter({request.given("direction"), request.given("label")});
    filter.undecided = request.has("undecided");
    if (request.has("offset")) filter.offset = std::stoul(request.param("offset"));
    if (request.has("limit")) filter.limit = std::stoul(request.param("limit"));
    const auto listed = app::list_invitations(*s.store, s.marta.id, filter, s.policy, s.config, fixed_now());
    EXPECT_EQ(streamed, app::invitations_json(listed, -1, "")) << request.param("offset") << " " << pieces;
    if (params.empty()) {
      EXPECT_EQ(listed.size(), 1209u);
      EXPECT_EQ(pieces, 3);
    }
  }
}
