// Pseudonyms::text: what identifies someone inside free text (notes, messages), found and replaced.
#include <motivo/core/anonymize.hpp>
#include <motivo/core/ascii.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/data_files.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>
#include <xxhash.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

namespace motivo {

namespace {

bool space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool name_byte(unsigned char c)
{
  return ascii::alpha(static_cast<char>(c)) || c >= 0x80 || c == '\'';
}
bool email_char(char c)
{
  return ascii::alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool host_char(char c)
{
  return ascii::alnum(c) || c == '.' || c == '-';
}

std::string lower(std::string_view s)
{
  std::string out(s);
  for (char& c : out) c = ascii::lower(c);
  return out;
}

// Words no name replacement may touch in lower case: every language's function words ("de", "la", "will"), which
// are also parts of names ("María de la Cruz") but in running text are the text.
const std::set<std::string, std::less<>>& function_words()
{
  static const auto words = [] {
    std::set<std::string, std::less<>> out;
    for (const auto& r : data::rows("stopwords.tsv"))
      if (r.size() >= 2) out.insert(classify::fold(r[1]));
    return out;
  }();
  return words;
}

// Hosts that identify nobody: LinkedIn's own and the shorteners and messaging handles of the classifier's lexicon
// (a note that linked out to bit.ly still does, so it is labelled the same).
bool public_host(std::string_view host)
{
  static const auto hosts = [] {
    std::set<std::string, std::less<>> out = {"linkedin.com", "lnkd.in"};
    for (const auto& r : data::rows("spam_lexicon.tsv"))
      if (r.size() >= 3 && (r[1] == "shortener" || r[1] == "handle") && r[2].find('.') != std::string::npos)
        out.insert(lower(r[2]));
    return out;
  }();
  for (std::size_t dot = 0;; ++dot) { // the host or a parent domain of it: "www.linkedin.com", "es.linkedin.com"
    if (hosts.count(host.substr(dot)) != 0) return true;
    dot = host.find('.', dot);
    if (dot == std::string_view::npos) return false;
  }
}

// nickname (folded) -> the folded full names it stands for.
const std::multimap<std::string, std::string, std::less<>>& nicknames()
{
  static const auto table = [] {
    std::multimap<std::string, std::string, std::less<>> out;
    for (const auto& r : data::rows("nicknames.tsv"))
      if (r.size() >= 2) out.emplace(classify::fold(r[0]), classify::fold(r[1]));
    return out;
  }();
  return table;
}

enum class Shape { lower, capitalised, upper };

Shape shape_of(std::string_view w)
{
  bool has_upper = false, has_lower = false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c >= 'A' && c <= 'Z') has_upper = true;
    if (c >= 'a' && c <= 'z') has_lower = true;
    if (c == 0xC3 && i + 1 < w.size()) { // Latin-1 letters: À–Þ upper, à–þ lower
      const auto d = static_cast<unsigned char>(w[i + 1]);
      (d < 0xA0 ? has_upper : has_lower) = true;
    }
  }
  const auto first = static_cast<unsigned char>(w.empty() ? 'a' : w[0]);
  const bool first_upper = (first >= 'A' && first <= 'Z') ||
                           (first == 0xC3 && w.size() > 1 && static_cast<unsigned char>(w[1]) < 0xA0) || first > 0xC3;
  if (has_upper && !has_lower && w.size() > 1) return Shape::upper;
  return first_upper ? Shape::capitalised : Shape::lower;
}

// An invented word ("Zébu", ASCII letters and Latin-1 accented vowels) in the case of the word it replaces.
std::string shaped(std::string word, Shape shape)
{
  if (shape == Shape::capitalised || word.empty()) return word;
  if (shape == Shape::lower) {
    word[0] = ascii::lower(word[0]);
    return word;
  }
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (word[i] >= 'a' && word[i] <= 'z') word[i] = static_cast<char>(word[i] - 'a' + 'A');
    if (static_cast<unsigned char>(word[i]) == 0xC3 && i + 1 < word.size() &&
        static_cast<unsigned char>(word[i + 1]) >= 0xA0) {
      word[i + 1] = static_cast<char>(static_cast<unsigned char>(word[i + 1]) - 0x20);
      ++i;
    }
  }
  return word;
}

// classify::fold for a word of name bytes, without ICU for the usual ASCII word (its lower case, apostrophes
// dropped): every word of every message goes through it.
std::string fold_word(std::string_view w)
{
  std::string out;
  for (const char c : w) {
    if (static_cast<unsigned char>(c) >= 0x80) return classify::fold(w);
    if (c != '\'') out += ascii::lower(c);
  }
  return out;
}

// Dates are not identities: "2024-01-15", "15.01.2024", "15-1-2024" (three groups, one of four digits at an end).
bool date_like(std::string_view run)
{
  std::vector<std::size_t> groups(1, 0);
  for (const char c : run) {
    if (ascii::digit(c))
      ++groups.back();
    else if (c == '-' || c == '.')
      groups.push_back(0);
    else
      return false;
  }
  return groups.size() == 3 && groups[1] <= 2 &&
         ((groups[0] == 4 && groups[2] <= 2) || (groups[0] <= 2 && groups[2] == 4));
}

std::string hex(std::string_view s, std::uint64_t seed)
{
  return fmt::format("{:012x}", XXH3_64bits_withSeed(s.data(), s.size(), seed) & 0xffffffffffffULL);
}

} // namespace

std::optional<std::string> Pseudonyms::known(std::string_view w) const
{
  const Shape shape = shape_of(w);
  const std::string plain = fold_word(w);
  if (plain.empty()) return std::nullopt;
  if (shape == Shape::lower && function_words().count(plain) != 0) return std::nullopt;
  // A lone letter names nobody: the "m" of "I'm", the "s" of "it's", English's "I" and a sentence's "A" or "O"
  // would otherwise take the pseudonym of an initial ("M." or "I." in someone's name), and change a note's words
  // (and its label: "I'd love to connect" read as a stock text once "I" was invented).
  if (plain.size() == 1) return std::nullopt;
  // Every name word's family is known by its fold: a word with none is no name (most words stop here).
  if (const auto family = families_.find(plain); family != families_.end()) {
    if (const auto it = words_.find(text::name_key(w)); it != words_.end()) return shaped(it->second, shape);
    return shaped(family->second.base, shape);
  }
  if (shape == Shape::lower) return std::nullopt; // "will", "sue": a nickname in lower case is a word
  const auto [from, to] = nicknames().equal_range(plain);
  for (auto it = from; it != to; ++it) {
    bool all_known = true; // every word of the full name ("jose maria" for "Chema") is someone's
    for (const auto part : classify::words(it->second))
      all_known = all_known && families_.count(std::string(part)) != 0;
    if (all_known) return shaped(invent(plain, salt_ ^ 0x6e69636bULL), shape);
  }
  return std::nullopt;
}

std::string Pseudonyms::words(std::string_view real) const
{
  std::string out;
  std::size_t i = 0;
  while (i < real.size()) {
    if (!name_byte(static_cast<unsigned char>(real[i])) || real[i] == '\'') {
      out += real[i++];
      continue;
    }
    std::size_t j = i;
    while (j < real.size() && name_byte(static_cast<unsigned char>(real[j]))) ++j;
    std::string_view w = real.substr(i, j - i);
    while (w.ends_with('\'')) w.remove_suffix(1);
    if (auto pseudonym = known(w)) {
      out += *pseudonym; // the whole word, apostrophes and all ("O'Brien")
    } else if (const std::size_t apostrophe = w.find('\''); apostrophe != std::string_view::npos) {
      out += words(w.substr(0, apostrophe)); // "Juan's": the name before it, then the rest
      out += '\'';
      out += words(w.substr(apostrophe + 1));
    } else {
      out += w;
    }
    i += w.size();
  }
  return out;
}

std::string Pseudonyms::link(std::string_view real) const
{
  if (!profile_slug(real).empty()) return url(real); // the same pseudonym as in the CSV's profile columns
  std::size_t host = 0;
  const std::string low = lower(real);
  if (const std::size_t scheme = low.find("://"); scheme != std::string::npos) host = scheme + 3;
  std::string out(real.substr(0, host));
  if (low.compare(host, 4, "www.") == 0) {
    out += real.substr(host, 4);
    host += 4;
  }
  std::size_t end = host;
  while (end < real.size() && host_char(real[end])) ++end;
  const std::string name = low.substr(host, end - host);
  out += public_host(name) ? name : "site-" + hex(name, salt_ ^ 0x73697465ULL) + ".example";
  if (end < real.size()) out += "/p-" + hex(real.substr(end), salt_ ^ 0x70617468ULL);
  return out;
}

std::string Pseudonyms::digits(std::string_view real) const
{
  std::string out(real);
  std::size_t i = 0;
  while (i < out.size()) {
    if (!ascii::digit(out[i])) {
      ++i;
      continue;
    }
    // A run of digits with the separators of phone and ID numbers between them: "+34 600-12 34 56", "12.345.678".
    std::size_t j = i, count = 0, last = i;
    std::string key;
    for (; j < out.size(); ++j) {
      const char c = out[j];
      if (ascii::digit(c)) {
        ++count;
        key += c;
        last = j;
      } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') || j + 1 >= out.size() ||
                 !(ascii::digit(out[j + 1]) || out[j + 1] == '(' || out[j + 1] == ' ')) {
        break;
      }
    }
    if (count >= 5 && !date_like(std::string_view(out).substr(i, last + 1 - i))) {
      std::uint64_t h = XXH3_64bits_withSeed(key.data(), key.size(), salt_ ^ 0x6e756d62ULL);
      for (std::size_t k = i; k <= last; ++k) {
        if (!ascii::digit(out[k])) continue;
        if (h < 10) h = XXH3_64bits_withSeed(&k, sizeof k, h ^ salt_); // more digits than one hash gives
        out[k] = static_cast<char>('0' + h % 10);
        h /= 10;
      }
    }
    i = last + 1;
  }
  return out;
}

std::string Pseudonyms::run(std::string_view real) const
{
  // The run without the punctuation around it: "(www.acme.com)," -> "www.acme.com".
  std::size_t a = 0, b = real.size();
  while (a < b && std::string_view("([{<\"'").find(real[a]) != std::string_view::npos) ++a;
  while (b > a && std::string_view(".,;:!?)]}>\"'").find(real[b - 1]) != std::string_view::npos) --b;
  const std::string_view core = real.substr(a, b - a);
  if (const std::size_t at = core.find('@'); at != std::string_view::npos) {
    std::size_t from = at, to = at + 1;
    while (from > 0 && email_char(core[from - 1])) --from;
    const bool handle = from == at; // "@jperez_dev"
    while (to < core.size() && (host_char(core[to]) || (handle && core[to] == '_'))) ++to;
    while (to > at + 1 && (core[to - 1] == '.' || core[to - 1] == '-')) --to;
    const std::string_view domain = core.substr(at + 1, to - at - 1);
    std::string masked;
    if (!handle && domain.find('.') != std::string_view::npos)
      masked = "u-" + hex(lower(core.substr(from, to - from)), salt_ ^ 0x6d61696cULL) + "@example.invalid";
    else if (handle && domain.size() >= 2 && (to == core.size() || core[to] != '(')) // "@SUM(" is a formula
      masked = "@u-" + hex(lower(domain), salt_ ^ 0x68616e64ULL);
    if (!masked.empty()) return words(real.substr(0, a + from)) + masked + run(real.substr(a + to));
  }
  const std::string low = lower(core);
  bool is_link = low.find("://") != std::string::npos || low.starts_with("www.");
  if (!is_link) { // a bare web site: "acme-corp.com", "ACME.ES/contact"; not "e.g." nor "1.5"
    const std::size_t end = std::min(low.find('/'), low.size());
    const std::string_view host = std::string_view(low).substr(0, end);
    const std::size_t dot = host.rfind('.');
    std::size_t letters = 0;
    while (dot != std::string_view::npos && dot + 1 + letters < host.size() && ascii::alpha(host[dot + 1 + letters]))
      ++letters;
    is_link = dot != std::string_view::npos && dot > 0 && letters >= 2 && dot + 1 + letters == host.size() &&
              std::all_of(host.begin(), host.end(), host_char) &&
              (core.substr(0, end) == low.substr(0, end) || shape_of(core.substr(0, end)) == Shape::upper);
  }
  if (is_link) return words(real.substr(0, a)) + link(core) + words(real.substr(b));
  return words(real);
}

std::string Pseudonyms::text(std::string_view real) const
{
  const std::string masked = digits(real);
  const std::string_view s = masked;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    if (space(s[i])) {
      out += s[i++];
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && !space(s[j])) ++j;
    out += run(s.substr(i, j - i));
    i = j;
  }
  return out;
}

} // namespace motivo
