#include <motivo/core/classify/fold.hpp>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

namespace motivo::classify {

namespace {

constexpr UChar32 table_limit = 0x3000; // Latin, Greek, Cyrillic, … and general punctuation: precomputed

bool is_apostrophe(UChar32 c)
{
  return c == 0x27 || c == 0x60 || c == 0xB4 || c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x02B9 || c == 0xFF07;
}

// The folded form of one code point, computed with ICU: NFKC_Casefold, then NFD with combining marks dropped,
// then letters and digits kept, apostrophes dropped, anything else a space (" ").
std::string fold_code_point(UChar32 c)
{
  if (is_apostrophe(c)) return {};
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return " ";
  icu::UnicodeString s(c);
  icu::UnicodeString folded = casefold->normalize(s, status);
  icu::UnicodeString decomposed = nfd->normalize(folded, status);
  if (U_FAILURE(status)) return " ";
  std::string out;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 d = decomposed.char32At(i);
    i += U16_LENGTH(d);
    const int8_t type = u_charType(d);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_COMBINING_SPACING_MARK) continue;
    if (is_apostrophe(d)) continue;
    if (u_isalnum(d)) {
      char buf[4];
      int32_t n = 0;
      UBool error = false;
      U8_APPEND(reinterpret_cast<uint8_t*>(buf), n, 4, d, error);
      (void)error;
      out.append(buf, static_cast<std::size_t>(n));
    } else if (out.empty() || out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.empty() && !u_isalnum(c) && u_charType(c) != U_NON_SPACING_MARK && u_charType(c) != U_ENCLOSING_MARK &&
      u_charType(c) != U_FORMAT_CHAR && u_charType(c) != U_COMBINING_SPACING_MARK)
    out.assign(1, ' '); // not `out = " "`: GCC 12 warns of an overlap there once this is inlined (-Wrestrict)
  return out;
}

// Folded forms of the code points below table_limit, each computed once with ICU: folding a note is then a table
// lookup per character (docs/PERFORMANCE.md), and gives exactly ICU's answer. Filled a block of 256 code points at a
// time, the first time a character of the block is folded: the whole table took a millisecond of ICU at the first
// fold of every command that folds (a listing's notes), of which a note or fifty need a block or three.
class Table {
public:
  std::string_view at(UChar32 c)
  {
    const auto block = static_cast<std::size_t>(c) / block_size;
    if (!filled_[block].load(std::memory_order_acquire)) fill(block);
    return folded_[static_cast<std::size_t>(c)];
  }

private:
  static constexpr std::size_t block_size = 256;
  static_assert(table_limit % block_size == 0);

  static std::string folded_form(UChar32 c)
  {
    if (c >= 0x80) return fold_code_point(c);
    const char a = static_cast<char>(c);
    if ((a >= 'a' && a <= 'z') || (a >= '0' && a <= '9')) return std::string(1, a);
    if (a >= 'A' && a <= 'Z') return std::string(1, static_cast<char>(a - 'A' + 'a'));
    if (c == 0x27 || c == 0x60) return "";
    return " ";
  }

  void fill(std::size_t block)
  {
    const std::lock_guard lock(fill_mutex_);
    if (filled_[block].load(std::memory_order_relaxed)) return;
    for (std::size_t c = block * block_size; c < (block + 1) * block_size; ++c)
      folded_[c] = folded_form(static_cast<UChar32>(c));
    filled_[block].store(true, std::memory_order_release);
  }

  std::array<std::string, table_limit> folded_;
  std::array<std::atomic<bool>, table_limit / block_size> filled_{};
  std::mutex fill_mutex_;
};

// Never destroyed: freeing its strings at exit cost every command that folded.
Table& table()
{
  static Table& instance = *new Table;
  return instance;
}

// The folded form of a code point beyond the table (CJK, Hangul, …), remembered per thread: a note in such a
// script repeats its characters, and ICU takes a thousand instructions or more for each. Direct-mapped, so it
// stays small whatever the text.
std::string_view fold_beyond_table(UChar32 c)
{
  struct Entry {
    UChar32 code_point = -1;
    std::string folded;
  };
  thread_local std::array<Entry, 1024> cache;
  Entry& e = cache[static_cast<std::size_t>(c) & (cache.size() - 1)];
  if (e.code_point != c) {
    e.folded = fold_code_point(c);
    e.code_point = c;
  }
  return e.folded;
}

// ASCII characters: 0 = space, 1 = drop, else the folded byte.
constexpr std::array<char, 128> ascii_map = [] {
  std::array<char, 128> m{};
  for (int c = 0; c < 128; ++c) {
    if (c >= 'a' && c <= 'z')
      m[c] = static_cast<char>(c);
    else if (c >= '0' && c <= '9')
      m[c] = static_cast<char>(c);
    else if (c >= 'A' && c <= 'Z')
      m[c] = static_cast<char>(c - 'A' + 'a');
    else if (c == '\'' || c == '`')
      m[c] = 1;
    else
      m[c] = 0;
  }
  return m;
}();

} // namespace

namespace {

// 0: not a mark; otherwise the mark word's character.
char mark_of(UChar32 c)
{
  switch (c) {
  case '.':
  case ',':
  case ';':
  case ':':
  case '!':
  case '?':
  case 0xA1:
  case 0xBF:
  case 0x2026:
  // The sentence marks of other scripts: "您好，我想…。", "مرحباً، …؟", "नमस्ते, …।" ("，" is no name after a greeting).
  case 0x060C:
  case 0x061F:
  case 0x0964:
  case 0x3001:
  case 0x3002:
  case 0xFF01:
  case 0xFF0C:
  case 0xFF1A:
  case 0xFF1B:
  case 0xFF1F: return '|';
  case '\n':
  case '\r':
  case '-':
  case 0x2013:
  case 0x2014:
  case 0x2015:
  case 0x2022: return '/';
  default: return 0;
  }
}

constexpr std::array<char, 128> ascii_marks = [] {
  std::array<char, 128> m{};
  for (const char c : {'.', ',', ';', ':', '!', '?'}) m[static_cast<unsigned char>(c)] = '|';
  for (const char c : {'\n', '\r', '-'}) m[static_cast<unsigned char>(c)] = '/';
  return m;
}();

// An ASCII letter or digit folded (lower case); 0 for any other byte.
constexpr std::array<char, 256> ascii_alnum_folded = [] {
  std::array<char, 256> m{};
  for (int c = 0; c < 128; ++c) {
    const char a = ascii_map[static_cast<std::size_t>(c)];
    if (a != 0 && a != 1) m[static_cast<std::size_t>(c)] = a;
  }
  return m;
}();

// What an ASCII byte becomes: 0 a space, 1 nothing (apostrophes), '|' or '/' a mark word (when marks are
// wanted; otherwise a space), anything else the folded byte.
template <bool Marks>
constexpr std::array<char, 128> ascii_actions = [] {
  std::array<char, 128> m{};
  for (int c = 0; c < 128; ++c) {
    const char mark = ascii_marks[static_cast<std::size_t>(c)];
    m[static_cast<std::size_t>(c)] = Marks && mark ? mark : ascii_map[static_cast<std::size_t>(c)];
  }
  return m;
}();

// `starts`, when given, receives the offset of every word written (words are separated by one space).
template <bool Marks>
void fold_impl(std::string_view text, std::string& out, std::vector<std::uint32_t>* starts = nullptr)
{
  // Written through a pointer into a buffer with room for two bytes per input byte left (an ASCII byte gives
  // at most two: " |" or " a"), so the ASCII path writes without checking; a code point that folds to more
  // grows it. A per-character push_back cost a fifth of the time.
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  out.resize(text.size() * 2 + 16);
  char* base = out.data();
  std::size_t at = 0;
  bool space = false; // a space is pending (written before the next character)
  Table* t = nullptr;
  if (starts) starts->clear();
  // Before writing a letter: the pending space, and a word starts.
  const auto open_word = [&] {
    if (space) {
      base[at++] = ' ';
      space = false;
      if (starts) starts->push_back(static_cast<std::uint32_t>(at));
    } else if (at == 0 && starts) {
      starts->push_back(0);
    }
  };
  const auto put_mark = [&](char m) {
    if (at > 0) base[at++] = ' ';
    if (starts) starts->push_back(static_cast<std::uint32_t>(at));
    base[at++] = m;
    space = true;
  };
  for (std::int32_t i = 0; i < n;) {
    const std::uint8_t b = s[i];
    if (b < 0x80) {
      ++i;
      const char a = ascii_actions<Marks>[b];
      if (a == 0) {
        space = at > 0;
      } else if (a == 1) {
      } else if (Marks && (a == '|' || a == '/')) {
        put_mark(a);
      } else {
        open_word();
        base[at++] = a;
        // The rest of a run of ASCII letters and digits, the bulk of any note, one lookup a byte.
        while (i < n) {
          const char l = ascii_alnum_folded[s[i]];
          if (l == 0) break;
          base[at++] = l;
          ++i;
        }
      }
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) {
      space = at > 0;
      continue;
    }
    std::string_view piece;
    char mark_piece[1];
    if (const char m = Marks ? mark_of(c) : 0) {
      mark_piece[0] = m;
      piece = std::string_view(mark_piece, 1);
    } else if (c < table_limit) {
      if (!t) t = &table();
      piece = t->at(c);
    } else {
      piece = fold_beyond_table(c);
    }
    // Room for this piece (each byte may need a space before it) and two bytes per input byte left.
    const std::size_t needed = at + 2 * piece.size() + 2 * static_cast<std::size_t>(n - i) + 16;
    if (needed > out.size()) {
      out.resize(needed * 2);
      base = out.data();
    }
    if (piece.data() == mark_piece) {
      put_mark(mark_piece[0]);
      continue;
    }
    for (const char ch : piece) {
      if (ch == ' ') {
        space = at > 0;
      } else {
        open_word();
        base[at++] = ch;
      }
    }
  }
  out.resize(at);
}

} // namespace

void fold_into(std::string_view text, std::string& out)
{
  fold_impl<false>(text, out);
}

void fold_marked_into(std::string_view text, std::string& out)
{
  fold_impl<true>(text, out);
}

void fold_marked_words_into(std::string_view text, std::string& out, std::vector<std::string_view>& words)
{
  thread_local std::vector<std::uint32_t> starts;
  fold_impl<true>(text, out, &starts);
  words.clear();
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t end = i + 1 < starts.size() ? starts[i + 1] - 1 : out.size();
    words.emplace_back(out.data() + starts[i], end - starts[i]);
  }
}

std::string fold(std::string_view text)
{
  std::string out;
  fold_into(text, out);
  return out;
}

std::vector<std::string_view> words(std::string_view folded)
{
  std::vector<std::string_view> out;
  words_into(folded, out);
  return out;
}

void words_into(std::string_view folded, std::vector<std::string_view>& out)
{
  out.clear();
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) out.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
}

bool is_blank(std::string_view text)
{
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF))
      return false;
  }
  return true;
}

} // namespace motivo::classify
