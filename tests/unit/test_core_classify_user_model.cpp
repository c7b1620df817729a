#include <motivo/core/classify/user_model.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace motivo::classify;

namespace {

// A user who says notes about the chess club are personal, while the rules call them templates.
std::vector<Example> chess_examples()
{
  return {
      {{"Hi Ana, see you at the chess club on Thursday", "Paul", "Ana"}, Label::personalized, Label::template_text},
      {{"Good game at the chess club yesterday, rematch soon", "Eva", "Ana"},
       Label::personalized,
       Label::template_text},
      {{"Great to connect with professionals like you", "Max", "Ana"}, Label::template_text},
      {{"I would like to expand my network with professionals", "Bo", "Ana"}, Label::template_text},
      {{"Cheap followers, visit my website now", "Zed", "Ana"}, Label::spam},
  };
}

} // namespace

TEST(UserModel, LearnsTheUsersWords)
{
  const UserModel m = UserModel::train(chess_examples());
  EXPECT_EQ(m.examples(), 5u);
  const auto p = m.predict({"Are you coming to the chess club tonight?", "Lia", "Ana"});
  EXPECT_GT(p[static_cast<std::size_t>(Label::personalized)], p[static_cast<std::size_t>(Label::template_text)]);
  const auto q = m.predict({"Happy to connect with professionals in my network", "Lia", "Ana"});
  EXPECT_GT(q[static_cast<std::size_t>(Label::template_text)], q[static_cast<std::size_t>(Label::personalized)]);
}

TEST(UserModel, BlendRelabelsWithReasons)
{
  const UserModel m = UserModel::train(chess_examples());
  Result r;
  r.label = Label::template_text;
  r.confidence = 0.7;
  r.reasons = {"nothing ties it to the recipient"};
  const Note note{"See you at the chess club on Thursday, bring the clock", "Lia", "Ana"};
  ASSERT_TRUE(m.blend(note, r));
  EXPECT_EQ(r.label, Label::personalized);
  ASSERT_GE(r.reasons.size(), 3u);
  EXPECT_EQ(r.reasons[0].rfind("your corrections: ", 0), 0u) << r.reasons[0];
  EXPECT_NE(r.reasons[0].find(" personalized"), std::string::npos);
  EXPECT_EQ(r.reasons[1], "the rules alone: template (0.70)");
  EXPECT_EQ(r.reasons[2], "nothing ties it to the recipient");
}

// One correction is no pattern yet: the model cannot show, on the user's examples it did not see, that it moves
// notes rightly (cross-validation), so the move stays closed; copies of the corrected note are the near-duplicate
// rule's (app::Learning). Before, any one correction opened its move, and on the simulated users of
// docs/CLASSIFIER.md learning cost up to 2.8 points of accuracy.
TEST(UserModel, OneCorrectionDoesNotOpenItsMove)
{
  std::vector<Example> examples = chess_examples();
  examples.erase(examples.begin() + 1); // one chess correction left
  const UserModel m = UserModel::train(examples);
  Result r;
  r.label = Label::template_text;
  r.confidence = 0.7;
  EXPECT_FALSE(m.blend({"See you at the chess club on Thursday, bring the clock", "Lia", "Ana"}, r));
  EXPECT_EQ(r.label, Label::template_text);
}

TEST(UserModel, UnrelatedNotesKeepTheRulesLabel)
{
  const UserModel m = UserModel::train(chess_examples());
  Result r;
  r.label = Label::default_text;
  r.confidence = 0.99;
  EXPECT_FALSE(m.blend({"I'd like to add you to my professional network on LinkedIn.", "Lia", "Ana"}, r));
  EXPECT_EQ(r.label, Label::default_text);
  Result empty;
  empty.label = Label::empty;
  EXPECT_FALSE(m.blend({"", "Lia", "Ana"}, empty));
}

TEST(UserModel, SerializedModelPredictsTheSame)
{
  const UserModel m = UserModel::train(chess_examples());
  const std::string text = m.serialize();
  EXPECT_EQ(text.find("chess"), std::string::npos); // hashes, never words
  const auto back = UserModel::parse(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->serialize(), text);
  const Note note{"chess club on Thursday?", "Lia", "Ana"};
  const auto a = m.predict(note), b = back->predict(note);
  for (std::size_t k = 0; k < a.size(); ++k) EXPECT_NEAR(a[k], b[k], 1e-3);
  EXPECT_FALSE(UserModel::parse("something else"));
  EXPECT_FALSE(UserModel::parse(text.substr(0, text.size() / 2) + " zz"));
}

TEST(UserModel, FingerprintFollowsTheExamples)
{
  auto examples = chess_examples();
  const std::string before = fingerprint(examples);
  EXPECT_EQ(fingerprint(examples), before);
  examples[0].label = Label::template_text;
  EXPECT_NE(fingerprint(examples), before);
}
