#include <motivo/core/linkedin/owner.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// Issue 20, item 14: with no account stored, a tie is nobody's: the import asks whose export it is instead of taking
// either (the other person could become the owner).
TEST(OwnerFinder, AnUnsettledTieDecidesNobody)
{
  OwnerFinder owner;
  owner.add_message_participant("Ana Ruiz", "https://www.linkedin.com/in/ana");
  owner.add_message_participant("Me Myself", "");
  owner.add_message_participant("Me Myself", "");
  owner.add_message_participant("Ana Ruiz", "");
  EXPECT_TRUE(owner.found());
  EXPECT_FALSE(owner.decided());
  EXPECT_EQ(owner.name(), "");
  EXPECT_EQ(owner.url(), "");
  EXPECT_EQ(owner.leaders(), (std::vector<std::string>{"Ana Ruiz", "Me Myself"}));
  // A stored account that is not among the tied settles nothing.
  owner.prefer("Bea");
  EXPECT_FALSE(owner.decided());
}

TEST(OwnerFinder, TheUserSettlesATie)
{
  OwnerFinder owner;
  owner.prefer("Ana Ruiz");
  owner.add_message_participant("Ana Ruiz", "https://www.linkedin.com/in/ana");
  owner.add_message_participant("Me Myself", "");
  // Any spelling of a leader's name; nobody else.
  EXPECT_FALSE(owner.choose("Bea"));
  EXPECT_FALSE(owner.choose(""));
  EXPECT_EQ(owner.name(), "Ana Ruiz");
  EXPECT_TRUE(owner.choose("me  MYSELF"));
  EXPECT_TRUE(owner.decided());
  EXPECT_EQ(owner.name(), "Me Myself");
  EXPECT_EQ(owner.disagreeing(), 1u);
}

TEST(OwnerFinder, OnlyTheClearOwnerCanBeChosen)
{
  OwnerFinder owner;
  owner.add_invitation(Direction::incoming, "Ana", "Me", "", "");
  owner.add_invitation(Direction::outgoing, "Me", "Bea", "", "");
  owner.add_invitation(Direction::outgoing, "Ana", "Bea", "", ""); // a merged export: Ana once on the owner side
  EXPECT_EQ(owner.leaders(), std::vector<std::string>{"Me"});
  EXPECT_FALSE(owner.choose("Ana"));
  EXPECT_TRUE(owner.choose("Me"));
  EXPECT_EQ(owner.name(), "Me");
}
