#include <motivo/core/error.hpp>
#include <motivo/core/mail/notification.hpp>
#include <motivo/core/mail/patterns.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace motivo::mail {

namespace {

Verdict skipped(std::string why, bool warning = false, std::string detail = {})
{
  Verdict v;
  v.skipped = std::move(why);
  v.detail = std::move(detail);
  v.warning = warning;
  return v;
}

// What marks a mail as an invitation: the patterns the subject and the lines matched, the name one captured, and
// which lines are LinkedIn's own ("X wants to connect"), never the note.
struct InvitationSigns {
  Recogniser::Patterns::Match invitation, reminder;
  std::string captured_name;
  std::vector<bool> linkedins_own;
};

InvitationSigns invitation_signs(Scanner& p, const Body& body)
{
  InvitationSigns s{p.find(Kind::invitation, body.subject), p.find(Kind::reminder, body.subject), {}, {}};
  s.linkedins_own.assign(body.lines.size(), false);
  for (std::size_t i = 0; i < body.lines.size(); ++i) {
    const std::string& line = body.lines[i];
    if (line.empty() || is_url(line) || is_labelled_link(line)) continue;
    if (p.any(Kind::footer, line)) break;
    const Recogniser::Patterns::Match a = p.find(Kind::invitation, line);
    if (a.pattern && !s.invitation.pattern) s.invitation = a;
    const Recogniser::Patterns::Match r = p.find(Kind::reminder, line);
    if (r.pattern && !s.reminder.pattern) s.reminder = r;
    if (s.captured_name.empty()) s.captured_name = !a.name.empty() ? a.name : r.name;
    s.linkedins_own[i] = (a.pattern && a.pattern->name_group > 0) || (r.pattern && r.pattern->name_group > 0);
  }
  if (s.captured_name.empty()) s.captured_name = !s.invitation.name.empty() ? s.invitation.name : s.reminder.name;
  return s;
}

// The note: the lines that are none of LinkedIn's own (greeting, frame, links, the inviter's name and card), up to
// the footer; paragraphs keep their blank line.
std::string note_of(Scanner& p, const Message& m, const Body& body, const std::vector<bool>& linkedins_own,
                    const std::string& sender)
{
  const std::string sender_key = text::name_key(sender);
  const std::string sender_first_key = text::name_key(first_word(sender));
  std::vector<std::string> recipient_keys;
  for (const std::string& r : {m.to_name, first_word(m.to_name), m.to_address})
    if (!text::trim(r).empty()) recipient_keys.push_back(text::name_key(r));
  const auto is_greeting = [&](const std::string& line) {
    if (p.any(Kind::greeting, line)) return true;
    if (line.back() != ',' && line.back() != ':') return false;
    const std::string key = text::name_key(std::string_view(line).substr(0, line.size() - 1));
    return std::find(recipient_keys.begin(), recipient_keys.end(), key) != recipient_keys.end();
  };
  const auto is_signature = [&](const std::string& line) {
    std::string_view rest = line;
    std::size_t dashes = 0;
    while (!rest.empty() && (rest.front() == '-' || rest.front() == ' ')) {
      dashes += rest.front() == '-';
      rest.remove_prefix(1);
    }
    const std::string key = text::name_key(rest);
    return key == sender_key || (dashes > 0 && key == sender_first_key);
  };
  std::vector<std::vector<std::string>> paragraphs(1);
  bool card = false; // the lines under the inviter's name (headline, place) until a blank line
  for (std::size_t i = 0; i < body.lines.size(); ++i) {
    const std::string& line = body.lines[i];
    // Blank lines, rules, links, link captions and frame lines end a paragraph and the inviter's card.
    const bool link = line.empty() || is_rule(line) || is_url(line) || is_labelled_link(line);
    if (!link && p.any(Kind::footer, line)) break;
    const bool frame = link || p.any(Kind::action, line) || p.any(Kind::frame, line);
    const bool signature = !frame && !linkedins_own[i] && !is_greeting(line) && is_signature(line);
    if (frame) card = false;
    if (signature) card = true;
    if (frame || signature || linkedins_own[i] || is_greeting(line)) {
      if (!paragraphs.back().empty()) paragraphs.emplace_back();
      continue;
    }
    if (!card) paragraphs.back().push_back(line);
  }
  return join_paragraphs(paragraphs);
}

Verdict read_invitation(Scanner& p, const Message& m, const Body& body)
{
  const InvitationSigns signs = invitation_signs(p, body);
  // Ids from the links, the HTML's first (they are in document order: the inviter's card comes first).
  Invitation inv;
  for (const std::string& link : m.links) {
    if (inv.invitation_id.empty()) inv.invitation_id = p.find(Kind::id, link).group1;
    if (inv.profile_slug.empty()) inv.profile_slug = slug_key(p.find(Kind::profile, link).group1);
    if (inv.member_token.empty()) inv.member_token = p.find(Kind::member, link).group1;
  }
  if (!signs.invitation.pattern && !signs.reminder.pattern && inv.invitation_id.empty())
    return skipped("LinkedIn mail that is not an invitation");
  if (!m.problems.empty() && inv.invitation_id.empty()) return skipped("malformed MIME", true, m.problems.front());
  if (signs.reminder.pattern && inv.invitation_id.empty())
    return skipped("a reminder of an earlier invitation, without the invitation's id");
  inv.reminder = signs.reminder.pattern != nullptr;
  const Pattern* matched = signs.invitation.pattern ? signs.invitation.pattern : signs.reminder.pattern;
  inv.language = matched && matched->language != "*" ? matched->language : "und";
  inv.message_id = m.message_id;

  inv.sender = p.patterns().strip_suffixes(m.from_name);
  if (inv.sender.empty() || text::name_key(inv.sender) == "linkedin")
    inv.sender = std::string(text::trim(signs.captured_name));
  if (inv.sender.empty()) return skipped("an invitation without the inviter's name", true);

  if (m.date)
    inv.sent_at = *m.date;
  else if (auto t = time_of_invitation_id(inv.invitation_id))
    inv.sent_at = *t;
  else
    return skipped("an invitation without a date", true);

  inv.recipient = !text::trim(m.to_name).empty() ? std::string(text::trim(m.to_name)) : m.to_address;
  inv.note = note_of(p, m, body, signs.linkedins_own, inv.sender);
  if (inv.note.size() > max_note_length) {
    std::string cut = cut_to_units(inv.note, max_note_length);
    inv.note_cut = cut.size() < inv.note.size();
    inv.note = std::move(cut);
  }
  Verdict v;
  v.invitation = std::move(inv);
  return v;
}

} // namespace

Recogniser::Recogniser() : patterns_(load_patterns())
{
}

Recogniser::~Recogniser() = default;

std::optional<datetime::UnixSeconds> time_of_invitation_id(const std::string& id)
{
  std::uint64_t n = 0;
  const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), n);
  if (ec != std::errc() || end != id.data() + id.size()) return std::nullopt;
  const auto seconds = static_cast<datetime::UnixSeconds>((n >> 22) / 1000);
  if (seconds < 1'041'379'200 || seconds > 4'102'444'800) return std::nullopt; // 2003 .. 2100
  return seconds;
}

Verdict Recogniser::recognise(const Message& m) const
{
  Scanner p(*patterns_);
  const bool from_linkedin = p.any(Kind::sender, text::ascii_lower(m.from_address));
  // A huge header can push From past the bytes read (GMime then says "truncated", of the cut it was given): a
  // message too large to read is said as such unless its sender is known to be someone else.
  if (m.too_large && (from_linkedin || m.from_address.empty()))
    return skipped("too large for a LinkedIn notification", true,
                   std::to_string(m.size) + " bytes (at most " + std::to_string(max_message_bytes >> 20) +
                       " MiB are read)");
  if (m.from_address.empty() && !m.problems.empty()) return skipped("malformed MIME", true, m.problems.front());
  if (!from_linkedin) return skipped("not from LinkedIn");
  const Authentication auth = authentication_of(m);
  if (auth.result == Authentication::fail)
    return skipped("forged: LinkedIn's mail failed authentication", true, quote_value(auth.detail));
  const Body body = body_of(m);
  // Messages and acceptances first: a member's message may quote an invitation's wording.
  if (std::optional<Verdict> v = read_conversation(p, m, body, auth)) return std::move(*v);
  return read_invitation(p, m, body);
}

} // namespace motivo::mail
