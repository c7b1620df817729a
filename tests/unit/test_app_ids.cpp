// The command line's typed ids (app/ids.cpp): i21, p21, c21 parsed and shown, and resolved to the record a command
// needs, within the caller's scope. The store is team_store.hpp's (two members' exports).
#include <motivo/app/ids.hpp>
#include <motivo/app/refusal.hpp>

#include <gtest/gtest.h>

#include "team_store.hpp"

using namespace motivo;
using app::IdKind;
using motivo::fixture::TeamStore;

namespace {

// The kind of refusal `f` throws (nullopt: none), and its message.
template <typename F>
std::optional<app::Refusal::Kind> ids_refusal(F&& f, std::string* message = nullptr)
{
  try {
    f();
  } catch (const app::Refusal& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  return std::nullopt;
}

} // namespace

TEST(Ids, ParsesPrefixedAndBareIds)
{
  const auto i = app::parse_ref("i21", IdKind::person);
  ASSERT_TRUE(i);
  EXPECT_EQ(i->kind, IdKind::invitation);
  EXPECT_EQ(i->id, 21);
  EXPECT_EQ(app::parse_ref("P7", IdKind::invitation)->kind, IdKind::person);
  EXPECT_EQ(app::parse_ref("c3", IdKind::invitation)->kind, IdKind::connection);
  const auto bare = app::parse_ref("42", IdKind::connection); // a bare number is the command's own kind
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->kind, IdKind::connection);
  EXPECT_EQ(bare->id, 42);
  for (const char* text : {"", "i", "x21", "i-1", "0", "i0", "21a", "i 21", "Ana", "99999999999999999999"})
    EXPECT_FALSE(app::parse_ref(text, IdKind::person)) << text;
  EXPECT_EQ(app::invitation_id(21), "i21");
  EXPECT_EQ(app::person_id(21), "p21");
  EXPECT_EQ(app::connection_id(21), "c21");
}

TEST(Ids, ResolvesAnInvitationToItsOtherPersonAndBack)
{
  TeamStore t;
  const std::int64_t anas = t.invitation_from("Ana Uno");
  const store::PersonView ana = app::person_of(*t.store, std::nullopt, {IdKind::invitation, anas});
  EXPECT_EQ(ana.name, "Ana Uno");
  EXPECT_EQ(app::person_of(*t.store, std::nullopt, {IdKind::person, ana.id}).name, "Ana Uno");
  // The one invitation a person sent: p21 for decide, ask and label.
  EXPECT_EQ(app::invitation_named(*t.store, std::nullopt, app::person_id(ana.id)).id, anas);
  EXPECT_EQ(app::invitation_named(*t.store, std::nullopt, app::invitation_id(anas)).from, "Ana Uno");
  EXPECT_EQ(app::invitation_named(*t.store, std::nullopt, std::to_string(anas)).from, "Ana Uno");
}

TEST(Ids, RefusesWhatNamesNothingOrLiesOutsideTheScope)
{
  TeamStore t;
  const std::int64_t anas = t.invitation_from("Ana Uno");
  std::string message;
  EXPECT_EQ(ids_refusal([&] { app::invitation_named(*t.store, std::nullopt, "i999999"); }, &message),
            app::Refusal::Kind::not_found);
  EXPECT_EQ(message, "no invitation i999999");
  EXPECT_EQ(ids_refusal([&] { app::invitation_named(*t.store, std::nullopt, "Ana"); }), app::Refusal::Kind::invalid);
  // Luis's scope does not reach Marta's invitation, by its id or through its sender.
  EXPECT_EQ(ids_refusal([&] { app::invitation_named(*t.store, t.luis.id, app::invitation_id(anas)); }),
            app::Refusal::Kind::not_found);
  EXPECT_EQ(ids_refusal([&] {
              app::person_of(*t.store, t.luis.id, {IdKind::invitation, anas});
            }),
            app::Refusal::Kind::not_found);
  EXPECT_EQ(ids_refusal(
                [&] {
                  app::person_of(*t.store, std::nullopt, {IdKind::person, 999999});
                },
                &message),
            app::Refusal::Kind::not_found);
  EXPECT_EQ(message, "no person p999999");
  EXPECT_EQ(ids_refusal(
                [&] {
                  app::connection_of(*t.store, std::nullopt, {IdKind::connection, 999999});
                },
                &message),
            app::Refusal::Kind::not_found);
  EXPECT_EQ(message, "no connection c999999");
}
