#include <motivo/app/classify_jsonl.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/jsonl.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/evaluation.hpp>
#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/utf8.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

namespace motivo::cli {

namespace {

// Where classify --jsonl keeps what a large batch's notes leave for the end: $TMPDIR, or /tmp.
std::string temporary_folder()
{
  const char* folder = std::getenv("TMPDIR");
  return folder && *folder ? std::string(folder) : std::string("/tmp");
}

} // namespace

std::function<int()> setup_classify(CLI::App& app, Context& context)
{
  struct Options {
    std::string text, sender, recipient;
    bool jsonl = false;
  };
  auto options = std::make_shared<Options>();
  app.add_option("text", options->text, "the note to classify");
  app.add_option("--sender", options->sender, "the sender's name (helps to recognise a signature)");
  app.add_option("--recipient", options->recipient, "the recipient's name (helps to recognise a greeting)");
  app.add_flag("--jsonl", options->jsonl,
               "read JSON Lines {\"id\", \"text\", \"sender\", \"recipient\"} from standard input, one batch, and "
               "write one line per note: {\"id\", \"label\", \"language\", \"confidence\", \"reasons\"}");
  app.add_flag("--json", context.json, "print the result as JSON");
  return [options, &context]() -> int {
    const classify::Classifier classifier;
    if (options->jsonl) {
      app::JsonlBatchSettings settings;
      settings.spool_folder = temporary_folder();
      app::classify_jsonl(
          classifier, [](char* buffer, std::size_t size) { return std::fread(buffer, 1, size, stdin); }, "<stdin>",
          [](std::string_view bytes) { std::fwrite(bytes.data(), 1, bytes.size(), stdout); }, settings);
      return 0;
    }
    for (const auto* field : {&options->text, &options->sender, &options->recipient}) {
      if (const auto bad = utf8::find_invalid(*field); bad != std::string_view::npos) {
        throw InputError(fmt::format("not valid UTF-8 at byte {}", bad));
      }
    }
    const classify::Result r = classifier.classify({options->text, options->sender, options->recipient});
    if (context.json) {
      fmt::print("{}\n", app::classification_json(r, 2));
      return 0;
    }
    fmt::print(fmt::runtime(tr("label       {}\nlanguage    {}\nconfidence  {:.2f}\n")), classify::label_name(r.label),
               r.language, r.confidence);
    for (const auto& reason : classify::translate_reasons(r.reasons, user_language())) fmt::print("  - {}\n", reason);
    return 0;
  };
}

namespace {

// eval --scores: one line per note, for fitting the calibration.
void write_scores(const std::string& path, const app::JsonlNotes& notes, const std::vector<classify::Result>& results)
{
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw InputError(path, 0, "cannot write");
  out << "id\tgold\tlabel\tscore\tconfidence\tcampaign\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& r = results[i];
    out << fmt::format("{}\t{}\t{}\t{:.4f}\t{:.4f}\t{}\n", notes.ids[i], classify::label_name(notes.gold[i]),
                       classify::label_name(r.label), r.score, r.confidence,
                       r.campaign >= 0 ? notes.ids[static_cast<std::size_t>(r.campaign)] : std::string());
  }
  if (!out.flush()) throw InputError(path, 0, "cannot write");
}

} // namespace

std::function<int()> setup_eval(CLI::App& app, Context& context)
{
  struct Options {
    std::vector<std::string> files;
    bool check = false, errors = false;
    std::string scores;
  };
  auto options = std::make_shared<Options>();
  app.add_option("files", options->files,
                 "JSON Lines files of hand-labelled notes: {\"id\", \"text\", \"sender\", "
                 "\"recipient\", \"label\", \"language\"}")
      ->required()
      ->check(CLI::ExistingFile);
  app.add_flag("--check", options->check, "exit 1 when a quality floor is not met");
  app.add_flag("--errors", options->errors, "list every note labelled wrongly, with its reasons");
  app.add_option("--scores", options->scores,
                 "write each note's id, hand label, label, the rules' score, its calibrated confidence and "
                 "campaign to this TSV file (scripts/calibrate.py fits the calibration from it)");
  app.add_flag("--json", context.json, "print as JSON");
  return [options, &context]() -> int {
    const classify::Classifier classifier;
    app::JsonlNotes all;
    for (const auto& file : options->files) {
      std::ifstream in(file, std::ios::binary);
      if (!in) throw InputError(file, 0, "cannot open");
      app::JsonlNotes part = app::read_jsonl_notes(in, file, true);
      all.append(std::move(part));
    }
    const std::vector<classify::Result> results = classifier.classify_batch(all.notes);
    classify::Evaluation eval;
    for (std::size_t i = 0; i < results.size(); ++i) {
      eval.add(all.gold[i], results[i].label, results[i].confidence);
      if (all.gold[i] != classify::Label::empty) eval.add_language(all.gold_language[i], results[i].language);
    }
    const auto floors = eval.floors();
    bool met = true;
    for (const auto& f : floors) met = met && f.met();
    if (context.json) {
      fmt::print("{}\n", app::evaluation_json(eval, 2));
    } else {
      fmt::print("{} notes, accuracy {:.3f}; language accuracy {:.3f} ({} notes with words); calibration error "
                 "{:.3f}\n\n",
                 eval.total, eval.accuracy(), eval.language_accuracy(), eval.language_total,
                 eval.calibration().expected_error);
      fmt::print("{:<14}{:>10}{:>8}{:>9}\n", "label", "precision", "recall", "support");
      for (const auto l : classify::all_labels)
        fmt::print("{:<14}{:>10.3f}{:>8.3f}{:>9}\n", classify::label_name(l), eval.precision(l), eval.recall(l),
                   eval.support(l));
      fmt::print("\nconfusion (rows: hand label, columns: motivo)\n{:<14}", "");
      for (const auto p : classify::all_labels) fmt::print("{:>13}", classify::label_name(p));
      fmt::print("\n");
      for (const auto l : classify::all_labels) {
        fmt::print("{:<14}", classify::label_name(l));
        for (const auto p : classify::all_labels)
          fmt::print("{:>13}", eval.confusion[static_cast<std::size_t>(l)][static_cast<std::size_t>(p)]);
        fmt::print("\n");
      }
      fmt::print("\n");
      for (const auto& f : floors)
        fmt::print("{:<32}{:.3f}  (floor {:.2f}) {}\n", f.name, f.value, f.minimum, f.met() ? "ok" : "NOT MET");
    }
    if (!options->scores.empty()) write_scores(options->scores, all, results);
    if (options->errors) {
      for (std::size_t i = 0; i < results.size(); ++i) {
        if (results[i].label == all.gold[i]) continue;
        fmt::print(stderr, "\n{}  hand: {}  motivo: {} ({})\n  {}\n", all.ids[i], classify::label_name(all.gold[i]),
                   classify::label_name(results[i].label), results[i].language, all.notes[i].text.substr(0, 300));
        for (const auto& r : results[i].reasons) fmt::print(stderr, "    - {}\n", r);
      }
    }
    return options->check && !met ? 1 : 0;
  };
}

} // namespace motivo::cli
