// Micro-benchmarks of the note classifier (issue 3), on the project's synthetic development notes (every label,
// six languages), each next to a baseline in the same run:
//   - the stock-text stage (quick_label) and the whole pipeline, one note at a time and as one batch;
//   - folding with the precomputed table against ICU's NFKC_Casefold + NFD over the whole note;
//   - language identification (CLD2 plus the function-word vote) alone.
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/language.hpp>
#include <motivo/core/classify/user_model.hpp>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <fstream>
#include <string>
#include <vector>

namespace {

struct Corpus {
  std::vector<std::string> texts, senders, recipients;
  std::vector<motivo::classify::Note> notes;
  std::size_t bytes = 0;
  Corpus()
  {
    std::ifstream in(MOTIVO_SOURCE_DIR "/tests/data/classify/synthetic.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      const auto j = nlohmann::json::parse(line);
      texts.push_back(j["text"]);
      senders.push_back(j.value("sender", ""));
      recipients.push_back(j.value("recipient", ""));
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
      notes.push_back({texts[i], senders[i], recipients[i]});
      bytes += texts[i].size();
    }
  }
};

const Corpus& corpus()
{
  static const Corpus c;
  return c;
}

const motivo::classify::Classifier& classifier()
{
  static const motivo::classify::Classifier c;
  return c;
}

void report(benchmark::State& state, std::size_t notes, std::size_t bytes)
{
  state.counters["notes/s"] = benchmark::Counter(static_cast<double>(notes), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}

void stock_stage(benchmark::State& state)
{
  const auto& c = corpus();
  const auto& k = classifier();
  std::size_t n = 0;
  for (auto _ : state) {
    for (const auto& note : c.notes) benchmark::DoNotOptimize(k.quick_label(note));
    n += c.notes.size();
  }
  report(state, n, state.iterations() * c.bytes);
}
BENCHMARK(stock_stage);

void pipeline_one_by_one(benchmark::State& state)
{
  const auto& c = corpus();
  const auto& k = classifier();
  std::size_t n = 0;
  for (auto _ : state) {
    for (const auto& note : c.notes) benchmark::DoNotOptimize(k.classify(note));
    n += c.notes.size();
  }
  report(state, n, state.iterations() * c.bytes);
}
BENCHMARK(pipeline_one_by_one);

void pipeline_batch(benchmark::State& state)
{
  const auto& c = corpus();
  const auto& k = classifier();
  std::size_t n = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(k.classify_batch(c.notes));
    n += c.notes.size();
  }
  report(state, n, state.iterations() * c.bytes);
}
BENCHMARK(pipeline_batch);

// The cost of a user's model (issue 22): the batch pipeline, then each result blended with a model trained on every
// tenth note labelled as the rules did and every fortieth corrected to personalized (the blend after each note;
// compare with pipeline_batch).
void pipeline_batch_with_user_model(benchmark::State& state)
{
  const auto& c = corpus();
  const auto& k = classifier();
  std::vector<motivo::classify::Example> examples;
  const auto rules = k.classify_batch(c.notes);
  for (std::size_t i = 0; i < c.notes.size(); i += 10)
    examples.push_back({c.notes[i], i % 40 == 0 ? motivo::classify::Label::personalized : rules[i].label});
  const auto model = motivo::classify::UserModel::train(examples);
  std::size_t n = 0;
  for (auto _ : state) {
    k.classify_batch(c.notes, [&](std::size_t i, motivo::classify::Result&& r) {
      model.blend(c.notes[i], r);
      benchmark::DoNotOptimize(r);
    });
    n += c.notes.size();
  }
  report(state, n, state.iterations() * c.bytes);
}
BENCHMARK(pipeline_batch_with_user_model);

void fold_table(benchmark::State& state)
{
  const auto& c = corpus();
  std::string out;
  for (auto _ : state) {
    for (const auto& t : c.texts) {
      motivo::classify::fold_into(t, out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  report(state, state.iterations() * c.texts.size(), state.iterations() * c.bytes);
}
BENCHMARK(fold_table);

// Baseline: the straightforward ICU way (whole-string NFKC_Casefold, NFD, drop marks, map the rest).
void baseline_fold_icu(benchmark::State& state)
{
  const auto& c = corpus();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string out;
  for (auto _ : state) {
    for (const auto& t : c.texts) {
      icu::UnicodeString s = icu::UnicodeString::fromUTF8(t);
      icu::UnicodeString d = nfd->normalize(casefold->normalize(s, status), status);
      icu::UnicodeString kept;
      for (int32_t i = 0; i < d.length(); ++i) {
        const UChar ch = d[i];
        if (u_charType(ch) == U_NON_SPACING_MARK || ch == '\'' || ch == 0x2019) continue;
        kept.append(u_isalnum(ch) ? ch : UChar(' '));
      }
      out.clear();
      kept.toUTF8String(out);
      benchmark::DoNotOptimize(out.data());
    }
  }
  report(state, state.iterations() * c.texts.size(), state.iterations() * c.bytes);
}
BENCHMARK(baseline_fold_icu);

// CLD2 on every note (no function-word vote), for comparison with the pipeline's language step.
void language_cld2_always(benchmark::State& state)
{
  const auto& c = corpus();
  for (auto _ : state) {
    for (const auto& t : c.texts) benchmark::DoNotOptimize(motivo::classify::choose_language(t, {}));
  }
  report(state, state.iterations() * c.texts.size(), state.iterations() * c.bytes);
}
BENCHMARK(language_cld2_always);

} // namespace
