#include <motivo/core/ascii.hpp>
#include <motivo/core/classify/edit_distance.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/quotes.hpp>
#include <motivo/core/classify/signals.hpp>
#include <motivo/core/data_files.hpp>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace motivo::classify {

namespace {

// fold_into for a word, with a shortcut for the usual word of ASCII letters and digits: its lower case.
void fold_word(std::string_view word, std::string& out)
{
  for (const char c : word) {
    if (!ascii::alnum(c)) {
      fold_into(word, out);
      return;
    }
  }
  out.resize(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) out[i] = ascii::lower(word[i]);
}

// Currency signs and codes of data/currencies.tsv, before or after a number.
struct Currencies {
  std::vector<std::string> before, after;
  std::array<bool, 256> last_of_before{}, first_of_after{}; // bytes a symbol can end (before) or begin (after) with
};
const Currencies& currencies()
{
  static const Currencies list = [] {
    Currencies c;
    for (const auto& r : data::rows("currencies.tsv")) {
      if (r.size() < 2 || r[0].empty()) continue;
      const auto upper = [](char ch) { return ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch; };
      if (r[1] == "before" || r[1] == "both") {
        c.before.push_back(r[0]);
        c.last_of_before[static_cast<unsigned char>(r[0].back())] = true;
        c.last_of_before[static_cast<unsigned char>(upper(r[0].back()))] = true;
      }
      if (r[1] == "after" || r[1] == "both") {
        c.after.push_back(r[0]);
        c.first_of_after[static_cast<unsigned char>(r[0].front())] = true;
        c.first_of_after[static_cast<unsigned char>(upper(r[0].front()))] = true;
      }
    }
    return c;
  }();
  return list;
}

// `a` is the symbol `b` as written or in capitals ("Ft", "FT"; not "ft").
bool same_symbol(std::string_view a, std::string_view b)
{
  if (a.size() != b.size() || (a[0] != b[0] && a[0] != (b[0] >= 'a' && b[0] <= 'z' ? b[0] - 32 : b[0]))) return false;
  if (a == b) return true;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char upper = b[i] >= 'a' && b[i] <= 'z' ? static_cast<char>(b[i] - 32) : b[i];
    if (a[i] != upper) return false;
  }
  return true;
}

// A currency of the catalog just before (`text` ends with it) or just after (`text` starts with it) a number,
// not running on into other letters.
bool currency_before(std::string_view text)
{
  if (text.empty() || !currencies().last_of_before[static_cast<unsigned char>(text.back())]) return false;
  for (const std::string& c : currencies().before) {
    if (text.size() < c.size() || !same_symbol(text.substr(text.size() - c.size()), c)) continue;
    if (text.size() == c.size() || !ascii::alpha(c.front()) || !ascii::alpha(text[text.size() - c.size() - 1]))
      return true;
  }
  return false;
}
bool currency_after(std::string_view text)
{
  if (text.empty() || !currencies().first_of_after[static_cast<unsigned char>(text.front())]) return false;
  for (const std::string& c : currencies().after) {
    if (text.size() < c.size() || !same_symbol(text.substr(0, c.size()), c)) continue;
    if (text.size() == c.size() || !ascii::alpha(c.back()) || !ascii::alpha(text[c.size()])) return true;
  }
  return false;
}

// Whether the number of `digits` digits starting at `at` of the lower-case text is an issue or pull-request
// number: "#1234" (two digits or more, not inside a word), or "PR", "MR", "issue", "ticket" before it ("PR 88",
// "issue #12").
bool is_reference(std::string_view lower, std::size_t at, std::size_t digits)
{
  if (at + digits < lower.size() && ascii::alpha(lower[at + digits])) return false;
  std::size_t b = at;
  const bool hash = b > 0 && lower[b - 1] == '#';
  if (hash) --b;
  if (hash && digits >= 2 && (b == 0 || !ascii::alnum(lower[b - 1]))) return true;
  while (b > 0 && lower[b - 1] == ' ') --b;
  if (b == at) return false; // "pr12"
  for (const std::string_view word : {"pr", "mr", "issue", "ticket"}) {
    if (b >= word.size() && lower.substr(b - word.size(), word.size()) == word &&
        (b == word.size() || !ascii::alnum(lower[b - word.size() - 1])))
      return true;
  }
  return false;
}

} // namespace

namespace {

// "WeMakeFuture", "PostNL": a capital after a small letter inside a word is a name's own spelling, in any language.
bool camel_case(std::string_view word)
{
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (word[i] >= 'A' && word[i] <= 'Z' && word[i - 1] >= 'a' && word[i - 1] <= 'z') return true;
  }
  return false;
}

// A word of Latin letters only, not an acronym: "Arena", "Week" (not "IT", "SEO", nor "JR東日本").
bool latin_name(std::string_view word)
{
  bool small = false;
  for (const char ch : word) {
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
    small = small || (ch >= 'a' && ch <= 'z');
  }
  return small;
}

// LinkedIn's name mistyped ("LinkdIn", "Linkedn", "LinkeIn"): one edit from it, still beginning "link". The
// platform's name is no named thing, however spelt.
bool linkedin_typo(std::string_view folded)
{
  return folded.size() >= 7 && folded.size() <= 9 && folded.starts_with("link") &&
         bounded_levenshtein(folded, "linkedin", 1) <= 1;
}

} // namespace

void Signals::clear()
{
  merge_fields.clear();
  named.clear();
  std::vector<std::string> kept_fields = std::move(merge_fields), kept_named = std::move(named);
  *this = Signals{};
  merge_fields = std::move(kept_fields);
  named = std::move(kept_named);
}

int Signals::spam_points() const
{
  int points = 0;
  if (money) points += 2;
  if (guaranteed)
    points += 3;
  else if (percent)
    points += 1;
  if (phone) points += 2;
  if (url) points += 1;
  if (email) points += 1;
  if (short_call) points += 2;
  return points;
}

std::vector<std::string> Signals::describe() const
{
  std::vector<std::string> out;
  if (money) out.emplace_back("an amount of money");
  if (guaranteed)
    out.emplace_back("a guaranteed percentage");
  else if (percent)
    out.emplace_back("a percentage");
  if (phone) out.emplace_back("a phone number");
  if (url) out.emplace_back("a link");
  if (email) out.emplace_back("an e-mail address");
  if (short_call) out.emplace_back("asks for a call of a few minutes");
  return out;
}

Signals find_signals(std::string_view text, const MergeFieldCatalog& merge_fields,
                     const std::vector<std::string>& domains, const std::vector<std::string_view>& names,
                     const std::function<bool(std::string_view)>& courtesy)
{
  Signals s;
  find_signals(text, merge_fields, domains, names, courtesy, s);
  return s;
}

void find_signals(std::string_view text, const MergeFieldCatalog& merge_fields, const std::vector<std::string>& domains,
                  const std::vector<std::string_view>& names, const std::function<bool(std::string_view)>& courtesy,
                  Signals& s)
{
  s.clear();
  // One pass makes the lower-case copy and notes which kinds of bytes occur: most notes have no digit and
  // nothing that opens a merge field, and skip those searches.
  enum : std::uint8_t { has_digit = 1, has_opener = 2, has_colon = 4, has_dot = 8, has_quote = 16, has_high = 32 };
  static constexpr auto kind_of = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = has_digit;
    for (const unsigned char c : std::string_view("{[<%#")) t[c] = has_opener;
    t[':'] = has_colon;
    t['.'] = has_dot;
    t['"'] = has_quote;
    t[0xC2] = t[0xE2] = t[0xE3] = has_high; // may open a quote: « “ „ 「 『
    return t;
  }();
  thread_local std::string lower;
  lower.resize(text.size());
  std::uint8_t kinds = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    lower[i] = ascii::lower(static_cast<char>(c));
    kinds |= kind_of[c];
  }
  // Opening quotes beyond ASCII: « (C2 AB), “ (E2 80 9C), „ (E2 80 9E), 「 (E3 80 8C), 『 (E3 80 8E). The
  // apostrophe ’ (E2 80 99) is frequent and opens nothing.
  if ((kinds & has_high) && !(kinds & has_quote)) {
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
      const auto b0 = static_cast<unsigned char>(text[i]);
      if (b0 != 0xC2 && b0 != 0xE2 && b0 != 0xE3) continue;
      const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b0 == 0xC2 && b1 == 0xAB) || (b0 == 0xE2 && b1 == 0x80 && (b2 == 0x9C || b2 == 0x9E)) ||
          (b0 == 0xE3 && b1 == 0x80 && (b2 == 0x8C || b2 == 0x8E))) {
        kinds |= has_quote;
        break;
      }
    }
  }
  if (kinds & has_opener) s.merge_fields = merge_fields.find(text);
  if (kinds & has_quote) s.quoted = has_quoted_title(text);
  // (A search phrase's quote: ' or ‘ (E2 80 98), a byte of kind has_high, or one of a title's.)
  if ((kinds & (has_high | has_quote)) || lower.find('\'') != std::string::npos)
    s.searched = has_search_phrase(text, lower);

  // Shortener and handle domains, on their own (not "at.com" for "t.co"): every domain has a dot, so only the
  // runs of host characters around each dot of the text are compared.
  for (std::size_t dot = lower.find('.'); dot != std::string::npos; dot = lower.find('.', dot + 1)) {
    std::size_t from = dot, to = dot;
    const auto host_char = [&](char ch) { return ascii::alnum(ch) || ch == '.' || ch == '-'; };
    while (from > 0 && host_char(lower[from - 1])) --from;
    while (to < lower.size() && host_char(lower[to])) ++to;
    const std::string_view run = std::string_view(lower).substr(from, to - from);
    // The run ends with the domain, or with the domain and a dot: a domain whose last byte is not there is no
    // match (most runs are a word before a full stop), told without comparing strings.
    const char end = run.back(), before_dot = end == '.' && run.size() >= 2 ? run[run.size() - 2] : '\0';
    for (std::size_t d = 0; d < domains.size() && d < 64; ++d) {
      const std::string& domain = domains[d];
      if (domain.back() != end && domain.back() != before_dot) continue;
      // The domain is the run, or the run's end after a dot ("www.bit.ly"), or the run's start ("bit.ly.")
      if (run == domain ||
          (run.size() > domain.size() && run.ends_with(domain) && run[run.size() - domain.size() - 1] == '.'))
        s.domain_hits |= 1ull << d;
      else if (run.size() == domain.size() + 1 && run.starts_with(domain) && run.back() == '.')
        s.domain_hits |= 1ull << d;
    }
    dot = to > dot ? to - 1 : dot;
  }

  // Links and e-mail addresses.
  // "http://", "https://" and "www.", each occurrence on its own (a LinkedIn link is not a link out).
  const auto links_out = [&](std::size_t host) {
    return lower.compare(host, 12, "linkedin.com") != 0 && lower.compare(host, 7, "lnkd.in") != 0;
  };
  // A link has "://" or "www.": without a colon or a dot there is none to look for ("h" is a frequent letter).
  for (std::size_t at = (kinds & has_colon) ? lower.find("http") : std::string::npos; at != std::string::npos && !s.url;
       at = lower.find("http", at + 1)) {
    std::size_t host = at + 4;
    if (lower.compare(host, 3, "://") == 0)
      host += 3;
    else if (lower.compare(host, 4, "s://") == 0)
      host += 4;
    else
      continue;
    if (lower.compare(host, 4, "www.") == 0) host += 4;
    s.url = links_out(host);
  }
  for (std::size_t at = (kinds & has_dot) ? lower.find("www.") : std::string::npos; at != std::string::npos && !s.url;
       at = lower.find("www.", at + 1))
    s.url = links_out(at + 4);
  for (std::size_t at = lower.find('@'); at != std::string::npos; at = lower.find('@', at + 1)) {
    if (at > 0 && ascii::alnum(lower[at - 1])) {
      const std::size_t dot = lower.find('.', at);
      if (dot != std::string::npos && dot - at < 30 && dot + 2 < lower.size() && ascii::alpha(lower[dot + 1]) &&
          lower.find(' ', at) > dot)
        s.email = true;
    }
  }

  // Numbers: money, percentages, phone numbers.
  static const std::array<std::string_view, 14> currency_words = {"usd",     "eur",     "euro",  "euros", "dollar",
                                                                  "dollars", "dolares", "reais", "pesos", "gbp",
                                                                  "k",       "mil",     "000",   "bucks"};
  static const std::array<std::string_view, 12> guarantee_words = {
      "guarantee", "guaranteed", "garantizado", "garantizada", "garantizamos", "garanti",
      "garantie",  "garantiert", "garantido",   "garantida",   "garantito",    "garantita"};
  bool percent = false;
  for (std::size_t i = 0; (kinds & has_digit) && i < text.size();) {
    if (!ascii::digit(text[i])) {
      ++i;
      continue;
    }
    // A run of digits with phone-like separators.
    const std::size_t start = i;
    std::size_t digits = 0;
    std::size_t j = i;
    while (j < text.size() && (ascii::digit(text[j]) || text[j] == ' ' || text[j] == '-' || text[j] == '.' ||
                               text[j] == '(' || text[j] == ')')) {
      if (ascii::digit(text[j]))
        ++digits;
      else if (j + 1 < text.size() && !ascii::digit(text[j + 1]) && text[j + 1] != '(' && text[j + 1] != ' ')
        break;
      ++j;
    }
    const bool plus = start > 0 && text[start - 1] == '+';
    std::size_t run = start;
    while (run < text.size() && ascii::digit(text[run])) ++run;
    if (!s.reference && is_reference(lower, start, run - start)) s.reference = true;
    if (digits >= 9 || (plus && digits >= 8)) s.phone = true;
    // Money: a currency sign just before or after, or a currency word after.
    std::size_t k = start;
    while (k > 0 && text[k - 1] == ' ') --k;
    const std::string_view before = text.substr(0, k);
    if (before.ends_with("$") || before.ends_with("€") || before.ends_with("£") || before.ends_with("USD") ||
        before.ends_with("EUR") || currency_before(before))
      s.money = true;
    std::size_t end_digits = start;
    while (end_digits < text.size() &&
           (ascii::digit(text[end_digits]) || text[end_digits] == '.' || text[end_digits] == ',' ||
            (text[end_digits] == ' ' && end_digits + 1 < text.size() && ascii::digit(text[end_digits + 1]))))
      ++end_digits;
    std::size_t m = end_digits;
    while (m < text.size() && text[m] == ' ') ++m;
    if (m < text.size() && text[m] == '-' && m + 1 < text.size() && ascii::alpha(text[m + 1])) ++m; // "15-minute"
    const std::string_view after = text.substr(m);
    if (after.starts_with("%")) percent = true;
    if (after.starts_with("€") || after.starts_with("$") || after.starts_with("£") || currency_after(after))
      s.money = true;
    else {
      std::size_t w = 0;
      while (w < after.size() && ascii::alpha(after[w])) ++w;
      // The word after the number, lower-cased (a currency or a unit: longer words are neither).
      char buffer[12];
      const std::size_t size = std::min<std::size_t>(w, sizeof buffer);
      for (std::size_t b = 0; b < size; ++b) buffer[b] = ascii::lower(after[b]);
      const std::string_view word = w <= sizeof buffer ? std::string_view(buffer, size) : std::string_view();
      for (const auto c : currency_words) {
        if (word == c && c != "k" && c != "mil" && c != "000") s.money = true;
      }
      // "500-1000元": the currency after a range.
      if (!s.money && j > start) {
        std::size_t r = j;
        while (r < text.size() && text[r] == ' ') ++r;
        if (currency_after(text.substr(r))) s.money = true;
      }
      if (word == "min" || word == "mins" || word == "minute" || word == "minutes" || word == "minutos" ||
          word == "minuten" || word == "minuti" || word == "minutas")
        s.short_call = true;
    }
    i = std::max(j, start + 1);
  }
  s.percent = percent;
  if (percent) {
    for (const auto w : guarantee_words) {
      if (lower.find(w) != std::string::npos) {
        s.guaranteed = true;
        break;
      }
    }
  }

  // Questions of four words or more, and named things: capitalised words inside a sentence.
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  bool sentence_start = true;
  std::size_t words_in_sentence = 0;
  std::size_t word_index = 0;
  bool after_courtesy = false;
  // From a greeting opening the note to the first comma or end of sentence: the names there are the
  // recipient's ("Hi Ana Maria,", "Dear Dr Smith"), told or not.
  bool in_greeting = false;
  std::size_t upper_words = 0, all_words = 0;
  std::size_t latin_letters = 0, other_letters = 0; // which script the note is written in
  bool camel_named = false, latin_named = false;
  std::vector<std::string>& candidates = s.named; // empty (s.clear())
  std::int32_t last_candidate_end = -10;
  thread_local std::string folded;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) continue;
    if (c < 0x80 ? ascii::alnum(static_cast<char>(c)) : u_isalnum(c)) {
      std::int32_t end = i;
      while (end < n) {
        const std::uint8_t byte = bytes[end];
        if (byte < 0x80) { // the common case, without ICU
          if (ascii::alnum(static_cast<char>(byte))) {
            ++end;
            while (end < n && ascii::alnum(static_cast<char>(bytes[end]))) ++end;
            continue;
          }
          if (byte == '&' || byte == '\'' ||
              (byte == '-' && end + 1 < n && u_isalnum(static_cast<UChar32>(bytes[end + 1])))) {
            ++end;
            continue;
          }
          break;
        }
        std::int32_t next = end;
        UChar32 d;
        U8_NEXT(bytes, next, n, d);
        if (d < 0 || !(u_isalnum(d) || d == '&' || d == 0x2019 || d == '\'' ||
                       (d == '-' && next < n && u_isalnum(static_cast<UChar32>(bytes[next]))) ||
                       u_charType(d) == U_NON_SPACING_MARK))
          break;
        end = next;
      }
      const std::string_view word = text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
      i = end;
      ++all_words;
      if (c < 0x80)
        latin_letters += word.size();
      else if (c >= 0x250)
        other_letters += word.size();
      const bool capital = c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c));
      s.capital_words += capital ? 1 : 0;
      s.cased_words += capital || (c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c) != 0) ? 1 : 0;
      bool is_courtesy = false;
      if (capital && word.size() > 1) {
        bool all_upper = true;
        for (const char ch : word) {
          if (ch >= 'a' && ch <= 'z') all_upper = false;
        }
        if (all_upper) ++upper_words;
        // Only capitalised words can name something: fold just those.
        fold_word(word, folded);
        bool is_name = std::find(names.begin(), names.end(), folded) != names.end();
        for (std::size_t p = 0; !is_name && p < folded.size();) { // its parts ("Jean-Luc")
          const std::size_t q = std::min(folded.find(' ', p), folded.size());
          const std::string_view part = std::string_view(folded).substr(p, q - p);
          if (!part.empty() && std::find(names.begin(), names.end(), part) != names.end()) is_name = true;
          p = q + 1;
        }
        is_courtesy = courtesy(folded);
        if (!sentence_start && !is_name && !is_courtesy && !after_courtesy && !in_greeting && folded != "i" &&
            !folded.starts_with("linkedin") && !linkedin_typo(folded) && folded != "im" && folded != "ive" &&
            folded != "id" && folded != "ill") {
          camel_named = camel_named || camel_case(word);
          // Latin letters standing apart from a note of another script name something ("Lviv IT Arena"); an
          // acronym ("IT", "SEO") or a word running on into the other script ("JR東日本様…") does not.
          latin_named = latin_named || latin_name(word);
          // "Delta-X Imagine Innovation Campus" is one named thing, not four.
          if (!candidates.empty() && start - last_candidate_end <= 1) {
            candidates.back() += ' ';
            candidates.back() += folded;
          } else {
            candidates.push_back(folded);
          }
          last_candidate_end = end;
        }
      } else if (word_index < 3 && word.size() > 1) {
        fold_word(word, folded);
        is_courtesy = courtesy(folded);
      }
      after_courtesy = is_courtesy && word_index < 3;
      // The greeting's names follow it, capitalised: a lower-case word ends them ("Thanks for Tuesday's").
      if (word_index == 0 && is_courtesy)
        in_greeting = true;
      else if (!capital || word_index >= 5)
        in_greeting = false;
      sentence_start = false;
      ++words_in_sentence;
      ++word_index;
      continue;
    }
    if (c == '?') {
      if (words_in_sentence >= 4) s.question = true;
    }
    if (c == ',' || c == '!' || c == '.' || c == '\n' || c == ':' || c == 0x3001 || c == 0xFF0C || c == 0x060C)
      in_greeting = false;
    if (c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == 0xA1 || c == 0xBF || c == '"' ||
        c == 0x201C || c == '(' || c == 0x2014 || c == 0x2013) {
      sentence_start = true;
      words_in_sentence = c == '\n' || c == '.' || c == '!' || c == '?' ? 0 : words_in_sentence;
    }
    if (c == '-' && start + 1 < n && bytes[start + 1] == ' ') sentence_start = true;
  }
  s.words = static_cast<int>(all_words);
  // A note in capitals throughout names nothing in particular.
  if (all_words == 0 || upper_words * 2 < all_words) {
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    s.named_things = static_cast<int>(candidates.size());
    s.distinct_named = camel_named || (latin_named && other_letters > latin_letters);
  } else {
    candidates.clear();
  }
}

} // namespace motivo::classify
