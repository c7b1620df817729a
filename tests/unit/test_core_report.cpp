#include <motivo/core/report/report.hpp>

#include <gtest/gtest.h>

using namespace motivo;
using namespace motivo::report;

TEST(Report, WilsonIntervals)
{
  const Rate r = rate(5, 26);
  EXPECT_NEAR(r.value, 0.1923, 1e-4);
  EXPECT_NEAR(r.low, 0.0851, 1e-3);
  EXPECT_NEAR(r.high, 0.3790, 1e-3);
  const Rate none = rate(0, 0);
  EXPECT_EQ(none.total, 0u);
  EXPECT_EQ(none.value, 0.0) << "no division by zero";
  const Rate all = rate(10, 10);
  EXPECT_DOUBLE_EQ(all.high, 1.0);
  EXPECT_GT(all.low, 0.69);
  EXPECT_TRUE(differ(rate(90, 100), rate(10, 100)));
  EXPECT_FALSE(differ(rate(6, 10), rate(4, 10))) << "small samples overlap";
  EXPECT_FALSE(differ(rate(1, 1), rate(0, 0)));
}

TEST(Report, Periods)
{
  EXPECT_EQ(parse_period("2013-11")->since, "2013-11-01");
  EXPECT_EQ(parse_period("2013-11")->until, "2013-11-30");
  EXPECT_EQ(parse_period("2024-02")->until, "2024-02-29");
  EXPECT_EQ(parse_period("2013")->until, "2013-12-31");
  EXPECT_EQ(parse_period("2013-11-05")->since, "2013-11-05");
  EXPECT_EQ(parse_period("2013-11-01..2013-11-15")->until, "2013-11-15");
  EXPECT_FALSE(parse_period("2013-11-15..2013-11-01"));
  EXPECT_FALSE(parse_period("2013-13"));
  EXPECT_FALSE(parse_period("last week"));
  const Period p{"2013-11-01", "2013-11-30"};
  EXPECT_TRUE(p.contains(*datetime::parse_iso("2013-11-30T23:59:59Z")));
  EXPECT_FALSE(p.contains(*datetime::parse_iso("2013-12-01T00:00:00Z")));
}

TEST(Report, CohortSeriesAndSentence)
{
  std::vector<Row> rows;
  const auto at = [](const char* iso) { return *datetime::parse_iso(iso); };
  for (int i = 0; i < 28; ++i) {
    Row r;
    r.sent_at = at("2013-11-04T10:00:00Z") + i * 86400;
    r.label = i < 2 ? classify::Label::personalized : classify::Label::default_text;
    if (i >= 2) r.asked_at = r.sent_at + 3600;
    if (i >= 2 && i < 7) r.replied_at = r.sent_at + 7200;
    r.state = i < 7 ? protocol::State::accepted : protocol::State::no_reply;
    rows.push_back(r);
  }
  const Report rep = build(rows, {}, {"2013-11-01", "2013-11-30"}, Step::week, 2);
  EXPECT_EQ(rep.figures.incoming.received, 27u) << "the 28th was sent on December 1st";
  EXPECT_EQ(rep.series.front().period, "2013-W45");
  EXPECT_EQ(rep.series.back().period, "2013-W48");
  const Report all = build(rows, {}, {}, Step::none, 2);
  EXPECT_EQ(sentence(all.figures, "es"),
            "28 invitaciones: 2 personalizadas (7 %), 26 sin personalizar; preguntadas 26, respondieron 5 (19 %)");
  EXPECT_EQ(sentence(all.figures, "en"), "28 invitations: 2 personalised (7 %), 26 not; asked 26, 5 replied (19 %)");
  EXPECT_EQ(all.figures.time.minutes, 52);
  EXPECT_EQ(*all.figures.incoming.median_hours_to_reply, 1.0);
  // ISO weeks: the last days of 2013 belong to 2014's first week.
  Row late;
  late.sent_at = at("2013-12-30T10:00:00Z");
  EXPECT_EQ(build({late}, {}, {}, Step::week, 2).series.front().period, "2014-W01");
  EXPECT_EQ(build({}, {}, {}, Step::month, 2).series.size(), 0u);
}

TEST(Report, AcceptanceUnknownWhenAnInvitationsOwnerListedNoConnections)
{
  Row known, unknown;
  known.state = unknown.state = protocol::State::pending;
  unknown.acceptance_known = false;
  EXPECT_TRUE(build({known, known}, {}, {}, Step::none, 2).figures.acceptance_known);
  const Report r = build({known, unknown}, {}, {}, Step::month, 2);
  EXPECT_FALSE(r.figures.acceptance_known);
  EXPECT_EQ(r.figures.incoming.received, 2u); // what is known is still counted
  EXPECT_FALSE(r.series.front().figures.acceptance_known);
  EXPECT_TRUE(build({}, {}, {}, Step::none, 2).figures.acceptance_known); // nothing counted: nothing unknown
}

TEST(Report, WelcomeFiguresCountWelcomedConnectionsOfThePeriod)
{
  const auto at = [](const char* iso) { return *datetime::parse_iso(iso); };
  std::vector<WelcomeRow> welcomes(7);
  for (std::size_t i = 0; i < welcomes.size(); ++i) {
    welcomes[i].connected_at = at("2013-11-20T00:00:00Z") + static_cast<std::int64_t>(i) * 86400;
    welcomes[i].welcomed = i < 2; // the seed replay: two welcomes, no reply
  }
  const Report r = build({}, welcomes, {"2013-11-01", "2013-11-30"}, Step::none, 2);
  EXPECT_EQ(r.figures.welcome.sent, 2u);
  EXPECT_EQ(r.figures.welcome.replied, 0u);
  EXPECT_EQ(r.figures.welcome.reply.total, 2u);
}

// Issue 23: a row may stand for several alike invitations (the store's aggregate query); the figures, the series
// and the median hours to reply are those of the rows spelled out one by one.
TEST(Report, ARowCountedNTimesGivesTheFiguresOfNRows)
{
  const datetime::UnixSeconds day = *datetime::parse_iso("2013-11-04T00:00:00Z");
  std::vector<Row> one_by_one, counted;
  const auto add = [&](Row r, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) one_by_one.push_back(r);
    r.count = n;
    counted.push_back(r);
  };
  Row asked;
  asked.sent_at = day;
  asked.state = protocol::State::replied;
  asked.asked_at = day;
  asked.replied_at = day + 3600;
  add(asked, 3);
  asked.replied_at = day + 5 * 3600;
  asked.label = classify::Label::personalized;
  add(asked, 2);
  Row out;
  out.direction = Direction::outgoing;
  out.sent_at = day + 9 * 86400;
  out.state = protocol::State::accepted;
  out.has_note = true;
  add(out, 4);
  for (const Step step : {Step::none, Step::week}) {
    const Report a = build(one_by_one, {}, {}, step, 2.0), b = build(counted, {}, {}, step, 2.0);
    EXPECT_EQ(b.figures.incoming.received, 5u);
    EXPECT_EQ(b.figures.incoming.personalized, a.figures.incoming.personalized);
    EXPECT_EQ(b.figures.incoming.replied, 5u);
    EXPECT_EQ(b.figures.outgoing.accepted_with_note, 4u);
    EXPECT_EQ(b.figures.time.minutes, a.figures.time.minutes);
    ASSERT_TRUE(b.figures.incoming.median_hours_to_reply);
    EXPECT_EQ(*b.figures.incoming.median_hours_to_reply, 1.0); // 1 1 1 5 5
    EXPECT_EQ(*b.figures.incoming.median_hours_to_reply, *a.figures.incoming.median_hours_to_reply);
    ASSERT_EQ(b.series.size(), a.series.size());
    for (std::size_t i = 0; i < a.series.size(); ++i) {
      EXPECT_EQ(b.series[i].period, a.series[i].period);
      EXPECT_EQ(b.series[i].figures.incoming.received, a.series[i].figures.incoming.received);
      EXPECT_EQ(b.series[i].figures.outgoing.sent, a.series[i].figures.outgoing.sent);
    }
  }
  counted[0].count = 2; // 1 1 5 5: the mean of the middle two
  EXPECT_EQ(*build(counted, {}, {}, Step::none, 0).figures.incoming.median_hours_to_reply, 3.0);
}
