#include <motivo/core/classify/edit_distance.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/classify/language.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <unordered_set>

namespace motivo::classify {

bool Classifier::Impl::is_address(std::string_view w, const std::vector<std::string_view>& names) const
{
  if (is_name(w, names)) return true;
  // The honorifics are of scripts beyond ASCII: a word ending in ASCII has none.
  if (!w.empty() && static_cast<unsigned char>(w.back()) >= 0x80) {
    for (const std::string& h : honorifics) {
      if (w.size() >= h.size() && w.back() == h.back() && w.ends_with(h)) return true;
    }
  }
  return is_declined(w, names);
}

// Where a closing formula standing alone between marks ends just before `s` begins ("Viele Grüße," before
// "Tim"), or `s` when there is none.
std::size_t Classifier::Impl::closing_before(const std::vector<std::string_view>& marked,
                                             const std::vector<std::uint32_t>& ids, std::size_t pos,
                                             std::size_t s) const
{
  std::size_t e = s;
  while (e > pos && is_mark(marked[e - 1])) --e;
  std::size_t b = e;
  while (b > pos && !is_mark(marked[b - 1])) --b;
  if (e == s || b == e) return s;
  const auto c = closings.longest_at(ids, b);
  return c.length == e - b ? b : s;
}

// The body: the note without an opening greeting (with titles and the recipient's name) or a closing sign-off
// (with the sender's name). `marked` comes from fold_marked_into.
std::pair<std::size_t, std::size_t> Classifier::Impl::strip_courtesy(const std::vector<std::string_view>& marked,
                                                                     const std::vector<std::uint32_t>& ids,
                                                                     const std::vector<std::string_view>& recipient,
                                                                     const std::vector<std::string_view>& sender) const
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
      if (is_address(marked[p], recipient)) {
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
    while (names_at_end < size && (is_address(marked[end - 1 - names_at_end], sender) ||
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
                           [this](std::uint32_t id) { return is_unknown(id); })) {
      end = s; // "…\n- ryan": one or two words no catalog knows, on a line of their own
    } else if (names_at_end > 0 && names_at_end < size) {
      end -= names_at_end; // "… on LinkedIn Ana"
      break;
    } else if (const std::size_t closing_start = closing_before(marked, ids, pos, s); size <= 2 && closing_start < s) {
      end = closing_start; // "Viele Grüße, Tim": one or two words after a closing formula of its own
    } else {
      break;
    }
  }
  return {pos, end};
}

// The stock text `body` is (whole = true) or contains, with the words it covers.
// How many of the stock text's words appear among ids[from, to): a cheap filter before the edit distance.
std::size_t Classifier::Impl::shared_words(const StockText& s, const std::vector<std::uint32_t>& ids, std::size_t from,
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

const StockText* Classifier::Impl::find_stock(const std::vector<std::string_view>& body,
                                              const std::vector<std::uint32_t>& ids, std::string& text, bool& whole,
                                              std::size_t& distance, std::size_t& from, std::size_t& to) const
{
  for (const StockText& s : stock) {
    // Every stock word is in the vocabulary, so equal ids are equal words.
    if (s.ids.size() == ids.size() && s.ids.front() == ids.front() && s.ids == ids) {
      whole = true;
      distance = 0;
      from = 0;
      to = body.size();
      return &s;
    }
  }
  if (body.empty() || body.size() + 3 < min_stock_words) return nullptr;
  // Near matches: a few edits (a typo, "Linkedin" split, a word added or dropped) on the whole body, or on a
  // run of words of about a stock text's length inside a longer note. The body is joined into `text` only
  // when a stock text passes the cheap filters.
  std::size_t size = body.size() - 1;
  for (const auto w : body) size += w.size();
  if (size + 12 < stock_min) return nullptr;
  bool joined = false;
  const StockText* best = nullptr;
  std::size_t best_distance = SIZE_MAX;
  // Which word ids the body has, as bits of a mask: a stock text whose first word is not there is not looked
  // for inside the note.
  std::array<std::uint64_t, 4> present{}; // 256 bits, by a hash of the id
  const auto bit = [](std::uint32_t id) { return (id * 0x9E3779B9u) >> 24; };
  const auto has = [&](std::uint32_t id) { return (present[bit(id) >> 6] >> (bit(id) & 63u)) & 1u; };
  for (const std::uint32_t id : ids) present[bit(id) >> 6] |= std::uint64_t{1} << (bit(id) & 63u);
  // How many of a stock text's words may be in the body, by the mask: a bound above shared_words, for nothing.
  const auto maybe_shared = [&](const StockText& s) {
    std::size_t n = 0;
    for (const std::uint32_t id : s.ids) n += has(id);
    return n;
  };
  // A longer note is looked into only when one of its words begins a stock text.
  const bool may_contain =
      std::any_of(ids.begin(), ids.end(), [&](std::uint32_t id) { return (flags_of(id) & stock_first_bit) != 0; });
  for (const StockText& s : stock) {
    const std::size_t limit = std::max<std::size_t>(2, s.folded.size() / 12);
    // Within a few edits, at most about three words can differ.
    const std::size_t needed = s.ids.size() > 2 ? s.ids.size() - 2 : 1;
    if (size <= s.folded.size() + limit) {
      if (size + limit < s.folded.size() || maybe_shared(s) < needed || shared_words(s, ids, 0, ids.size()) < needed)
        continue;
      if (!joined) {
        join_into(body, 0, body.size(), text);
        joined = true;
      }
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
    if (!may_contain || !has(s.ids.front())) continue;
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
        std::size_t d = 0;
        // The stock text word for word (its words are all in the vocabulary): no need to compare letters.
        // (bounded_levenshtein gives up beyond 255 bytes: so does this shortcut, to agree with it.)
        if (extra != 0 || s.folded.size() > 255 ||
            !std::equal(s.ids.begin(), s.ids.end(), ids.begin() + static_cast<std::ptrdiff_t>(i))) {
          thread_local std::string window;
          join_into(body, i, i + n, window); // rare: the stock text's first words matched
          d = bounded_levenshtein(window, s.folded, limit);
        }
        if (d <= limit && d < best_distance) {
          best = &s;
          best_distance = d;
          whole = false;
          from = i;
          to = i + n;
          if (d == 0) { // nothing found later is closer (the first closest wins)
            distance = 0;
            return best;
          }
        }
      }
    }
  }
  distance = best_distance;
  return best;
}

// The spam score: the points of every family (lexicon hits and signals), plus one when two families of two
// points or more meet (a price and a messaging app, a nomination and a fee in other words, income and "send me
// your number") or an amount of money stands beside any other family. `soft`: every point comes from asking for
// a call or from plain selling words, which a genuine note (a referral asking for a short call) may use too.
int Classifier::Impl::spam_score(const Analysis& a, bool& soft)
{
  struct Family {
    std::string_view name;
    int points;
  };
  thread_local std::vector<Family> families;
  families.clear();
  const auto add = [&](std::string_view name, int points) {
    if (points <= 0) return;
    for (Family& f : families) {
      if (f.name == name) {
        f.points += points;
        return;
      }
    }
    families.push_back({name, points});
  };
  for (std::size_t i = 0; i < a.spam_families.size(); ++i) add(a.spam_families[i], a.spam_weights[i]);
  const Signals& s = a.signals;
  add("price", s.money ? 2 : 0);
  add("investment", s.guaranteed ? 3 : s.percent ? 1 : 0);
  add("messaging", (s.phone ? 2 : 0) + (s.email ? 1 : 0));
  add("link", s.url ? 1 : 0);
  add("call", s.short_call ? 2 : 0);
  int total = 0, strong = 0;
  bool beside_money = false; // an amount of money next to any other family: a price, a fee, a claim
  soft = true;
  for (const Family& f : families) {
    total += f.points;
    strong += f.points >= 2 && f.name != "pitch" ? 1 : 0;
    beside_money = beside_money || (s.money && f.name != "price");
    soft = soft && (f.name == "call" || f.name == "pitch");
  }
  return total + (strong >= 2 || beside_money ? 1 : 0);
}

// The points of the lexicon's phrases of sales intent: an offer to send an audit or a report, work on the
// recipient's site or its ranking, a price, leads, income, returns, a paid award, and a call or a demo to book
// beside one of them (a call alone is what a genuine note asks for too). Phrases only, not single words ("the only
// one" is no price) nor signals ("still owe you £7"), nor plain selling words, a portfolio, a messaging app,
// recruiting, a loan or a photo praised, which genuine notes name too ("your photo exhibition"). Of invoice financing
// only the decisive phrases (weight 3: "outstanding invoices", "invoice financing") count: "a loan" does not.
int Classifier::Impl::sales_intent(const Analysis& a, std::vector<std::string_view>* hits)
{
  static constexpr std::string_view families[] = {"offer",  "seo",        "price",    "leads",
                                                  "income", "investment", "award_fee"};
  int points = 0, call = 0;
  for (std::size_t i = 0; i < a.spam_families.size(); ++i) {
    const std::string& hit = a.spam_hits[i];
    if (hit.find(' ') == std::string::npos && hit.front() != '~') continue;
    if (a.spam_families[i] == "call")
      call += a.spam_weights[i];
    else if (std::find(std::begin(families), std::end(families), a.spam_families[i]) != std::end(families) ||
             (a.spam_families[i] == "invoice" && a.spam_weights[i] >= 3))
      points += a.spam_weights[i];
    else
      continue;
    if (hits) hits->push_back(hit);
  }
  return points > 0 ? points + call : 0;
}

// "your talk", "tu tesis", "votre article": a possessive of the note's language before a noun that is not
// generic (profile, experience, network…). Spanish second-person preterites ("presentaste", "comentaste")
// tell of something the recipient did. At most two such cues count.
void Classifier::Impl::grammar_cues(const std::vector<std::string_view>& w, const std::vector<std::uint32_t>& ids,
                                    Analysis& a) const
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
        "triste",   "existe",   "chiste",  "contraste", "desgaste", "asiste", "insiste", "consiste", "resiste",
        "subsiste", "persiste", "embiste", "reviste",   "viste",    "caste",  "baste",   "gaste",    "pegaste"};
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

void Classifier::Impl::score(const std::vector<std::uint32_t>& w, Analysis& a) const
{
  // A few hits a note: vectors searched in order beat hash sets (and their allocations).
  thread_local std::vector<PhraseIndex::Hit> hits, personal_hits;
  thread_local std::vector<std::uint32_t> seen;
  thread_local std::vector<std::string_view> seen_spam, seen_generic; // a pattern listed for two languages counts once
  const auto first_time = [](auto& list, const auto& x) {
    if (std::find(list.begin(), list.end(), x) != list.end()) return false;
    list.push_back(x);
    return true;
  };
  hits.clear();
  personal_hits.clear();
  seen.clear();
  seen_spam.clear();
  seen_generic.clear();
  cues.find(w, hits);
  // Scripts without spaces: a word is a clause, and its cues are found inside it.
  if (!part_cues.empty() && std::any_of(a.scope.begin(), a.scope.end(),
                                        [](std::string_view x) { return static_cast<unsigned char>(x[0]) >= 0xE0; })) {
    thread_local std::vector<std::uint32_t> found;
    found.clear();
    part_cues.find(a.folded, found);
    auto at = static_cast<std::uint32_t>(w.size());
    for (const std::uint32_t payload : found) {
      if (payload >> cue_kind_shift == wish_cue) {
        a.wish_bytes += wish_sizes[payload & cue_index_mask]; // found inside a clause
        continue;
      }
      hits.push_back({payload, at++, 1});
    }
  }
  // Spam first, then generic phrases, each in the order found (by position, then as listed in its file).
  for (const auto& h : hits) {
    if (h.payload >> cue_kind_shift != spam_cue) continue;
    const WeightedEntry& e = spam[h.payload & cue_index_mask];
    if (!first_time(seen_spam, std::string_view(e.pattern))) continue;
    a.spam_hits.push_back(e.pattern);
    a.spam_families.push_back(e.family);
    a.spam_weights.push_back(e.weight);
  }
  for (const auto& h : hits) {
    const std::uint32_t kind = h.payload >> cue_kind_shift;
    if (kind == personal_cue) {
      personal_hits.push_back({h.payload & cue_index_mask, h.position, h.length});
      continue;
    }
    if (kind != generic_cue) continue;
    const WeightedEntry& e = generic[h.payload & cue_index_mask];
    if (!first_time(seen_generic, std::string_view(e.pattern))) continue;
    a.generic += e.weight;
    a.generic_hits.push_back(e.pattern);
  }
  // The words a wish covers, each once.
  std::uint32_t wished_to = 0;
  for (const auto& h : hits) {
    if (h.payload >> cue_kind_shift != wish_cue || h.position >= w.size()) continue;
    for (std::uint32_t i = std::max(wished_to, h.position); i < h.position + h.length; ++i)
      a.wish_bytes += a.scope[i].size();
    wished_to = std::max(wished_to, h.position + h.length);
  }
  // Overlapping cues count once: keep the heaviest cue of each run of covered words.
  std::sort(personal_hits.begin(), personal_hits.end(), [&](const auto& x, const auto& y) {
    return x.position != y.position ? x.position < y.position : x.length > y.length;
  });
  std::uint32_t covered_to = 0;
  for (const auto& h : personal_hits) {
    if (h.position < covered_to) continue;
    if (!first_time(seen, h.payload)) continue;
    covered_to = h.position + h.length;
    a.personal += personal[h.payload].weight;
    a.cue_points += personal[h.payload].weight;
    a.referral = a.referral || personal[h.payload].kind == "referral";
    a.personal_hits.push_back(personal[h.payload].pattern);
  }
}

// The function words vote; CLD2 is asked only when the vote is not clear (see language.hpp).
std::string Classifier::Impl::language_of(std::string_view text, const std::vector<std::uint32_t>& ids) const
{
  if (ids.empty()) return "zxx";
  std::array<int, known_languages.size()> votes{}, only{};
  thread_local std::vector<std::uint32_t> only_seen; // each word of one language only counts once
  only_seen.clear();
  for (const std::uint32_t id : ids) {
    const std::uint32_t f = (flags_of(id) >> stopword_bits) & 63u;
    if (f == 0) continue;
    for (std::size_t b = 0; b < known_languages.size(); ++b) votes[b] += (f >> b) & 1u;
    if ((f & (f - 1)) == 0 && std::find(only_seen.begin(), only_seen.end(), id) == only_seen.end()) {
      only_seen.push_back(id);
      ++only[static_cast<std::size_t>(std::countr_zero(f))];
    }
  }
  return choose_language(text, votes, only);
}

void Classifier::Impl::read_words(const Note& note, Analysis& a) const
{
  a.reset();
  if (is_blank(note.text)) {
    a.blank = true;
    a.language = "zxx";
    return;
  }
  fold_marked_words_into(note.text, a.folded, a.marked);
  a.marked_ids.clear();
  for (const std::string_view w : a.marked)
    a.marked_ids.push_back(is_mark(w) ? (w[0] == '|' ? mark_sentence : mark_line) : vocab.find(w));
  const auto& marked = a.marked;
  const auto& marked_ids = a.marked_ids;
  for (std::size_t i = 0; i < marked.size(); ++i) {
    if (is_mark_id(marked_ids[i])) continue;
    a.all.push_back(marked[i]);
    a.all_ids.push_back(marked_ids[i]);
  }
  fold_into(note.recipient, a.folded_recipient);
  fold_into(note.sender, a.folded_sender);
  words_into(a.folded_recipient, a.recipient);
  words_into(a.folded_sender, a.sender);
  a.names = a.recipient;
  a.names.insert(a.names.end(), a.sender.begin(), a.sender.end());

  const auto [begin, end] = strip_courtesy(marked, marked_ids, a.recipient, a.sender);
  a.body_end = end;
  for (std::size_t i = begin; i < end; ++i) {
    if (is_mark_id(marked_ids[i])) continue;
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
    // A signature block after it (name, title, company, phone, web address) is no rest either.
    const std::size_t head = a.scope.size() - std::min(signature_in_body(note.text, a), a.scope.size());
    const auto c = closings.longest_at(a.scope_ids, 0);
    const auto g = greetings.longest_at(a.scope_ids, 0);
    const std::size_t courtesy = std::max(c.length, g.length);
    const std::size_t rest = head > courtesy ? head - courtesy : 0;
    std::size_t named = 0;
    for (std::size_t i = 0; i < head; ++i) named += is_address(a.scope[i], a.names) ? 1 : 0;
    if (rest <= named) a.stock_whole = true;
  } else {
    a.scope.assign(a.all.begin(), a.all.end());
    a.scope_ids.assign(a.all_ids.begin(), a.all_ids.end());
  }
  a.count();
}

bool Classifier::Impl::reads_as_request(const Analysis& a, std::string& language) const
{
  return requests.matches(
      a.body, a.names,
      [this, &a](std::string_view w) {
        return (flags_of(vocab.find(w)) & courtesy_word_bit) != 0 || is_address(w, a.names);
      },
      language);
}

void Classifier::Impl::analyse(const Note& note, bool want_skeleton, Analysis& a) const
{
  read_words(note, a);
  if (a.blank) return;
  // A note that is a stock text is in that text's language: no vote, no CLD2 (which reads the short Indonesian
  // one as Malay).
  a.language = a.stock && a.stock_whole ? a.stock->language : language_of(note.text, a.all_ids);
  if (a.stock_whole) return;

  find_signals(
      note.text, merge_fields, spam_domains, a.names,
      [this](std::string_view w) { return (flags_of(vocab.find(w)) & courtesy_word_bit) != 0; }, a.signals);
  if (a.language == "de" || a.language == "lb") {
    // German capitalises every noun: capitals name nothing in particular there.
    a.signals.named_things = 0;
    a.signals.named.clear();
  }
  for (std::size_t i = 0; i < spam_domains.size(); ++i) {
    if (a.signals.domain_hits & (1ull << std::min<std::size_t>(i, 63))) {
      a.spam_hits.push_back(spam_domains[i]);
      a.spam_families.push_back(spam_domain_families[i]);
      a.spam_weights.push_back(spam_domain_weights[i]);
    }
  }
  score(a.scope_ids, a);
  grammar_cues(a.scope, a.scope_ids, a);
  a.spam = spam_score(a, a.spam_soft);
  a.pitch = sales_intent(a) >= pitch_spam && !a.referral && a.cue_points < 3;
  // A year ("en 2018", "(2014)") dates something: a shared past, an event. Once a note.
  for (const std::string_view w : a.scope) {
    if (w.size() == 4 && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        ((w[0] == '1' && w[1] == '9' && w[2] >= '6') || (w[0] == '2' && w[1] == '0' && w[2] <= '2'))) {
      a.personal += 1;
      a.personal_hits.emplace_back(w);
      break;
    }
  }
  // The stock text in other words: a request to connect and nothing more, naming nothing and selling nothing.
  if (!a.stock && a.signals.merge_fields.empty()) {
    thread_local std::string language;
    a.request = (a.spam == 0 && reads_as_request(a, language)) || request_before_signature(note.text, a, language);
    if (a.request && !language.empty()) a.language = language;
    if (a.request) return;
  }
  a.has_skeleton = want_skeleton && skeleton_of(a.scope, a.names, a.skeleton);
}

} // namespace motivo::classify
