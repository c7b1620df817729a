// app/actions.cpp: a reply the user recorded, undo of each kind, one decision on several invitations, the triage
// queue's order; on the store of team_store.hpp (Ana replied in the export, Berta asked with `motivo ask`, Dan
// decided spam, Carlos untouched).
#include <motivo/app/actions.hpp>
#include <motivo/app/detail.hpp>

#include <gtest/gtest.h>

#include "team_store.hpp"

using namespace motivo;
using motivo::fixture::fixed_now;
using motivo::fixture::TeamStore;

namespace {

using Kind = app::Refusal::Kind;

template <typename F>
std::optional<Kind> refusal_kind(F&& f, std::string* message = nullptr)
{
  try {
    f();
  } catch (const app::Refusal& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  return std::nullopt;
}

const datetime::UnixSeconds one_hour = 3600;

} // namespace

struct Actions : ::testing::Test {
  TeamStore t;
  protocol::Config config;
  protocol::Policy policy = protocol::active_policy(config, std::nullopt);

  app::InvitationStatus status(const std::string& name, datetime::UnixSeconds now = fixed_now())
  {
    return app::invitation_status(*t.store, std::nullopt, t.invitation_from(name), policy, config, now);
  }
  std::int64_t id(const std::string& name) const { return t.invitation_from(name); }
};

TEST_F(Actions, ARecordedReplyCountsAsAReply)
{
  // Berta was asked (at now); she replied an hour later, read on LinkedIn; evaluated a day later.
  const datetime::UnixSeconds later = fixed_now() + 24 * one_hour;
  EXPECT_EQ(status("Berta Dos", later).evaluation.state, protocol::State::asked);
  app::record_reply(*t.store, t.marta.id, id("Berta Dos"), {fixed_now() + one_hour, "Te vi en la PyCon", later});
  const auto s = status("Berta Dos", later);
  EXPECT_EQ(s.evaluation.state, protocol::State::replied);
  EXPECT_EQ(s.evaluation.suggestion, protocol::Suggestion::accept);
  EXPECT_EQ(s.evaluation.timeline.replied_at, fixed_now() + one_hour);
  // Past the deadline it is still a reply, never no_reply → decline.
  EXPECT_EQ(status("Berta Dos", fixed_now() + 30 * 24 * one_hour).evaluation.suggestion, protocol::Suggestion::accept);
}

TEST_F(Actions, AReplyWithoutAnAskKnownIsTheUsersWord)
{
  // Carlos was asked on LinkedIn directly (no export yet): the reply the user recorded counts all the same.
  app::record_reply(*t.store, std::nullopt, id("Carlos Tres"), {std::nullopt, "", fixed_now()});
  const auto s = status("Carlos Tres");
  EXPECT_EQ(s.evaluation.state, protocol::State::replied);
  EXPECT_EQ(s.evaluation.timeline.replied_at, fixed_now()); // --at defaults to now
  EXPECT_EQ(s.evaluation.suggestion, protocol::Suggestion::accept);
}

TEST_F(Actions, AReplysTimeMustFallBetweenTheInvitationAndNow)
{
  const auto sent = app::find_invitation(*t.store, std::nullopt, id("Carlos Tres")).sent_at;
  std::string message;
  EXPECT_EQ(refusal_kind(
                [&] {
                  app::record_reply(*t.store, std::nullopt, id("Carlos Tres"), {sent - 60, "", fixed_now()});
                },
                &message),
            Kind::invalid);
  EXPECT_NE(message.find("before the invitation"), std::string::npos) << message;
  EXPECT_NE(message.find(datetime::format_iso(sent - 60)), std::string::npos) << message; // quoted
  EXPECT_EQ(refusal_kind(
                [&] {
                  app::record_reply(*t.store, std::nullopt, id("Carlos Tres"), {fixed_now() + 1, "", fixed_now()});
                },
                &message),
            Kind::invalid);
  EXPECT_NE(message.find("in the future"), std::string::npos) << message;
  EXPECT_TRUE(t.store->recorded_notes(id("Carlos Tres")).empty()); // nothing stored
}

TEST_F(Actions, RepliesAreRefusedWhereTheyMeanNothing)
{
  EXPECT_EQ(refusal_kind([&] {
              app::record_reply(*t.store, std::nullopt, id("Elena Cinco"), {std::nullopt, "", fixed_now()});
            }),
            Kind::invalid); // one you sent
  std::string message;
  EXPECT_EQ(refusal_kind(
                [&] {
                  app::record_reply(*t.store, std::nullopt, id("Dan Cuatro"), {std::nullopt, "", fixed_now()});
                },
                &message),
            Kind::conflict); // decided: take it back first
  EXPECT_NE(message.find("--undo"), std::string::npos) << message;
  EXPECT_EQ(refusal_kind([&] {
              app::record_reply(*t.store, t.luis.id, id("Carlos Tres"), {std::nullopt, "", fixed_now()});
            }),
            Kind::not_found); // another member's
}

TEST_F(Actions, UndoTakesBackEachKindNewestFirst)
{
  const std::int64_t carlos = id("Carlos Tres");
  app::ask(*t.store, std::nullopt, carlos, config, {12, "config.toml", "", false, fixed_now()});
  app::record_reply(*t.store, std::nullopt, carlos, {std::nullopt, "porque sí", fixed_now()});
  app::decide(*t.store, std::nullopt, carlos, protocol::Decision::decline, fixed_now());
  app::decide(*t.store, std::nullopt, carlos, protocol::Decision::accept, fixed_now() + 1);
  EXPECT_EQ(status("Carlos Tres").evaluation.state, protocol::State::accepted);

  app::Undone u = app::undo(*t.store, std::nullopt, carlos);
  EXPECT_EQ(u.action.kind, store::ActionKind::decision);
  EXPECT_EQ(u.action.decision, protocol::Decision::accept);
  EXPECT_EQ(u.action.restored, protocol::Decision::decline); // the decision it replaced is in force again
  EXPECT_EQ(u.invitation.decision, protocol::Decision::decline);
  EXPECT_EQ(u.invitation.decision_at, fixed_now());

  u = app::undo(*t.store, std::nullopt, carlos);
  EXPECT_EQ(u.action.restored, std::nullopt);
  EXPECT_EQ(u.invitation.decision, std::nullopt);
  EXPECT_EQ(status("Carlos Tres").evaluation.state, protocol::State::replied);

  u = app::undo(*t.store, std::nullopt, carlos);
  EXPECT_EQ(u.action.kind, store::ActionKind::reply);
  EXPECT_EQ(u.action.text, "porque sí");
  EXPECT_EQ(status("Carlos Tres").evaluation.state, protocol::State::asked);

  u = app::undo(*t.store, std::nullopt, carlos);
  EXPECT_EQ(u.action.kind, store::ActionKind::ask);
  EXPECT_EQ(status("Carlos Tres").evaluation.state, protocol::State::pending);
  EXPECT_EQ(status("Carlos Tres").evaluation.suggestion, protocol::Suggestion::ask);

  std::string message;
  EXPECT_EQ(refusal_kind([&] { app::undo(*t.store, std::nullopt, carlos); }, &message), Kind::conflict);
  EXPECT_NE(message.find("nothing to undo"), std::string::npos) << message;
}

TEST_F(Actions, UndoingSpamGivesTheLabelBack)
{
  // The fixture decided Dan spam, which also labelled the note spam.
  const app::Undone u = app::undo(*t.store, std::nullopt, id("Dan Cuatro"));
  EXPECT_EQ(u.action.decision, protocol::Decision::spam);
  EXPECT_EQ(u.invitation.decision, std::nullopt);
  EXPECT_FALSE(u.invitation.label_by_user); // the classifier's label again
}

TEST_F(Actions, UndoNeverTouchesImportedData)
{
  // Ana's ask and reply come from the export's messages: nothing of the user's to take back.
  const auto before = status("Ana Uno");
  EXPECT_EQ(refusal_kind([&] { app::undo(*t.store, std::nullopt, id("Ana Uno")); }), Kind::conflict);
  const auto after = status("Ana Uno");
  EXPECT_EQ(after.evaluation.timeline.asked_at, before.evaluation.timeline.asked_at);
  EXPECT_EQ(after.evaluation.timeline.replied_at, before.evaluation.timeline.replied_at);
  EXPECT_EQ(app::recent_messages(*t.store, after.invitation, 10).size(), 2u);
  // A decision on top is taken back, and the export's ask and reply stay.
  app::decide(*t.store, std::nullopt, id("Ana Uno"), protocol::Decision::accept, fixed_now());
  app::undo(*t.store, std::nullopt, id("Ana Uno"));
  EXPECT_EQ(status("Ana Uno").evaluation.state, protocol::State::replied);
  EXPECT_EQ(app::recent_messages(*t.store, after.invitation, 10).size(), 2u);
}

TEST_F(Actions, UndoStaysInScope)
{
  EXPECT_EQ(refusal_kind([&] { app::undo(*t.store, t.luis.id, id("Dan Cuatro")); }), Kind::not_found);
  EXPECT_EQ(status("Dan Cuatro").evaluation.state, protocol::State::declined); // untouched
}

TEST_F(Actions, DecideManyListsRefusalsAndAppliesTheRest)
{
  const std::vector<std::int64_t> ids{id("Carlos Tres"), id("Elena Cinco"), id("Berta Dos"), id("Dan Cuatro"),
                                      id("Carlos Tres")};
  const app::BulkDecision b = app::decide_many(*t.store, t.marta.id, ids, protocol::Decision::decline, fixed_now());
  ASSERT_EQ(b.applied.size(), 3u);                            // Carlos once, Berta, and Dan (spam → decline)
  EXPECT_EQ(b.applied[2].decision, protocol::Decision::spam); // as it was before
  ASSERT_EQ(b.refused.size(), 1u);
  EXPECT_EQ(b.refused[0].invitation.to, "Elena Cinco"); // one you sent
  EXPECT_EQ(b.refused[0].kind, Kind::invalid);
  EXPECT_EQ(status("Carlos Tres").evaluation.state, protocol::State::declined);
  EXPECT_EQ(status("Berta Dos").evaluation.state, protocol::State::declined);
  // The same again changes nothing.
  const app::BulkDecision again =
      app::decide_many(*t.store, t.marta.id, {id("Carlos Tres")}, protocol::Decision::decline, fixed_now() + 1);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.unchanged.size(), 1u);
}

TEST_F(Actions, DecideManyRecordsNothingWhenAnIdIsOutOfScope)
{
  EXPECT_EQ(refusal_kind([&] {
              app::decide_many(*t.store, t.marta.id, {id("Carlos Tres"), id("Gema Siete")}, protocol::Decision::decline,
                               fixed_now());
            }),
            Kind::not_found);
  EXPECT_EQ(status("Carlos Tres").invitation.decision, std::nullopt);
}

TEST_F(Actions, SuggestedSelectsByTheSuggestion)
{
  const auto asks = app::suggested(*t.store, t.marta.id, protocol::Suggestion::ask, policy, config, fixed_now());
  ASSERT_EQ(asks.size(), 1u);
  EXPECT_EQ(asks[0].invitation.from, "Carlos Tres");
  // Berta's ask goes unanswered past the deadline: decline is suggested.
  const auto later = fixed_now() + 8 * 24 * one_hour;
  const auto declines = app::suggested(*t.store, t.marta.id, protocol::Suggestion::decline, policy, config, later);
  ASSERT_EQ(declines.size(), 1u);
  EXPECT_EQ(declines[0].invitation.from, "Berta Dos");
}

TEST_F(Actions, TheTriageQueueStartsWithWhatNeedsAnAction)
{
  // Newest first would open on Berta (asked: wait); the queue opens on Carlos (ask) and Ana (accept).
  const app::Queue q = app::triage_queue(*t.store, t.marta.id, policy, config, fixed_now());
  ASSERT_EQ(q.items.size(), 3u);
  EXPECT_EQ(q.items[0].invitation.from, "Carlos Tres");
  EXPECT_EQ(q.items[1].invitation.from, "Ana Uno");
  EXPECT_EQ(q.items[2].invitation.from, "Berta Dos");
  EXPECT_EQ(q.need_action(), 2u);
  EXPECT_EQ(q.to_ask, 1u);
  EXPECT_EQ(q.to_accept, 1u);
  EXPECT_EQ(q.waiting, 1u);
}

TEST_F(Actions, TheDetailHasMessagesRecordedNotesAndNotesOnThePerson)
{
  app::record_reply(*t.store, std::nullopt, id("Berta Dos"), {std::nullopt, "Hola", fixed_now()});
  const app::InvitationDetail berta =
      app::invitation_detail(*t.store, t.marta.id, id("Berta Dos"), policy, config, fixed_now());
  ASSERT_EQ(berta.recorded.size(), 2u);
  EXPECT_EQ(berta.recorded[0].kind, store::ActionKind::ask);
  EXPECT_EQ(berta.recorded[1].kind, store::ActionKind::reply);
  const app::InvitationDetail ana =
      app::invitation_detail(*t.store, t.marta.id, id("Ana Uno"), policy, config, fixed_now());
  EXPECT_EQ(ana.messages.size(), 2u);
  ASSERT_TRUE(ana.person);
  EXPECT_EQ(ana.person->notes, std::vector<std::string>{"nos vimos en la PyCon"});
  EXPECT_EQ(
      refusal_kind([&] { app::invitation_detail(*t.store, t.luis.id, id("Ana Uno"), policy, config, fixed_now()); }),
      Kind::not_found);
}
