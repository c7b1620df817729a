#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace motivo::protocol {

// What the placeholders of a message template stand for.
struct MessageValues {
  std::string first_name; // the recipient's
  std::string my_name, my_link;
  int local_hour = 12; // the user's local time of day, for {{greeting}}
};

// "Buenos días" (6–12 h), "Buenas tardes" (12–20 h), "Buenas noches"; "Good morning" (5–12 h), "Good afternoon"
// (12–18 h), "Good evening". Languages other than es fall back to en.
std::string greeting(std::string_view language, int local_hour);

// The first word of a full name ("María José Pérez" -> "María").
std::string first_name(std::string_view full_name);

// The language a message to this person is written in: the note's, when es or en, else `fallback`.
std::string message_language(std::string_view note_language, std::string_view fallback);

// The template of `kind` ("ask" or "welcome") in `language` (es or en): the user's own from `custom`
// ("ask.es" -> text) when given, else the one motivo ships (data/templates/).
std::string message_template(std::string_view kind, std::string_view language,
                             const std::map<std::string, std::string>& custom);

// A template's largest size and section depth (a note is at most 300 characters; the parser recurses per section).
inline constexpr std::size_t max_template_bytes = 64u << 10;
inline constexpr std::size_t max_template_depth = 16;

// What is wrong with a message template, if anything: it is longer or nests deeper than the limits above, changes
// the delimiters, does not parse, or it names a placeholder other than
// {{first_name}}, {{greeting}}, {{my_name}} and {{my_link}} (a typo would otherwise vanish from the message sent).
std::optional<std::string> template_problem(std::string_view template_text);

// Renders a mustache template (kainjow/mustache) with {{first_name}}, {{greeting}}, {{my_name}}, {{my_link}}. The
// result is plain text, so nothing is HTML-escaped. InputError (naming `source`) for a template with a
// template_problem().
std::string render_message(std::string_view template_text, const MessageValues& values, std::string_view language,
                           const std::string& source);

// The length LinkedIn's note box counts: UTF-16 code units, as a JavaScript string's length (an accented letter is
// 1, most emoji are 2). Invalid UTF-8 bytes count 1 each.
std::size_t platform_length(std::string_view text);

} // namespace motivo::protocol
