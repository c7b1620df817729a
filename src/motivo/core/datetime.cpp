#include <motivo/core/datetime.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>

namespace motivo::datetime {

std::int64_t days_from_civil(int year, int month, int day)
{
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilTime civil_from_days(std::int64_t z)
{
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  CivilTime t;
  t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2 ? 1 : 0));
  return t;
}

UnixSeconds to_unix(const CivilTime& t)
{
  return days_from_civil(t.year, t.month, t.day) * 86400 + UnixSeconds{t.hour} * 3600 + UnixSeconds{t.minute} * 60 +
         t.second;
}

CivilTime to_civil(UnixSeconds s)
{
  std::int64_t days = s / 86400;
  std::int64_t rest = s % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  CivilTime t = civil_from_days(days);
  t.hour = static_cast<int>(rest / 3600);
  t.minute = static_cast<int>(rest / 60 % 60);
  t.second = static_cast<int>(rest % 60);
  return t;
}

bool valid_date(int year, int month, int day)
{
  static constexpr std::array<int, 12> days_in_month{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int limit = days_in_month[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  return day <= limit;
}

namespace {

// A tiny cursor over the text: every parser below reads numbers and literal characters with it.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i == s.size(); }
  bool eat(char c)
  {
    if (i < s.size() && s[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  void skip_spaces()
  {
    while (i < s.size() && s[i] == ' ') ++i;
  }
  // Reads 1..max_digits digits.
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits)
  {
    std::size_t n = 0;
    int value = 0;
    while (i < s.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(s[i]))) {
      value = value * 10 + (s[i] - '0');
      ++i;
      ++n;
    }
    if (n < min_digits) return std::nullopt;
    return value;
  }
};

std::string_view trim(std::string_view s)
{
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<int> month_from_name(std::string_view name)
{
  static constexpr std::array<std::string_view, 12> names{"jan", "feb", "mar", "apr", "may", "jun",
                                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return std::nullopt;
  std::string lower;
  for (const char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::size_t m = 0; m < names.size(); ++m) {
    if (lower.starts_with(names[m])) {
      // Accept "Sep", "Sept" and full names, nothing else.
      static constexpr std::array<std::string_view, 12> full{"january",   "february", "march",    "april",
                                                             "may",       "june",     "july",     "august",
                                                             "september", "october",  "november", "december"};
      if (lower.size() == 3 || lower == full[m] || lower == "sept") return static_cast<int>(m + 1);
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::optional<CivilTime> checked(const CivilTime& t)
{
  if (!valid_date(t.year, t.month, t.day)) return std::nullopt;
  if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 59) {
    return std::nullopt;
  }
  return t;
}

int expand_year(int year, std::size_t digits)
{
  return digits <= 2 ? 2000 + year : year;
}

// Reads "H:MM" or "H:MM:SS" (the hour in 1 or 2 digits when hour_digits is 1, else exactly 2; with fractions, a
// ".123" after the seconds is read and dropped) into t's minute and second; returns the hour, still to be placed
// (12-hour clocks).
std::optional<int> read_clock(Cursor& c, std::size_t hour_digits, bool fractions, CivilTime& t)
{
  const auto hour = c.number(hour_digits, 2);
  if (!hour || !c.eat(':')) return std::nullopt;
  const auto minute = c.number(2, 2);
  if (!minute) return std::nullopt;
  t.minute = *minute;
  if (c.eat(':')) {
    const auto second = c.number(2, 2);
    if (!second) return std::nullopt;
    t.second = *second;
    if (fractions && c.eat('.')) c.number(1, 9); // fractions of a second are dropped
  }
  return hour;
}

} // namespace

std::optional<CivilTime> parse_us_short(std::string_view text)
{
  Cursor c{trim(text)};
  CivilTime t;
  const auto month = c.number(1, 2);
  if (!month || !c.eat('/')) return std::nullopt;
  const auto day = c.number(1, 2);
  if (!day || !c.eat('/')) return std::nullopt;
  const std::size_t year_start = c.i;
  const auto year = c.number(2, 4);
  if (!year) return std::nullopt;
  t.year = expand_year(*year, c.i - year_start);
  t.month = *month;
  t.day = *day;
  c.eat(',');
  c.skip_spaces();
  if (c.done()) return checked(t);
  const auto hour = read_clock(c, 1, false, t);
  if (!hour) return std::nullopt;
  c.skip_spaces();
  const std::string_view rest = c.s.substr(c.i);
  if (rest == "AM" || rest == "am" || rest == "PM" || rest == "pm") {
    if (*hour < 1 || *hour > 12) return std::nullopt;
    const bool pm = rest[0] == 'P' || rest[0] == 'p';
    t.hour = *hour % 12 + (pm ? 12 : 0);
  } else if (rest.empty()) {
    t.hour = *hour;
  } else {
    return std::nullopt;
  }
  return checked(t);
}

std::optional<CivilTime> parse_utc_stamp(std::string_view text)
{
  Cursor c{trim(text)};
  CivilTime t;
  const auto year = c.number(4, 4);
  if (!year || !c.eat('-')) return std::nullopt;
  const auto month = c.number(2, 2);
  if (!month || !c.eat('-')) return std::nullopt;
  const auto day = c.number(2, 2);
  if (!day) return std::nullopt;
  if (!c.eat(' ') && !c.eat('T')) return std::nullopt;
  const auto hour = read_clock(c, 2, true, t);
  if (!hour) return std::nullopt;
  c.skip_spaces();
  const std::string_view zone = c.s.substr(c.i);
  if (!(zone.empty() || zone == "UTC" || zone == "Z" || zone == "GMT" || zone == "+00:00")) return std::nullopt;
  t.year = *year;
  t.month = *month;
  t.day = *day;
  t.hour = *hour;
  return checked(t);
}

std::optional<CivilTime> parse_day_month_year(std::string_view text)
{
  text = trim(text);
  if (auto iso = parse_iso(text); iso && text.size() == 10) return to_civil(*iso);
  Cursor c{text};
  const auto day = c.number(1, 2);
  if (!day) return std::nullopt;
  const char sep = c.eat(' ') ? ' ' : c.eat('-') ? '-' : '\0';
  if (sep == '\0') return std::nullopt;
  const std::size_t name_start = c.i;
  while (!c.done() && std::isalpha(static_cast<unsigned char>(c.s[c.i]))) ++c.i;
  const auto month = month_from_name(c.s.substr(name_start, c.i - name_start));
  if (!month || !c.eat(sep)) return std::nullopt;
  const std::size_t year_start = c.i;
  const auto year = c.number(2, 4);
  if (!year || !c.done()) return std::nullopt;
  CivilTime t;
  t.year = expand_year(*year, c.i - year_start);
  t.month = *month;
  t.day = *day;
  return checked(t);
}

std::optional<UnixSeconds> parse_iso(std::string_view text)
{
  text = trim(text);
  Cursor c{text};
  CivilTime t;
  const auto year = c.number(4, 4);
  if (!year || !c.eat('-')) return std::nullopt;
  const auto month = c.number(2, 2);
  if (!month || !c.eat('-')) return std::nullopt;
  const auto day = c.number(2, 2);
  if (!day) return std::nullopt;
  t.year = *year;
  t.month = *month;
  t.day = *day;
  if (!c.done()) {
    auto stamp = parse_utc_stamp(text);
    if (!stamp) return std::nullopt;
    t = *stamp;
  }
  if (!checked(t)) return std::nullopt;
  return to_unix(t);
}

namespace {

// Day of the month of the n-th (1-based) Sunday of a month, or of the last one when n == 0.
int nth_sunday(int year, int month, int n)
{
  // 1970-01-01 was a Thursday: weekday 0 = Sunday.
  const auto weekday = [](std::int64_t days) { return static_cast<int>(((days % 7) + 7 + 4) % 7); };
  if (n > 0) {
    const std::int64_t first = days_from_civil(year, month, 1);
    const int offset = (7 - weekday(first)) % 7;
    return 1 + offset + 7 * (n - 1);
  }
  static constexpr std::array<int, 12> length{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last_day = length[static_cast<std::size_t>(month - 1)];
  const int w = weekday(days_from_civil(year, month, last_day));
  return last_day - w;
}

struct DstRule {
  CivilTime start; // local standard time of the spring change (02:00)
  CivilTime end;   // local daylight time of the autumn change (02:00)
};

std::optional<DstRule> us_dst_rule(int year)
{
  if (year < 1976) return std::nullopt;
  DstRule r;
  if (year >= 2007) {
    r.start = {year, 3, nth_sunday(year, 3, 2), 2, 0, 0};
    r.end = {year, 11, nth_sunday(year, 11, 1), 2, 0, 0};
  } else if (year >= 1987) {
    r.start = {year, 4, nth_sunday(year, 4, 1), 2, 0, 0};
    r.end = {year, 10, nth_sunday(year, 10, 0), 2, 0, 0};
  } else {
    r.start = {year, 4, nth_sunday(year, 4, 0), 2, 0, 0};
    r.end = {year, 10, nth_sunday(year, 10, 0), 2, 0, 0};
  }
  return r;
}

constexpr int pst = -8 * 3600;
constexpr int pdt = -7 * 3600;

} // namespace

UnixSeconds pacific_to_utc(const CivilTime& local)
{
  const UnixSeconds wall = to_unix(local); // the wall time as if it were UTC
  const auto rule = us_dst_rule(local.year);
  if (!rule) return wall - pst;
  // Daylight time holds from 03:00 on the spring day (02:00-02:59 does not exist) up to 01:00 on the
  // autumn day (01:00-01:59 happens twice): both gaps are read as standard time.
  const UnixSeconds dst_from = to_unix(rule->start) + 3600;
  const UnixSeconds dst_until = to_unix(rule->end) - 3600;
  const bool dst = wall >= dst_from && wall < dst_until;
  return wall - (dst ? pdt : pst);
}

bool pacific_dst_at(UnixSeconds s)
{
  const CivilTime utc = to_civil(s);
  const auto rule = us_dst_rule(utc.year);
  if (!rule) return false;
  // The changes happen at 10:00 UTC (02:00 PST) in spring and 09:00 UTC (02:00 PDT) in autumn.
  const UnixSeconds start = to_unix(rule->start) - pst;
  const UnixSeconds end = to_unix(rule->end) - pdt;
  return s >= start && s < end;
}

std::string format_iso(UnixSeconds s)
{
  const CivilTime t = to_civil(s);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hour, t.minute, t.second);
}

std::string format_date(UnixSeconds s)
{
  const CivilTime t = to_civil(s);
  return fmt::format("{:04}-{:02}-{:02}", t.year, t.month, t.day);
}

std::string format_pacific_us(UnixSeconds s)
{
  const UnixSeconds local = s + (pacific_dst_at(s) ? -7 : -8) * UnixSeconds{3600};
  const CivilTime c = to_civil(local);
  const int hour12 = c.hour % 12 == 0 ? 12 : c.hour % 12;
  return fmt::format("{}/{}/{:02}, {}:{:02} {}", c.month, c.day, c.year % 100, hour12, c.minute,
                     c.hour < 12 ? "AM" : "PM");
}

} // namespace motivo::datetime
