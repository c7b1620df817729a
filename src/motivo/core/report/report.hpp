#pragma once

#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/protocol/protocol.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace motivo::report {

// A proportion with its sample size and 95 % Wilson score interval.
struct Rate {
  std::size_t hits = 0, total = 0;
  double value = 0, low = 0, high = 0; // all 0 when total is 0
};
Rate rate(std::size_t hits, std::size_t total, double z = 1.959964);
// Whether two rates differ by their intervals: they do only when the intervals do not overlap.
bool differ(const Rate& a, const Rate& b);

// One invitation as the report counts it.
struct Row {
  Direction direction = Direction::incoming;
  datetime::UnixSeconds sent_at = 0;
  classify::Label label = classify::Label::empty;
  protocol::State state = protocol::State::pending;
  std::optional<datetime::UnixSeconds> asked_at, replied_at;
  bool has_note = false;
  bool templated = false; // in a mass campaign, or a template note
  // False when no import listed the owner's connections (no Connections.csv): accepted or not is unknown.
  bool acceptance_known = true;
  // How many invitations this row stands for (a report from the store's aggregate query: alike invitations sent
  // the same day, issue 23), all counted as one would be.
  std::size_t count = 1;
};

// A connection and its welcome, for the welcome figures.
struct WelcomeRow {
  datetime::UnixSeconds connected_at = 0;
  bool welcomed = false, replied = false;
  // How many connections this row stands for (a report from the store's kept welcomes: alike connections made the
  // same day, issue 23), all counted as one would be.
  std::size_t count = 1;
};

struct Incoming {
  std::size_t received = 0, personalized = 0, not_personalized = 0;
  std::array<std::size_t, std::size(classify::all_labels)> by_label{};
  std::size_t asked = 0, replied = 0, accepted = 0, declined = 0, pending = 0, withdrawn = 0, spam = 0;
  Rate personalization, reply; // personalised among received; replied among asked
  std::optional<double> median_hours_to_reply;
};

struct Outgoing {
  std::size_t sent = 0, with_note = 0, without_note = 0, accepted = 0, accepted_with_note = 0,
              accepted_without_note = 0, templated = 0, handwritten = 0, accepted_templated = 0,
              accepted_handwritten = 0;
  Rate acceptance, with_note_rate, without_note_rate, templated_rate, handwritten_rate;
  bool notes_differ = false; // with vs without a note, by the intervals
  bool handwriting_differs = false;
};

struct Welcome {
  std::size_t sent = 0, replied = 0;
  Rate reply;
};

struct Time {
  std::size_t asks = 0;
  double minutes = 0; // asks × minutes per ask: what the strict policy (which never asks) would have saved
};

struct Figures {
  // False when some invitation counted has an unknown acceptance (Row::acceptance_known): then accepted, pending
  // and the acceptance rates are unknown (null in JSON, "unknown" in tables), not 0.
  bool acceptance_known = true;
  Incoming incoming;
  Outgoing outgoing;
  Welcome welcome;
  Time time;
};

struct Period {
  std::string since, until; // YYYY-MM-DD, inclusive; empty: open
  bool contains(datetime::UnixSeconds t) const;
};

struct SeriesPoint {
  std::string period; // "2013-11" or "2013-W45"
  Figures figures;
};

struct Report {
  Period period;
  Figures figures;
  std::vector<SeriesPoint> series; // by week or month, when asked for
};

enum class Step { none, week, month };

// The cohort is the invitations sent within the period; their outcomes count whenever they happened. Welcome
// figures count the connections made within the period.
Report build(const std::vector<Row>& rows, const std::vector<WelcomeRow>& welcomes, const Period& period, Step step,
             double minutes_per_ask);

// "2013-11" -> 2013-11-01..2013-11-30; "2013" -> the year; "2013-11-05" -> that day;
// "2013-11-01..2013-11-15" -> those days. nullopt when not understood.
std::optional<Period> parse_period(std::string_view text);

// The seed's sentence, in es or en: "28 invitaciones: 2 personalizadas (7 %), 26 sin personalizar;
// preguntadas 26, respondieron 5 (19 %)".
std::string sentence(const Figures& f, std::string_view language);
// A label as the report's reader says it, in `language` (po/es.po's "label" context): the tables' rows and the
// HTML's legend and column heads.
std::string_view label_title(classify::Label label, std::string_view language);

} // namespace motivo::report
