#include <motivo/core/linkedin/owner.hpp>

#include <gtest/gtest.h>

using namespace motivo;
using motivo::linkedin::OwnerFinder;

TEST(OwnerFinder, TheOneOnEveryInvitationsOwnerSide)
{
  OwnerFinder owner;
  owner.add_invitation(Direction::incoming, "Ana", "Lucía Ortega", "", "https://www.linkedin.com/in/lucia");
  owner.add_invitation(Direction::outgoing, "Lucía  Ortega", "Bea", "", "");
  EXPECT_EQ(owner.name(), "Lucía Ortega");
  EXPECT_EQ(owner.url(), "https://www.linkedin.com/in/lucia");
  EXPECT_EQ(owner.disagreeing(), 0u);
}

TEST(OwnerFinder, ATieGoesToTheAccountTheDatabaseHolds)
{
  // A messages.csv of one conversation names both people equally often.
  for (const char* stored : {"Me", "Ana"}) {
    OwnerFinder owner;
    owner.prefer(stored);
    owner.add_message_participant("Ana", "");
    owner.add_message_participant("Me", "");
    EXPECT_EQ(owner.name(), stored);
  }
  // A clear majority wins whatever the database holds.
  OwnerFinder owner;
  owner.prefer("Ana");
  owner.add_message_participant("Me", "");
  owner.add_message_participant("Me", "");
  owner.add_message_participant("Ana", "");
  EXPECT_EQ(owner.name(), "Me");
}
