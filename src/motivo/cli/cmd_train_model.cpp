#include <motivo/cli/commands.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/evaluation.hpp>
#include <motivo/core/classify/near_duplicates.hpp>
#include <motivo/core/classify/note_model.hpp>
#include <motivo/core/error.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>

// `motivo train-model`: the developer's command that trains the shipped note model (data/note_model.tsv) from the
// labelled corpus with a fixed seed, and reports what the rules, the model and the blend each give, by grouped
// cross-validation and on the evaluation sets (docs/CLASSIFIER.md).
namespace motivo::cli {

namespace {

struct Corpus {
  std::vector<std::string> ids, texts, senders, recipients, languages, group_keys;
  std::vector<classify::Label> gold;
  std::vector<classify::Note> notes;
  std::vector<std::size_t> groups; // one number per group of notes that must stay in one fold
};

// Reads labelled JSON Lines; a note's group is its "group" field, else a campaign named in "why", else its own.
void read_corpus(const std::string& path, Corpus& c)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "cannot open");
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string())
      throw InputError(path, n, "not a JSON object with a \"text\"");
    const auto label = classify::parse_label(j.value("label", std::string()));
    if (!label) throw InputError(path, n, fmt::format("unknown label '{}'", j.value("label", std::string())));
    const auto text_of = [&](const char* key) {
      return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
    };
    c.ids.push_back(j.contains("id") ? j["id"].dump() : std::to_string(n));
    c.texts.push_back(text_of("text"));
    c.senders.push_back(text_of("sender"));
    c.recipients.push_back(text_of("recipient"));
    c.languages.push_back(text_of("language"));
    c.gold.push_back(*label);
    const std::string group = text_of("group"), why = text_of("why");
    c.group_keys.push_back(!group.empty()                ? fmt::format("{}#{}", path, group)
                           : why.starts_with("campaign") ? fmt::format("{}#{}", path, why)
                                                         : fmt::format("{}:{}", path, n));
  }
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t x)
{
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

// Groups: the notes' own, joined with their near-duplicates (so no copy of a note is on both sides of a fold).
void group_notes(Corpus& c)
{
  c.notes.clear();
  for (std::size_t i = 0; i < c.texts.size(); ++i) c.notes.push_back({c.texts[i], c.senders[i], c.recipients[i]});
  std::vector<std::size_t> parent(c.notes.size());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  std::map<std::string, std::size_t> by_key;
  std::map<std::int64_t, std::size_t> by_near;
  const std::vector<std::int64_t> near = classify::near_duplicate_groups(c.notes);
  for (std::size_t i = 0; i < c.notes.size(); ++i) {
    const auto [k, new_key] = by_key.emplace(c.group_keys[i], i);
    if (!new_key) parent[find_root(parent, i)] = find_root(parent, k->second);
    if (near[i] < 0) continue;
    const auto [d, new_near] = by_near.emplace(near[i], i);
    if (!new_near) parent[find_root(parent, i)] = find_root(parent, d->second);
  }
  c.groups.resize(c.notes.size());
  for (std::size_t i = 0; i < c.notes.size(); ++i) c.groups[i] = find_root(parent, i);
}

// Each group's fold: the groups in a fixed shuffled order, dealt round-robin.
std::vector<std::size_t> assign_folds(const Corpus& c, std::size_t folds, std::uint64_t seed)
{
  std::vector<std::size_t> roots(c.groups);
  std::sort(roots.begin(), roots.end());
  roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
  std::mt19937_64 random(seed);
  for (std::size_t i = roots.size(); i > 1; --i) std::swap(roots[i - 1], roots[random() % i]);
  std::map<std::size_t, std::size_t> fold_of;
  for (std::size_t i = 0; i < roots.size(); ++i) fold_of[roots[i]] = i % folds;
  std::vector<std::size_t> out(c.groups.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = fold_of[c.groups[i]];
  return out;
}

struct Features {
  std::vector<classify::LogisticExample> with_rules, text_only;
};

Features features_of(const Corpus& c)
{
  const classify::Classifier rules(classify::ModelUse::rules, nullptr);
  Features f;
  for (std::size_t i = 0; i < c.notes.size(); ++i) {
    const auto label = static_cast<std::size_t>(c.gold[i]);
    f.with_rules.push_back({rules.model_features(c.notes[i], true), label});
    f.text_only.push_back({rules.model_features(c.notes[i], false), label});
  }
  return f;
}

// What one way of labelling gives on a set, per label and per language's stock texts.
struct Measure {
  classify::Evaluation eval;
  std::map<std::string, std::pair<std::size_t, std::size_t>> stock_by_language; // found, total
  void add(const classify::Result& r, classify::Label gold, const std::string& language)
  {
    eval.add(gold, r.label, r.confidence);
    if (gold != classify::Label::default_text) return;
    auto& [found, total] = stock_by_language[language];
    ++total;
    found += r.label == classify::Label::default_text ? 1 : 0;
  }
};

void classify_into(const classify::Classifier& classifier, const Corpus& c, const std::vector<std::size_t>& which,
                   Measure& m, std::vector<classify::Result>* out = nullptr)
{
  std::vector<classify::Note> notes;
  notes.reserve(which.size());
  for (const auto i : which) notes.push_back(c.notes[i]);
  const std::vector<classify::Result> results = classifier.classify_batch(notes);
  for (std::size_t k = 0; k < which.size(); ++k) {
    m.add(results[k], c.gold[which[k]], c.languages[which[k]]);
    if (out) (*out)[which[k]] = results[k];
  }
}

void print_measure(std::string_view name, const Measure& m)
{
  const auto& e = m.eval;
  fmt::print("{:<8}{:>9.3f}{:>11.3f}{:>11.3f}{:>9.3f}{:>10.3f}{:>9.3f}{:>8.3f}\n", name, e.accuracy(),
             e.personal_accuracy(), e.precision(classify::Label::personalized), e.recall(classify::Label::default_text),
             e.precision(classify::Label::spam), e.recall(classify::Label::spam), e.calibration().expected_error);
  std::string missed;
  for (const auto& [language, counts] : m.stock_by_language) {
    if (counts.first < counts.second)
      missed += fmt::format(" {} {}/{}", language.empty() ? "?" : language, counts.first, counts.second);
  }
  if (!missed.empty()) fmt::print("        stock texts found, where some were missed:{}\n", missed);
}

void print_header(std::string_view title, std::size_t notes)
{
  fmt::print("\n{} ({} notes)\n{:<8}{:>9}{:>11}{:>11}{:>9}{:>10}{:>9}{:>8}\n", title, notes, "", "accuracy",
             "pers-vs-not", "pers-prec", "stock-r", "spam-prec", "spam-r", "ECE");
}

void write_scores(const std::string& path, const Corpus& c, const std::vector<classify::Result>& results)
{
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(path, 0, "cannot write");
  out << "id\tgold\tlabel\tscore\tconfidence\tcampaign\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out << fmt::format("{}\t{}\t{}\t{:.4f}\t{:.4f}\t\n", c.ids[i], classify::label_name(c.gold[i]),
                       classify::label_name(r.label), r.score, r.confidence);
  }
  if (!out.flush()) throw InputError(path, 0, "cannot write");
}

struct Options {
  std::vector<std::string> files, eval;
  std::string out, scores;
  std::size_t folds = 5;
  std::uint64_t seed = 7;
};

// Other thresholds of the rules' score below which the blend asks the model about a spam or personal label (1.01:
// always), measured beside the shipped one (Classifier::default_unsure_below).
constexpr double gates[] = {1.01, 0.9, 0.7};

// Grouped cross-validation: each fold labelled by models trained on the others.
void cross_validate(const Options& o, const Corpus& c, const Features& f)
{
  const std::vector<std::size_t> fold = assign_folds(c, o.folds, o.seed);
  Measure rules_m, model_m, blend_m;
  std::array<Measure, std::size(gates)> gated;
  std::vector<classify::Result> out_of_fold(c.notes.size());
  const classify::Classifier rules(classify::ModelUse::rules, nullptr);
  for (std::size_t k = 0; k < o.folds; ++k) {
    std::vector<classify::LogisticExample> train_r, train_t;
    std::vector<std::size_t> test;
    for (std::size_t i = 0; i < c.notes.size(); ++i) {
      if (fold[i] == k) {
        test.push_back(i);
      } else {
        train_r.push_back(f.with_rules[i]);
        train_t.push_back(f.text_only[i]);
      }
    }
    const auto with_rules = classify::NoteModel::train(train_r, o.seed);
    const auto text_only = classify::NoteModel::train(train_t, o.seed);
    classify_into(rules, c, test, rules_m);
    classify_into(classify::Classifier(classify::ModelUse::model, &text_only), c, test, model_m);
    classify_into(classify::Classifier(classify::ModelUse::blend, &with_rules), c, test, blend_m, &out_of_fold);
    for (std::size_t g = 0; g < std::size(gates); ++g)
      classify_into(classify::Classifier(classify::ModelUse::blend, &with_rules, gates[g]), c, test, gated[g]);
  }
  print_header(fmt::format("{}-fold cross-validation by group", o.folds), c.notes.size());
  print_measure("rules", rules_m);
  print_measure("model", model_m);
  print_measure("blend", blend_m);
  for (std::size_t g = 0; g < std::size(gates); ++g) print_measure(fmt::format("<{:.2f}", gates[g]), gated[g]);
  if (!o.scores.empty()) write_scores(o.scores, c, out_of_fold);
}

int train_model(const Options& o)
{
  Corpus c;
  for (const auto& file : o.files) read_corpus(file, c);
  group_notes(c);
  const Features f = features_of(c);
  fmt::print("{} notes in {} groups\n", c.notes.size(), std::set<std::size_t>(c.groups.begin(), c.groups.end()).size());
  if (o.folds >= 2) cross_validate(o, c, f);
  const auto with_rules = classify::NoteModel::train(f.with_rules, o.seed);
  const auto text_only = classify::NoteModel::train(f.text_only, o.seed);
  fmt::print("\nshipped model: {} features\n", with_rules.features());
  for (const auto& file : o.eval) {
    Corpus e;
    read_corpus(file, e);
    group_notes(e);
    std::vector<std::size_t> all(e.notes.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    Measure rules_m, model_m, blend_m;
    classify_into(classify::Classifier(classify::ModelUse::rules, nullptr), e, all, rules_m);
    classify_into(classify::Classifier(classify::ModelUse::model, &text_only), e, all, model_m);
    classify_into(classify::Classifier(classify::ModelUse::blend, &with_rules), e, all, blend_m);
    print_header(file, e.notes.size());
    print_measure("rules", rules_m);
    print_measure("model", model_m);
    print_measure("blend", blend_m);
    for (const double gate : gates) {
      Measure m;
      classify_into(classify::Classifier(classify::ModelUse::blend, &with_rules, gate), e, all, m);
      print_measure(fmt::format("<{:.2f}", gate), m);
    }
  }
  if (!o.out.empty()) {
    std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
    out << with_rules.serialize();
    if (!out.flush()) throw InputError(o.out, 0, "cannot write");
  }
  return 0;
}

} // namespace

std::function<int()> setup_train_model(CLI::App& app, Context&)
{
  app.group(""); // for the classifier's developers: left out of --help
  auto o = std::make_shared<Options>();
  app.add_option("files", o->files, "JSON Lines files of hand-labelled notes to train on")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_option("--out", o->out, "write the trained model here (data/note_model.tsv)");
  app.add_option("--eval", o->eval, "JSON Lines files to measure the rules, the model and the blend on")
      ->check(CLI::ExistingFile);
  app.add_option("--folds", o->folds, "folds of the cross-validation by group (0: none)");
  app.add_option("--seed", o->seed, "the seed of the folds and of the training's order");
  app.add_option("--scores", o->scores, "write the cross-validated blend's scores here, for scripts/calibrate.py");
  return [o]() { return train_model(*o); };
}

} // namespace motivo::cli
