#include <motivo/core/data_files.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/mail/notification.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

#include <unicode/regex.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace motivo::mail {

namespace {

enum class Kind {
  sender,
  name_suffix,
  accepted,
  invitation,
  reminder,
  greeting,
  frame,
  action,
  footer,
  id,
  profile,
  member
};

Kind kind_from(const std::string& name)
{
  static const std::pair<std::string_view, Kind> kinds[] = {
      {"sender", Kind::sender},     {"name_suffix", Kind::name_suffix},
      {"accepted", Kind::accepted}, {"invitation", Kind::invitation},
      {"reminder", Kind::reminder}, {"greeting", Kind::greeting},
      {"frame", Kind::frame},       {"action", Kind::action},
      {"footer", Kind::footer},     {"id", Kind::id},
      {"profile", Kind::profile},   {"member", Kind::member}};
  for (const auto& [n, k] : kinds)
    if (n == name) return k;
  throw std::logic_error("mail_patterns.tsv: unknown kind " + name);
}

struct Pattern {
  Kind kind;
  std::string language;
  std::unique_ptr<icu::RegexPattern> regex;
  int name_group = -1; // the group named `name`, when there is one
};

icu::UnicodeString unicode(std::string_view s)
{
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string utf8(const icu::UnicodeString& s)
{
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Whitespace and invisible padding LinkedIn's HTML uses (no-break space, combining grapheme joiner, zero widths).
bool invisible(char32_t c)
{
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == 0x00A0 || c == 0x034F || c == 0x200B ||
         c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x2007 || c == 0x202F;
}

// A line with its invisible characters taken out at both ends, and the padding ones anywhere.
std::string clean_line(std::string_view line)
{
  icu::UnicodeString u = unicode(line);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    if (c != 0x034F && c != 0x200B && c != 0xFEFF && c != 0x2060) kept.append(c);
    i += U16_LENGTH(c);
  }
  int32_t begin = 0, end = kept.length();
  while (begin < end && invisible(static_cast<char32_t>(kept.char32At(begin))))
    begin += U16_LENGTH(kept.char32At(begin));
  while (end > begin) {
    const int32_t last = kept.moveIndex32(end, -1);
    if (!invisible(static_cast<char32_t>(kept.char32At(last)))) break;
    end = last;
  }
  return utf8(kept.tempSubStringBetween(begin, end));
}

std::vector<std::string> lines_of(std::string_view body)
{
  std::vector<std::string> out;
  while (!body.empty()) {
    const std::size_t eol = body.find('\n');
    out.push_back(clean_line(body.substr(0, eol)));
    body.remove_prefix(eol == std::string_view::npos ? body.size() : eol + 1);
  }
  return out;
}

bool is_rule(std::string_view line)
{
  return line.size() >= 3 && std::all_of(line.begin(), line.end(), [](char c) {
           return c == '-' || c == '.' || c == '_' || c == '=' || c == '*' || c == '~';
         });
}

bool is_url(std::string_view line)
{
  return line.rfind("http://", 0) == 0 || line.rfind("https://", 0) == 0 || line.rfind("<http", 0) == 0;
}

// "Label: https://…" (or "Label:: …"), a link with its caption, in any language: nothing after the address.
bool is_labelled_link(std::string_view line)
{
  const std::size_t colon = line.find(": http");
  if (colon == std::string_view::npos || colon > 80) return false;
  const std::string_view url = text::trim(line.substr(colon + 2));
  return url.find(' ') == std::string_view::npos;
}

// The longest start of `note` of at most `units` UTF-16 units (as LinkedIn counts a note), whole characters.
std::string cut_note(const std::string& note, std::size_t units)
{
  const auto* s = reinterpret_cast<const std::uint8_t*>(note.data());
  const auto n = static_cast<std::int32_t>(std::min<std::size_t>(note.size(), INT32_MAX));
  std::size_t counted = 0;
  std::int32_t i = 0;
  while (i < n) {
    std::int32_t next = i;
    UChar32 c;
    U8_NEXT(s, next, n, c);
    counted += c > 0xFFFF ? 2 : 1;
    if (counted > units) break;
    i = next;
  }
  return std::string(text::trim(std::string_view(note).substr(0, static_cast<std::size_t>(i))));
}

std::string first_word(std::string_view name)
{
  name = text::trim(name);
  return std::string(name.substr(0, name.find(' ')));
}

} // namespace

struct Recogniser::Patterns {
  std::vector<Pattern> list;

  // What a pattern of some kind matched: the pattern (its language), the `name` group and group 1, if any.
  struct Match {
    const Pattern* pattern = nullptr;
    std::string name;
    std::string group1;
  };

  std::string strip_suffixes(std::string name) const
  {
    for (const Pattern& p : list) {
      if (p.kind != Kind::name_suffix) continue;
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString input = unicode(name);
      std::unique_ptr<icu::RegexMatcher> m(p.regex->matcher(input, status));
      if (U_SUCCESS(status)) name = utf8(m->replaceAll(icu::UnicodeString(), status));
    }
    return std::string(text::trim(name));
  }
};

namespace {

// One message's matching: a matcher per pattern, made once, and the text last converted to UTF-16 kept, so a
// line tested against several kinds is converted once.
class Scanner {
public:
  explicit Scanner(const Recogniser::Patterns& patterns) : patterns_(patterns)
  {
    for (const Pattern& p : patterns.list) {
      UErrorCode status = U_ZERO_ERROR;
      matchers_.emplace_back(p.regex->matcher(status));
      if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU regular expressions: ") + u_errorName(status));
    }
  }

  Recogniser::Patterns::Match find(Kind kind, std::string_view text)
  {
    if (!converted_ || text != text_) {
      text_.assign(text);
      input_ = unicode(text);
      converted_ = true;
    }
    for (std::size_t i = 0; i < patterns_.list.size(); ++i) {
      const Pattern& p = patterns_.list[i];
      if (p.kind != kind) continue;
      icu::RegexMatcher& m = *matchers_[i];
      m.reset(input_);
      UErrorCode status = U_ZERO_ERROR;
      if (!m.find(status) || U_FAILURE(status)) continue;
      Recogniser::Patterns::Match out{&p, {}, {}};
      if (p.name_group > 0) out.name = utf8(m.group(p.name_group, status));
      if (m.groupCount() >= 1) out.group1 = utf8(m.group(1, status));
      return out;
    }
    return {};
  }
  bool any(Kind kind, std::string_view text) { return find(kind, text).pattern != nullptr; }

private:
  const Recogniser::Patterns& patterns_;
  std::vector<std::unique_ptr<icu::RegexMatcher>> matchers_;
  std::string text_;
  icu::UnicodeString input_;
  bool converted_ = false;
};

} // namespace

Recogniser::Recogniser() : patterns_(std::make_unique<Patterns>())
{
  for (const auto& row : data::rows("mail_patterns.tsv")) {
    if (row.size() < 3) throw std::logic_error("mail_patterns.tsv: a row of fewer than 3 columns");
    Pattern p{kind_from(row[0]), row[1], nullptr};
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    p.regex.reset(icu::RegexPattern::compile(unicode(row[2]), UREGEX_CASE_INSENSITIVE, where, status));
    if (U_FAILURE(status))
      throw std::logic_error("mail_patterns.tsv: bad pattern " + row[2] + ": " + u_errorName(status));
    status = U_ZERO_ERROR;
    const int32_t group = p.regex->groupNumberFromName(icu::UnicodeString(u"name"), status);
    if (U_SUCCESS(status)) p.name_group = group;
    patterns_->list.push_back(std::move(p));
  }
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
  Verdict v;
  const auto skip = [&](std::string why, bool warning = false, std::string detail = {}) {
    v.skipped = std::move(why);
    v.detail = std::move(detail);
    v.warning = warning;
    return v;
  };
  const bool from_linkedin = p.any(Kind::sender, text::ascii_lower(m.from_address));
  // A huge header can push From past the bytes read (GMime then says "truncated", of the cut it was given): a
  // message too large to read is said as such unless its sender is known to be someone else.
  if (m.too_large && (from_linkedin || m.from_address.empty()))
    return skip("too large for a LinkedIn notification", true,
                std::to_string(m.size) + " bytes (at most " + std::to_string(max_message_bytes >> 20) +
                    " MiB are read)");
  if (m.from_address.empty() && !m.problems.empty()) return skip("malformed MIME", true, m.problems.front());
  if (!from_linkedin) return skip("not from LinkedIn");
  if (const Authentication auth = authentication_of(m); auth.result == Authentication::fail)
    return skip("forged: LinkedIn's mail failed authentication", true, quote_value(auth.detail));

  const std::string& body = !text::trim(m.text).empty() ? m.text : m.html_text;
  const std::vector<std::string> lines = lines_of(body);
  const std::string subject = clean_line(m.subject);

  // What kind of LinkedIn mail: an acceptance is skipped whatever else it says.
  if (p.any(Kind::accepted, subject)) return skip("an accepted invitation, not a new one");
  for (const std::string& line : lines)
    if (!line.empty() && !is_url(line) && p.any(Kind::accepted, line))
      return skip("an accepted invitation, not a new one");
  Patterns::Match invitation = p.find(Kind::invitation, subject);
  Patterns::Match reminder = p.find(Kind::reminder, subject);
  std::string captured_name;
  // Lines a pattern with a `name` group matches are LinkedIn's own ("X wants to connect"): never the note.
  std::vector<bool> linkedins_own(lines.size(), false);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty() || is_url(line) || is_labelled_link(line)) continue;
    if (p.any(Kind::footer, line)) break;
    const Patterns::Match a = p.find(Kind::invitation, line);
    if (a.pattern && !invitation.pattern) invitation = a;
    const Patterns::Match r = p.find(Kind::reminder, line);
    if (r.pattern && !reminder.pattern) reminder = r;
    if (captured_name.empty()) captured_name = !a.name.empty() ? a.name : r.name;
    linkedins_own[i] = (a.pattern && a.pattern->name_group > 0) || (r.pattern && r.pattern->name_group > 0);
  }
  if (captured_name.empty()) captured_name = !invitation.name.empty() ? invitation.name : reminder.name;

  // Ids from the links, the HTML's first (they are in document order: the inviter's card comes first).
  Invitation inv;
  for (const std::string& link : m.links) {
    if (inv.invitation_id.empty()) inv.invitation_id = p.find(Kind::id, link).group1;
    if (inv.profile_slug.empty()) inv.profile_slug = slug_key(p.find(Kind::profile, link).group1);
    if (inv.member_token.empty()) inv.member_token = p.find(Kind::member, link).group1;
  }
  if (!invitation.pattern && !reminder.pattern && inv.invitation_id.empty())
    return skip("LinkedIn mail that is not an invitation");
  if (!m.problems.empty() && inv.invitation_id.empty()) return skip("malformed MIME", true, m.problems.front());
  if (reminder.pattern && inv.invitation_id.empty())
    return skip("a reminder of an earlier invitation, without the invitation's id");
  inv.reminder = reminder.pattern != nullptr;
  const Pattern* matched = invitation.pattern ? invitation.pattern : reminder.pattern;
  inv.language = matched && matched->language != "*" ? matched->language : "und";
  inv.message_id = m.message_id;

  inv.sender = patterns_->strip_suffixes(m.from_name);
  if (inv.sender.empty() || text::name_key(inv.sender) == "linkedin")
    inv.sender = std::string(text::trim(captured_name));
  if (inv.sender.empty()) return skip("an invitation without the inviter's name", true);

  if (m.date)
    inv.sent_at = *m.date;
  else if (auto t = time_of_invitation_id(inv.invitation_id))
    inv.sent_at = *t;
  else
    return skip("an invitation without a date", true);

  inv.recipient = !text::trim(m.to_name).empty() ? std::string(text::trim(m.to_name)) : m.to_address;

  // The note: the lines that are none of LinkedIn's own (greeting, frame, links, the inviter's name and card),
  // up to the footer; paragraphs keep their blank line.
  const std::string sender_key = text::name_key(inv.sender);
  const std::string sender_first_key = text::name_key(first_word(inv.sender));
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
  const auto end_paragraph = [&] {
    if (!paragraphs.back().empty()) paragraphs.emplace_back();
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    // Blank lines, rules, links, link captions and frame lines end a paragraph and the inviter's card.
    const bool link = line.empty() || is_rule(line) || is_url(line) || is_labelled_link(line);
    if (!link && p.any(Kind::footer, line)) break;
    if (link || p.any(Kind::action, line) || p.any(Kind::frame, line)) {
      card = false;
      end_paragraph();
      continue;
    }
    if (linkedins_own[i] || is_greeting(line)) {
      end_paragraph();
      continue;
    }
    if (is_signature(line)) {
      card = true;
      end_paragraph();
      continue;
    }
    if (card) continue;
    paragraphs.back().push_back(line);
  }
  for (const auto& para : paragraphs) {
    if (para.empty()) continue;
    if (!inv.note.empty()) inv.note += "\n\n";
    for (std::size_t i = 0; i < para.size(); ++i) inv.note += (i ? "\n" : "") + para[i];
  }
  if (inv.note.size() > max_note_length) {
    std::string cut = cut_note(inv.note, max_note_length);
    inv.note_cut = cut.size() < inv.note.size();
    inv.note = std::move(cut);
  }
  v.invitation = std::move(inv);
  return v;
}

} // namespace motivo::mail
