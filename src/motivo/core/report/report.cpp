#include <motivo/core/i18n.hpp>
#include <motivo/core/report/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace motivo::report {

Rate rate(std::size_t hits, std::size_t total, double z)
{
  Rate r;
  r.hits = hits;
  r.total = total;
  if (total == 0) return r;
  const double n = static_cast<double>(total);
  const double p = static_cast<double>(hits) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  r.value = p;
  r.low = std::max(0.0, centre - half);
  r.high = std::min(1.0, centre + half);
  return r;
}

bool differ(const Rate& a, const Rate& b)
{
  if (a.total == 0 || b.total == 0) return false;
  return a.high < b.low || b.high < a.low;
}

bool Period::contains(datetime::UnixSeconds t) const
{
  const std::string day = datetime::format_date(t);
  return (since.empty() || day >= since) && (until.empty() || day <= until);
}

namespace {

// The median of values each counted `second` times (the middle one, or the mean of the two middle ones).
std::optional<double> weighted_median(std::vector<std::pair<double, std::size_t>> values)
{
  std::size_t n = 0;
  for (const auto& v : values) n += v.second;
  if (n == 0) return std::nullopt;
  std::sort(values.begin(), values.end());
  const auto nth = [&](std::size_t k) { // the k-th value (0-based) in order
    for (const auto& [value, count] : values) {
      if (k < count) return value;
      k -= count;
    }
    return values.back().first;
  };
  return n % 2 ? nth(n / 2) : (nth(n / 2 - 1) + nth(n / 2)) / 2;
}

void count_incoming(Incoming& in, const Row& r, std::vector<std::pair<double, std::size_t>>& reply_hours)
{
  using classify::Label;
  using protocol::State;
  const std::size_t n = r.count;
  in.received += n;
  in.by_label[static_cast<std::size_t>(r.label)] += n;
  (r.label == Label::personalized ? in.personalized : in.not_personalized) += n;
  if (r.label == Label::spam) in.spam += n;
  if (r.asked_at) in.asked += n;
  if (r.asked_at && r.replied_at) {
    in.replied += n;
    reply_hours.emplace_back(static_cast<double>(*r.replied_at - *r.asked_at) / 3600.0, n);
  }
  switch (r.state) {
  case State::accepted: in.accepted += n; break;
  case State::declined: in.declined += n; break;
  case State::withdrawn: in.withdrawn += n; break;
  default: in.pending += n; break;
  }
}

void count_outgoing(Outgoing& out, const Row& r)
{
  const std::size_t n = r.count;
  const std::size_t accepted = r.state == protocol::State::accepted ? n : 0;
  out.sent += n;
  out.accepted += accepted;
  if (r.has_note) {
    out.with_note += n;
    out.accepted_with_note += accepted;
    if (r.templated) {
      out.templated += n;
      out.accepted_templated += accepted;
    } else {
      out.handwritten += n;
      out.accepted_handwritten += accepted;
    }
  } else {
    out.without_note += n;
    out.accepted_without_note += accepted;
  }
}

Figures figures_of(const std::vector<const Row*>& rows, const std::vector<const WelcomeRow*>& welcomes,
                   double minutes_per_ask)
{
  Figures f;
  std::vector<std::pair<double, std::size_t>> reply_hours;
  for (const Row* r : rows) {
    f.acceptance_known = f.acceptance_known && r->acceptance_known;
    if (r->direction == Direction::incoming)
      count_incoming(f.incoming, *r, reply_hours);
    else
      count_outgoing(f.outgoing, *r);
  }
  Incoming& in = f.incoming;
  in.personalization = rate(in.personalized, in.received);
  in.reply = rate(in.replied, in.asked);
  in.median_hours_to_reply = weighted_median(std::move(reply_hours));
  Outgoing& out = f.outgoing;
  out.acceptance = rate(out.accepted, out.sent);
  out.with_note_rate = rate(out.accepted_with_note, out.with_note);
  out.without_note_rate = rate(out.accepted_without_note, out.without_note);
  out.templated_rate = rate(out.accepted_templated, out.templated);
  out.handwritten_rate = rate(out.accepted_handwritten, out.handwritten);
  out.notes_differ = differ(out.with_note_rate, out.without_note_rate);
  out.handwriting_differs = differ(out.handwritten_rate, out.templated_rate);
  for (const WelcomeRow* w : welcomes) {
    if (!w->welcomed) continue;
    f.welcome.sent += w->count;
    f.welcome.replied += w->replied ? w->count : 0;
  }
  f.welcome.reply = rate(f.welcome.replied, f.welcome.sent);
  f.time.asks = in.asked;
  f.time.minutes = static_cast<double>(in.asked) * minutes_per_ask;
  return f;
}

// "2013-11" or the ISO week "2013-W45".
std::string bucket(datetime::UnixSeconds t, Step step)
{
  const datetime::CivilTime c = datetime::to_civil(t);
  if (step == Step::month) return fmt::format("{:04}-{:02}", c.year, c.month);
  // ISO week: the Thursday of the week decides the year.
  const std::int64_t days = datetime::days_from_civil(c.year, c.month, c.day);
  const std::int64_t weekday = ((days + 3) % 7 + 7) % 7; // Monday 0 (1970-01-01 was a Thursday)
  const std::int64_t thursday = days - weekday + 3;
  const datetime::CivilTime th = datetime::civil_from_days(thursday);
  const std::int64_t jan1 = datetime::days_from_civil(th.year, 1, 1);
  return fmt::format("{:04}-W{:02}", th.year, (thursday - jan1) / 7 + 1);
}

} // namespace

Report build(const std::vector<Row>& rows, const std::vector<WelcomeRow>& welcomes, const Period& period, Step step,
             double minutes_per_ask)
{
  Report r;
  r.period = period;
  std::vector<const Row*> cohort;
  for (const Row& row : rows) {
    if (period.contains(row.sent_at)) cohort.push_back(&row);
  }
  std::vector<const WelcomeRow*> made;
  for (const WelcomeRow& w : welcomes) {
    if (period.contains(w.connected_at)) made.push_back(&w);
  }
  r.figures = figures_of(cohort, made, minutes_per_ask);
  if (step != Step::none && !cohort.empty()) {
    // The series spans the cohort's invitations, with every week or month between the first and the last (empty
    // ones too, so a chart's axis is time), up to 520 of them; welcomes join the periods that exist.
    std::map<std::string, std::pair<std::vector<const Row*>, std::vector<const WelcomeRow*>>> buckets;
    datetime::UnixSeconds first = cohort.front()->sent_at, last = first;
    for (const Row* row : cohort) {
      buckets[bucket(row->sent_at, step)].first.push_back(row);
      first = std::min(first, row->sent_at);
      last = std::max(last, row->sent_at);
    }
    std::size_t added = 0;
    for (datetime::UnixSeconds t = first; t <= last && added < 520; t += step == Step::week ? 7 * 86400 : 27 * 86400) {
      buckets[bucket(t, step)];
      ++added;
    }
    for (const WelcomeRow* w : made) {
      if (const auto it = buckets.find(bucket(w->connected_at, step)); it != buckets.end())
        it->second.second.push_back(w);
    }
    for (const auto& [name, members] : buckets)
      r.series.push_back({name, figures_of(members.first, members.second, minutes_per_ask)});
  }
  return r;
}

std::optional<Period> parse_period(std::string_view text)
{
  const auto is_date = [](std::string_view d) { return d.size() == 10 && datetime::parse_iso(d).has_value(); };
  if (const auto dots = text.find(".."); dots != std::string_view::npos) {
    const std::string_view a = text.substr(0, dots), b = text.substr(dots + 2);
    if (!is_date(a) || !is_date(b) || a > b) return std::nullopt;
    return Period{std::string(a), std::string(b)};
  }
  if (is_date(text)) return Period{std::string(text), std::string(text)};
  if (text.size() == 7 && text[4] == '-') {
    const std::string first = std::string(text) + "-01";
    if (!is_date(first)) return std::nullopt;
    const int year = std::stoi(std::string(text.substr(0, 4))), month = std::stoi(std::string(text.substr(5, 2)));
    int last = 31;
    while (last > 28 && !datetime::valid_date(year, month, last)) --last;
    return Period{first, fmt::format("{}-{:02}", text, last)};
  }
  if (text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Period{std::string(text) + "-01-01", std::string(text) + "-12-31"};
  return std::nullopt;
}

std::string_view label_title(classify::Label label, std::string_view language)
{
  const i18n::Catalog& c = i18n::Catalog::of(language);
  switch (label) {
  case classify::Label::empty: return c.pgettext("label", "empty");
  case classify::Label::default_text: return c.pgettext("label", "default");
  case classify::Label::template_text: return c.pgettext("label", "template");
  case classify::Label::spam: return c.pgettext("label", "spam");
  case classify::Label::personalized: return c.pgettext("label", "personalized");
  }
  return classify::label_name(label);
}

std::string sentence(const Figures& f, std::string_view language)
{
  const Incoming& in = f.incoming;
  const auto pct = [](const Rate& r) { return static_cast<int>(std::lround(r.value * 100)); };
  const i18n::Catalog& c = i18n::Catalog::of(language);
  // "12 invitations: 3 personalised (25 %), 9 not; asked 2, 1 replied (50 %)"
  const std::string received =
      fmt::format(fmt::runtime(c.ngettext("{} invitation", "{} invitations", in.received)), in.received);
  const std::string personalized =
      fmt::format(fmt::runtime(c.ngettext("{} personalised", "{} personalised", in.personalized)), in.personalized);
  std::string s = fmt::format(fmt::runtime(c.gettext("{}: {} ({} %), {} not")), received, personalized,
                              pct(in.personalization), in.not_personalized);
  if (in.asked == 0) return s + std::string(c.gettext("; you asked nobody"));
  return s + fmt::format(fmt::runtime(c.gettext("; asked {}, {} replied ({} %)")), in.asked, in.replied, pct(in.reply));
}

} // namespace motivo::report
