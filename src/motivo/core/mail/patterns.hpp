#pragma once

#include <motivo/core/mail/notification.hpp>

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

// The patterns of data/mail_patterns.tsv and the line helpers every kind of notification is read with (the
// invitation's in notification.cpp, the message's and the acceptance's in conversation.cpp). Internal to core/mail.
namespace motivo::mail {

// What a pattern's match means (the `kind` column of data/mail_patterns.tsv).
enum class Kind {
  sender,
  messaging_sender,
  name_suffix,
  accepted,
  message,
  digest,
  sponsored,
  invitation,
  reminder,
  greeting,
  frame,
  action,
  reply,
  footer,
  id,
  thread,
  profile,
  member
};

struct Pattern {
  Kind kind;
  std::string language;
  std::unique_ptr<icu::RegexPattern> regex;
  int name_group = -1; // the group named `name`, when there is one
};

struct Recogniser::Patterns {
  std::vector<Pattern> list;

  // What a pattern of some kind matched: the pattern (its language), the `name` group and group 1, if any.
  struct Match {
    const Pattern* pattern = nullptr;
    std::string name;
    std::string group1;
  };

  // The From display name without " via LinkedIn" and the like.
  std::string strip_suffixes(std::string name) const;
};

// The patterns of data/mail_patterns.tsv, compiled (case-insensitive). Throws logic_error for a bad row.
std::unique_ptr<Recogniser::Patterns> load_patterns();

// One message's matching: a matcher per pattern, made once, and the text last converted to UTF-16 kept, so a
// line tested against several kinds is converted once.
class Scanner {
public:
  explicit Scanner(const Recogniser::Patterns& patterns);
  Recogniser::Patterns::Match find(Kind kind, std::string_view text);
  bool any(Kind kind, std::string_view text) { return find(kind, text).pattern != nullptr; }
  const Recogniser::Patterns& patterns() const { return patterns_; }

private:
  const Recogniser::Patterns& patterns_;
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers_;
  std::string text_;
  icu::UnicodeString input_;
  bool converted_ = false;
};

// A message's body as lines (the text part, else the rendered HTML), and its subject, each cleaned.
struct Body {
  std::vector<std::string> lines;
  std::string subject;
};
Body body_of(const Message& message);

// A line with its invisible characters taken out at both ends, and the padding ones anywhere.
std::string clean_line(std::string_view line);
// "---", "====" and the like.
bool is_rule(std::string_view line);
bool is_url(std::string_view line);
// "Label: https://…" (or "Label:: …"), a link with its caption, in any language: nothing after the address.
bool is_labelled_link(std::string_view line);
// The longest start of `text` of at most `units` UTF-16 units (as LinkedIn counts), whole characters, trimmed.
std::string cut_to_units(const std::string& text, std::size_t units);
std::string first_word(std::string_view name);
// The lines of paragraphs joined: a line break within a paragraph, a blank line between paragraphs.
std::string join_paragraphs(const std::vector<std::vector<std::string>>& paragraphs);

// What a LinkedIn mail about a conversation says: a member's message, an accepted invitation, or a mail of that
// family that changes nothing (a sponsored message, a digest), as a verdict; nullopt when it is none of these
// (an invitation, or other LinkedIn mail). `auth`: what the receiving servers found (never `fail` here).
std::optional<Verdict> read_conversation(Scanner& scanner, const Message& message, const Body& body,
                                         const Authentication& auth);

} // namespace motivo::mail
