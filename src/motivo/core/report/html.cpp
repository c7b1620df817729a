#include <motivo/core/i18n.hpp>
#include <motivo/core/report/html.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace motivo::report {

namespace {

std::string escape(std::string_view s)
{
  std::string out;
  for (const char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

// The report's words in its language (po/es.po).
using Words = i18n::Catalog;

// Colours per label, readable in print and for common colour blindness (Okabe–Ito).
constexpr std::array<std::string_view, 5> label_colour = {"#bbbbbb", "#e69f00", "#56b4e9", "#d55e00", "#009e73"};

std::string pct(const Rate& r)
{
  if (r.total == 0) return "–";
  return fmt::format("{} % <small>[{}–{}] n={}</small>", std::lround(r.value * 100), std::lround(r.low * 100),
                     std::lround(r.high * 100), r.total);
}

// Stacked bars: one per period, one segment per label.
std::string stacked_bars(const std::vector<SeriesPoint>& series, const Words& w, std::string_view language)
{
  const int width = 760, height = 260, left = 40, bottom = 40, top = 10;
  std::size_t max = 1;
  for (const auto& p : series) max = std::max(max, p.figures.incoming.received);
  const double slot = series.empty() ? 0 : static_cast<double>(width - left - 10) / static_cast<double>(series.size());
  const double bar = std::max(2.0, slot * 0.7);
  const double scale = static_cast<double>(height - bottom - top) / static_cast<double>(max);
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", width, height,
                                w.gettext("Invitations per period by label"));
  svg += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>)", left, height - bottom, width - 5,
                     height - bottom);
  svg += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>)", left - 4, top + 8, max);
  svg += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="end">0</text>)", left - 4, height - bottom);
  for (std::size_t i = 0; i < series.size(); ++i) {
    const auto& in = series[i].figures.incoming;
    const double x = left + slot * static_cast<double>(i) + (slot - bar) / 2;
    double y = height - bottom;
    for (std::size_t l = 0; l < in.by_label.size(); ++l) {
      const double h = static_cast<double>(in.by_label[l]) * scale;
      if (h <= 0) continue;
      y -= h;
      svg += fmt::format(
          R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"><title>{} {}: {}</title></rect>)", x,
          y, bar, h, label_colour[l], escape(series[i].period), label_title(classify::all_labels[l], language),
          in.by_label[l]);
    }
    if (series.size() <= 16 || i % (series.size() / 12 + 1) == 0)
      svg += fmt::format(R"(<text x="{:.1f}" y="{}" class="tick" text-anchor="middle">{}</text>)", x + bar / 2,
                         height - bottom + 14, escape(series[i].period));
  }
  svg += "</svg>";
  std::string legend = "<p class=\"legend\">";
  for (std::size_t l = 0; l < label_colour.size(); ++l)
    legend += fmt::format(R"(<span><i style="background:{}"></i>{}</span>)", label_colour[l],
                          label_title(classify::all_labels[l], language));
  return svg + legend + "</p>";
}

// The personalisation rate per period, with its Wilson band.
std::string rate_line(const std::vector<SeriesPoint>& series, const Words& w)
{
  const int width = 760, height = 220, left = 40, bottom = 30, top = 10;
  const double plot = height - bottom - top;
  const double slot =
      series.size() > 1 ? static_cast<double>(width - left - 20) / static_cast<double>(series.size() - 1) : 0;
  const auto y = [&](double v) { return top + plot * (1 - v); };
  std::string band, line;
  std::vector<std::pair<double, double>> upper, lower;
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", width, height,
                                w.gettext("Personalisation rate over time"));
  for (const double v : {0.0, 0.5, 1.0})
    svg += fmt::format(
        R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" class="grid"/><text x="{}" y="{:.1f}" class="tick" text-anchor="end">{} %</text>)",
        left, y(v), width - 5, y(v), left - 4, y(v) + 4, std::lround(v * 100));
  for (std::size_t i = 0; i < series.size(); ++i) {
    const Rate& r = series[i].figures.incoming.personalization;
    if (r.total == 0) continue;
    const double x = left + 10 + slot * static_cast<double>(i);
    upper.emplace_back(x, y(r.high));
    lower.emplace_back(x, y(r.low));
    line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x, y(r.value));
    svg += fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="3" class="point"><title>{}: {} % (n={})</title></circle>)",
                       x, y(r.value), escape(series[i].period), std::lround(r.value * 100), r.total);
  }
  if (!upper.empty()) {
    for (const auto& [x, yy] : upper) band += fmt::format("{:.1f},{:.1f} ", x, yy);
    for (auto it = lower.rbegin(); it != lower.rend(); ++it)
      band += fmt::format("{:.1f},{:.1f} ", it->first, it->second);
    svg += fmt::format(R"(<polygon points="{}" class="band"/><polyline points="{}" class="line"/>)", band, line);
  }
  return svg + "</svg>";
}

// Horizontal bars for the funnel, or any list of (name, count).
std::string bars(const std::vector<std::pair<std::string, std::size_t>>& items, std::string_view label)
{
  const int width = 760, row = 28, left = 220;
  std::size_t max = 1;
  for (const auto& [n, v] : items) max = std::max(max, v);
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", width,
                                row * static_cast<int>(items.size()) + 6, escape(label));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const double w = static_cast<double>(items[i].second) / static_cast<double>(max) * (width - left - 60);
    const int y = 3 + row * static_cast<int>(i);
    svg += fmt::format(
        R"(<text x="{}" y="{}" class="label" text-anchor="end">{}</text><rect x="{}" y="{}" width="{:.1f}" height="{}" class="bar"/><text x="{:.1f}" y="{}" class="value">{}</text>)",
        left - 8, y + 17, escape(items[i].first), left, y + 4, std::max(1.0, w), row - 10, left + std::max(1.0, w) + 6,
        y + 17, items[i].second);
  }
  return svg + "</svg>";
}

// Rates with their intervals, as dots and whiskers on a 0–100 % scale.
std::string intervals(const std::vector<std::pair<std::string, Rate>>& items, std::string_view label)
{
  const int width = 760, row = 34, left = 220, right = 40;
  const double span = width - left - right;
  std::string svg = fmt::format(R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}">)", width,
                                row * static_cast<int>(items.size()) + 24, escape(label));
  for (const double v : {0.0, 0.25, 0.5, 0.75, 1.0})
    svg += fmt::format(
        R"(<line x1="{:.1f}" y1="0" x2="{:.1f}" y2="{}" class="grid"/><text x="{:.1f}" y="{}" class="tick" text-anchor="middle">{} %</text>)",
        left + span * v, left + span * v, row * static_cast<int>(items.size()), left + span * v,
        row * static_cast<int>(items.size()) + 16, std::lround(v * 100));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Rate& r = items[i].second;
    const int y = row * static_cast<int>(i) + row / 2;
    svg += fmt::format(R"(<text x="{}" y="{}" class="label" text-anchor="end">{} (n={})</text>)", left - 8, y + 5,
                       escape(items[i].first), r.total);
    if (r.total == 0) continue;
    svg += fmt::format(
        R"(<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" class="whisker"/><circle cx="{:.1f}" cy="{}" r="5" class="point"><title>{} %, [{}–{}]</title></circle>)",
        left + span * r.low, y, left + span * r.high, y, left + span * r.value, y, std::lround(r.value * 100),
        std::lround(r.low * 100), std::lround(r.high * 100));
  }
  return svg + "</svg>";
}

} // namespace

std::string render_html(const Report& report, std::string_view language, std::string_view generated)
{
  const Words& w = i18n::Catalog::of(language);
  const Figures& f = report.figures;
  const Incoming& in = f.incoming;
  const Outgoing& out = f.outgoing;
  const std::string period = report.period.since.empty() && report.period.until.empty()
                                 ? std::string(w.pgettext("report title", "all time"))
                                 : fmt::format("{} – {}", report.period.since.empty() ? "…" : report.period.since,
                                               report.period.until.empty() ? "…" : report.period.until);
  std::string html =
      fmt::format(R"(<!DOCTYPE html>
<html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>motivo — {}</title>
<style>
body{{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:820px;margin:2em auto;padding:0 1em;color:#222}}
h1{{font-size:1.5em;margin-bottom:.2em}} h2{{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}}
.lead{{font-size:1.1em}} .meta{{color:#595959;font-size:.85em}}
table{{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums;display:block;max-width:100%;overflow-x:auto}} td,th{{padding:.2em .8em;border-bottom:1px solid #eee;text-align:right}}
td:first-child,th:first-child{{text-align:left}} small{{color:#595959}}
svg{{width:100%;height:auto;display:block}} .axis{{stroke:#444}} .grid{{stroke:#e5e5e5}} .tick{{font-size:11px;fill:#666}}
.label,.value{{font-size:13px;fill:#333}} .bar{{fill:#56b4e9}} .band{{fill:#56b4e9;opacity:.25}} .line{{fill:none;stroke:#0072b2;stroke-width:2}}
.point{{fill:#0072b2}} .whisker{{stroke:#0072b2;stroke-width:3}}
.legend span{{margin-right:1em;font-size:.85em}} .legend i{{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}}
@media print{{body{{margin:0}}}}
@media (max-width:480px){{body{{margin:1em auto}} td,th{{padding:.2em .3em;font-size:.85em}} th{{overflow-wrap:anywhere;hyphens:auto}}}}
</style></head><body>
<h1>{}</h1><p class="meta">{} · {} {}</p>
<p class="lead">{}.</p>
)",
                  language == "es" ? "es" : "en", escape(period), w.gettext("Your LinkedIn invitations"),
                  escape(period), w.gettext("written"), escape(generated), escape(sentence(f, language)));

  // 1. Per period, by label.
  html += fmt::format("<h2>{}</h2>", w.gettext("Invitations received, by label"));
  if (!report.series.empty()) html += stacked_bars(report.series, w, language);
  html += fmt::format("<table><tr><th>{}</th><th>{}</th>", w.gettext("period"), w.gettext("received"));
  for (const auto l : classify::all_labels) html += fmt::format("<th>{}</th>", label_title(l, language));
  html += "</tr>";
  const auto label_row = [&](const std::string& name, const Incoming& x) {
    html += fmt::format("<tr><td>{}</td><td>{}</td>", escape(name), x.received);
    for (const auto n : x.by_label) html += fmt::format("<td>{}</td>", n);
    html += "</tr>";
  };
  for (const auto& p : report.series) label_row(p.period, p.figures.incoming);
  label_row(std::string(w.gettext("total")), in);
  html += "</table>";

  // 2. Personalisation over time.
  if (report.series.size() > 1) {
    html += fmt::format("<h2>{}</h2>", w.gettext("Personalisation rate over time (95 % interval)"));
    html += rate_line(report.series, w);
    html += fmt::format("<table><tr><th>{}</th><th>{}</th></tr>", w.gettext("period"), w.gettext("personalised"));
    for (const auto& p : report.series)
      html += fmt::format("<tr><td>{}</td><td>{}</td></tr>", escape(p.period), pct(p.figures.incoming.personalization));
    html += "</table>";
  }

  // 3. The funnel.
  html += fmt::format("<h2>{}</h2>", w.gettext("From received to accepted"));
  std::vector<std::pair<std::string, std::size_t>> funnel = {
      {std::string(w.gettext("received")), in.received},
      {std::string(w.gettext("not personalised")), in.not_personalized},
      {std::string(w.gettext("asked")), in.asked},
      {std::string(w.gettext("replied")), in.replied}};
  // Without Connections.csv who accepted is unknown: no bar rather than a false 0.
  if (f.acceptance_known) funnel.emplace_back(w.gettext("accepted"), in.accepted);
  html += bars(funnel, w.gettext("Funnel"));
  if (!f.acceptance_known)
    html += fmt::format("<p>{}</p>", w.gettext("Acceptance unknown: no imported export lists your connections "
                                               "(Connections.csv), so who accepted is not known."));
  html += fmt::format(
      "<table><tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr>"
      "<tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr></table>",
      w.gettext("personalised"), pct(in.personalization), w.gettext("replied, among the asked"), pct(in.reply),
      w.gettext("median hours to reply"),
      in.median_hours_to_reply ? fmt::format("{:.1f}", *in.median_hours_to_reply) : "–", w.gettext("declined"),
      in.declined, w.gettext("spam"), in.spam,
      w.gettext("asks typed, and their minutes (what the strict policy saves)"),
      fmt::format("{} ({:.0f} min)", f.time.asks, f.time.minutes));

  // 4. Your own invitations.
  html += fmt::format("<h2>{}</h2>", w.gettext("Do your notes get your invitations accepted?"));
  if (!f.acceptance_known) {
    html += fmt::format(
        "<p>{}</p>",
        w.gettext("Without Connections.csv, which of your invitations were accepted is unknown: nothing to compare."));
  } else {
    html += intervals({{std::string(w.gettext("with a note")), out.with_note_rate},
                       {std::string(w.gettext("without a note")), out.without_note_rate},
                       {std::string(w.gettext("hand-written note")), out.handwritten_rate},
                       {std::string(w.gettext("template note")), out.templated_rate}},
                      w.gettext("Acceptance of your invitations"));
    html += fmt::format("<table><tr><th></th><th>{}</th><th>{}</th></tr><tr><td>{}</td><td>{}</td><td>{}</td></"
                        "tr><tr><td>{}</td><td>{}</td><td>{}</td></tr>"
                        "<tr><td>{}</td><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td><td>{}</td></tr></table>",
                        w.gettext("sent"), w.gettext("accepted"), w.gettext("with a note"), out.with_note,
                        pct(out.with_note_rate), w.gettext("without a note"), out.without_note,
                        pct(out.without_note_rate), w.gettext("hand-written"), out.handwritten,
                        pct(out.handwritten_rate), w.gettext("template"), out.templated, pct(out.templated_rate));
    html += fmt::format(
        "<p>{}</p>", out.with_note == 0 || out.without_note == 0
                         ? w.gettext("Nothing to compare: you did not send invitations both with and without a note.")
                     : out.notes_differ ? w.gettext("The difference is beyond the 95 % intervals.")
                                        : w.gettext("The intervals overlap: no difference can be claimed."));
  }

  html += fmt::format("<h2>{}</h2><table><tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr></table>",
                      w.gettext("Welcome messages"), w.pgettext("welcome messages", "sent"), f.welcome.sent,
                      w.pgettext("welcome messages", "replied"), pct(f.welcome.reply));
  html +=
      fmt::format("<p class=\"meta\">{}</p></body></html>\n",
                  w.gettext("Made by motivo from your own LinkedIn data, on your machine. Intervals: Wilson, 95 %."));
  return html;
}

std::string render_comparison_html(const std::vector<std::pair<std::string, Report>>& periods, std::string_view verdict,
                                   std::string_view language, std::string_view generated)
{
  const Words& w = i18n::Catalog::of(language);
  std::string names;
  for (const auto& [name, r] : periods) names += (names.empty() ? "" : " · ") + escape(name);
  std::string html = fmt::format(
      R"(<!DOCTYPE html>
<html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>motivo — {}</title>
<style>
body{{font:15px/1.45 system-ui,sans-serif;max-width:820px;margin:2em auto;padding:0 1em;color:#222}}
table{{border-collapse:collapse;margin:.6em 0;font-variant-numeric:tabular-nums;display:block;max-width:100%;overflow-x:auto}} td,th{{padding:.2em .8em;border-bottom:1px solid #eee;text-align:right}}
td:first-child,th:first-child{{text-align:left}} small,.meta{{color:#595959}} h2{{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}}
@media (max-width:480px){{body{{margin:1em auto}} td,th{{padding:.2em .3em;font-size:.85em}} th{{overflow-wrap:anywhere;hyphens:auto}}}}
</style></head><body>
<h1>{}</h1><p class="meta">{} · {} {}</p><p class="lead">{}</p>
<table><tr><th></th>)",
      language == "es" ? "es" : "en", names, names, w.gettext("Your LinkedIn invitations"), w.gettext("written"),
      escape(generated), escape(verdict));
  for (const auto& [name, r] : periods) html += fmt::format("<th>{}</th>", escape(name));
  html += "</tr>";
  const auto row = [&](std::string_view title, const auto& value) {
    html += fmt::format("<tr><td>{}</td>", escape(title));
    for (const auto& [name, r] : periods) html += fmt::format("<td>{}</td>", value(r.figures));
    html += "</tr>";
  };
  row(w.gettext("received"), [](const Figures& f) { return std::to_string(f.incoming.received); });
  row(w.gettext("personalised"), [](const Figures& f) { return pct(f.incoming.personalization); });
  row(w.gettext("asked"), [](const Figures& f) { return std::to_string(f.incoming.asked); });
  row(w.gettext("replied"), [](const Figures& f) { return pct(f.incoming.reply); });
  row(w.gettext("accepted"), [](const Figures& f) { return std::to_string(f.incoming.accepted); });
  row(w.gettext("declined"), [](const Figures& f) { return std::to_string(f.incoming.declined); });
  row(w.gettext("pending"), [](const Figures& f) { return std::to_string(f.incoming.pending); });
  row(w.gettext("Sent (yours)"), [](const Figures& f) { return std::to_string(f.outgoing.sent); });
  row(w.gettext("accepted with a note"), [](const Figures& f) { return pct(f.outgoing.with_note_rate); });
  row(w.gettext("accepted without a note"), [](const Figures& f) { return pct(f.outgoing.without_note_rate); });
  html += "</table>";
  for (const auto& [name, r] : periods) {
    html += fmt::format("<h2>{}</h2><p>{}.</p>", escape(name), escape(sentence(r.figures, language)));
    if (r.series.empty()) continue;
    html += fmt::format("<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>", w.gettext("period"), w.gettext("received"),
                        w.gettext("personalised"));
    for (const auto& p : r.series)
      html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", escape(p.period), p.figures.incoming.received,
                          pct(p.figures.incoming.personalization));
    html += "</table>";
  }
  html +=
      fmt::format("<p class=\"meta\">{}</p></body></html>\n",
                  w.gettext("Made by motivo from your own LinkedIn data, on your machine. Intervals: Wilson, 95 %."));
  return html;
}

} // namespace motivo::report
