#include <motivo/core/classify/calibration.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/data_files.hpp>

#include <gtest/gtest.h>

#include <vector>

using namespace motivo::classify;

TEST(Calibration, StepsOfTheScoreByLabel)
{
  const Calibration c({{"template", "0.5", "0.6"}, {"template", "0.8", "0.9"}, {"spam", "0.6", "0.95"}});
  EXPECT_DOUBLE_EQ(c.probability(Label::template_text, 0.5), 0.6);
  EXPECT_DOUBLE_EQ(c.probability(Label::template_text, 0.79), 0.6);
  EXPECT_DOUBLE_EQ(c.probability(Label::template_text, 0.8), 0.9);
  EXPECT_DOUBLE_EQ(c.probability(Label::template_text, 0.99), 0.9);
  EXPECT_DOUBLE_EQ(c.probability(Label::template_text, 0.3), 0.6); // below every step: the first
  EXPECT_DOUBLE_EQ(c.probability(Label::spam, 0.7), 0.95);
  EXPECT_DOUBLE_EQ(c.probability(Label::personalized, 0.7), 0.7); // no rows: the score stays
}

TEST(Calibration, ApplyKeepsTheScore)
{
  const Calibration c({{"personalized", "0.5", "0.55"}});
  Result r;
  r.label = Label::personalized;
  r.confidence = 0.8;
  c.apply(r);
  EXPECT_DOUBLE_EQ(r.score, 0.8);
  EXPECT_DOUBLE_EQ(r.confidence, 0.55);
}

TEST(Calibration, BadRowIsABuildError)
{
  EXPECT_THROW(Calibration({{"maybe", "0.5", "0.5"}}), std::logic_error);
}

TEST(Calibration, EmbeddedTableIsMonotoneProbabilities)
{
  // Isotonic regression's output: per label, probabilities in [0, 1] that never fall as the score rises.
  std::vector<std::vector<std::string>> rows = motivo::data::rows("calibration.tsv");
  ASSERT_FALSE(rows.empty());
  const Calibration& c = Calibration::embedded();
  for (const Label l : all_labels) {
    double last = 0;
    for (double s = 0.5; s <= 1.0; s += 0.01) {
      const double p = c.probability(l, s);
      EXPECT_GE(p, 0.0);
      EXPECT_LE(p, 1.0);
      if (l != Label::empty) {
        EXPECT_GE(p + 1e-12, last) << label_name(l) << " at " << s;
      }
      last = p;
    }
  }
}

TEST(Calibration, ClassifierConfidenceIsCalibrated)
{
  const Classifier classifier;
  const Result r = classifier.classify({"Hi, I'd like to add you to my professional network.", "", ""});
  EXPECT_DOUBLE_EQ(r.confidence, Calibration::embedded().probability(r.label, r.score));
}

TEST(Calibration, ReliabilityTableAndExpectedError)
{
  // Ten at 0.95, nine right; ten at 0.55, five right: |0.9 − 0.95| and |0.5 − 0.55| each weigh a half.
  std::vector<Prediction> p;
  for (int i = 0; i < 10; ++i) p.push_back({0.95, i < 9});
  for (int i = 0; i < 10; ++i) p.push_back({0.55, i < 5});
  const Reliability r = reliability(p);
  EXPECT_EQ(r.total, 20u);
  ASSERT_EQ(r.bins.size(), 10u);
  EXPECT_EQ(r.bins[9].count, 10u);
  EXPECT_NEAR(r.bins[9].accuracy, 0.9, 1e-12);
  EXPECT_EQ(r.bins[5].count, 10u);
  EXPECT_NEAR(r.expected_error, 0.05, 1e-12);
  // A confidence of exactly 1 falls in the last bin.
  EXPECT_EQ(reliability(std::vector<Prediction>{{1.0, true}}).bins[9].count, 1u);
}

TEST(Calibration, CheckBelowThreshold)
{
  EXPECT_TRUE(needs_check(check_below - 0.01));
  EXPECT_FALSE(needs_check(check_below));
  EXPECT_FALSE(needs_check(0.99));
}
