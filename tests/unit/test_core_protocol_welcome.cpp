#include <motivo/core/datetime.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/core/protocol/welcome.hpp>

#include <gtest/gtest.h>

namespace {

using motivo::protocol::MessageStamp;

motivo::datetime::UnixSeconds at(const char* iso)
{
  return *motivo::datetime::parse_iso(iso);
}

// A connection made on 2013-11-20, known only by its day (Connections.csv's "20 Nov 2013").
motivo::protocol::WelcomeFacts connected_on_the_20th()
{
  motivo::protocol::WelcomeFacts f;
  f.connected_from = at("2013-11-20T00:00:00Z");
  return f;
}

} // namespace

TEST(Welcome, TheAskBeforeConnectingIsNoWelcome)
{
  auto f = connected_on_the_20th();
  f.not_before = at("2013-11-05T20:00:00Z"); // the ask, answered the next day
  f.messages = {{at("2013-11-05T20:00:00Z"), true, {}}, {at("2013-11-06T08:00:00Z"), false, {}}};
  const auto t = motivo::protocol::welcome_timeline(f);
  EXPECT_FALSE(t.welcomed_at);
  EXPECT_FALSE(t.replied_at);
}

TEST(Welcome, TheFirstMessageFromTheConnectionDayOnAndItsReply)
{
  auto f = connected_on_the_20th();
  f.messages = {{at("2013-11-19T23:00:00Z"), true, {}}, // before the day: no welcome
                {at("2013-11-20T09:00:00Z"), true, {}},
                {at("2013-11-20T08:00:00Z"), false, {}}, // theirs before the welcome: no reply
                {at("2013-11-21T08:00:00Z"), false, {}}};
  const auto t = motivo::protocol::welcome_timeline(f);
  EXPECT_EQ(t.welcomed_at, at("2013-11-20T09:00:00Z"));
  EXPECT_EQ(t.replied_at, at("2013-11-21T08:00:00Z"));
}

TEST(Welcome, AnAskOnTheConnectionDayIsNoWelcomeButWhatFollowsIs)
{
  auto f = connected_on_the_20th();
  f.not_before = at("2013-11-20T07:00:00Z");
  f.messages = {{at("2013-11-20T07:00:00Z"), true, {}}, {at("2013-11-22T10:00:00Z"), true, {}}};
  EXPECT_EQ(motivo::protocol::welcome_timeline(f).welcomed_at, at("2013-11-22T10:00:00Z"));
}

TEST(Welcome, RecordedWelcomeCountsWhenEarlier)
{
  auto f = connected_on_the_20th();
  f.recorded = at("2013-11-21T10:00:00Z");
  f.messages = {{at("2013-11-25T10:00:00Z"), true, {}}, {at("2013-11-22T10:00:00Z"), false, {}}};
  const auto t = motivo::protocol::welcome_timeline(f);
  EXPECT_EQ(t.welcomed_at, at("2013-11-21T10:00:00Z"));
  EXPECT_EQ(t.replied_at, at("2013-11-22T10:00:00Z"));
}

TEST(Welcome, MessagesThatReadAsBetweenConnections)
{
  using motivo::protocol::reads_as_connected;
  EXPECT_TRUE(reads_as_connected("Hi Oleksandra, thanks for connecting! Visual design…", true));
  EXPECT_TRUE(reads_as_connected("¡Gracias por conectar, Ana!", false));
  EXPECT_TRUE(reads_as_connected("I appreciate the connect and support on my recent post!", false));
  // "Great to connect" in the inviter's own note comes before any acceptance; in yours, after.
  EXPECT_TRUE(reads_as_connected("Hi Eva, great to connect! That was an incredible session.", true));
  EXPECT_FALSE(reads_as_connected("Great to connect from Top of the Funnel.", false));
  EXPECT_FALSE(reads_as_connected("Hola, ¿por qué quieres conectar?", true));
  EXPECT_FALSE(reads_as_connected("", true));
}

TEST(Welcome, WithAcceptanceUnknownConversationIsNoAsk)
{
  using namespace motivo;
  protocol::Facts f;
  f.direction = Direction::incoming;
  f.sent_at = at("2026-03-20T17:16:00Z");
  f.acceptance_known = false;
  f.messages = {{at("2026-03-20T17:19:25Z"), false, "Hello, I'd love to connect with you"},
                {at("2026-03-20T17:20:08Z"), true, "Hi Eva, great to connect! That was an incredible session."}};
  const auto policy = *protocol::builtin_policy("ask");
  const auto e = protocol::evaluate(f, policy, at("2026-04-20T00:00:00Z"), 7 * 86400);
  EXPECT_FALSE(e.timeline.asked_at);
  EXPECT_EQ(e.timeline.connected_at, at("2026-03-20T17:20:08Z"));
  EXPECT_EQ(e.state, protocol::State::pending);
  EXPECT_EQ(e.suggestion, protocol::Suggestion::accept); // probably connected: no "ask"
  EXPECT_NE(e.why.english().find("probably connected"), std::string::npos);
  // The same messages when an export listed the connections and they were not among them: the message is the ask.
  f.acceptance_known = true;
  const auto known = protocol::evaluate(f, policy, at("2026-04-20T00:00:00Z"), 7 * 86400);
  EXPECT_EQ(known.timeline.asked_at, at("2026-03-20T17:20:08Z"));
  // Their note, shown among the messages, thanks in advance: that is no sign of acceptance, and your question is an
  // ask.
  f.text = "Thanks for accepting my invitation!";
  f.messages = {{at("2026-03-20T17:16:30Z"), false, "Thanks for accepting my invitation!"},
                {at("2026-03-20T18:00:00Z"), true, "Hi, why would you like to connect?"}};
  const auto note = protocol::evaluate(f, policy, at("2026-03-21T00:00:00Z"), 7 * 86400);
  EXPECT_FALSE(note.timeline.connected_at);
  EXPECT_EQ(note.state, protocol::State::asked);
  // Unknown acceptance, a real question: still an ask.
  f.acceptance_known = false;
  f.messages = {{at("2026-03-21T10:00:00Z"), true, "Hola, ¿por qué quieres conectar?"}};
  EXPECT_EQ(protocol::evaluate(f, policy, at("2026-03-22T00:00:00Z"), 7 * 86400).state, protocol::State::asked);
}
