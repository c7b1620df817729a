#include <motivo/core/datetime.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/core/protocol/messages.hpp>
#include <motivo/core/protocol/protocol.hpp>

#include <gtest/gtest.h>

using namespace motivo;
using namespace motivo::protocol;
using classify::Label;

namespace {

constexpr std::int64_t day = 86400;
constexpr std::int64_t week = 7 * day;

datetime::UnixSeconds at(const char* iso)
{
  return *datetime::parse_iso(iso);
}

Facts incoming(Label label, const char* sent = "2026-03-01T10:00:00Z")
{
  Facts f;
  f.direction = Direction::incoming;
  f.label = label;
  f.language = "es";
  f.sent_at = at(sent);
  return f;
}

Suggestion suggest(const Facts& f, std::string_view policy, datetime::UnixSeconds now)
{
  return evaluate(f, *builtin_policy(policy), now, week).suggestion;
}

} // namespace

TEST(Protocol, AskPolicyOnEveryLabelWhenPending)
{
  const auto now = at("2026-03-02T10:00:00Z");
  EXPECT_EQ(suggest(incoming(Label::personalized), "ask", now), Suggestion::accept);
  EXPECT_EQ(suggest(incoming(Label::spam), "ask", now), Suggestion::decline);
  for (const Label l : {Label::empty, Label::default_text, Label::template_text})
    EXPECT_EQ(suggest(incoming(l), "ask", now), Suggestion::ask) << classify::label_name(l);
}

TEST(Protocol, StrictAndOpenPolicies)
{
  const auto now = at("2026-03-02T10:00:00Z");
  for (const Label l : {Label::empty, Label::default_text, Label::template_text, Label::spam})
    EXPECT_EQ(suggest(incoming(l), "strict", now), Suggestion::decline) << classify::label_name(l);
  EXPECT_EQ(suggest(incoming(Label::personalized), "strict", now), Suggestion::accept);
  for (const Label l : {Label::empty, Label::default_text, Label::template_text, Label::personalized})
    EXPECT_EQ(suggest(incoming(l), "open", now), Suggestion::accept) << classify::label_name(l);
  EXPECT_EQ(suggest(incoming(Label::spam), "open", now), Suggestion::decline);
  EXPECT_FALSE(builtin_policy("lenient"));
}

TEST(Protocol, AskedThenRepliedOrNot)
{
  Facts f = incoming(Label::default_text);
  f.messages = {{at("2026-03-01T12:00:00Z"), true}}; // the owner asks two hours later
  const auto asked = at("2026-03-01T12:00:00Z");

  // Waiting, one second before the deadline; no reply one second after.
  Evaluation e = evaluate(f, *builtin_policy("ask"), asked + week, week);
  EXPECT_EQ(e.state, State::asked);
  EXPECT_EQ(e.suggestion, Suggestion::wait);
  EXPECT_EQ(e.deadline, asked + week);
  e = evaluate(f, *builtin_policy("ask"), asked + week + 1, week);
  EXPECT_EQ(e.state, State::no_reply);
  EXPECT_EQ(e.suggestion, Suggestion::decline);

  // A reply, even after the deadline, makes it replied: accept.
  f.messages.push_back({asked + week + 3600, false});
  e = evaluate(f, *builtin_policy("ask"), asked + 2 * week, week);
  EXPECT_EQ(e.state, State::replied);
  EXPECT_EQ(e.suggestion, Suggestion::accept);
  EXPECT_EQ(e.timeline.replied_at, asked + week + 3600);
}

TEST(Protocol, AMessageBeforeTheAskIsNoReply)
{
  Facts f = incoming(Label::empty);
  f.messages = {{at("2026-03-01T11:00:00Z"), false}, {at("2026-03-01T12:00:00Z"), true}};
  const Evaluation e = evaluate(f, *builtin_policy("ask"), at("2026-03-02T00:00:00Z"), week);
  EXPECT_EQ(e.state, State::asked);
  EXPECT_FALSE(e.timeline.replied_at);
  EXPECT_TRUE(e.timeline.mutual_messages);
}

TEST(Protocol, AMessageAfterAcceptingIsNotAnAsk)
{
  Facts f = incoming(Label::personalized);
  f.outcome = Outcome::accepted;
  f.outcome_at = at("2026-03-01T11:00:00Z");
  f.messages = {{at("2026-03-01T12:00:00Z"), true}, {at("2026-03-01T13:00:00Z"), false}};
  const Evaluation e = evaluate(f, *builtin_policy("ask"), at("2026-03-05T00:00:00Z"), week);
  EXPECT_EQ(e.state, State::accepted);
  EXPECT_FALSE(e.timeline.asked_at);
  EXPECT_EQ(e.suggestion, Suggestion::none);
}

TEST(Protocol, MessagesFromBeforeTheInvitationAreNoAsk)
{
  Facts f = incoming(Label::empty);
  f.messages = {{at("2026-02-01T12:00:00Z"), true}};
  EXPECT_FALSE(timeline(f).asked_at);
}

TEST(Protocol, AsksAroundDaylightSavingChanges)
{
  // Sent At is US Pacific wall time: 1:30 AM on 2026-03-08 (before the spring change) is 09:30 UTC, and an ask
  // written at 09:45 UTC the same morning comes after it; 1:30 AM on 2026-11-01 (the repeated hour, read as
  // standard time) is 09:30 UTC, and a reply at 09:20 UTC came before the invitation, so is no reply to it.
  Facts spring = incoming(Label::empty);
  spring.sent_at = datetime::pacific_to_utc({2026, 3, 8, 1, 30, 0});
  EXPECT_EQ(spring.sent_at, at("2026-03-08T09:30:00Z"));
  spring.messages = {{at("2026-03-08T09:45:00Z"), true}};
  EXPECT_EQ(timeline(spring).asked_at, at("2026-03-08T09:45:00Z"));

  Facts autumn = incoming(Label::empty);
  autumn.sent_at = datetime::pacific_to_utc({2026, 11, 1, 1, 30, 0});
  EXPECT_EQ(autumn.sent_at, at("2026-11-01T09:30:00Z"));
  autumn.messages = {{at("2026-11-01T09:20:00Z"), true}};
  EXPECT_FALSE(timeline(autumn).asked_at);
}

TEST(Protocol, RecordedAskCountsUntilTheExportConfirmsIt)
{
  Facts f = incoming(Label::template_text);
  f.recorded_ask = at("2026-03-03T09:00:00Z");
  EXPECT_EQ(evaluate(f, *builtin_policy("ask"), at("2026-03-04T00:00:00Z"), week).state, State::asked);
  f.messages = {{at("2026-03-03T09:01:00Z"), true}};
  EXPECT_EQ(timeline(f).asked_at, at("2026-03-03T09:00:00Z")) << "the earlier of the two";
}

TEST(Protocol, ARecordedReplyIsAReply)
{
  // Asked, the deadline passed: no_reply → decline; unless the user recorded the reply they read on LinkedIn.
  Facts f = incoming(Label::template_text);
  f.messages = {{at("2026-03-02T09:00:00Z"), true}};
  const auto later = at("2026-03-20T00:00:00Z");
  EXPECT_EQ(evaluate(f, *builtin_policy("ask"), later, week).suggestion, Suggestion::decline);
  f.recorded_reply = at("2026-03-04T10:00:00Z");
  Evaluation e = evaluate(f, *builtin_policy("ask"), later, week);
  EXPECT_EQ(e.state, State::replied);
  EXPECT_EQ(e.suggestion, Suggestion::accept);
  EXPECT_EQ(e.timeline.replied_at, at("2026-03-04T10:00:00Z"));
  // A reply in the data before it: the earlier of the two.
  f.messages.push_back({at("2026-03-03T08:00:00Z"), false});
  EXPECT_EQ(timeline(f).replied_at, at("2026-03-03T08:00:00Z"));
  // No ask known (it was sent on LinkedIn itself): the user's word still makes it a reply.
  Facts unasked = incoming(Label::empty);
  unasked.recorded_reply = at("2026-03-02T10:00:00Z");
  e = evaluate(unasked, *builtin_policy("ask"), later, week);
  EXPECT_EQ(e.state, State::replied);
  EXPECT_FALSE(e.timeline.asked_at);
  EXPECT_EQ(e.suggestion, Suggestion::accept);
}

TEST(Protocol, DecisionsAndOutcomesEndTheProtocol)
{
  Facts f = incoming(Label::empty);
  f.decision = Decision::spam;
  Evaluation e = evaluate(f, *builtin_policy("open"), at("2026-03-02T00:00:00Z"), week);
  EXPECT_EQ(e.state, State::declined);
  EXPECT_EQ(e.suggestion, Suggestion::none);
  f.decision.reset();
  f.outcome = Outcome::withdrawn;
  EXPECT_EQ(evaluate(f, *builtin_policy("ask"), at("2026-03-02T00:00:00Z"), week).state, State::withdrawn);
  Facts out = incoming(Label::personalized);
  out.direction = Direction::outgoing;
  EXPECT_EQ(evaluate(out, *builtin_policy("ask"), at("2026-03-02T00:00:00Z"), week).suggestion, Suggestion::none);
}

TEST(Config, RulesComeFirstAndFirstMatchWins)
{
  const Config c = parse_config(R"(
policy = "ask"
deadline_days = 3

[[rules]]
label = ["empty", "default"]
days_waiting_at_least = 14
suggest = "decline"

[[rules]]
text_contains = ["Recruiter", "reclutadora"]
suggest = "accept"
)",
                                "config.toml");
  EXPECT_EQ(c.deadline_days, 3);
  ASSERT_EQ(c.rules.size(), 2u);
  const Policy p = active_policy(c, std::nullopt);
  Facts old = incoming(Label::empty, "2026-01-01T00:00:00Z");
  EXPECT_EQ(evaluate(old, p, at("2026-01-15T00:00:00Z"), 3 * day).suggestion, Suggestion::decline);
  EXPECT_EQ(evaluate(old, p, at("2026-01-14T23:59:59Z"), 3 * day).suggestion, Suggestion::ask)
      << "13 days: the rule waits, the ask policy asks";
  Facts recruiter = incoming(Label::template_text);
  recruiter.text = "Soy RECLUTADORA en una consultora";
  const Evaluation e = evaluate(recruiter, p, at("2026-03-02T00:00:00Z"), 3 * day);
  EXPECT_EQ(e.suggestion, Suggestion::accept);
  EXPECT_EQ(e.why.english(), "config.toml:10") << "the line of its [[rules]]";
  EXPECT_EQ(active_policy(c, std::string("open")).rules.size(), 4u) << "--policy keeps the rules";
}

TEST(Config, MistakesNameTheLine)
{
  const auto error_of = [](const char* text) {
    try {
      parse_config(text, "c.toml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of("policy = \"lenient\"\n").find("c.toml:1: unknown policy"), std::string::npos);
  EXPECT_NE(error_of("\n\n[[rules]]\nlabel = \"nice\"\nsuggest = \"accept\"\n").find("c.toml:4: unknown label"),
            std::string::npos);
  EXPECT_NE(error_of("[[rules]]\nlabel = \"spam\"\n").find("c.toml:1: a rule without \"suggest\""), std::string::npos);
  EXPECT_NE(error_of("deadline_days = \"7\"\n").find("c.toml:1: \"deadline_days\" must be a whole number"),
            std::string::npos);
  EXPECT_NE(error_of("color = 1\n").find("c.toml:1: unknown setting"), std::string::npos);
  EXPECT_NE(error_of("policy = \n").find("c.toml:1:"), std::string::npos) << "syntax errors too";
  EXPECT_NE(error_of("[[rules]]\nsugest = \"ask\"\n").find("c.toml:2: unknown condition"), std::string::npos);
}

TEST(Config, HostileShapesAreRefusedBeforeParsing)
{
  const auto error_of = [](const std::string& text) {
    try {
      parse_config(text, "c.toml");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // One key of 100,000 dotted parts: toml++ recursed once per part and the stack overflowed.
  std::string key = "a";
  for (int i = 0; i < 100000; ++i) key += ".a";
  EXPECT_EQ(error_of("policy = \"ask\"\n" + key + " = 1\n"), "c.toml:2: a key of more than 16 dotted parts");
  EXPECT_EQ(error_of("x = " + std::string(100000, '[') + "\n"), "c.toml:1: values nested more than 16 deep");
  EXPECT_EQ(error_of("x = " + std::string(100000, '{') + "\n"), "c.toml:1: values nested more than 16 deep");
  EXPECT_EQ(error_of("# " + std::string(2u << 20, 'x') + "\n"),
            "c.toml: the settings file is larger than 1048576 bytes");
  // Dots and brackets inside strings and comments are text, and a dotted key within the limit still parses.
  const std::string dots(1000, '.');
  EXPECT_EQ(error_of("my_name = \"" + dots + "\" # " + dots + "\nmy_link = '" + dots +
                     "'\n[templates]\nask_en = \"\"\"" + dots + "\n" + std::string(100, '[') + "\"\"\"\n"),
            "no error");
  EXPECT_NE(error_of("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p = 1\n").find("unknown setting \"a\""), std::string::npos);
}

TEST(Messages, DeepOrRedelimitedTemplatesAreRefused)
{
  const auto nested = [](int levels) {
    std::string text;
    for (int i = 0; i < levels; ++i) text += "{{#my_name}}";
    for (int i = 0; i < levels; ++i) text += "{{/my_name}}";
    return text;
  };
  // 30,000 nested sections overflowed the parser's stack; far fewer are already refused.
  EXPECT_TRUE(template_problem(nested(30000)).has_value());
  const std::string deep = nested(2000);
  EXPECT_EQ(template_problem(deep), "sections nested more than 16 deep");
  EXPECT_EQ(template_problem("{{#my_name}}{{/my_name}}" + nested(17)), "sections nested more than 16 deep");
  MessageValues v;
  EXPECT_THROW(render_message(deep, v, "en", "t"), InputError);
  EXPECT_EQ(template_problem("{{=<% %>=}}<%#a%>"), "changing the delimiters ({{=…=}}) is not supported in a template");
  EXPECT_EQ(template_problem(std::string(100000, 'x')), "the template is longer than 65536 bytes");
  std::string fine; // the limit itself renders
  for (int i = 0; i < 16; ++i) fine += "{{#my_name}}";
  fine += "{{ my_name }}";
  for (int i = 0; i < 16; ++i) fine += "{{/my_name}}";
  v.my_name = "Íñigo";
  EXPECT_EQ(render_message(fine, v, "en", "t"), "Íñigo");
  // In the settings file too, naming its line.
  try {
    parse_config("[templates]\nask_en = \"" + deep + "\"\n", "c.toml");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "c.toml:2: sections nested more than 16 deep");
  }
}

TEST(Messages, TemplatesInBothLanguages)
{
  MessageValues v;
  v.first_name = "Lucía";
  v.my_name = "Íñigo";
  v.local_hour = 9;
  const std::string es = render_message(message_template("ask", "es", {}), v, "es", "t");
  EXPECT_TRUE(es.starts_with("Buenos días, Lucía.")) << es;
  EXPECT_NE(es.find("Un saludo, Íñigo"), std::string::npos);
  v.local_hour = 21;
  const std::string en = render_message(message_template("welcome", "en", {}), v, "en", "t");
  EXPECT_TRUE(en.starts_with("Good evening, Lucía.")) << en;
  v.my_name.clear();
  v.first_name = "Ana & <Bob>";
  EXPECT_NE(render_message("Hi {{first_name}}", v, "en", "t").find("Ana & <Bob>"), std::string::npos)
      << "plain text, nothing escaped";
  EXPECT_EQ(render_message(message_template("ask", "es", {{"ask.es", "{{greeting}} {{first_name}}"}}), v, "es", "t"),
            "Buenas noches Ana & <Bob>");
  EXPECT_THROW(render_message("{{#open}}", v, "en", "t"), InputError);
}

TEST(Messages, GreetingsByHour)
{
  EXPECT_EQ(greeting("es", 6), "Buenos días");
  EXPECT_EQ(greeting("es", 12), "Buenas tardes");
  EXPECT_EQ(greeting("es", 19), "Buenas tardes");
  EXPECT_EQ(greeting("es", 20), "Buenas noches");
  EXPECT_EQ(greeting("es", 2), "Buenas noches");
  EXPECT_EQ(greeting("en", 11), "Good morning");
  EXPECT_EQ(greeting("en", 17), "Good afternoon");
  EXPECT_EQ(greeting("fr", 23), "Good evening");
}

TEST(Messages, PlatformLengthCountsUtf16Units)
{
  EXPECT_EQ(platform_length("hola"), 4u);
  EXPECT_EQ(platform_length("añadirte"), 8u) << "an accented letter is one";
  EXPECT_EQ(platform_length("e\u0301"), 2u) << "a decomposed accent is two";
  EXPECT_EQ(platform_length("🚀"), 2u) << "an emoji outside the BMP is two";
  EXPECT_EQ(platform_length("👍🏽"), 4u);
  EXPECT_EQ(message_language("zxx", "en"), "en");
  EXPECT_EQ(message_language("es", "en"), "es");
}

TEST(Protocol, EveryPolicyOnEveryLabelAndState)
{
  // The expected suggestion, written from the issue's wording, independently of the rule lists.
  const auto expected = [](std::string_view policy, Label label, State state) {
    if (state == State::accepted || state == State::declined || state == State::withdrawn) return Suggestion::none;
    if (label == Label::spam) return Suggestion::decline;
    if (policy == "open") return Suggestion::accept;
    if (label == Label::personalized) return Suggestion::accept;
    if (policy == "strict") return Suggestion::decline;
    switch (state) {
    case State::replied: return Suggestion::accept;
    case State::no_reply: return Suggestion::decline;
    case State::asked: return Suggestion::wait;
    default: return Suggestion::ask;
    }
  };
  const auto sent = at("2026-03-01T10:00:00Z");
  const auto now = at("2026-03-20T10:00:00Z");
  for (const std::string_view policy : builtin_policy_names) {
    for (const Label label : classify::all_labels) {
      for (const State state : all_states) {
        Facts f = incoming(label);
        switch (state) {
        case State::pending: break;
        case State::asked: f.messages = {{now - day, true}}; break;
        case State::replied: f.messages = {{sent + day, true}, {sent + 2 * day, false}}; break;
        case State::no_reply: f.messages = {{sent + day, true}}; break;
        case State::accepted:
          f.outcome = Outcome::accepted;
          f.outcome_at = sent + day;
          break;
        case State::declined: f.decision = Decision::decline; break;
        case State::withdrawn: f.outcome = Outcome::withdrawn; break;
        }
        const Evaluation e = evaluate(f, *builtin_policy(policy), now, week);
        ASSERT_EQ(e.state, state) << policy << " " << classify::label_name(label);
        EXPECT_EQ(e.suggestion, expected(policy, label, state))
            << policy << " " << classify::label_name(label) << " " << state_name(state);
      }
    }
  }
}

TEST(Protocol, NoDecisionOnAGuess)
{
  // A label that is a guess (low calibrated confidence) suggests checking it whenever the suggestion would rest on
  // the label; a rule that does not look at the label (ask why, in the ask policy) stands.
  const auto now = at("2026-03-02T10:00:00Z");
  for (const std::string_view policy : builtin_policy_names) {
    for (const Label label : classify::all_labels) {
      Facts sure = incoming(label), guess = incoming(label);
      guess.label_uncertain = true;
      const Evaluation e = evaluate(guess, *builtin_policy(policy), now, week);
      const Suggestion without = suggest(sure, policy, now);
      const bool rests_on_label = label == Label::spam || (label == Label::personalized && policy != "open");
      EXPECT_EQ(e.suggestion, rests_on_label ? Suggestion::check : without)
          << policy << " " << classify::label_name(label);
      if (rests_on_label) {
        EXPECT_NE(e.why.english().find("the label is a guess: check it first"), std::string::npos);
      }
    }
  }
  // Once decided, nothing is suggested, guess or not.
  Facts decided = incoming(Label::spam);
  decided.label_uncertain = true;
  decided.decision = Decision::decline;
  EXPECT_EQ(suggest(decided, "ask", now), Suggestion::none);
  EXPECT_EQ(parse_suggestion("check"), Suggestion::check);
}

// Issue 26: the suggestion's reason is a message id, shown in the reader's language (the web page's Spanish showed
// "ask policy: no reply by the deadline, decline"); every reason evaluate() gives reads in Spanish, a guessed label's
// whole sentence included, and a configured rule's is its file and line in every language.
TEST(Protocol, ReasonsAreMessagesInTheReadersLanguage)
{
  Facts f = incoming(Label::default_text);
  f.messages = {{at("2026-03-01T12:00:00Z"), true}};
  const Evaluation late = evaluate(f, *builtin_policy("ask"), at("2026-03-20T10:00:00Z"), week);
  EXPECT_EQ(late.why.english(), "ask policy: no reply by the deadline, decline");
  EXPECT_EQ(late.why.in("es"), "política ask: sin respuesta en el plazo, rechazar");
  Facts guess = incoming(Label::spam);
  guess.label_uncertain = true;
  EXPECT_EQ(evaluate(guess, *builtin_policy("strict"), at("2026-03-02T10:00:00Z"), week).why.in("es"),
            "política strict: el spam se rechaza, pero la etiqueta es una suposición: revísala antes");
  Facts accepted = incoming(Label::empty);
  accepted.decision = Decision::accept;
  EXPECT_EQ(evaluate(accepted, *builtin_policy("ask"), at("2026-03-02T10:00:00Z"), week).why.in("es"), "ya aceptada");
  for (const std::string_view policy : builtin_policy_names) {
    const Policy p = *builtin_policy(policy);
    for (const Rule& r : p.rules) {
      EXPECT_EQ(r.origin, r.why.english());
      EXPECT_NE(r.why.in("es"), r.why.english()) << r.origin;
      EXPECT_NE(r.why.in("es").find(std::string(policy)), std::string::npos) << r.origin;
    }
  }
  const Config c = parse_config("[[rules]]\nlabel = \"spam\"\nsuggest = \"accept\"\n", "config.toml");
  ASSERT_EQ(c.rules.size(), 1u);
  EXPECT_EQ(c.rules[0].why.in("es"), "config.toml:1");
}

// Issue 23: a report counts states from kept timelines through state_of, and a listing evaluates with a kept
// timeline: both agree with evaluate() computing the timeline from the messages.
TEST(Protocol, AKeptTimelineAndStateOfGiveTheEvaluationsState)
{
  Facts f = incoming(Label::empty);
  f.messages = {{at("2026-03-02T10:00:00Z"), true, ""}};
  const auto policy = *builtin_policy("ask");
  for (const auto now : {at("2026-03-03T10:00:00Z"), at("2026-03-20T10:00:00Z")}) {
    const Evaluation e = evaluate(f, policy, now, week);
    const Timeline t = timeline(f);
    Facts without = f;
    without.messages.clear();
    const Evaluation kept = evaluate(without, t, policy, now, week);
    EXPECT_EQ(kept.state, e.state);
    EXPECT_EQ(kept.suggestion, e.suggestion);
    EXPECT_EQ(state_of(f.direction, f.decision, f.outcome, t.asked_at.has_value(), t.replied_at.has_value(),
                       now > *t.asked_at + week),
              e.state);
  }
  EXPECT_EQ(evaluate(f, policy, at("2026-03-20T10:00:00Z"), week).state, State::no_reply);
  EXPECT_EQ(state_of(Direction::incoming, Decision::spam, Outcome::accepted, true, true, true), State::accepted);
  EXPECT_EQ(state_of(Direction::incoming, Decision::spam, std::nullopt, true, true, true), State::declined);
  EXPECT_EQ(state_of(Direction::outgoing, std::nullopt, std::nullopt, true, true, true), State::pending);
  EXPECT_EQ(state_of(Direction::incoming, std::nullopt, Outcome::withdrawn, true, false, false), State::withdrawn);
}
