#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/requests.hpp>
#include <motivo/core/data_files.hpp>

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>

namespace motivo::classify {

namespace {

// Scripts written without spaces between words: a word of them is a whole clause, read by its parts.
bool unspaced(UChar32 c)
{
  return (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x0E00 && c <= 0x0E7F);
}
bool kana(UChar32 c)
{
  return c >= 0x3040 && c <= 0x30FF;
}

} // namespace

void ConnectRequests::add_mention(std::string_view pattern)
{
  const bool part = pattern.front() == '~', prefix = pattern.back() == '*';
  if (part) pattern.remove_prefix(1);
  if (prefix) pattern.remove_suffix(1);
  std::string folded = fold(pattern);
  if (folded.empty() || folded.find(' ') != std::string::npos) return; // one word only
  (part ? mention_parts_ : prefix ? mention_prefixes_ : mention_words_).push_back(std::move(folded));
}

ConnectRequests::ConnectRequests()
{
  for (const auto& r : data::rows("connect_requests.tsv")) {
    if (r.size() < 3 || r[2].empty()) continue;
    std::uint8_t kind = 0;
    if (r[1] == "platform")
      kind = platform;
    else if (r[1] == "network")
      kind = network;
    else if (r[1] == "add")
      kind = add;
    else if (r[1] == "connect")
      kind = connect;
    else if (r[1] == "filler")
      kind = filler;
    else if (r[1] == "reworded")
      kind = rewording;
    if (r[1] == "mention") {
      add_mention(r[2]);
      continue;
    }
    if (kind == 0) continue;
    std::uint64_t language = 0;
    if (r[0] != "*") {
      auto at = std::find(languages_.begin(), languages_.end(), r[0]);
      if (at == languages_.end() && languages_.size() < 64) at = languages_.insert(languages_.end(), r[0]);
      if (at != languages_.end()) language = std::uint64_t{1} << static_cast<unsigned>(at - languages_.begin());
    }
    std::string_view pattern = r[2];
    const bool part = pattern.front() == '~', prefix = pattern.back() == '*';
    if (part) pattern.remove_prefix(1);
    if (prefix) pattern.remove_suffix(1);
    const std::string folded = fold(pattern);
    if (folded.empty() || folded.find(' ') != std::string::npos) continue; // one word only
    const auto merge = [&](std::vector<Pattern>& list) {
      auto it = std::find_if(list.begin(), list.end(), [&](const Pattern& p) { return p.text == folded; });
      if (it == list.end()) it = list.insert(list.end(), Pattern{folded, {}});
      it->entry.kinds |= kind;
      it->entry.languages |= language;
    };
    if (kind == platform) {
      platforms_.push_back(folded);
      platform_starts_[static_cast<unsigned char>(folded[0])] = true;
    }
    if (kind == rewording) { // apart: only matches(…, reworded = true) reads them
      if (part)
        merge(reworded_parts_);
      else if (prefix)
        merge(reworded_prefixes_);
      else
        reworded_words_[folded].kinds |= kind;
    } else if (part) {
      merge(parts_);
    } else if (prefix) {
      merge(prefixes_);
    } else {
      Entry& e = words_[folded];
      e.kinds |= kind;
      e.languages |= language;
    }
  }
  // Longer parts first: "建立联系" before "联系".
  std::sort(parts_.begin(), parts_.end(),
            [](const Pattern& a, const Pattern& b) { return a.text.size() > b.text.size(); });
  std::sort(reworded_parts_.begin(), reworded_parts_.end(),
            [](const Pattern& a, const Pattern& b) { return a.text.size() > b.text.size(); });
}

ConnectRequests::Entry ConnectRequests::lookup(std::string_view word, int& others, bool reworded) const
{
  others = 0;
  if (const auto it = words_.find(word); it != words_.end()) return it->second;
  Entry found;
  const auto by_prefix = [&](const std::vector<Pattern>& list) {
    for (const Pattern& p : list) {
      if (word.starts_with(p.text)) {
        found.kinds |= p.entry.kinds;
        found.languages |= p.entry.languages;
      }
    }
  };
  by_prefix(prefixes_);
  if (reworded) {
    if (const auto it = reworded_words_.find(word); it != reworded_words_.end()) return it->second;
    by_prefix(reworded_prefixes_);
  }
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(word.data());
  const auto n = static_cast<std::int32_t>(word.size());
  // "linkedinでつながりませんか": a word that begins in Latin letters may go on in a script without spaces.
  const bool unspaced_script =
      std::any_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xE3; });
  if (found.kinds && !unspaced_script) return found;
  if (!found.kinds && bytes[0] < 0xE0) {
    others = 1;
    return found;
  }
  // A clause of a script without spaces: its parts, and what they leave uncovered (kana are particles).
  thread_local std::vector<bool> covered;
  covered.assign(word.size(), false);
  const auto cover = [&](const std::vector<Pattern>& list) {
    for (const Pattern& p : list) {
      for (std::size_t at = word.find(p.text); at != std::string_view::npos; at = word.find(p.text, at + 1)) {
        if (covered[at]) continue;
        std::fill(covered.begin() + static_cast<std::ptrdiff_t>(at),
                  covered.begin() + static_cast<std::ptrdiff_t>(at + p.text.size()), true);
        found.kinds |= p.entry.kinds;
        found.languages |= p.entry.languages;
      }
    }
  };
  cover(parts_);
  if (reworded) cover(reworded_parts_);
  int han = 0, thai = 0, other_script = 0;
  for (std::int32_t i = 0; i < n;) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, n, c);
    if (covered[static_cast<std::size_t>(start)] || c < 0x80 || kana(c)) continue;
    if (c >= 0x0E00 && c <= 0x0E7F)
      ++thai;
    else if (unspaced(c))
      ++han;
    else
      other_script = 1;
  }
  others = (han + 1) / 2 + (thai + 3) / 4 + (found.kinds ? 0 : other_script);
  return found;
}

bool ConnectRequests::mentions(const std::vector<std::string_view>& body) const
{
  const auto has = [](const std::vector<std::string>& list, auto&& test) {
    return std::any_of(list.begin(), list.end(), test);
  };
  return std::any_of(body.begin(), body.end(), [&](std::string_view w) {
    if (w.empty()) return false;
    int others = 0;
    if ((lookup(w, others).kinds & (platform | network | add | connect)) != 0) return true;
    return has(mention_words_, [w](const std::string& m) { return w == m; }) ||
           has(mention_prefixes_, [w](const std::string& m) { return w.starts_with(m); }) ||
           has(mention_parts_, [w](const std::string& m) { return w.find(m) != std::string_view::npos; });
  });
}

bool ConnectRequests::matches(const std::vector<std::string_view>& body, const std::vector<std::string_view>& names,
                              const std::function<bool(std::string_view)>& courtesy, std::string& language,
                              bool reworded) const
{
  language.clear();
  if (body.empty() || body.size() > 30) return false;
  // LinkedIn must be named: most notes do not, and are told so before any lookup. (Inside a clause of a script
  // without spaces, anywhere: "linkedinのネットワーク", "我在领英上".)
  const auto names_platform = [&](std::string_view w) {
    const bool clause = static_cast<unsigned char>(w[0]) >= 0xE0;
    if (!clause && !platform_starts_[static_cast<unsigned char>(w[0])]) return false;
    return std::any_of(platforms_.begin(), platforms_.end(), [&](const std::string& p) {
      return w.starts_with(p) || (clause && w.find(p) != std::string_view::npos);
    });
  };
  const bool platform_named = std::any_of(body.begin(), body.end(), names_platform);
  if (!platform_named) return false;
  // Named, it counts, wherever it stood: "我的LinkedIn职业网络" names it inside a clause of another script.
  std::uint8_t kinds = platform;
  int others = 0;
  std::array<int, 64> votes{};
  for (const std::string_view w : body) {
    int extra = 0;
    const Entry e = lookup(w, extra, reworded);
    if (e.kinds == 0 && extra > 0) {
      const bool digits = std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (digits || std::find(names.begin(), names.end(), w) != names.end() || courtesy(w)) extra = 0;
    }
    others += extra;
    if (others > 1) return false;
    kinds |= e.kinds;
    for (std::uint64_t l = e.languages; l; l &= l - 1) ++votes[static_cast<std::size_t>(std::countr_zero(l))];
  }
  // On LinkedIn, said so: "happy to join your network!" is a courtesy, not the stock text.
  const bool request = (kinds & platform) && (kinds & (add | connect)) && ((kinds & network) || (kinds & connect));
  if (!request || (reworded && !(kinds & rewording))) return false;
  const auto end = votes.begin() + static_cast<std::ptrdiff_t>(languages_.size());
  const auto best = std::max_element(votes.begin(), end);
  if (best != end && *best > 0 && std::count(votes.begin(), end, *best) == 1)
    language = languages_[static_cast<std::size_t>(best - votes.begin())];
  return true;
}

} // namespace motivo::classify
