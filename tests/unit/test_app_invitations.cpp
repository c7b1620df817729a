#include <motivo/app/invitations.hpp>
#include <motivo/app/refusal.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "team_store.hpp"

using namespace motivo;
using motivo::fixture::fixed_now;
using motivo::fixture::TeamStore;

namespace {

// The kind of refusal `f` throws, or nothing.
template <typename F>
std::optional<app::Refusal::Kind> refusal_of(F&& f, std::string* message = nullptr)
{
  try {
    f();
  } catch (const app::Refusal& e) {
    if (message) *message = e.what();
    return e.kind();
  }
  return std::nullopt;
}

using Kind = app::Refusal::Kind;

store::InvitationView stored(TeamStore& t, std::int64_t id)
{
  return app::find_invitation(*t.store, std::nullopt, id);
}

} // namespace

TEST(FindInvitation, ReachesTheScopesInvitationsOnly)
{
  TeamStore t;
  const std::int64_t anas = t.invitation_from("Ana Uno"), gemas = t.invitation_from("Gema Siete");
  EXPECT_EQ(app::find_invitation(*t.store, t.marta.id, anas).from, "Ana Uno");
  EXPECT_EQ(app::find_invitation(*t.store, std::nullopt, anas).from, "Ana Uno"); // everything: an admin
  EXPECT_EQ(app::find_invitation(*t.store, t.luis.id, gemas).from, "Gema Siete");
  std::string message;
  EXPECT_EQ(refusal_of([&] { app::find_invitation(*t.store, t.luis.id, anas); }, &message), Kind::not_found);
  EXPECT_EQ(message, "no invitation with id " + std::to_string(anas)); // as one that does not exist
  EXPECT_EQ(refusal_of([&] { app::find_invitation(*t.store, std::nullopt, 999999); }, &message), Kind::not_found);
  EXPECT_EQ(message, "no invitation with id 999999");
}

TEST(Decide, RecordsReceivedInvitationsInScope)
{
  TeamStore t;
  const std::int64_t anas = t.invitation_from("Ana Uno"), elenas = t.invitation_from("Elena Cinco");
  EXPECT_EQ(refusal_of([&] { app::decide(*t.store, t.luis.id, anas, protocol::Decision::decline, fixed_now()); }),
            Kind::not_found);
  EXPECT_EQ(stored(t, anas).decision, std::nullopt);
  std::string message;
  EXPECT_EQ(
      refusal_of([&] { app::decide(*t.store, t.marta.id, elenas, protocol::Decision::accept, fixed_now()); }, &message),
      Kind::invalid);
  EXPECT_EQ(message, fmt::format("invitation {} is one you sent: only received ones are decided", elenas));
  EXPECT_EQ(stored(t, elenas).decision, std::nullopt);
  const auto before = app::decide(*t.store, t.marta.id, anas, protocol::Decision::accept, fixed_now());
  EXPECT_EQ(before.decision, std::nullopt); // as it was found
  EXPECT_EQ(stored(t, anas).decision, protocol::Decision::accept);
  EXPECT_FALSE(stored(t, anas).label_by_user);
  // Spam is a decline that also labels the note spam, as the user's label.
  app::decide(*t.store, t.marta.id, anas, protocol::Decision::spam, fixed_now());
  EXPECT_EQ(stored(t, anas).decision, protocol::Decision::spam);
  EXPECT_EQ(stored(t, anas).label, classify::Label::spam);
  EXPECT_TRUE(stored(t, anas).label_by_user);
}

TEST(Decide, RefusesWhatContradictsTheData)
{
  TeamStore t;
  // Marta's next export: Ana is her connection now (accepted); Berta's and Carlos's invitations are gone and they
  // are not connections (withdrawn, or ignored); Dan's is still listed (decided spam before).
  const auto next = t.dir / "marta-next";
  std::filesystem::create_directories(next);
  std::ofstream(next / "Invitations.csv") << "From,To,Sent At,Message,Direction\n"
                                             "Ana Uno,Yo Mismo,\"11/1/26, 9:00 AM\",,INCOMING\n"
                                             "Dan Cuatro,Yo Mismo,\"11/7/26, 8:15 AM\",,INCOMING\n";
  std::ofstream(next / "Connections.csv") << "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                             "Ana,Uno,https://www.linkedin.com/in/ana-uno,,,,15 Nov 2026\n";
  app::ImportOptions options;
  options.now = fixed_now();
  options.user = t.marta.id;
  app::import_snapshot(*t.store, io::collect_inputs({next.string()}), "marta-next", options);
  const std::int64_t anas = t.invitation_from("Ana Uno"), carlos = t.invitation_from("Carlos Tres");
  const std::int64_t dans = t.invitation_from("Dan Cuatro");
  ASSERT_EQ(stored(t, anas).outcome, Outcome::accepted);
  ASSERT_EQ(stored(t, carlos).outcome, Outcome::withdrawn);
  const auto later = fixed_now() + 3600;
  std::string message;
  for (const auto d : {protocol::Decision::decline, protocol::Decision::spam, protocol::Decision::accept}) {
    EXPECT_EQ(refusal_of([&] { app::decide(*t.store, t.marta.id, anas, d, later); }, &message), Kind::conflict);
    EXPECT_EQ(message, fmt::format("invitation {0} is accepted already: Ana Uno is your connection (to mark the note "
                                   "spam: motivo label {0} spam)",
                                   anas));
  }
  EXPECT_EQ(stored(t, anas).decision, std::nullopt);
  EXPECT_EQ(refusal_of([&] { app::decide(*t.store, t.marta.id, carlos, protocol::Decision::accept, later); }, &message),
            Kind::conflict);
  EXPECT_EQ(message, fmt::format("invitation {} was withdrawn (or ignored): there is nothing to accept", carlos));
  EXPECT_EQ(stored(t, carlos).decision, std::nullopt);
  // Ignoring is how LinkedIn declines: a decline on one withdrawn is recorded; the same decision again keeps its time.
  app::decide(*t.store, t.marta.id, carlos, protocol::Decision::decline, later);
  app::decide(*t.store, t.marta.id, carlos, protocol::Decision::decline, later + 60);
  EXPECT_EQ(stored(t, carlos).decision, protocol::Decision::decline);
  EXPECT_EQ(stored(t, carlos).decision_at, later);
  // A pending one's decision may change: decide returns the one it replaced.
  EXPECT_EQ(app::decide(*t.store, t.marta.id, dans, protocol::Decision::accept, later).decision,
            protocol::Decision::spam);
  EXPECT_EQ(stored(t, dans).decision, protocol::Decision::accept);
}

TEST(Ask, RendersAndRecordsOnlyBeforeDeciding)
{
  TeamStore t;
  const std::int64_t anas = t.invitation_from("Ana Uno"), dans = t.invitation_from("Dan Cuatro");
  const std::int64_t elenas = t.invitation_from("Elena Cinco");
  const protocol::Config config;
  app::AskRequest request{18, "config.toml", "es", false, fixed_now()};
  EXPECT_EQ(refusal_of([&] { app::ask(*t.store, t.luis.id, anas, config, request); }), Kind::not_found);
  EXPECT_FALSE(stored(t, anas).recorded_ask);
  std::string message;
  EXPECT_EQ(refusal_of([&] { app::ask(*t.store, t.marta.id, elenas, config, request); }, &message), Kind::invalid);
  EXPECT_EQ(message, fmt::format("invitation {} is one you sent: ask the people who invite you", elenas));
  EXPECT_EQ(refusal_of([&] { app::ask(*t.store, t.marta.id, dans, config, request); }, &message), Kind::conflict);
  EXPECT_NE(message.find("decided already (spam)"), std::string::npos) << message;

  request.dry_run = true; // a dry run renders for a decided one, records nothing, and still refuses a sent one
  const app::Asked dry = app::ask(*t.store, t.marta.id, dans, config, request);
  EXPECT_FALSE(dry.recorded);
  EXPECT_EQ(dry.ask.language, "es");
  EXPECT_TRUE(dry.ask.text.starts_with("Buenas tardes, Dan.")) << dry.ask.text;
  EXPECT_FALSE(stored(t, dans).recorded_ask);
  EXPECT_EQ(refusal_of([&] { app::ask(*t.store, t.marta.id, elenas, config, request); }), Kind::invalid);

  request.dry_run = false;
  const app::Asked asked = app::ask(*t.store, t.marta.id, anas, config, request);
  EXPECT_TRUE(asked.recorded);
  EXPECT_EQ(asked.invitation.from, "Ana Uno");
  EXPECT_EQ(stored(t, anas).recorded_ask, fixed_now());
}

TEST(SetLabel, CorrectsLabelsInScope)
{
  TeamStore t;
  const std::int64_t anas = t.invitation_from("Ana Uno");
  const std::optional<classify::Label> classifiers = stored(t, anas).label;
  EXPECT_EQ(refusal_of([&] { app::set_label(*t.store, t.luis.id, anas, std::string("spam"), fixed_now()); }),
            Kind::not_found);
  EXPECT_EQ(refusal_of([&] { app::set_label(*t.store, t.marta.id, anas, std::string("nice"), fixed_now()); }),
            Kind::invalid);
  EXPECT_FALSE(stored(t, anas).label_by_user);
  app::set_label(*t.store, t.marta.id, anas, std::string("spam"), fixed_now());
  EXPECT_EQ(stored(t, anas).label, classify::Label::spam);
  EXPECT_TRUE(stored(t, anas).label_by_user);
  app::set_label(*t.store, std::nullopt, anas, std::nullopt, fixed_now());
  EXPECT_EQ(stored(t, anas).label, classifiers);
  EXPECT_FALSE(stored(t, anas).label_by_user);
}

TEST(InvitationFilter, ParsesTheWordsOfOptionsAndParameters)
{
  const app::InvitationFilter f = app::parse_filter({"incoming", "spam", "no_reply", "ask"});
  EXPECT_EQ(f.direction, Direction::incoming);
  EXPECT_EQ(f.label, classify::Label::spam);
  EXPECT_EQ(f.state, protocol::State::no_reply);
  EXPECT_EQ(f.suggestion, protocol::Suggestion::ask);
  const app::InvitationFilter none = app::parse_filter({});
  EXPECT_FALSE(none.direction || none.label || none.state || none.suggestion);
  const auto error_of = [](const app::FilterWords& words) {
    try {
      app::parse_filter(words);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(error_of({"sideways", {}, {}, {}}), "direction: must be incoming or outgoing (\"sideways\")");
  EXPECT_EQ(error_of({{}, "nice", {}, {}}), "label: unknown label (\"nice\")");
  EXPECT_EQ(error_of({{}, {}, "", {}}), "state: unknown state (\"\")"); // given empty: not a state
  EXPECT_EQ(error_of({{}, {}, {}, "maybe"}), "suggestion: unknown suggestion (\"maybe\")");
}

TEST(InvitationFilter, ListingFromTheStoreSelectsAsFromMemory)
{
  TeamStore t;
  const protocol::Config config;
  const protocol::Policy policy = protocol::active_policy(config, std::nullopt);
  store::InvitationQuery all_of_marta;
  all_of_marta.user = t.marta.id;
  const auto all = app::invitation_statuses(*t.store, all_of_marta, policy, config, fixed_now());
  ASSERT_EQ(all.size(), 6u);
  const auto ids = [](const std::vector<app::InvitationStatus>& list) {
    std::vector<std::int64_t> out;
    for (const auto& s : list) out.push_back(s.invitation.id);
    return out;
  };
  std::vector<app::InvitationFilter> filters(8);
  filters[1].direction = Direction::outgoing;
  filters[2].label = classify::Label::template_text; // Carlos's, by the user's label
  filters[3].state = protocol::State::declined;
  filters[4].undecided = true;
  filters[4].direction = Direction::incoming;
  filters[5].limit = 2; // the store limits
  filters[6].offset = 1;
  filters[6].limit = 3;
  filters[7].undecided = true;
  filters[7].limit = 1; // limited after the evaluation
  for (std::size_t i = 0; i < filters.size(); ++i) {
    const auto listed = app::list_invitations(*t.store, t.marta.id, filters[i], policy, config, fixed_now());
    EXPECT_EQ(ids(listed), ids(app::select_invitations(all, filters[i]))) << "filter " << i;
  }
  EXPECT_EQ(app::select_invitations(all, filters[0]).size(), 6u);
  EXPECT_EQ(app::select_invitations(all, filters[1]).size(), 2u);
  EXPECT_EQ(ids(app::select_invitations(all, filters[2])), std::vector<std::int64_t>{t.invitation_from("Carlos Tres")});
  EXPECT_EQ(ids(app::select_invitations(all, filters[3])), std::vector<std::int64_t>{t.invitation_from("Dan Cuatro")});
  EXPECT_EQ(app::select_invitations(all, filters[5]).size(), 2u);
  EXPECT_EQ(ids(app::select_invitations(all, filters[6])),
            (std::vector<std::int64_t>{ids(all)[1], ids(all)[2], ids(all)[3]}));
  for (const auto& s : app::select_invitations(all, filters[4]))
    EXPECT_NE(s.evaluation.suggestion, protocol::Suggestion::none);
  // Another member's list holds none of these.
  EXPECT_EQ(app::list_invitations(*t.store, t.luis.id, {}, policy, config, fixed_now()).size(), 2u);
}

TEST(RecentMessages, AreThoseWithTheOtherPerson)
{
  TeamStore t;
  const auto anas =
      app::recent_messages(*t.store, app::find_invitation(*t.store, {}, t.invitation_from("Ana Uno")), 10);
  ASSERT_EQ(anas.size(), 2u);
  EXPECT_TRUE(anas[0].from_owner);
  EXPECT_EQ(anas[1].content, "Porque me gustó tu charla");
  EXPECT_EQ(app::recent_messages(*t.store, app::find_invitation(*t.store, {}, t.invitation_from("Ana Uno")), 1).size(),
            1u);
  EXPECT_TRUE(
      app::recent_messages(*t.store, app::find_invitation(*t.store, {}, t.invitation_from("Gema Siete")), 10).empty());
}

TEST(AddPersonNote, KeepsANoteOnThePeopleOfTheScopesInvitations)
{
  TeamStore t;
  const auto anas = stored(t, t.invitation_from("Ana Uno")), gemas = stored(t, t.invitation_from("Gema Siete"));
  ASSERT_TRUE(anas.other_person && gemas.other_person);
  app::add_person_note(*t.store, t.marta.id, *anas.other_person, "de la charla", fixed_now());
  app::add_person_note(*t.store, std::nullopt, *gemas.other_person, "vecina", fixed_now()); // an admin: anyone
  EXPECT_EQ(refusal_of([&] { app::add_person_note(*t.store, t.luis.id, *anas.other_person, "no", fixed_now()); }),
            Kind::not_found); // another member's contact, as nobody
  EXPECT_EQ(refusal_of([&] { app::add_person_note(*t.store, std::nullopt, 999999, "nadie", fixed_now()); }),
            Kind::not_found);
  EXPECT_EQ(refusal_of([&] { app::add_person_note(*t.store, t.marta.id, *anas.other_person, "  ", fixed_now()); }),
            Kind::invalid);
  const auto found = t.store->find_people(std::to_string(*anas.other_person));
  ASSERT_EQ(found.size(), 1U);
  ASSERT_FALSE(found[0].notes.empty());
  EXPECT_EQ(found[0].notes.back(), "de la charla"); // after the fixture's own note
  EXPECT_EQ(found[0].notes.size(), 2U);             // and nothing of the refused ones
}
