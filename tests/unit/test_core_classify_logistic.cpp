#include <motivo/core/classify/logistic.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace motivo::classify;

namespace {

// Feature 1 means class 2, feature 2 class 4, feature 3 appears in both.
std::vector<LogisticExample> toy()
{
  std::vector<LogisticExample> out;
  for (int i = 0; i < 10; ++i) {
    out.push_back({{1, 3}, 2});
    out.push_back({{2, 3}, 4});
  }
  return out;
}

} // namespace

TEST(Logistic, LearnsWhichFeatureMeansWhichClass)
{
  const LogisticModel m = train_logistic(toy(), {});
  const auto a = softmax(m.logits(std::vector<std::uint32_t>{1}));
  const auto b = softmax(m.logits(std::vector<std::uint32_t>{2}));
  EXPECT_GT(a[2], 0.9);
  EXPECT_GT(b[4], 0.9);
  EXPECT_NEAR(m.bias[2], std::log(0.5), 1e-12); // the class shares, not trained further
  EXPECT_EQ(m.bias[0], -10);
}

TEST(Logistic, AShuffledOrderIsFixedBySeed)
{
  LogisticOptions o;
  o.shuffle_seed = 7;
  const LogisticModel a = train_logistic(toy(), o), b = train_logistic(toy(), o);
  EXPECT_EQ(a.weights.at(3), b.weights.at(3));
  o.shuffle_seed = 8;
  const LogisticModel c = train_logistic(toy(), o);
  EXPECT_NE(a.weights.at(1), c.weights.at(1));
}
