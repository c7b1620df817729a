#include <motivo/app/arrivals.hpp>

#include <gtest/gtest.h>

#include <fstream>

#include "team_store.hpp"

using namespace motivo;
using motivo::fixture::fixed_now;
using motivo::fixture::TeamStore;

namespace {

std::tuple<std::uint64_t, std::uint64_t, std::uint64_t> counts(const app::Arrivals& a)
{
  return {a.invitations, a.replies, a.messages};
}

// A newer export of Marta's: Berta wrote before inviting (a message, not a reply) and after (a reply, twice: one
// reply), Ana again (a reply), Iván (no invitation) once, Marta herself once (not counted), and a draft.
void import_newer_export(TeamStore& t)
{
  const auto folder = t.dir / "marta2";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "messages.csv", std::ios::binary)
      << "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER,IS MESSAGE DRAFT\n"
         "c-berta,,Berta Dos,https://www.linkedin.com/in/berta-dos,Yo Mismo,2026-11-02 10:00:00 UTC,,Hola,INBOX,No\n"
         "c-berta,,Berta Dos,https://www.linkedin.com/in/berta-dos,Yo Mismo,2026-11-04 10:00:00 UTC,,Te "
         "cuento,INBOX,No\n"
         "c-berta,,Berta Dos,https://www.linkedin.com/in/berta-dos,Yo Mismo,2026-11-04 10:01:00 UTC,,y algo "
         "más,INBOX,No\n"
         "c-ana,,Ana Uno,https://www.linkedin.com/in/ana-uno,Yo Mismo,2026-11-06 10:00:00 UTC,,¿Seguimos?,INBOX,No\n"
         "c-ivan,,Iván Nueve,https://www.linkedin.com/in/ivan-nueve,Yo Mismo,2026-11-06 11:00:00 "
         "UTC,,¿Comemos?,INBOX,No\n"
         "c-ivan,,Yo Mismo,https://www.linkedin.com/in/yo-mismo,Iván Nueve,2026-11-06 12:00:00 UTC,,Vale,INBOX,No\n"
         "c-ivan,,Yo Mismo,https://www.linkedin.com/in/yo-mismo,Iván Nueve,2026-11-06 13:00:00 "
         "UTC,,borrador,DRAFT,Yes\n";
  std::ofstream(folder / "Profile.csv", std::ios::binary) << "First Name,Last Name\nYo,Mismo\n";
  app::ImportOptions options;
  options.now = fixed_now();
  options.user = t.marta.id;
  app::import_snapshot(*t.store, io::collect_inputs({folder.string()}), "marta2", options);
}

} // namespace

TEST(ArrivalsBetween, CountsReceivedInvitationsRepliesAndMessagesInScope)
{
  TeamStore t;
  const store::ArrivalMarks none{}, now = t.store->arrival_marks();
  // Marta's four received invitations (her two sent are not counted), Ana's reply; her own ask is no message.
  EXPECT_EQ(counts(app::arrivals_between(*t.store, t.marta.id, none, now)), std::tuple(4u, 1u, 0u));
  EXPECT_EQ(counts(app::arrivals_between(*t.store, t.luis.id, none, now)), std::tuple(1u, 0u, 0u));
  EXPECT_EQ(counts(app::arrivals_between(*t.store, std::nullopt, none, now)), std::tuple(5u, 1u, 0u));
  EXPECT_FALSE(app::arrivals_between(*t.store, std::nullopt, now, now).any());
  // Only rows inside the span: the invitations up to the marks' first, no message.
  const store::ArrivalMarks first_invitation{1, 0};
  EXPECT_EQ(counts(app::arrivals_between(*t.store, std::nullopt, none, first_invitation)),
            std::tuple(1u, 0u, 0u));
}

TEST(ArrivalsBetween, ARepliesOncePerInviterAndOnlyAfterTheInvitation)
{
  TeamStore t;
  const store::ArrivalMarks before = t.store->arrival_marks();
  import_newer_export(t);
  const store::ArrivalMarks after = t.store->arrival_marks();
  EXPECT_EQ(after.invitation, before.invitation);
  // Replies: Berta (twice after inviting: once) and Ana. Messages: Berta's before her invitation and Iván's.
  EXPECT_EQ(counts(app::arrivals_between(*t.store, t.marta.id, before, after)), std::tuple(0u, 2u, 2u));
  // Luis's scope holds none of Marta's people.
  EXPECT_FALSE(app::arrivals_between(*t.store, t.luis.id, before, after).any());
}
