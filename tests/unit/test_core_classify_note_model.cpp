#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/note_model.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace motivo::classify;

namespace {

std::size_t at(Label l)
{
  return static_cast<std::size_t>(l);
}

// Notes about a chess club are personal, pitches with a discount spam: a model of the text alone learns both.
NoteModel chess_model(const Classifier& rules)
{
  std::vector<LogisticExample> examples;
  const char* personal[] = {"see you at the chess club on Thursday", "good game at the chess club yesterday",
                            "the chess club tournament was fun", "rematch at the chess club soon?"};
  const char* spam[] = {"huge discount on followers today", "discount offer: buy followers now",
                        "followers at a discount, limited offer", "best discount for new followers"};
  for (int round = 0; round < 20; ++round) {
    for (const char* t : personal)
      examples.push_back({rules.model_features({t, "", ""}, false), at(Label::personalized)});
    for (const char* t : spam) examples.push_back({rules.model_features({t, "", ""}, false), at(Label::spam)});
  }
  return NoteModel::train(examples, 7);
}

} // namespace

TEST(NoteModel, FeaturesFoldCaseAccentsAndNames)
{
  const Classifier rules(ModelUse::rules, nullptr);
  EXPECT_EQ(rules.model_features({"Merci pour la conférence", "", ""}, false),
            rules.model_features({"MERCI pour la conference", "", ""}, false));
  EXPECT_EQ(rules.model_features({"Thanks for the talk, Marta", "", "Marta Ruiz"}, false),
            rules.model_features({"Thanks for the talk, Pilar", "", "Pilar Gil"}, false));
  // The rules' signals come on top of the text's n-grams.
  EXPECT_GT(rules.model_features({"Buy now at https://x.example", "", ""}, true).size(),
            rules.model_features({"Buy now at https://x.example", "", ""}, false).size());
}

TEST(NoteModel, LearnsAndReadsBackTheSame)
{
  const Classifier rules(ModelUse::rules, nullptr);
  const NoteModel m = chess_model(rules);
  EXPECT_GE(m.features(), 1u); // pruned hard: weights below 0.25 are dropped
  const std::string text = m.serialize();
  const auto back = NoteModel::parse(text);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->serialize(), text);
  const auto f = rules.model_features({"chess club on Friday?", "", ""}, false);
  EXPECT_EQ(back->predict(f), m.predict(f));
  EXPECT_FALSE(NoteModel::parse("feature\tempty\n00ff\t1\t2\n"));
}

TEST(NoteModel, TheShippedModelReadsNotesInAnyLanguage)
{
  const NoteModel* m = NoteModel::embedded();
  ASSERT_NE(m, nullptr);
  EXPECT_GT(m->features(), 1000u);
  EXPECT_EQ(NoteModel::parse(m->serialize())->serialize(), m->serialize());
  const Classifier rules(ModelUse::rules, nullptr);
  const auto p = m->predict(rules.model_features(
      {"Hej Anna, vi var i samma klass på KTH 2015, kul att se dig här!", "Erik Lund", "Anna Berg"}, true));
  EXPECT_GT(p[at(Label::personalized)], p[at(Label::template_text)]);
  const auto q = m->predict(rules.model_features(
      {"Earn $5,000 a week from home! Message me on WhatsApp +1 555 0100 200", "Bob", "Ana"}, true));
  EXPECT_GT(q[at(Label::spam)], 0.5);
}

TEST(NoteModel, BlendLeavesStockTextsToTheRulesAndNamesItsShare)
{
  const Classifier blended; // the rules and the shipped model
  const Result stock = blended.classify({"I'd like to add you to my professional network on LinkedIn.", "", ""});
  EXPECT_EQ(stock.label, Label::default_text);
  EXPECT_TRUE(std::none_of(stock.reasons.begin(), stock.reasons.end(),
                           [](const std::string& r) { return r.starts_with("model: "); }));
  EXPECT_EQ(blended.classify({"", "", ""}).label, Label::empty);
  // A short note naming a shared class, in a language the cue lists barely know: the rules doubt, the model decides.
  const Result r = blended.classify(
      {"Bună Mihai, am fost colegi de cameră în căminul Grozăvești, în anul doi la Politehnică.", "", "Mihai Pop"});
  EXPECT_EQ(r.label, Label::personalized);
  EXPECT_TRUE(std::any_of(r.reasons.begin(), r.reasons.end(), [](const std::string& s) {
    return s.starts_with("model: ") && s.ends_with(" personalized");
  }));
}
