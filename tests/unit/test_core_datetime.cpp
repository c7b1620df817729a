#include <motivo/core/datetime.hpp>

#include <gtest/gtest.h>
#include <unicode/calendar.h>
#include <unicode/timezone.h>

#include <memory>

using namespace motivo::datetime;

namespace {

UnixSeconds utc(int y, int mo, int d, int h, int mi)
{
  return to_unix({y, mo, d, h, mi, 0});
}

} // namespace

TEST(Datetime, CivilRoundTrip)
{
  for (std::int64_t days = -1000; days < 30000; days += 37) {
    const CivilTime t = civil_from_days(days);
    EXPECT_EQ(days_from_civil(t.year, t.month, t.day), days);
  }
  EXPECT_EQ(format_iso(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso(utc(2024, 2, 29, 23, 59) + 59), "2024-02-29T23:59:59Z");
}

TEST(Datetime, ParsesLinkedInUsFormat)
{
  EXPECT_EQ(parse_us_short("12/21/23, 11:29 AM"), (CivilTime{2023, 12, 21, 11, 29, 0}));
  EXPECT_EQ(parse_us_short("1/8/18, 6:14 PM"), (CivilTime{2018, 1, 8, 18, 14, 0}));
  EXPECT_EQ(parse_us_short("1/8/18, 12:05 AM"), (CivilTime{2018, 1, 8, 0, 5, 0}));
  EXPECT_EQ(parse_us_short("1/8/18, 12:05 PM"), (CivilTime{2018, 1, 8, 12, 5, 0}));
  EXPECT_EQ(parse_us_short(" 3/10/2024, 2:30 AM "), (CivilTime{2024, 3, 10, 2, 30, 0}));
  EXPECT_FALSE(parse_us_short("2/30/24, 9:00 AM")) << "impossible date";
  EXPECT_FALSE(parse_us_short("2/29/23, 9:00 AM")) << "not a leap year";
  EXPECT_TRUE(parse_us_short("2/29/24, 9:00 AM"));
  EXPECT_FALSE(parse_us_short("13/1/24, 9:00 AM"));
  EXPECT_FALSE(parse_us_short("1/1/24, 13:00 PM"));
  EXPECT_FALSE(parse_us_short("1/1/24, 9:60 AM"));
  EXPECT_FALSE(parse_us_short("yesterday"));
  EXPECT_FALSE(parse_us_short("1/1/24, 9:00 XM"));
}

TEST(Datetime, ParsesUtcStampsAndConnectionDates)
{
  EXPECT_EQ(parse_utc_stamp("2022-09-08 18:08:14 UTC"), (CivilTime{2022, 9, 8, 18, 8, 14}));
  EXPECT_FALSE(parse_utc_stamp("2022-09-08 18:08:14 CET"));
  EXPECT_FALSE(parse_utc_stamp("2022-13-08 18:08:14 UTC"));
  EXPECT_EQ(parse_day_month_year("09 Sep 2022"), (CivilTime{2022, 9, 9, 0, 0, 0}));
  EXPECT_EQ(parse_day_month_year("9-Sep-22"), (CivilTime{2022, 9, 9, 0, 0, 0}));
  EXPECT_EQ(parse_day_month_year("9 Sept 2022"), (CivilTime{2022, 9, 9, 0, 0, 0}));
  EXPECT_EQ(parse_day_month_year("2022-09-09"), (CivilTime{2022, 9, 9, 0, 0, 0}));
  EXPECT_FALSE(parse_day_month_year("31 Feb 2022"));
  EXPECT_FALSE(parse_day_month_year("09 Sepx 2022"));
  EXPECT_EQ(parse_iso("2013-11-30"), utc(2013, 11, 30, 0, 0));
}

TEST(Datetime, PacificAroundDaylightSavingChanges)
{
  // 2024: daylight time from Sunday 10 March 02:00 PST to Sunday 3 November 02:00 PDT.
  EXPECT_EQ(pacific_to_utc({2024, 3, 10, 1, 59, 0}), utc(2024, 3, 10, 9, 59));
  EXPECT_EQ(pacific_to_utc({2024, 3, 10, 3, 0, 0}), utc(2024, 3, 10, 10, 0));
  EXPECT_EQ(pacific_to_utc({2024, 3, 10, 2, 30, 0}), utc(2024, 3, 10, 10, 30)) << "skipped hour: standard offset";
  EXPECT_EQ(pacific_to_utc({2024, 11, 3, 0, 59, 0}), utc(2024, 11, 3, 7, 59));
  EXPECT_EQ(pacific_to_utc({2024, 11, 3, 1, 30, 0}), utc(2024, 11, 3, 9, 30)) << "repeated hour: standard offset";
  EXPECT_EQ(pacific_to_utc({2024, 11, 3, 2, 0, 0}), utc(2024, 11, 3, 10, 0));
  EXPECT_EQ(pacific_to_utc({2024, 7, 1, 12, 0, 0}), utc(2024, 7, 1, 19, 0));
  EXPECT_EQ(pacific_to_utc({2024, 1, 1, 12, 0, 0}), utc(2024, 1, 1, 20, 0));
  // 1987-2006 rules: first Sunday of April to last Sunday of October.
  EXPECT_EQ(pacific_to_utc({2006, 4, 2, 3, 0, 0}), utc(2006, 4, 2, 10, 0));
  EXPECT_EQ(pacific_to_utc({2006, 3, 20, 12, 0, 0}), utc(2006, 3, 20, 20, 0));
  EXPECT_EQ(pacific_to_utc({2006, 10, 29, 0, 30, 0}), utc(2006, 10, 29, 7, 30));
  EXPECT_TRUE(pacific_dst_at(utc(2024, 3, 10, 10, 0)));
  EXPECT_FALSE(pacific_dst_at(utc(2024, 3, 10, 9, 59)));
  EXPECT_TRUE(pacific_dst_at(utc(2024, 11, 3, 8, 59)));
  EXPECT_FALSE(pacific_dst_at(utc(2024, 11, 3, 9, 0)));
}

// The hand-written rules must agree with ICU's America/Los_Angeles for every half hour from 1990 to 2035,
// including the skipped and repeated hours (ICU's default reads both with the offset before the change).
TEST(Datetime, PacificAgreesWithIcuEveryHalfHour)
{
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone("America/Los_Angeles"));
  std::unique_ptr<icu::Calendar> cal(icu::Calendar::createInstance(zone.release(), status));
  ASSERT_TRUE(U_SUCCESS(status));
  int checked = 0;
  for (std::int64_t day = days_from_civil(1990, 1, 1); day < days_from_civil(2035, 1, 1); ++day) {
    const CivilTime date = civil_from_days(day);
    for (int half = 0; half < 48; ++half) {
      CivilTime t = date;
      t.hour = half / 2;
      t.minute = half % 2 ? 30 : 0;
      cal->clear();
      cal->set(t.year, t.month - 1, t.day, t.hour, t.minute, 0);
      const UDate ms = cal->getTime(status);
      ASSERT_TRUE(U_SUCCESS(status));
      ASSERT_EQ(pacific_to_utc(t), static_cast<UnixSeconds>(ms / 1000)) << format_iso(to_unix(t)) << " local";
      ++checked;
    }
  }
  EXPECT_GT(checked, 780000);
}
