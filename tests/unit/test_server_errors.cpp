// How the server answers failures (server/errors.cpp): one place decides each one's status.
#include <motivo/app/refusal.hpp>
#include <motivo/core/error.hpp>
#include <motivo/server/errors.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace motivo;
using motivo::server::refused_for;

namespace {

template <typename E>
server::Refused answer_to(const E& failure)
{
  return refused_for(std::make_exception_ptr(failure));
}

} // namespace

TEST(ServerErrors, EachFailureHasItsStatus)
{
  using Kind = app::Refusal::Kind;
  EXPECT_EQ(answer_to(app::Refusal(Kind::not_found, "no invitation with id 7")).status, 404);
  EXPECT_EQ(answer_to(app::Refusal(Kind::not_found, "no invitation with id 7")).message, "no invitation with id 7");
  EXPECT_EQ(answer_to(app::Refusal(Kind::conflict, "decided already")).status, 409);
  EXPECT_EQ(answer_to(app::Refusal(Kind::invalid, "one you sent")).status, 400);
  EXPECT_EQ(answer_to(server::HttpError(403, "for admins")).status, 403);
  EXPECT_EQ(answer_to(server::HttpError(403, "for admins")).message, "for admins");
  const server::Refused input = answer_to(InputError("decision", 0, "must be accept, decline or spam"));
  EXPECT_EQ(input.status, 400);
  EXPECT_EQ(input.message, "decision: must be accept, decline or spam");
  const server::Refused database = answer_to(std::runtime_error("/srv/motivo/team/m.db: disk I/O error"));
  EXPECT_EQ(database.status, 500);
  EXPECT_EQ(database.message, "internal error (the server's log says what failed)"); // no path, no database's words
  EXPECT_EQ(refused_for(std::make_exception_ptr(42)).status, 500);
  EXPECT_EQ(refused_for(std::make_exception_ptr(42)).message, "internal error (the server's log says what failed)");
}

TEST(ServerErrors, AFieldOfTheWrongTypeIsTheRequestsFault)
{
  try {
    nlohmann::json{{"note", 3}}.value("note", std::string());
    ADD_FAILURE();
  } catch (...) {
    const server::Refused r = refused_for(std::current_exception());
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.message, "a field of the JSON body has the wrong type");
  }
}
