// Message and acceptance notifications: a member's message to the mailbox's owner ("X sent you a message"), with
// its conversation's id from the /messaging/thread/ link; and an accepted invitation ("X accepted your
// invitation"). docs/MAIL.md, "Messages and acceptances".
#include <motivo/core/mail/patterns.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

#include <unicode/uchar.h>

namespace motivo::mail {

namespace {

using Match = Recogniser::Patterns::Match;

Verdict skip(std::string why, bool warning = false, std::string detail = {})
{
  Verdict v;
  v.skipped = std::move(why);
  v.detail = std::move(detail);
  v.warning = warning;
  return v;
}

std::string language_of(const Match& match)
{
  return match.pattern && match.pattern->language != "*" ? match.pattern->language : "und";
}

// LinkedIn's id of the conversation, from the first /messaging/thread/ link ("" when none).
std::string thread_of(Scanner& p, const Message& m)
{
  for (const std::string& link : m.links) {
    std::string id = text::percent_decode(p.find(Kind::thread, link).group1);
    if (!id.empty() && text::ascii_lower(id) != "new") return id;
  }
  return {};
}

std::string slug_of(Scanner& p, const Message& m)
{
  for (const std::string& link : m.links)
    if (std::string slug = slug_key(p.find(Kind::profile, link).group1); !slug.empty()) return slug;
  return {};
}

// Who the mail is about: the From display name without " via LinkedIn", else the name a pattern captured.
std::string person_of(Scanner& p, const Message& m, const std::string& captured)
{
  std::string name = p.patterns().strip_suffixes(m.from_name);
  if (name.empty() || text::name_key(name) == "linkedin") name = std::string(text::trim(captured));
  return name;
}

std::string recipient_of(const Message& m)
{
  return !text::trim(m.to_name).empty() ? std::string(text::trim(m.to_name)) : m.to_address;
}

bool is_linkedin_link(std::string_view line)
{
  return (is_url(line) || is_labelled_link(line)) && text::ascii_lower(line).find("linkedin.com") != std::string::npos;
}

// Where the member's text starts: after the sender's name line (their card), else at the top.
struct Start {
  std::size_t line = 0;
  bool after_name = false;
};
Start start_of(Scanner& p, const Body& body, const std::string& sender)
{
  const std::string key = text::name_key(sender);
  for (std::size_t i = 0; i < body.lines.size(); ++i) {
    const std::string& line = body.lines[i];
    if (!line.empty() && !is_url(line) && p.any(Kind::footer, line)) break;
    if (!line.empty() && text::name_key(line) == key) return {i + 1, true};
  }
  return {};
}

// The sender's card under their name (headline, place) is not the message: the paragraph right under the name when
// another follows, else the line right under it when more lines follow.
void drop_card(std::vector<std::vector<std::string>>& paragraphs, bool card_first)
{
  std::erase_if(paragraphs, [](const auto& para) { return para.empty(); });
  if (!card_first || paragraphs.empty()) return;
  if (paragraphs.size() > 1)
    paragraphs.erase(paragraphs.begin());
  else if (paragraphs.front().size() > 1)
    paragraphs.front().erase(paragraphs.front().begin());
}

// The message as the mail shows it: between the sender's card and the reply link (or LinkedIn's first link, or the
// footer), LinkedIn's own lines (greetings, headings, frames) left out.
std::string text_of(Scanner& p, const Body& body, const std::string& sender)
{
  const Start start = start_of(p, body, sender);
  std::vector<std::vector<std::string>> paragraphs(1);
  bool card_first = false;
  for (std::size_t i = start.line; i < body.lines.size(); ++i) {
    const std::string& line = body.lines[i];
    const bool any_text = paragraphs.size() > 1 || !paragraphs.front().empty();
    if (line.empty()) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
      continue;
    }
    if (p.any(Kind::footer, line) || p.any(Kind::reply, line) || is_rule(line)) break;
    if (is_linkedin_link(line)) {
      if (any_text) break;
      continue;
    }
    if (!start.after_name && (p.any(Kind::greeting, line) || p.any(Kind::frame, line) || p.any(Kind::message, line) ||
                              p.any(Kind::action, line)))
      continue;
    if (!any_text && start.after_name) card_first = true;
    paragraphs.back().push_back(line);
  }
  drop_card(paragraphs, card_first);
  return cut_to_units(join_paragraphs(paragraphs), max_message_length);
}

Verdict read_message(Scanner& p, const Message& m, const Body& body, const Match& heading, std::string thread)
{
  if (!m.problems.empty()) return skip("malformed MIME", true, m.problems.front());
  ChatMessage c;
  c.sender = person_of(p, m, heading.name);
  if (c.sender.empty()) return skip("a message without its sender's name", true);
  if (!m.date) return skip("a message without a date", true);
  c.sent_at = *m.date;
  c.thread_id = std::move(thread);
  c.sender_slug = slug_of(p, m);
  c.recipient = recipient_of(m);
  c.language = language_of(heading);
  c.message_id = m.message_id;
  c.text = text_of(p, body, c.sender);
  Verdict v;
  v.message = std::move(c);
  return v;
}

Verdict read_acceptance(Scanner& p, const Message& m, const Match& notice, const Authentication& auth)
{
  if (!m.problems.empty()) return skip("malformed MIME", true, m.problems.front());
  Acceptance a;
  a.person = person_of(p, m, notice.name);
  if (a.person.empty()) return skip("accepted invitations without their names (a batch notice)");
  if (!m.date) return skip("an acceptance without a date", true);
  a.at = *m.date;
  a.profile_slug = slug_of(p, m);
  a.recipient = recipient_of(m);
  a.language = language_of(notice);
  a.message_id = m.message_id;
  a.authenticated = auth.result == Authentication::pass;
  Verdict v;
  v.acceptance = std::move(a);
  return v;
}

// The first match of `kind` in the subject, else in a line of the body before its footer (any line for an
// acceptance: its own footer says "You are receiving Accepted invitation emails"). `named`: only a match that
// captured a name.
Match first_match(Scanner& p, Kind kind, const Body& body, bool named = false)
{
  if (Match m = p.find(kind, body.subject); m.pattern && (!named || !m.name.empty())) return m;
  for (const std::string& line : body.lines) {
    if (line.empty() || is_url(line) || is_labelled_link(line)) continue;
    if (kind != Kind::accepted && p.any(Kind::footer, line)) break;
    if (Match m = p.find(kind, line); m.pattern && (!named || !m.name.empty())) return m;
  }
  return {};
}

} // namespace

std::optional<Verdict> read_conversation(Scanner& p, const Message& m, const Body& body, const Authentication& auth)
{
  std::string thread = thread_of(p, m);
  const bool messaging = p.any(Kind::messaging_sender, text::ascii_lower(m.from_address));
  const Match heading = p.find(Kind::message, body.subject);
  const bool about_messages = (messaging && !thread.empty()) || heading.pattern;
  if (about_messages || messaging) {
    if (first_match(p, Kind::sponsored, body).pattern) return skip("a sponsored message, not from a person");
    if (p.any(Kind::digest, body.subject)) return skip("a digest of several messages");
  }
  // A thread link from LinkedIn's messaging address says more than any subject's wording.
  if (about_messages) return read_message(p, m, body, heading, std::move(thread));
  if (const Match notice = first_match(p, Kind::accepted, body); notice.pattern)
    return read_acceptance(p, m, notice, auth);
  // A layout whose subject says nothing: the heading "X sent you a message" in the body, with a thread link.
  if (const Match line = first_match(p, Kind::message, body, true); line.pattern && !thread.empty())
    return read_message(p, m, body, line, std::move(thread));
  return std::nullopt;
}

} // namespace motivo::mail

namespace motivo::mail {

namespace {

// Letters and digits only, case folded.
icu::UnicodeString comparable(std::string_view text)
{
  const icu::UnicodeString in =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    const UChar32 c = in.char32At(i);
    if (u_isalnum(c)) out.append(u_foldCase(c, U_FOLD_CASE_DEFAULT));
    i += U16_LENGTH(c);
  }
  return out;
}

} // namespace

bool same_message_text(std::string_view mail_text, std::string_view stored_text)
{
  const icu::UnicodeString a = comparable(mail_text), b = comparable(stored_text);
  if (a.isEmpty() || b.isEmpty()) return true;
  return a.length() <= b.length() ? b.startsWith(a) : a.startsWith(b);
}

} // namespace motivo::mail
