// Learning from the user, measured (issue 22): a simulated user works through the development set in a random
// order, correcting each mistake of the rules and deciding on every other note, until they have corrected the first
// 5 %, 10 % or 20 % of all mistakes; the accuracy on the notes they have not reached yet, with what they taught
// (app::Learning: near-duplicates of a correction, the user's model) against the rules alone.
//
//   build/bench/motivo_learning_sim DEVSET.jsonl [SEEDS]
//
// Two orders: "by group" shuffles whole groups of near-duplicates (classify::near_duplicate_groups, or the same
// folded text), so no note reviewed has a near-duplicate left to judge and only what generalises counts; "by note"
// shuffles notes one by one, as they arrive, so corrections also reach near-duplicates. Each figure is the mean over
// SEEDS orders (10 unless given). Not a test: the figures are in docs/CLASSIFIER.md.
#include <motivo/app/learning.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/near_duplicates.hpp>
#include <motivo/store/store.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

using namespace motivo;

namespace {

struct Devset {
  std::vector<std::string> texts, senders, recipients;
  std::vector<classify::Label> gold;
  std::vector<classify::Note> notes;
};

Devset read(const std::string& path)
{
  Devset d;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = nlohmann::json::parse(line);
    d.texts.push_back(j.at("text"));
    d.senders.push_back(j.value("sender", ""));
    d.recipients.push_back(j.value("recipient", ""));
    d.gold.push_back(*classify::parse_label(j.at("label").get<std::string>()));
  }
  for (std::size_t i = 0; i < d.texts.size(); ++i) d.notes.push_back({d.texts[i], d.senders[i], d.recipients[i]});
  return d;
}

// Each note's group: its near-duplicates, and notes of the same folded text.
std::vector<std::size_t> groups_of(const Devset& d)
{
  const std::vector<std::int64_t> near = classify::near_duplicate_groups(d.notes);
  std::map<std::string, std::size_t> by_text;
  std::vector<std::size_t> out(d.notes.size());
  for (std::size_t i = 0; i < d.notes.size(); ++i) {
    const std::size_t same = by_text.emplace(classify::fold(d.texts[i]), i).first->second;
    out[i] = near[i] >= 0 ? static_cast<std::size_t>(near[i]) : same;
  }
  return out;
}

struct Simulated {
  double without = 0, with = 0;        // accuracy on the rest
  double taught = 0, taught_right = 0; // notes relabelled by learning, and how many of those became right
  double rest = 0, corrections = 0;
  double like = 0, like_right = 0; // of those, relabelled like a corrected near-duplicate
};

// One simulated user over `order`, correcting `corrections` mistakes.
Simulated simulate(const Devset& d, const std::vector<classify::Result>& rules, const std::vector<std::size_t>& order,
                   std::size_t corrections)
{
  store::Notes stored;
  std::vector<bool> reviewed(d.notes.size());
  std::size_t made = 0;
  for (std::size_t k = 0; k < order.size() && made < corrections; ++k) {
    const std::size_t i = order[k];
    reviewed[i] = true;
    if (rules[i].label != d.gold[i]) ++made;
  }
  for (std::size_t i = 0; i < d.notes.size(); ++i) {
    store::NoteFacts f;
    f.owner = 1;
    f.label = rules[i].label;
    if (reviewed[i] && rules[i].label != d.gold[i]) {
      f.user_label = d.gold[i];
      f.user_label_at = static_cast<datetime::UnixSeconds>(i);
    } else if (reviewed[i]) {
      f.decision = d.gold[i] == classify::Label::spam           ? protocol::Decision::spam
                   : d.gold[i] == classify::Label::personalized ? protocol::Decision::accept
                                                                : protocol::Decision::decline;
    }
    stored.add(static_cast<std::int64_t>(i + 1), d.senders[i], d.recipients[i], d.texts[i], f);
  }
  const app::Learning learning(stored);
  Simulated o;
  o.corrections = static_cast<double>(made);
  for (std::size_t i = 0; i < d.notes.size(); ++i) {
    if (reviewed[i]) continue;
    classify::Result r = rules[i];
    const auto how = learning.apply(i, stored.facts[i], stored.notes[i], r);
    const bool taught = how != app::Learning::Taught::nothing && r.label != rules[i].label;
    const bool like = taught && how == app::Learning::Taught::like_corrected;
    o.like += like ? 1 : 0;
    o.like_right += like && r.label == d.gold[i] ? 1 : 0;
    o.rest += 1;
    o.without += rules[i].label == d.gold[i] ? 1 : 0;
    o.with += r.label == d.gold[i] ? 1 : 0;
    o.taught += taught ? 1 : 0;
    o.taught_right += taught && r.label == d.gold[i] ? 1 : 0;
  }
  return o;
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    fmt::print(stderr, "usage: motivo_learning_sim DEVSET.jsonl [SEEDS]\n");
    return 2;
  }
  const Devset d = read(argv[1]);
  const int seeds = argc > 2 ? std::stoi(argv[2]) : 10;
  const classify::Classifier classifier;
  const std::vector<classify::Result> rules = classifier.classify_batch(d.notes);
  std::size_t mistakes = 0;
  for (std::size_t i = 0; i < rules.size(); ++i) mistakes += rules[i].label != d.gold[i] ? 1 : 0;
  const std::vector<std::size_t> groups = groups_of(d);
  fmt::print("{} notes, {} mistakes of the rules ({} groups of near-duplicates or equal texts); mean of {} orders\n\n",
             d.notes.size(), mistakes, std::set<std::size_t>(groups.begin(), groups.end()).size(), seeds);
  fmt::print("| order | mistakes corrected | notes left | accuracy, rules alone | with learning | relabelled | of "
             "which right | like a correction | of which right |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  const auto started = std::chrono::steady_clock::now();
  for (const bool by_group : {true, false}) {
    for (const double share : {0.05, 0.10, 0.20}) {
      const auto corrections = static_cast<std::size_t>(std::ceil(share * static_cast<double>(mistakes)));
      Simulated sum;
      for (int seed = 1; seed <= seeds; ++seed) {
        std::mt19937 random(static_cast<unsigned>(seed));
        std::vector<std::size_t> order(d.notes.size());
        std::iota(order.begin(), order.end(), 0);
        if (by_group) {
          // Groups in a random order, each group's notes together.
          std::map<std::size_t, unsigned> rank;
          for (const std::size_t g : groups) rank.emplace(g, 0);
          std::vector<std::size_t> keys;
          for (const auto& [g, _] : rank) keys.push_back(g);
          std::shuffle(keys.begin(), keys.end(), random);
          for (unsigned k = 0; k < keys.size(); ++k) rank[keys[k]] = k;
          std::stable_sort(order.begin(), order.end(),
                           [&](std::size_t a, std::size_t b) { return rank[groups[a]] < rank[groups[b]]; });
        } else {
          std::shuffle(order.begin(), order.end(), random);
        }
        const Simulated o = simulate(d, rules, order, corrections);
        sum.without += o.without / o.rest;
        sum.with += o.with / o.rest;
        sum.taught += o.taught;
        sum.taught_right += o.taught_right;
        sum.rest += o.rest;
        sum.like += o.like;
        sum.like_right += o.like_right;
      }
      const double n = seeds;
      fmt::print("| {} | {:.0f} % ({}) | {:.0f} | {:.4f} | {:.4f} | {:.1f} | {:.1f} | {:.1f} | {:.1f} |\n",
                 by_group ? "by group" : "by note", share * 100, corrections, sum.rest / n, sum.without / n,
                 sum.with / n, sum.taught / n, sum.taught_right / n, sum.like / n, sum.like_right / n);
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("\n{:.1f} s for {} simulated users\n", seconds, 6 * seeds);
  return 0;
}
