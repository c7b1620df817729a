#include <motivo/app/import.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/mail.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/cli/labels.hpp>
#include <motivo/cli/mail_report.hpp>
#include <motivo/cli/progress_bar.hpp>
#include <motivo/cli/terminal.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/store/store.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <unistd.h>

namespace motivo::cli {

void print_import_report(const app::ImportReport& report, const std::string& source, const std::string& db)
{
  fmt::print(fmt::runtime(tr("Imported {} into {} (export of {})\n")), source, db, report.owner);
  fmt::print("  {:<32} {:>8} {:>8} {:>8} {:>8}\n", tr("file"), tr("rows"), tr("new"), tr("known"), tr("skipped"));
  for (const auto& f : report.files) {
    if (f.kind == "skipped") continue;
    fmt::print("  {:<32} {:>8} {:>8} {:>8} {:>8}\n", f.name, f.rows, f.added, f.known, f.skipped);
  }
  for (const auto& f : report.files) {
    if (f.unchanged_since) {
      fmt::print(fmt::runtime(tr("  {} unchanged since the import of {}: its rows were not read again\n")), f.name,
                 datetime::format_iso(*f.unchanged_since));
    }
  }
  for (const auto& f : report.files) {
    if (f.kind == "skipped") fmt::print(fmt::runtime(tr("  skipped {} ({})\n")), f.name, f.note);
  }
  fmt::print(fmt::runtime(trn("  people: {} new\n", "  people: {} new\n", report.people_added)), report.people_added);
  fmt::print("  {}\n", labels_line(report.labels));
  if (report.owner_disagreements) {
    fmt::print("  note: {} invitations name someone else than {} on the owner's side\n", report.owner_disagreements,
               report.owner);
  }
}

namespace {

// What `work` (an import, which stores nothing before it has the database's write lock) returns, once it gets that
// lock: another import holding it past the busy timeout is said once on stderr, then waited for.
template <typename Work>
auto waiting_for_other_imports(const std::string& location, Work&& work)
{
  for (bool said = false;; said = true) {
    try {
      return work();
    } catch (const store::Busy&) {
      if (!said)
        fmt::print(stderr,
                   fmt::runtime(tr("motivo: another import is writing to {}; waiting for it to end (Ctrl-C stops)\n")),
                   location);
    }
  }
}

} // namespace

void print_mail_report(const app::MailImportReport& report, const std::string& source, const std::string& db)
{
  fmt::print(
      fmt::runtime(trn("Read {} message from {} into {}\n", "Read {} messages from {} into {}\n", report.messages)),
      report.messages, source, db);
  fmt::print(fmt::runtime(tr("  invitations: {} ({} new, {} already stored, {} found in an export)\n")),
             report.invitations, report.added, report.known, report.matched);
  if (report.chats.read)
    fmt::print(fmt::runtime(tr("  messages from members: {} ({} new, {} already stored, {} found in an export)\n")),
               report.chats.read, report.chats.added, report.chats.known, report.chats.matched);
  if (report.acceptances.read)
    fmt::print(fmt::runtime(tr("  accepted invitations: {} ({} of your invitations accepted, {} already known)\n")),
               report.acceptances.read, report.acceptances.accepted, report.acceptances.known);
  for (const std::string& name : report.acceptances.without_invitation)
    fmt::print(fmt::runtime(tr("  {} accepted an invitation that is not stored: recorded as a connection\n")), name);
  for (const auto& [reason, count] : report.skipped)
    fmt::print(fmt::runtime(tr("  skipped {}: {}\n")), count, tr(reason.c_str()));
  // The first warnings by name; a mailbox of broken mail would otherwise bury the summary.
  constexpr std::size_t shown = 10;
  for (std::size_t i = 0; i < report.warnings.size() && i < shown; ++i)
    fmt::print(stderr, fmt::runtime(tr("warning: {}: {}\n")), report.warnings[i].where, report.warnings[i].reason);
  if (report.warnings.size() > shown)
    fmt::print(stderr,
               fmt::runtime(trn("warning: {} more message could not be read (--json lists them all)\n",
                                "warning: {} more messages could not be read (--json lists them all)\n",
                                report.warnings.size() - shown)),
               report.warnings.size() - shown);
  if (report.people_added)
    fmt::print(fmt::runtime(trn("  people: {} new\n", "  people: {} new\n", report.people_added)), report.people_added);
  if (report.invitations) fmt::print("  {}\n", labels_line(report.labels));
}

std::function<int()> setup_import(CLI::App& app, Context& context)
{
  auto paths = std::make_shared<std::vector<std::string>>();
  app.add_option("paths", *paths,
                 "the export .zip as downloaded, its unpacked folder, or CSV files; or LinkedIn's notification mail: "
                 "an mbox file, a Maildir folder, .eml files")
      ->required();
  app.add_flag("--quiet,-q", context.quiet, "no progress bar");
  app.add_flag("--json", context.json, "print the summary as JSON");
  auto owner = std::make_shared<std::string>();
  app.add_option("--owner", *owner,
                 "whose export this is, when its files name two people equally often (a messages.csv of one "
                 "conversation)");
  return [paths, owner, &context] {
    // Mail and exports may be given together: the exports are stored first (they name the owner), then the mail.
    std::vector<std::string> export_paths, mail_paths;
    for (const auto& p : *paths) (app::is_mail_path(p) ? mail_paths : export_paths).push_back(p);
    const auto joined = [](const std::vector<std::string>& list) {
      std::string out;
      for (const auto& p : list) out += (out.empty() ? "" : " ") + p;
      return out;
    };
    app::ImportOptions options;
    options.now = context.now();
    options.clock = context.now();
    options.user = context.user_id();
    if (!owner->empty()) options.owner = *owner;
    std::optional<app::ImportReport> snapshot; // for --json
    std::optional<app::MailImportReport> mail;
    if (!export_paths.empty()) {
      const auto inputs = io::collect_inputs(export_paths);
      std::unique_ptr<ProgressBar> bar;
      if (!context.quiet && ::isatty(STDERR_FILENO)) bar = std::make_unique<ProgressBar>(raw_stderr());
      options.progress = bar.get();
      auto& store = context.store();
      const std::optional<std::string> previous_owner = options.user ? std::nullopt : store.counts().owner;
      // A shared server may abort an import for a deadlock with another one, or lose the connection: nothing of it
      // was stored, so it runs again (three tries in all).
      const auto report = [&] {
        for (int attempt = 1;; ++attempt) {
          try {
            return waiting_for_other_imports(
                store.location(), [&] { return app::import_snapshot(store, inputs, joined(export_paths), options); });
          } catch (const std::exception& e) {
            if (attempt == 3 || !store::is_transient_error(e)) throw;
            if (!context.quiet) fmt::print(stderr, "motivo: {}; importing again\n", e.what());
          }
        }
      }();
      options.progress = nullptr;
      if (context.json)
        snapshot = report;
      else
        print_import_report(report, joined(export_paths), store.location());
      // Someone else's export in a team's database, imported by an admin without --as: allowed, but said (a
      // personal database refuses it: app::check_one_account).
      if (previous_owner && !previous_owner->empty() && !report.owner.empty() && *previous_owner != report.owner &&
          !context.quiet) {
        fmt::print(stderr,
                   fmt::runtime(tr("motivo: note: this export is {}'s; the database also holds {}'s, and reports count "
                                   "both (--db gives each account a database of its own)\n")),
                   report.owner, *previous_owner);
      }
    }
    if (!mail_paths.empty()) {
      app::MailScan first = app::scan_mail_paths(mail_paths, *options.clock);
      bool scanned = true; // a try after waiting for another import reads the mail again
      auto& store = context.store();
      const auto report = waiting_for_other_imports(store.location(), [&] {
        app::MailScan scan = scanned ? std::move(first) : app::scan_mail_paths(mail_paths, *options.clock);
        scanned = false;
        return app::import_mail(store, std::move(scan), joined(mail_paths), options);
      });
      if (context.json)
        mail = report;
      else
        print_mail_report(report, joined(mail_paths), store.location());
    }
    if (context.json) fmt::print("{}\n", app::import_json(snapshot ? &*snapshot : nullptr, mail ? &*mail : nullptr, 2));
    return 0;
  };
}

} // namespace motivo::cli
