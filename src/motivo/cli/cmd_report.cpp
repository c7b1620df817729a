#include <motivo/app/json_views.hpp>
#include <motivo/app/report.hpp>
#include <motivo/cli/commands.hpp>
#include <motivo/cli/i18n.hpp>
#include <motivo/core/csv.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/i18n.hpp>
#include <motivo/core/report/html.hpp>
#include <motivo/io/zip_writer.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace motivo::cli {

namespace {

constexpr const char* acceptance_unknown_line = N_(
    "Acceptance unknown: no imported export lists your connections (Connections.csv), so who accepted is not known.");

std::string percent(const report::Rate& r)
{
  if (r.total == 0) return "–";
  return fmt::format("{} % [{}–{}] n={}", std::lround(r.value * 100), std::lround(r.low * 100),
                     std::lround(r.high * 100), r.total);
}

void print_table(const std::vector<std::pair<std::string, report::Figures>>& columns, std::string_view language)
{
  const i18n::Catalog& c = i18n::Catalog::of(language);
  const auto row = [&](std::string_view name, const auto& value) {
    fmt::print("  {:<34}", name);
    for (const auto& [title, f] : columns) fmt::print("{:>26}", value(f));
    fmt::print("\n");
  };
  fmt::print("  {:<34}", "");
  for (const auto& [title, f] : columns) fmt::print("{:>26}", title);
  fmt::print("\n{}\n", c.gettext("Received"));
  const auto n = [](std::size_t v) { return fmt::format("{}", v); };
  // Accepted and pending when no Connections.csv tells who is a connection: unknown, not 0.
  const std::string unknown(c.gettext("unknown"));
  const auto known_n = [&](const report::Figures& f, std::size_t v) { return f.acceptance_known ? n(v) : unknown; };
  const auto known_percent = [&](const report::Figures& f, const report::Rate& r) {
    return f.acceptance_known ? percent(r) : unknown;
  };
  row(c.gettext("invitations"), [&](const auto& f) { return n(f.incoming.received); });
  row(c.gettext("personalised"), [&](const auto& f) { return percent(f.incoming.personalization); });
  row(c.gettext("not personalised"), [&](const auto& f) { return n(f.incoming.not_personalized); });
  // Every received invitation by its label (personalised ones included: the rows add up to "invitations").
  row(c.gettext("by label"), [](const auto&) { return std::string(); });
  for (const auto l : classify::all_labels)
    row(fmt::format("  {}", report::label_title(l, language)),
        [&](const auto& f) { return n(f.incoming.by_label[static_cast<std::size_t>(l)]); });
  row(c.gettext("asked"), [&](const auto& f) { return n(f.incoming.asked); });
  row(c.gettext("replied"), [&](const auto& f) { return percent(f.incoming.reply); });
  row(c.gettext("hours to reply (median)"), [&](const auto& f) {
    return f.incoming.median_hours_to_reply ? fmt::format("{:.1f}", *f.incoming.median_hours_to_reply)
                                            : std::string("–");
  });
  row(c.gettext("accepted"), [&](const auto& f) { return known_n(f, f.incoming.accepted); });
  row(c.gettext("declined"), [&](const auto& f) { return n(f.incoming.declined); });
  row(c.gettext("pending"), [&](const auto& f) { return known_n(f, f.incoming.pending); });
  row("spam", [&](const auto& f) { return n(f.incoming.spam); });
  fmt::print("{}\n", c.gettext("Sent (yours)"));
  row(c.gettext("invitations"), [&](const auto& f) { return n(f.outgoing.sent); });
  row(c.gettext("accepted"), [&](const auto& f) { return known_percent(f, f.outgoing.acceptance); });
  row(c.gettext("accepted with a note"), [&](const auto& f) { return known_percent(f, f.outgoing.with_note_rate); });
  row(fmt::format("  {}", c.gettext("hand-written note")),
      [&](const auto& f) { return known_percent(f, f.outgoing.handwritten_rate); });
  row(fmt::format("  {}", c.gettext("template note")),
      [&](const auto& f) { return known_percent(f, f.outgoing.templated_rate); });
  row(c.gettext("accepted without a note"),
      [&](const auto& f) { return known_percent(f, f.outgoing.without_note_rate); });
  fmt::print("{}\n", c.gettext("Welcomes and time"));
  row(c.gettext("welcomes replied"), [&](const auto& f) { return percent(f.welcome.reply); });
  row(c.gettext("asks typed (minutes)"),
      [&](const auto& f) { return fmt::format("{} ({:.0f})", f.time.asks, f.time.minutes); });
  if (std::any_of(columns.begin(), columns.end(), [](const auto& col) { return !col.second.acceptance_known; }))
    fmt::print("\n{}\n", c.gettext(acceptance_unknown_line));
}

std::string_view verdict(const report::Figures& f, std::string_view language)
{
  const i18n::Catalog& c = i18n::Catalog::of(language);
  const report::Outgoing& o = f.outgoing;
  if (!f.acceptance_known)
    return c.gettext(
        "Without Connections.csv, which of your invitations were accepted is unknown: nothing to compare.");
  if (o.with_note == 0 || o.without_note == 0)
    return c.gettext("Without invitations sent both with and without a note there is nothing to compare.");
  if (!o.notes_differ)
    return c.gettext("With or without a note, your invitations' acceptance is not different by the 95 % intervals.");
  const bool better = o.with_note_rate.value > o.without_note_rate.value;
  return better ? c.gettext("Your invitations with a note are accepted more often, beyond the 95 % intervals.")
                : c.gettext("Your invitations with a note are accepted less often, beyond the 95 % intervals.");
}

struct ReportOptions {
  std::string since, until, by;
  std::vector<std::string> compare;
  std::string html;
  bool csv = false;
  bool team = false;
};

// The CSV of `reports`: a report's series, one line a week or month, else its totals on one line named as given.
// With `compared` (report --compare) a first column names the compared period each line belongs to: a week across
// two months is in both.
void print_csv(const std::vector<std::pair<std::string, report::Report>>& reports, bool compared)
{
  std::vector<std::string> head{
      "period",        "received",           "personalized", "not_personalized", "empty",    "default",  "template",
      "spam_label",    "personalized_label", "asked",        "replied",          "accepted", "declined", "pending",
      "outgoing_sent", "outgoing_accepted"};
  if (compared) head.insert(head.begin(), "compared");
  fmt::print("{}", csv::row(head));
  const auto line = [compared](const std::string& compared_name, const std::string& name, const report::Figures& f) {
    const auto& in = f.incoming;
    // Unknown acceptance (no Connections.csv): empty fields, not 0.
    const auto known = [&](std::size_t v) { return f.acceptance_known ? std::to_string(v) : std::string(); };
    std::vector<std::string> cells;
    if (compared) cells.push_back(compared_name);
    cells.push_back(name);
    for (const std::size_t n : {in.received, in.personalized, in.not_personalized, in.by_label[0], in.by_label[1],
                                in.by_label[2], in.by_label[3], in.by_label[4], in.asked, in.replied})
      cells.push_back(std::to_string(n));
    cells.insert(cells.end(), {known(in.accepted), std::to_string(in.declined), known(in.pending),
                               std::to_string(f.outgoing.sent), known(f.outgoing.accepted)});
    fmt::print("{}", csv::row(cells));
  };
  for (const auto& [name, r] : reports) {
    if (r.series.empty()) line(name, name, r.figures);
    for (const auto& p : r.series) line(name, p.period, p.figures);
  }
}

// A report's series (--by) as a table, when it has one.
void print_series(const report::Report& r, std::string_view by, std::string_view language)
{
  if (r.series.empty()) return;
  const i18n::Catalog& c = i18n::Catalog::of(language);
  fmt::print("\n{:<10}{:>10}{:>16}{:>10}{:>10}\n", by, c.pgettext("report column", "received"),
             c.pgettext("report column", "personalised"), c.pgettext("report column", "asked"),
             c.pgettext("report column", "replied"));
  for (const auto& p : r.series)
    fmt::print("{:<10}{:>10}{:>16}{:>10}{:>10}\n", p.period, p.figures.incoming.received,
               p.figures.incoming.personalized, p.figures.incoming.asked, p.figures.incoming.replied);
}

// report --compare, in every form the report takes: the terminal's table (and each period's series with --by),
// JSON, CSV or an HTML page; each carries the verdict the terminal prints.
int show_comparison(Context& context, const app::Comparison& comparison, const ReportOptions& o,
                    const std::string& language)
{
  const std::string verdict = app::comparison_verdict(comparison, language);
  if (!o.html.empty()) {
    io::write_private_file(o.html, report::render_comparison_html(comparison.periods, verdict, language,
                                                                  datetime::format_iso(context.now())));
    fmt::print("{}\n", o.html);
    return 0;
  }
  if (context.json) {
    fmt::print("{}\n", app::comparison_json(comparison, language, 2));
    return 0;
  }
  if (o.csv) {
    print_csv(comparison.periods, true);
    return 0;
  }
  std::vector<std::pair<std::string, report::Figures>> columns;
  columns.reserve(comparison.periods.size());
  for (const auto& [t, r] : comparison.periods) columns.emplace_back(t, r.figures);
  print_table(columns, language);
  for (const auto& [t, r] : comparison.periods) {
    if (r.series.empty()) continue;
    fmt::print("\n{}", t);
    print_series(r, o.by, language);
  }
  fmt::print("\n");
  for (const auto& [t, r] : comparison.periods) fmt::print("{}: {}.\n", t, report::sentence(r.figures, language));
  fmt::print("{}\n", verdict);
  return 0;
}

} // namespace

std::function<int()> setup_report(CLI::App& app, Context& context)
{
  auto o = std::make_shared<ReportOptions>();
  auto* since = app.add_option("--since", o->since, "first day (YYYY-MM-DD), inclusive");
  auto* until = app.add_option("--until", o->until, "last day (YYYY-MM-DD), inclusive");
  app.add_option("--by", o->by, "a series by week or month")->check(CLI::IsMember({"week", "month"}));
  auto* compare =
      app.add_option("--compare", o->compare,
                     "two periods side by side: 2013-10 2013-11, 2013, or 2013-11-01..2013-11-15 (with --by, --csv, "
                     "--json or --html as a report)")
          ->expected(2);
  auto* json = app.add_flag("--json", context.json, "print as JSON");
  auto* csv = app.add_flag("--csv", o->csv, "print the series (or the totals) as CSV");
  json->excludes(csv);
  auto* team =
      app.add_flag("--team", o->team, "team mode: each user's numbers and the team's (numbers only, no one's notes)");
  compare->excludes(since)->excludes(until)->excludes(team); // the periods are its own; --team has one column a user
  app.add_option("--html", o->html,
                 "write a self-contained HTML report (charts inline, nothing from the network) to FILE");
  return [o, &context]() -> int {
    context.read_only = true;
    const auto policy = context.policy_in_force();
    const auto& config = context.config();
    const std::string language = user_language();
    const report::Period period = app::parse_period(o->since, o->until, "--since", "--until");
    if (!o->html.empty() && (context.json || o->csv))
      throw InputError("--html writes a file: give --json or --csv without it");
    const report::Step step = app::report_step(o->by);

    if (o->team) {
      const app::TeamReport team = app::team_report(context.store(), policy, config, context.now(), period);
      if (context.json) {
        fmt::print("{}\n", app::team_report_json(team, 2));
        return 0;
      }
      std::vector<std::pair<std::string, report::Figures>> columns;
      for (const auto& [u, r] : team.users) columns.emplace_back(u.name, r.figures);
      columns.emplace_back(i18n::Catalog::of(language).gettext("team"), team.team.figures);
      print_table(columns, language);
      return 0;
    }
    const app::ReportInput input = app::report_input(context.store(), policy, config, context.now(), context.user_id());
    if (!o->compare.empty()) {
      const app::Comparison comparison = app::compare_periods(input, o->compare, step);
      return show_comparison(context, comparison, *o, language);
    }

    const report::Report r = app::make_report(input, period, step);
    if (!o->html.empty()) {
      // Charts need a series: the one asked for, else by week or month.
      const report::Report charted = step == report::Step::none ? app::charted_report(input, period) : r;
      io::write_private_file(o->html, report::render_html(charted, language, datetime::format_iso(context.now())));
      fmt::print("{}\n", o->html);
      return 0;
    }
    if (context.json) {
      fmt::print("{}\n", app::report_json(r, 2));
      return 0;
    }
    if (o->csv) {
      print_csv({{"all", r}}, false);
      return 0;
    }
    const i18n::Catalog& c = i18n::Catalog::of(language);
    const std::string title = r.period.since.empty() && r.period.until.empty()
                                  ? std::string(c.gettext("all time"))
                                  : fmt::format("{}..{}", r.period.since.empty() ? "…" : r.period.since,
                                                r.period.until.empty() ? "…" : r.period.until);
    print_table({{title, r.figures}}, language);
    print_series(r, o->by, language);
    fmt::print("\n{}.\n{}\n", report::sentence(r.figures, language), verdict(r.figures, language));
    return 0;
  };
}

} // namespace motivo::cli
