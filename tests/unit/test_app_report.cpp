#include <motivo/app/refusal.hpp>
#include <motivo/app/report.hpp>

#include <gtest/gtest.h>

using namespace motivo;

namespace {

std::string period_error(const std::string& since, const std::string& until)
{
  try {
    app::parse_period(since, until, "--since", "--until");
  } catch (const app::Refusal& e) {
    EXPECT_EQ(e.kind(), app::Refusal::Kind::invalid);
    return e.what();
  }
  return {};
}

} // namespace

TEST(ParsePeriod, TakesDaysInOrderWithOpenEnds)
{
  const report::Period p = app::parse_period("2013-11-01", "2013-11-30", "since", "until");
  EXPECT_EQ(p.since, "2013-11-01");
  EXPECT_EQ(p.until, "2013-11-30");
  EXPECT_EQ(app::parse_period("", "", "since", "until").since, "");
  EXPECT_EQ(app::parse_period("2013-11-01", "", "since", "until").until, "");
  EXPECT_EQ(app::parse_period("2013-11-01", "2013-11-01", "since", "until").until, "2013-11-01"); // one day
}

TEST(ParsePeriod, RefusesWhatIsNotADayAndPeriodsBackwards)
{
  EXPECT_EQ(period_error("2013-13-01", ""), "--since must be a date like 2013-11-01 (\"2013-13-01\")");
  EXPECT_EQ(period_error("", "garbage"), "--until must be a date like 2013-11-01 (\"garbage\")");
  EXPECT_EQ(period_error("2013-11", ""), "--since must be a date like 2013-11-01 (\"2013-11\")");
  EXPECT_EQ(period_error("2013-11-01T00:00:00Z", ""),
            "--since must be a date like 2013-11-01 (\"2013-11-01T00:00:00Z\")");
  EXPECT_EQ(period_error("2026-11-30", "2026-11-01"), "--until (2026-11-01) is before --since (2026-11-30)");
  try {
    app::parse_period("2026-11-30", "2026-11-01", "since", "until"); // the API's names
    ADD_FAILURE();
  } catch (const app::Refusal& e) {
    EXPECT_STREQ(e.what(), "until (2026-11-01) is before since (2026-11-30)");
  }
}

TEST(ReportStep, WeekMonthOrNone)
{
  EXPECT_EQ(app::report_step("week"), report::Step::week);
  EXPECT_EQ(app::report_step("month"), report::Step::month);
  EXPECT_EQ(app::report_step(""), report::Step::none);
  EXPECT_EQ(app::report_step("year"), report::Step::none);
}
