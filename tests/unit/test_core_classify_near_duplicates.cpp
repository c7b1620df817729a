#include <motivo/core/classify/near_duplicates.hpp>

#include <gtest/gtest.h>

#include <vector>

using namespace motivo::classify;

TEST(NearDuplicates, GroupsAlikeNotesOfAnySize)
{
  const std::vector<Note> notes = {
      {"Hi Ana, we met at the Lisbon robotics meetup last week and I loved your demo of the arm", "Paul", "Ana"},
      {"Totally unrelated: I am hiring engineers for a startup in Berlin, interested?", "Eva", "Ana"},
      {"Hi Luis, we met at the Lisbon robotics meetup last week and I loved your demo of the arm!", "Paul", "Luis"},
      {"Hi there", "Max", "Ana"}, // too short to compare
  };
  const std::vector<std::int64_t> groups = near_duplicate_groups(notes);
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_EQ(groups[0], 0);
  EXPECT_EQ(groups[2], 0); // two notes are enough, from one sender
  EXPECT_EQ(groups[1], -1);
  EXPECT_EQ(groups[3], -1);
}
