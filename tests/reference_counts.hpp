#pragma once

// What each real export in ../shared/data/linkedin-exports must give once imported: counts computed
// independently by scripts/reference-counts.py (Python, from the written rules). Shared by the import tests and
// the storage conformance suite.

#include <motivo/store/store.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <string>

namespace motivo::reference {

struct Expected {
  std::int64_t incoming, outgoing, messages, drafts, connections, people;
};

inline const std::map<std::string, Expected>& expected_counts()
{
  static const std::map<std::string, Expected> counts{
      {"2018-11_abhishekwebcode", {7, 4, 25, 0, 41, 53}},
      {"2022-09_sajiah", {58, 10, 235, 0, 313, 345}},
      {"2024-01_maria-del-carmen", {143, 467, 365, 0, 432, 623}},
      {"2024-12_feynman10", {51, 1545, 2142, 11, 3761, 4380}},
      {"2026-02_ieglam", {20, 118, 0, 0, 0, 139}},
      {"2026-04_jrl319", {80, 59, 1121, 0, 0, 384}},
  };
  return counts;
}

// The six exports in one store: the sums, except people (2 names and 3 LinkedIn staff senders appear in several).
inline constexpr Expected all_six{359, 2203, 3888, 11, 4547, 5918};

inline void expect_counts(const store::Counts& c, const Expected& e, const std::string& what)
{
  EXPECT_EQ(c.incoming, e.incoming) << what;
  EXPECT_EQ(c.outgoing, e.outgoing) << what;
  EXPECT_EQ(c.messages, e.messages) << what;
  EXPECT_EQ(c.drafts, e.drafts) << what;
  EXPECT_EQ(c.connections, e.connections) << what;
  EXPECT_EQ(c.people, e.people) << what;
}

} // namespace motivo::reference
