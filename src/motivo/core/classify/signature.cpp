#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/classify/signature.hpp>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace motivo::classify {

namespace {

// What one whitespace-separated token of a signature line is.
enum class Token { skip, number, capital, lower, caseless, sentence };

// Scripts written without spaces: a token of more than a name's few letters is a clause there.
bool unspaced(UChar32 c)
{
  return (c >= 0x0E00 && c <= 0x0EFF) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF);
}

// A title or an organisation written without spaces ends in one of these ("市场部经理", "华南电子元件有限公司",
// "営業部長"): a signature's line, however many characters, where another clause that long would be a sentence.
bool unspaced_title(std::string_view t)
{
  static constexpr std::string_view ends[] = {"公司", "集团", "集團", "经理", "經理",   "总监",  "總監",
                                              "主管", "总裁", "總裁", "部",   "大学",   "大學",  "银行",
                                              "銀行", "会社", "部長", "課長", "工程师", "工程師"};
  return std::any_of(std::begin(ends), std::end(ends), [t](std::string_view e) { return t.ends_with(e); });
}

Token token_kind(std::string_view t)
{
  if (t.find('@') != std::string_view::npos || t.starts_with("http") || t.starts_with("www.")) return Token::capital;
  std::size_t letters = 0, digits = 0, clause = 0;
  bool first_capital = false, seen_letter = false, caseless = false;
  for (std::int32_t i = 0, n = static_cast<std::int32_t>(t.size()); i < n;) {
    UChar32 c = 0;
    U8_NEXT(t.data(), i, n, c);
    if (c < 0) return Token::sentence;
    // "2ª planta", "3º andar": an ordinal indicator is part of a number, not a letter of a script without case.
    if (u_isdigit(c) || c == 0xAA || c == 0xBA) {
      ++digits;
    } else if (u_isalpha(c)) {
      if (!seen_letter) first_capital = u_isupper(c) || u_istitle(c);
      caseless = caseless || (!u_isupper(c) && !u_islower(c) && !u_istitle(c));
      clause += unspaced(c) ? 1 : 0;
      seen_letter = true;
      ++letters;
    }
  }
  if (letters == 0) return digits > 0 ? Token::number : Token::skip; // "+1", "(555)", "–", "|"
  if (letters > 16 || (clause > 4 && !unspaced_title(t))) return Token::sentence;
  if (caseless) return Token::caseless;
  if (first_capital || digits > 0) return Token::capital; // "Estimator", "GmbH", "S.A.", "3M"
  // A domain written bare ("brightlinecivil.com"), or a short word joining a title ("of", "at", "de", "&").
  const std::size_t dot = t.rfind('.');
  if (dot != std::string_view::npos && dot > 0 && dot + 2 < t.size()) return Token::capital;
  return letters <= 3 ? Token::skip : Token::lower;
}

// The line is a signature's: at most ten words (numbers aside), more of them capitalised or numbers than not
// ("Коммерческий директор, ООО «Северснаб»"), and nothing spam names. In a script without capitals, at most five words
// and no sentence's end.
bool signature_line(std::string_view line, const std::vector<std::string>& spam_domains)
{
  if (line.find_first_of("!?") != std::string_view::npos) return false;
  thread_local std::string lower;
  lower.assign(line);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  for (const std::string& d : spam_domains) {
    if (lower.find(d) != std::string::npos) return false;
  }
  std::size_t capital = 0, lowered = 0, caseless = 0, numbers = 0;
  Token last = Token::skip;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t e = i;
    while (e < line.size() && line[e] != ' ' && line[e] != '\t') ++e;
    if (e == i) break;
    const Token kind = token_kind(line.substr(i, e - i));
    last = kind == Token::skip ? last : kind;
    switch (kind) {
    case Token::sentence: return false;
    case Token::number: ++numbers; break;
    case Token::capital: ++capital; break;
    case Token::lower: ++lowered; break;
    case Token::caseless: ++caseless; break;
    case Token::skip: break;
    }
    i = e;
  }
  if (capital + lowered + caseless > 10) return false;
  if (caseless > 0) {
    // "हिंदी।", "عربية.", "中文。": a sentence ends there.
    static constexpr std::string_view ends[] = {".", "\u0964", "\u06D4", "\u3002", "\uFF0E", "\u061F"};
    for (const std::string_view m : ends) {
      if (line.ends_with(m)) return false;
    }
    return caseless + capital + lowered <= 5 && lowered == 0;
  }
  // German capitalises its nouns: a sentence of it has several words in lower case all the same, and ends in one
  // ("… hinzufügen."), where a company ends in an abbreviation ("B.V.", "A.Ş.").
  return capital + numbers > lowered && lowered < 3 && !(line.ends_with('.') && last == Token::lower);
}

} // namespace

namespace {

// The line of `text` that ends at `end` (exclusive), without its spaces, and where it begins (`begin`).
std::string_view line_before(std::string_view text, std::size_t end, std::size_t& nl)
{
  nl = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
  const std::size_t begin = nl == std::string_view::npos ? 0 : nl + 1;
  std::string_view line = text.substr(begin, end - begin);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

// A job title in lower case or with one capital ("Obchodní ředitelka", "руководитель отдела закупок"): up to four
// words, no sentence's end. It belongs to a signature only between a signature's line above it (the name) and the
// block's lines below it (a phone, an address).
bool title_line(std::string_view line)
{
  if (line.find_first_of(".!?:;,") != std::string_view::npos) return false;
  return static_cast<std::size_t>(std::count(line.begin(), line.end(), ' ')) < 4;
}

} // namespace

std::size_t signature_words(std::string_view text, const std::vector<std::string>& spam_domains)
{
  std::size_t words = 0;
  thread_local std::string folded;
  thread_local std::vector<std::string_view> line_words;
  std::size_t end = text.size();
  while (end > 0) {
    std::size_t nl = 0;
    const std::string_view line = line_before(text, end, nl);
    if (!line.empty()) {
      if (!signature_line(line, spam_domains)) {
        std::size_t above_nl = 0;
        const bool titled = words > 0 && nl != std::string_view::npos && title_line(line) &&
                            signature_line(line_before(text, nl, above_nl), spam_domains);
        if (!titled) break;
      }
      fold_into(line, folded);
      line_words.clear();
      words_into(folded, line_words);
      words += line_words.size();
    }
    if (nl == std::string_view::npos) break;
    end = nl;
  }
  return words;
}

// How many of the body's last words are a signature block's (signature.hpp): the block's words less those the
// sign-off already took from the body's end.
std::size_t Classifier::Impl::signature_in_body(std::string_view text, const Analysis& a) const
{
  const std::size_t block = signature_words(text, spam_domains);
  if (block == 0) return 0;
  std::size_t stripped = 0; // words after the body
  for (std::size_t i = a.body_end; i < a.marked.size(); ++i) stripped += is_mark_id(a.marked_ids[i]) ? 0 : 1;
  return block <= stripped ? 0 : std::min(block - stripped, a.body.size());
}

// A request to connect in other words followed by a signature block on lines of its own ("Graag voeg ik u toe aan mijn
// professionele netwerk op LinkedIn. / Marloes Smit, Accountmanager Van Dijk Logistiek / Tel. …"): the block, phone
// number included, is no rest.
constexpr std::size_t max_request_and_signature = 48; // words: a request has up to 20, a signature block up to 25

bool Classifier::Impl::request_before_signature(std::string_view text, const Analysis& a, std::string& language) const
{
  // A request and a signature are short: a longer note, or one on a single line, is not looked at.
  if (a.body.size() > max_request_and_signature || text.find('\n') == std::string_view::npos) return false;
  const std::size_t block = signature_in_body(text, a);
  if (block == 0) return false;
  thread_local std::vector<std::string_view> head;
  head.assign(a.body.begin(), a.body.end() - static_cast<std::ptrdiff_t>(block));
  return requests.matches(
      head, a.names,
      [this, &a](std::string_view w) {
        return (flags_of(vocab.find(w)) & courtesy_word_bit) != 0 || is_address(w, a.names);
      },
      language);
}

} // namespace motivo::classify
