#include <motivo/core/classify/classifier.hpp>

#include <motivo/core/classify/campaigns.hpp>
#include <motivo/core/classify/edit_distance.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/language.hpp>
#include <motivo/core/classify/phrases.hpp>
#include <motivo/core/classify/signals.hpp>
#include <motivo/core/data_files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace motivo::classify {

std::string_view label_name(Label label)
{
  switch (label) {
  case Label::empty: return "empty";
  case Label::default_text: return "default";
  case Label::template_text: return "template";
  case Label::spam: return "spam";
  case Label::personalized: return "personalized";
  }
  return "empty";
}

std::optional<Label> parse_label(std::string_view name)
{
  for (const Label l : all_labels) {
    if (label_name(l) == name) return l;
  }
  if (name == "personalised") return Label::personalized;
  return std::nullopt;
}

namespace {

struct StockText {
  std::string language, era, text, status;
  std::string folded;
  std::vector<std::string> words;
  std::vector<std::uint32_t> ids;
};

struct WeightedEntry {
  std::string language, kind, pattern;
  int weight = 1;
};

int to_int(const std::string& s, int fallback)
{
  try {
    return std::stoi(s);
  } catch (...) {
    return fallback;
  }
}

void join_into(const std::vector<std::string_view>& words, std::size_t from, std::size_t to, std::string& out)
{
  out.clear();
  for (std::size_t i = from; i < to && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out.append(words[i]);
  }
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to)
{
  std::string out;
  for (std::size_t i = from; i < to && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out.append(words[i]);
  }
  return out;
}

std::string shorten(std::string_view text, std::size_t max = 60)
{
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

} // namespace

// Everything learned about one note before the batch-level decisions. One Analysis per thread is reused
// from note to note: its buffers keep their capacity, so a note costs almost no allocation.
struct Analysis {
  // Scratch
  std::string folded;                                  // marked fold of the text
  std::string folded_recipient, folded_sender, joined;
  std::vector<std::string_view> marked;                // words and marks
  std::vector<std::uint32_t> marked_ids;
  std::vector<std::string> recipient, sender;          // folded name words
  // What was found
  bool blank = false;
  std::vector<std::string_view> all;     // every word of the note (marks removed)
  std::vector<std::string_view> body;    // without greeting and sign-off
  std::vector<std::string_view> scope;   // what is judged: the body, minus a stock text found inside it
  std::vector<std::uint32_t> all_ids, body_ids, scope_ids; // their Vocabulary ids
  std::vector<std::string> names;        // folded words of the sender's and recipient's names
  std::string language;
  const StockText* stock = nullptr;      // the stock text the note is, or contains
  bool stock_whole = false;              // the body is the stock text (label default)
  std::size_t stock_distance = 0;
  Signals signals;
  int spam = 0, generic = 0, personal = 0;
  std::vector<std::string> spam_hits, generic_hits, personal_hits;
  std::size_t scope_words = 0, body_words = 0, all_words = 0;
  std::optional<Signature> skeleton; // for campaign detection, when the note is long enough

  void reset()
  {
    blank = false;
    for (auto* v : {&marked, &all, &body, &scope}) v->clear();
    for (auto* v : {&marked_ids, &all_ids, &body_ids, &scope_ids}) v->clear();
    for (auto* v : {&recipient, &sender, &names, &spam_hits, &generic_hits, &personal_hits}) v->clear();
    language.clear();
    stock = nullptr;
    stock_whole = false;
    stock_distance = 0;
    signals = Signals{};
    spam = generic = personal = 0;
    scope_words = body_words = all_words = 0;
    skeleton.reset();
  }
  void count()
  {
    scope_words = scope.size();
    body_words = body.size();
    all_words = all.size();
  }
};

// Languages the function-word vote and the possessive cues know, as bit positions.
constexpr std::array<std::string_view, 6> known_languages = {"en", "es", "fr", "de", "pt", "it"};
int language_bit(std::string_view code)
{
  for (std::size_t i = 0; i < known_languages.size(); ++i) {
    if (known_languages[i] == code) return static_cast<int>(i);
  }
  return -1;
}

// What a vocabulary word is, beyond the phrases it starts: bits 0-5 stopword of a language, 6-11 possessive,
// 12-17 modifier, bit 18 a generic noun.
enum : std::uint32_t { stopword_bits = 0, possessive_bits = 6, modifier_bits = 12, generic_noun_bit = 1u << 18 };

struct Classifier::Impl {
  Vocabulary vocab;
  std::vector<std::uint32_t> flags; // by vocabulary id
  std::uint32_t mark_sentence = 0, mark_line = 0; // ids of "|" and "/"
  std::vector<StockText> stock;
  std::unordered_map<std::string, std::size_t> stock_exact;
  std::size_t stock_min = SIZE_MAX, stock_max = 0; // folded lengths
  std::size_t min_stock_words = SIZE_MAX;

  std::vector<WeightedEntry> generic, spam, personal;
  PhraseIndex generic_index{vocab}, spam_index{vocab}, personal_index{vocab}, greetings{vocab}, closings{vocab},
    titles{vocab};
  std::vector<std::string> spam_domains; // shorteners and handles with dots, lower case
  std::vector<int> spam_domain_weights;
  std::vector<std::string> spam_domain_kinds;
  MergeFieldCatalog merge_fields;

  Impl()
  {
    mark_sentence = vocab.intern("|");
    mark_line = vocab.intern("/");
    for (const auto& r : data::rows("stock_texts.tsv")) {
      if (r.size() < 5) continue;
      StockText s{r[0], r[1], r[2], r[4], fold(r[2]), {}, {}};
      for (const auto w : words(s.folded)) {
        s.words.emplace_back(w);
        s.ids.push_back(vocab.intern(w));
      }
      stock_min = std::min(stock_min, s.folded.size());
      min_stock_words = std::min(min_stock_words, s.ids.size());
      stock_max = std::max(stock_max, s.folded.size());
      stock.push_back(std::move(s));
    }
    for (std::size_t i = 0; i < stock.size(); ++i) stock_exact.emplace(stock[i].folded, i);

    for (const auto& r : data::rows("generic_phrases.tsv")) {
      if (r.size() < 4) continue;
      if (r[1] == "merge_field") {
        merge_fields.add(r[2]);
        continue;
      }
      generic.push_back({r[0], r[1], r[2], to_int(r[3], 1)});
      generic_index.add(r[2], static_cast<std::uint32_t>(generic.size() - 1));
    }
    for (const auto& r : data::rows("spam_lexicon.tsv")) {
      if (r.size() < 4) continue;
      if (r[1] == "shortener" || r[1] == "handle") {
        if (r[2].find('.') != std::string::npos) {
          spam_domains.push_back(r[2]);
          spam_domain_weights.push_back(to_int(r[3], 1));
          spam_domain_kinds.push_back(r[1]);
          continue;
        }
      }
      spam.push_back({r[0], r[1], r[2], to_int(r[3], 1)});
      spam_index.add(r[2], static_cast<std::uint32_t>(spam.size() - 1));
    }
    for (const auto& r : data::rows("personal_cues.tsv")) {
      if (r.size() < 3) continue;
      personal.push_back({r[0], "cue", r[1], to_int(r[2], 1)});
      personal_index.add(r[1], static_cast<std::uint32_t>(personal.size() - 1));
    }
    const auto flag = [&](std::string_view word, std::uint32_t bits) {
      const std::uint32_t id = vocab.intern(word);
      if (flags.size() <= id) flags.resize(id + 1, 0);
      flags[id] |= bits;
    };
    for (const auto& r : data::rows("possessives.tsv")) {
      if (r.size() < 3) continue;
      const int bit = language_bit(r[0]);
      if (r[1] == "possessive" && bit >= 0) flag(r[2], 1u << (possessive_bits + bit));
      else if (r[1] == "modifier" && bit >= 0) flag(r[2], 1u << (modifier_bits + bit));
      else if (r[1] == "generic") {
        flag(r[2], generic_noun_bit);
        flag(r[2] + "s", generic_noun_bit); // plurals: "teams", "redes"
        flag(r[2] + "es", generic_noun_bit);
      }
    }
    for (const auto& r : data::rows("stopwords.tsv")) {
      if (r.size() < 2) continue;
      const int bit = language_bit(r[0]);
      if (bit >= 0) flag(r[1], 1u << (stopword_bits + bit));
    }
    std::uint32_t n = 0;
    for (const auto& r : data::rows("courtesy.tsv")) {
      if (r.size() < 3) continue;
      (r[1] == "greeting" ? greetings : r[1] == "title" ? titles : closings).add(r[2], n++);
    }
    flags.resize(vocab.size(), 0);
  }

  std::uint32_t flags_of(std::uint32_t id) const { return id < flags.size() ? flags[id] : 0; }

  bool is_name(std::string_view w, const std::vector<std::string>& names) const
  {
    return std::find(names.begin(), names.end(), w) != names.end();
  }

  bool is_title(std::uint32_t id) const { return titles.is_word(id); }

  // The body: the note without an opening greeting (with titles and the recipient's name) or a closing sign-off
  // (with the sender's name). `marked` comes from fold_marked_into.
  std::pair<std::size_t, std::size_t> strip_courtesy(const std::vector<std::string_view>& marked,
                                                     const std::vector<std::uint32_t>& ids,
                                                     const std::vector<std::string>& recipient,
                                                     const std::vector<std::string>& sender) const
  {
    std::size_t pos = 0, end = marked.size();
    const auto skip_marks = [&](std::size_t& p) {
      while (p < end && is_mark(marked[p])) ++p;
    };
    skip_marks(pos);
    for (int round = 0; round < 3 && pos < end; ++round) {
      std::size_t p = pos;
      const auto g = greetings.longest_at(ids, p);
      p += g.length;
      std::size_t names = 0, titles_seen = 0;
      while (p < end) {
        if (is_title(ids[p])) {
          ++p;
          ++titles_seen;
          if (p < end && marked[p] == "|") ++p; // "Sr." "M."
          continue;
        }
        if (is_name(marked[p], recipient)) {
          ++p;
          ++names;
          continue;
        }
        break;
      }
      if (g.length == 0 && names == 0 && titles_seen == 0) break;
      if (p >= end || is_mark(marked[p])) { // "Hola Juan," / "Hi there!" / "Paul,"
        pos = p;
        skip_marks(pos);
        continue;
      }
      if (names == 0 && (g.length > 0 || titles_seen > 0)) {
        // One or two words and a mark after a greeting: a name we were not told ("Hola Vale,").
        std::size_t q = p;
        while (q < end && !is_mark(marked[q]) && q - p < 3) ++q;
        if (q < end && is_mark(marked[q]) && q - p <= 2) {
          pos = q;
          skip_marks(pos);
          continue;
        }
      }
      if (g.length > 0 || names > 0) pos = p; // "Hi Paul I'd like …": the rest is the body
      break;
    }
    for (int round = 0; round < 3 && pos < end; ++round) {
      while (end > pos && is_mark(marked[end - 1])) --end;
      std::size_t s = end;
      while (s > pos && !is_mark(marked[s - 1])) --s;
      const std::size_t size = end - s;
      if (size == 0) break;
      std::size_t names_at_end = 0;
      // Names, and initials ("Nuria C.").
      while (names_at_end < size && (is_name(marked[end - 1 - names_at_end], sender) ||
                                     (marked[end - 1 - names_at_end].size() == 1 && names_at_end < size - 1)))
        ++names_at_end;
      const auto c = closings.longest_at(ids, s);
      // After the formula, only the sender's name: up to two words when we were not told it.
      const bool closing =
        c.length > 0 && c.length <= size && size - c.length - names_at_end <= (sender.empty() ? 2u : 0u);
      if (names_at_end == size && size <= 4) {
        end = s; // "- Ryan"
      } else if (closing) {
        end = s; // "Best regards, Ana" / "Saludos"
      } else if (s > pos && marked[s - 1] == "/" && size <= 2 &&
                 std::all_of(ids.begin() + static_cast<std::ptrdiff_t>(s), ids.begin() + static_cast<std::ptrdiff_t>(end),
                             [](std::uint32_t id) { return id == Vocabulary::unknown; })) {
        end = s; // "…\n- ryan": one or two words no catalog knows, on a line of their own
      } else if (names_at_end > 0 && names_at_end < size) {
        end -= names_at_end; // "… on LinkedIn Ana"
        break;
      } else {
        break;
      }
    }
    return {pos, end};
  }

  // The stock text `body` is (whole = true) or contains, with the words it covers.
  // How many of the stock text's words appear among ids[from, to): a cheap filter before the edit distance.
  static std::size_t shared_words(const StockText& s, const std::vector<std::uint32_t>& ids, std::size_t from,
                                  std::size_t to)
  {
    std::size_t shared = 0;
    for (const std::uint32_t w : s.ids) {
      for (std::size_t i = from; i < to && i < ids.size(); ++i) {
        if (ids[i] == w) {
          ++shared;
          break;
        }
      }
    }
    return shared;
  }

  const StockText* find_stock(const std::vector<std::string_view>& body, const std::vector<std::uint32_t>& ids,
                              std::string& text, bool& whole, std::size_t& distance, std::size_t& from,
                              std::size_t& to) const
  {
    for (const StockText& s : stock) {
      if (s.ids == ids) { // every stock word is in the vocabulary, so equal ids are equal words
        whole = true;
        distance = 0;
        from = 0;
        to = body.size();
        return &s;
      }
    }
    if (body.size() + 3 < min_stock_words) return nullptr;
    join_into(body, 0, body.size(), text);
    // Near matches: a few edits (a typo, "Linkedin" split, a word added or dropped) on the whole body, or on a
    // run of words of about a stock text's length inside a longer note.
    if (text.size() + 12 < stock_min) return nullptr;
    const StockText* best = nullptr;
    std::size_t best_distance = SIZE_MAX;
    for (const StockText& s : stock) {
      const std::size_t limit = std::max<std::size_t>(2, s.folded.size() / 12);
      // Within a few edits, at most about three words can differ.
      const std::size_t needed = s.ids.size() > 2 ? s.ids.size() - 2 : 1;
      if (text.size() <= s.folded.size() + limit) {
        if (text.size() + limit < s.folded.size() || shared_words(s, ids, 0, ids.size()) < needed) continue;
        const std::size_t d = bounded_levenshtein(text, s.folded, limit);
        if (d <= limit && d < best_distance) {
          best = &s;
          best_distance = d;
          whole = true;
          from = 0;
          to = body.size();
        }
        continue;
      }
      // Longer note: look for the stock text's first word and compare a window of its length.
      for (std::size_t i = 0; i < body.size(); ++i) {
        if (ids[i] != s.ids.front()) continue;
        // Inside a longer note the stock text must be nearly all there, and in order at its start.
        if (i + 1 < ids.size() && s.ids.size() > 1 && ids[i + 1] != s.ids[1] &&
            (i + 2 >= ids.size() || s.ids.size() < 3 || ids[i + 2] != s.ids[2]))
          continue;
        if (shared_words(s, ids, i, i + s.ids.size() + 1) + 2 < s.ids.size()) continue;
        for (const std::size_t extra : {0, 1, -1}) {
          const std::size_t n = s.words.size() + extra;
          if (n == 0 || i + n > body.size()) continue;
          const std::string window = join(body, i, i + n); // rare: the stock text's first words matched
          const std::size_t d = bounded_levenshtein(window, s.folded, limit);
          if (d <= limit && d < best_distance) {
            best = &s;
            best_distance = d;
            whole = false;
            from = i;
            to = i + n;
          }
        }
      }
    }
    distance = best_distance;
    return best;
  }

  // "your talk", "tu tesis", "votre article": a possessive of the note's language before a noun that is not
  // generic (profile, experience, network…). Spanish second-person preterites ("presentaste", "comentaste")
  // tell of something the recipient did. At most two such cues count.
  void grammar_cues(const std::vector<std::string_view>& w, const std::vector<std::uint32_t>& ids, Analysis& a) const
  {
    int found = 0;
    const int bit = language_bit(a.language);
    if (bit >= 0) {
      const std::uint32_t possessive = 1u << (possessive_bits + bit), modifier = 1u << (modifier_bits + bit);
      for (std::size_t i = 0; i + 1 < w.size() && found < 2; ++i) {
        if (!(flags_of(ids[i]) & possessive)) continue;
        std::size_t k = i + 1;
        while (k < w.size() && (flags_of(ids[k]) & modifier)) ++k;
        if (k >= w.size() || w[k].size() < 3 || (flags_of(ids[k]) & possessive)) continue;
        // "your impressive profile", "your teams": a generic noun up to two words on ties nothing.
        bool generic = false;
        for (std::size_t g = i + 1; g < w.size() && g <= i + 3; ++g)
          generic = generic || (flags_of(ids[g]) & generic_noun_bit);
        if (generic) continue;
        a.personal += 2;
        a.personal_hits.push_back(std::string(w[i]) + " " + std::string(w[k]));
        ++found;
      }
    }
    if (a.language == "es") {
      static const std::unordered_set<std::string_view> not_verbs = {
        "triste", "existe", "chiste", "contraste", "desgaste", "asiste", "insiste", "consiste", "resiste", "subsiste",
        "persiste", "embiste", "reviste", "viste", "caste", "baste", "gaste", "pegaste"};
      for (const auto word : w) {
        if (found >= 2) break;
        if (word.size() >= 7 && (word.ends_with("aste") || word.ends_with("iste")) && !not_verbs.contains(word)) {
          a.personal += 2;
          a.personal_hits.push_back(std::string(word));
          ++found;
        }
      }
    }
  }

  void score(const std::vector<std::uint32_t>& w, Analysis& a) const
  {
    std::vector<PhraseIndex::Hit> hits;
    std::unordered_set<std::uint32_t> seen;
    std::unordered_set<std::string_view> seen_patterns; // a pattern listed for two languages counts once
    spam_index.find(w, hits);
    for (const auto& h : hits) {
      if (!seen_patterns.insert(spam[h.payload].pattern).second) continue;
      a.spam += spam[h.payload].weight;
      a.spam_hits.push_back(spam[h.payload].pattern);
    }
    hits.clear();
    seen.clear();
    seen_patterns.clear();
    generic_index.find(w, hits);
    for (const auto& h : hits) {
      if (!seen_patterns.insert(generic[h.payload].pattern).second) continue;
      a.generic += generic[h.payload].weight;
      a.generic_hits.push_back(generic[h.payload].pattern);
    }
    hits.clear();
    seen.clear();
    personal_index.find(w, hits);
    // Overlapping cues count once: keep the heaviest cue of each run of covered words.
    std::sort(hits.begin(), hits.end(), [&](const auto& x, const auto& y) {
      return x.position != y.position ? x.position < y.position : x.length > y.length;
    });
    std::uint32_t covered_to = 0;
    for (const auto& h : hits) {
      if (h.position < covered_to) continue;
      if (!seen.insert(h.payload).second) continue;
      covered_to = h.position + h.length;
      a.personal += personal[h.payload].weight;
      a.personal_hits.push_back(personal[h.payload].pattern);
    }
  }

  // The function words vote; CLD2 is asked only when the vote is not clear (see language.hpp).
  std::string language_of(std::string_view text, const std::vector<std::uint32_t>& ids) const
  {
    if (ids.empty()) return "zxx";
    std::array<int, known_languages.size()> votes{};
    for (const std::uint32_t id : ids) {
      const std::uint32_t f = flags_of(id);
      for (std::size_t b = 0; b < known_languages.size(); ++b) votes[b] += (f >> (stopword_bits + b)) & 1u;
    }
    return choose_language(text, votes);
  }

  void analyse(const Note& note, bool want_skeleton, Analysis& a) const
  {
    a.reset();
    if (is_blank(note.text)) {
      a.blank = true;
      a.language = "zxx";
      return;
    }
    fold_marked_into(note.text, a.folded);
    words_into(a.folded, a.marked);
    ids_into(vocab, a.marked, a.marked_ids);
    const auto& marked = a.marked;
    const auto& marked_ids = a.marked_ids;
    for (std::size_t i = 0; i < marked.size(); ++i) {
      if (is_mark(marked[i])) continue;
      a.all.push_back(marked[i]);
      a.all_ids.push_back(marked_ids[i]);
    }
    fold_into(note.recipient, a.folded_recipient);
    fold_into(note.sender, a.folded_sender);
    for (const auto w : words(a.folded_recipient)) a.recipient.emplace_back(w);
    for (const auto w : words(a.folded_sender)) a.sender.emplace_back(w);
    a.names = a.recipient;
    a.names.insert(a.names.end(), a.sender.begin(), a.sender.end());

    const auto [begin, end] = strip_courtesy(marked, marked_ids, a.recipient, a.sender);
    for (std::size_t i = begin; i < end; ++i) {
      if (is_mark(marked[i])) continue;
      a.body.push_back(marked[i]);
      a.body_ids.push_back(marked_ids[i]);
    }
    std::size_t from = 0, to = 0;
    a.stock = find_stock(a.body, a.body_ids, a.joined, a.stock_whole, a.stock_distance, from, to);
    if (a.stock && !a.stock_whole) {
      // Stock text plus words of the sender's own: judge the rest. A rest that is only courtesy is no rest.
      for (std::size_t i = 0; i < a.body.size(); ++i) {
        if (i < from || i >= to) {
          a.scope.push_back(a.body[i]);
          a.scope_ids.push_back(a.body_ids[i]);
        }
      }
      const auto c = closings.longest_at(a.scope_ids, 0);
      const auto g = greetings.longest_at(a.scope_ids, 0);
      std::size_t rest = a.scope.size() - std::max(c.length, g.length);
      std::size_t named = 0;
      for (const auto w : a.scope) named += is_name(w, a.names) ? 1 : 0;
      if (rest <= named) a.stock_whole = true;
    } else {
      a.scope.assign(a.all.begin(), a.all.end());
      a.scope_ids.assign(a.all_ids.begin(), a.all_ids.end());
    }
    a.language = language_of(note.text, a.all_ids);
    a.count();
    if (a.stock_whole) return;

    find_signals(note.text, merge_fields, spam_domains, a.names,
                 [this](std::string_view w) {
                   const std::uint32_t id = vocab.find(w);
                   return greetings.is_word(id) || closings.is_word(id) || is_title(id);
                 },
                 a.signals);
    if (a.language == "de" || a.language == "lb") {
      // German capitalises every noun: capitals name nothing in particular there.
      a.signals.named_things = 0;
      a.signals.named.clear();
    }
    for (std::size_t i = 0; i < spam_domains.size(); ++i) {
      if (a.signals.domain_hits & (1ull << std::min<std::size_t>(i, 63))) {
        a.spam += spam_domain_weights[i];
        a.spam_hits.push_back(spam_domains[i]);
      }
    }
    a.spam += a.signals.spam_points();
    score(a.scope_ids, a);
    grammar_cues(a.scope, a.scope_ids, a);
    if (want_skeleton) a.skeleton = skeleton_signature(a.scope, a.names);
  }

  // The label of an analysed note. In a campaign, the batch adds the line saying which campaign (see
  // classify_batch); here in_campaign only chooses the branch.
  static constexpr int spam_threshold = 4, campaign_spam_threshold = 3;

  static std::string stock_part_reason(const Analysis& a)
  {
    return fmt::format("contains the stock text ({}) \"{}\", judged on the rest", a.stock->language,
                       shorten(a.stock->text));
  }

  Result decide(const Analysis& a, bool in_campaign) const
  {
    Result r;
    r.language = a.language;
    if (a.blank) {
      r.label = Label::empty;
      r.confidence = 1.0;
      r.reasons.push_back("no note: the sender wrote nothing");
      return r;
    }
    if (a.stock && a.stock_whole) {
      r.label = Label::default_text;
      r.confidence = a.stock_distance == 0 ? 0.99 : 0.9;
      r.reasons.push_back(fmt::format("{} stock text ({}, {}{}): \"{}\"",
                                      a.stock_distance == 0 ? "the platform's" : "nearly the platform's",
                                      a.stock->language, a.stock->era,
                                      a.stock->status == "confirmed" ? "" : ", " + a.stock->status, a.stock->text));
      if (a.body_words < a.all_words) r.reasons.push_back("greeting, names or sign-off around it ignored");
      return r;
    }
    std::vector<std::string> signal_reasons = a.signals.describe();
    const auto list = [](const std::vector<std::string>& hits) {
      std::string out;
      for (std::size_t i = 0; i < hits.size() && i < 6; ++i) {
        if (i) out += ", ";
        out += '"' + hits[i] + '"';
      }
      return out;
    };
    const auto add_stock_reason = [&] {
      if (a.stock) r.reasons.push_back(stock_part_reason(a));
    };
    if (a.spam >= spam_threshold || (in_campaign && a.spam >= campaign_spam_threshold)) {
      r.label = Label::spam;
      r.confidence = std::min(0.99, 0.6 + 0.05 * a.spam);
      r.reasons.push_back(fmt::format("sales or scam signals, score {} (spam from {})", a.spam,
                                      in_campaign ? campaign_spam_threshold : spam_threshold));
      if (!a.spam_hits.empty()) r.reasons.push_back("selling words: " + list(a.spam_hits));
      for (auto& s : signal_reasons) r.reasons.push_back(s);
      add_stock_reason();
      return r;
    }
    if (in_campaign) {
      r.label = Label::template_text;
      r.confidence = 0.9;
      add_stock_reason();
      return r;
    }
    if (!a.signals.merge_fields.empty()) {
      r.label = Label::template_text;
      r.confidence = 0.97;
      r.reasons.push_back("unfilled merge field: " + list(a.signals.merge_fields));
      add_stock_reason();
      return r;
    }
    // Personal or generic. A note is personal when it points at something of this recipient's or shared with
    // them (cues, named things, a concrete question), clearly more than it uses boilerplate.
    const int named = std::min(a.signals.named_things, 1);
    const int question = a.signals.question ? 1 : 0;
    const int personal = a.personal + named + question;
    const int margin = personal - a.generic - a.spam / 2;
    if (personal >= 2 && margin >= 2) {
      r.label = Label::personalized;
      r.confidence = std::min(0.95, 0.6 + 0.05 * margin);
      if (!a.personal_hits.empty()) r.reasons.push_back("refers to a shared context: " + list(a.personal_hits));
      if (named)
        r.reasons.push_back(fmt::format("names {} specific thing{}: {}", a.signals.named_things,
                                        a.signals.named_things == 1 ? "" : "s", list(a.signals.named)));
      if (question) r.reasons.push_back("asks the recipient a question");
      if (!a.generic_hits.empty()) r.reasons.push_back("despite generic phrases: " + list(a.generic_hits));
      if (a.spam > 0) r.reasons.push_back(fmt::format("despite some sales signals (score {})", a.spam));
      add_stock_reason();
      return r;
    }
    r.label = Label::template_text;
    r.confidence = std::min(0.95, 0.6 + 0.05 * std::max(0, a.generic - personal + 2));
    if (!a.generic_hits.empty()) r.reasons.push_back("generic phrases: " + list(a.generic_hits));
    if (a.scope_words <= 4) r.reasons.push_back(fmt::format("only {} word{}, no reason given", a.scope_words,
                                                           a.scope_words == 1 ? "" : "s"));
    if (a.personal_hits.empty() && named == 0) r.reasons.push_back("nothing ties it to the recipient");
    else r.reasons.push_back(fmt::format("too little ties it to the recipient (score {} against {} of boilerplate)",
                                         personal, a.generic));
    if (a.spam > 0) r.reasons.push_back(fmt::format("some sales signals (score {}), below the spam threshold", a.spam));
    add_stock_reason();
    return r;
  }
};

Classifier::Classifier() : impl_(std::make_unique<Impl>()) {}
Classifier::~Classifier() = default;

Result Classifier::classify(const Note& note) const
{
  thread_local Analysis a;
  impl_->analyse(note, false, a);
  return impl_->decide(a, false);
}

std::optional<Label> Classifier::quick_label(const Note& note) const
{
  if (is_blank(note.text)) return Label::empty;
  std::string folded;
  fold_into(note.text, folded);
  if (impl_->stock_exact.contains(folded)) return Label::default_text;
  return std::nullopt;
}

std::vector<Result> Classifier::classify_batch(std::span<const Note> notes) const
{
  std::vector<Result> results(notes.size());
  classify_batch(notes, [&](std::size_t i, Result&& r) { results[i] = std::move(r); });
  return results;
}

void Classifier::classify_batch(std::span<const Note> notes,
                                const std::function<void(std::size_t, Result&&)>& sink) const
{
  // Notes are analysed (and then labelled) independently: large batches use every core (at most 8).
  const unsigned cores = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  const std::size_t workers = notes.size() >= 4096 ? cores : 1;
  const auto in_parallel = [&](const auto& work) {
    if (workers == 1) {
      for (std::size_t i = 0; i < notes.size(); ++i) work(i);
      return;
    }
    std::vector<std::thread> threads;
    std::exception_ptr failure;
    std::mutex failure_mutex;
    // Blocks of consecutive notes taken in turn: threads writing neighbouring results would share cache lines.
    std::atomic<std::size_t> next{0};
    constexpr std::size_t block = 512;
    for (std::size_t w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        try {
          for (std::size_t from = next.fetch_add(block); from < notes.size(); from = next.fetch_add(block)) {
            for (std::size_t i = from; i < std::min(from + block, notes.size()); ++i) work(i);
          }
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
        }
      });
    }
    for (auto& t : threads) t.join();
    if (failure) std::rethrow_exception(failure);
  };
  // Each note is analysed and labelled twice over, on its own and as a campaign member, in parallel; only the
  // two results and the skeleton are kept, so a batch of a million notes needs no million analyses in memory.
  // What a note becomes inside a campaign is mostly known without deciding again: spam stays spam, a note
  // below the campaign spam threshold becomes a template (keeping its stock-text reason); only notes in between
  // are decided again.
  struct Kept {
    Result solo, in_campaign;
    bool same_in_campaign = false;
    bool recomputed = false;
    std::string stock_reason;
  };
  std::vector<Kept> kept(notes.size());
  std::vector<CampaignInput> inputs(notes.size());
  std::vector<Signature> signatures;
  std::mutex signature_mutex;
  in_parallel([&](std::size_t i) {
    thread_local Analysis a;
    impl_->analyse(notes[i], true, a);
    kept[i].solo = impl_->decide(a, false);
    if (a.blank || a.stock_whole || !a.skeleton) return;
    {
      const std::lock_guard lock(signature_mutex);
      inputs[i].signature = static_cast<std::int64_t>(signatures.size());
      signatures.push_back(*a.skeleton);
    }
    if (a.spam >= Impl::spam_threshold) {
      kept[i].same_in_campaign = true;
    } else if (a.spam >= Impl::campaign_spam_threshold) {
      kept[i].in_campaign = impl_->decide(a, true);
      kept[i].recomputed = true;
    } else if (a.stock) {
      kept[i].stock_reason = Impl::stock_part_reason(a);
    }
    inputs[i].sender = notes[i].sender;
    inputs[i].recipient = notes[i].recipient;
  });
  const std::vector<CampaignMembership> campaigns = find_campaigns(inputs, signatures);
  std::vector<Signature>().swap(signatures);

  // Who else sent a campaign's text (or, for one sender's campaign, to whom), for its reason.
  std::unordered_map<std::int64_t, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (campaigns[i].first >= 0) {
      auto& list = members[campaigns[i].first];
      if (list.size() < 8) list.push_back(i);
    }
  }
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const CampaignMembership& c = campaigns[i];
    if (c.first < 0) {
      sink(i, std::move(kept[i].solo));
      kept[i] = Kept{};
      continue;
    }
    Result r;
    if (kept[i].same_in_campaign) {
      r = std::move(kept[i].solo);
    } else if (kept[i].recomputed) {
      r = std::move(kept[i].in_campaign);
    } else {
      r.label = Label::template_text;
      r.language = std::move(kept[i].solo.language);
      r.confidence = 0.9;
      if (!kept[i].stock_reason.empty()) r.reasons.push_back(std::move(kept[i].stock_reason));
    }
    r.campaign = c.first;
    std::vector<std::string> senders, recipients;
    for (const std::size_t m : members[c.first]) {
      if (m == i) continue;
      const std::string sender(notes[m].sender), recipient(notes[m].recipient);
      if (!sender.empty() && sender != notes[i].sender && senders.size() < 3 &&
          std::find(senders.begin(), senders.end(), sender) == senders.end())
        senders.push_back(sender);
      if (!recipient.empty() && recipient != notes[i].recipient && recipients.size() < 3 &&
          std::find(recipients.begin(), recipients.end(), recipient) == recipients.end())
        recipients.push_back(recipient);
    }
    const auto names = [](const std::vector<std::string>& list) {
      std::string out;
      for (const auto& n : list) out += (out.empty() ? "" : ", ") + n;
      return out;
    };
    std::string line = fmt::format("mass campaign: the same text, names masked, in {} notes ({} sender/recipient pairs)",
                                   c.size, c.pairs);
    if (!senders.empty()) line += "; also sent by " + names(senders);
    else if (!recipients.empty()) line += "; also sent to " + names(recipients);
    r.reasons.insert(r.reasons.begin() + (r.label == Label::spam && !r.reasons.empty() ? 1 : 0), std::move(line));
    sink(i, std::move(r));
    kept[i] = Kept{};
  }
}

} // namespace motivo::classify
