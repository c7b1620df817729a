#include <motivo/core/data_files.hpp>
#include <motivo/core/mail/patterns.hpp>
#include <motivo/core/text.hpp>

#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <utility>

namespace motivo::mail {

namespace {

Kind kind_from(const std::string& name)
{
  static const std::pair<std::string_view, Kind> kinds[] = {{"sender", Kind::sender},
                                                            {"messaging_sender", Kind::messaging_sender},
                                                            {"name_suffix", Kind::name_suffix},
                                                            {"accepted", Kind::accepted},
                                                            {"message", Kind::message},
                                                            {"digest", Kind::digest},
                                                            {"sponsored", Kind::sponsored},
                                                            {"invitation", Kind::invitation},
                                                            {"reminder", Kind::reminder},
                                                            {"greeting", Kind::greeting},
                                                            {"frame", Kind::frame},
                                                            {"action", Kind::action},
                                                            {"reply", Kind::reply},
                                                            {"footer", Kind::footer},
                                                            {"id", Kind::id},
                                                            {"thread", Kind::thread},
                                                            {"profile", Kind::profile},
                                                            {"member", Kind::member}};
  for (const auto& [n, k] : kinds)
    if (n == name) return k;
  throw std::logic_error("mail_patterns.tsv: unknown kind " + name);
}

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

} // namespace

std::unique_ptr<Recogniser::Patterns> load_patterns()
{
  auto patterns = std::make_unique<Recogniser::Patterns>();
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
    patterns->list.push_back(std::move(p));
  }
  return patterns;
}

std::string Recogniser::Patterns::strip_suffixes(std::string name) const
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

Scanner::Scanner(const Recogniser::Patterns& patterns) : patterns_(patterns)
{
  for (const Pattern& p : patterns.list) {
    UErrorCode status = U_ZERO_ERROR;
    matchers_.emplace_back(p.regex->matcher(status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU regular expressions: ") + u_errorName(status));
  }
}

Recogniser::Patterns::Match Scanner::find(Kind kind, std::string_view text)
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

Body body_of(const Message& m)
{
  const std::string& body = !text::trim(m.text).empty() ? m.text : m.html_text;
  return {lines_of(body), clean_line(m.subject)};
}

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

bool is_labelled_link(std::string_view line)
{
  const std::size_t colon = line.find(": http");
  if (colon == std::string_view::npos || colon > 80) return false;
  const std::string_view url = text::trim(line.substr(colon + 2));
  return url.find(' ') == std::string_view::npos;
}

std::string cut_to_units(const std::string& note, std::size_t units)
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

std::string join_paragraphs(const std::vector<std::vector<std::string>>& paragraphs)
{
  std::string out;
  for (const auto& para : paragraphs) {
    if (para.empty()) continue;
    if (!out.empty()) out += "\n\n";
    for (std::size_t i = 0; i < para.size(); ++i) out += (i ? "\n" : "") + para[i];
  }
  return out;
}

} // namespace motivo::mail
