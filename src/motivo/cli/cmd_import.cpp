#include <motivo/app/import.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/labels.hpp>
#include <motivo/cli/progress_bar.hpp>
#include <motivo/io/inputs.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <memory>
#include <unistd.h>

namespace motivo::cli {

namespace {

void print_report(const app::ImportReport& report, const std::string& source, const std::string& db)
{
  fmt::print(fmt::runtime(tr("Imported {} into {} (export of {})\n")), source, db, report.owner);
  fmt::print("  {:<32} {:>8} {:>8} {:>8} {:>8}\n", tr("file"), tr("rows"), tr("new"), tr("known"), tr("skipped"));
  for (const auto& f : report.files) {
    if (f.kind == "skipped") continue;
    fmt::print("  {:<32} {:>8} {:>8} {:>8} {:>8}\n", f.name, f.rows, f.added, f.known, f.skipped);
  }
  for (const auto& f : report.files) {
    if (f.kind == "skipped") fmt::print(fmt::runtime(tr("  skipped {} ({})\n")), f.name, f.note);
  }
  fmt::print(fmt::runtime(tr("  people: {} new\n")), report.people_added);
  fmt::print("  {}\n", labels_line(report.labels));
  if (report.owner_disagreements) {
    fmt::print("  note: {} invitations name someone else than {} on the owner's side\n", report.owner_disagreements,
               report.owner);
  }
}

nlohmann::json report_json(const app::ImportReport& report)
{
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : report.files) {
    nlohmann::json j{{"file", f.name}, {"kind", f.kind}, {"rows", f.rows}, {"new", f.added}, {"known", f.known},
                     {"skipped", f.skipped}};
    if (!f.note.empty()) j["note"] = f.note;
    files.push_back(std::move(j));
  }
  return {{"owner", report.owner},
          {"people_added", report.people_added},
          {"files", files},
          {"labels", labels_json(report.labels)}};
}

} // namespace

std::function<int()> setup_import(CLI::App& app, Context& context)
{
  auto paths = std::make_shared<std::vector<std::string>>();
  app.add_option("paths", *paths, "the export .zip as downloaded, its unpacked folder, or CSV files")->required();
  app.add_flag("--quiet,-q", context.quiet, "no progress bar");
  app.add_flag("--json", context.json, "print the summary as JSON");
  return [paths, &context] {
    const auto inputs = io::collect_inputs(*paths);
    std::unique_ptr<ProgressBar> bar;
    if (!context.quiet && ::isatty(STDERR_FILENO)) bar = std::make_unique<ProgressBar>(stderr);
    app::ImportOptions options;
    options.now = static_cast<datetime::UnixSeconds>(std::time(nullptr));
    options.progress = bar.get();
    std::string source;
    for (const auto& p : *paths) source += (source.empty() ? "" : " ") + p;
    auto& store = context.store();
    const auto report = app::import_snapshot(store, inputs, source, options);
    if (context.json) fmt::print("{}\n", report_json(report).dump(2));
    else print_report(report, source, store.location());
    return 0;
  };
}

} // namespace motivo::cli
