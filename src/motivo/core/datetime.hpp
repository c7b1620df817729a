#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motivo::datetime {

// Seconds since 1970-01-01T00:00:00Z. All instants motivo stores are UTC.
using UnixSeconds = std::int64_t;

// A calendar date and wall-clock time with no zone attached.
struct CivilTime {
  int year = 1970;
  int month = 1; // 1..12
  int day = 1;   // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  friend bool operator==(const CivilTime&, const CivilTime&) = default;
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(int year, int month, int day);
// The date of a day number; the time fields are zero.
CivilTime civil_from_days(std::int64_t days);
// The instant of `t` read as UTC, and the UTC civil time of an instant.
UnixSeconds to_unix(const CivilTime& t);
CivilTime to_civil(UnixSeconds s);
// Whether year/month/day is a real calendar date.
bool valid_date(int year, int month, int day);

// LinkedIn's US format `M/D/YY, h:mm AM` (also with a four-digit year). Two-digit years are 20YY.
std::optional<CivilTime> parse_us_short(std::string_view text);
// `2022-09-08 18:08:14 UTC` (the zone word is optional; an explicit zone other than UTC is rejected).
std::optional<CivilTime> parse_utc_stamp(std::string_view text);
// `09 Sep 2022` or Excel's `9-Sep-22`; also ISO `2022-09-09`.
std::optional<CivilTime> parse_day_month_year(std::string_view text);
// ISO 8601 date `YYYY-MM-DD` or date-time `YYYY-MM-DD[T ]HH:MM[:SS][Z]`, read as UTC.
std::optional<UnixSeconds> parse_iso(std::string_view text);

// US Pacific (America/Los_Angeles) wall-clock time to UTC, with the US daylight-saving rules of
// 1976-1986, 1987-2006 and 2007 on. A wall time that does not exist (skipped at the spring change) or
// happens twice (the autumn change) is read with the standard offset, UTC-8, as ICU does by default.
UnixSeconds pacific_to_utc(const CivilTime& local);
// Whether daylight time is in force in US Pacific at the UTC instant `s`.
bool pacific_dst_at(UnixSeconds s);

// `2022-09-08T18:08:14Z`.
std::string format_iso(UnixSeconds s);
// `2022-09-08`.
std::string format_date(UnixSeconds s);
// The instant as Invitations.csv writes it: US Pacific wall time, `M/D/YY, h:mm AM` (seconds dropped).
std::string format_pacific_us(UnixSeconds s);

} // namespace motivo::datetime
