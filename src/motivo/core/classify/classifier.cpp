#include <motivo/core/classify/classifier.hpp>

#include <motivo/core/classify/campaigns.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/language.hpp>
#include <motivo/core/classify/phrases.hpp>
#include <motivo/core/classify/signals.hpp>
#include <motivo/core/data_files.hpp>

#include <fmt/format.h>

#include <algorithm>
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

// Edit distance between a and b if it is at most `limit`, otherwise limit + 1 (a band of the usual table).
std::size_t bounded_levenshtein(std::string_view a, std::string_view b, std::size_t limit)
{
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> prev(a.size() + 1), cur(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) prev[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    cur[0] = j;
    std::size_t row_min = cur[0];
    for (std::size_t i = 1; i <= a.size(); ++i) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[i] = std::min({prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + cost});
      row_min = std::min(row_min, cur[i]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return std::min(prev[a.size()], limit + 1);
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

// Everything learned about one note before the batch-level decisions.
struct Analysis {
  bool blank = false;
  std::string folded;                    // marked fold of the text
  std::vector<std::string_view> all;     // every word of the note (marks removed)
  std::vector<std::string_view> body;    // without greeting and sign-off
  std::vector<std::string_view> scope;   // what is judged: the body, minus a stock text found inside it
  std::vector<std::string> names;        // folded words of the sender's and recipient's names
  std::string language;
  const StockText* stock = nullptr;      // the stock text the note is, or contains
  bool stock_whole = false;              // the body is the stock text (label default)
  std::size_t stock_distance = 0;
  Signals signals;
  int spam = 0, generic = 0, personal = 0;
  std::vector<std::string> spam_hits, generic_hits, personal_hits;
};

struct Classifier::Impl {
  std::vector<StockText> stock;
  std::unordered_map<std::string, std::size_t> stock_exact;
  std::size_t stock_min = SIZE_MAX, stock_max = 0; // folded lengths

  std::vector<WeightedEntry> generic, spam, personal;
  PhraseIndex generic_index, spam_index, personal_index, greetings, closings, titles;
  std::vector<std::string> spam_domains; // shorteners and handles with dots, lower case
  std::vector<int> spam_domain_weights;
  std::vector<std::string> spam_domain_kinds;
  MergeFieldCatalog merge_fields;
  std::unordered_map<std::string, std::vector<std::string>> possessives, modifiers; // language -> words
  std::unordered_set<std::string> generic_nouns;

  Impl()
  {
    for (const auto& r : data::rows("stock_texts.tsv")) {
      if (r.size() < 5) continue;
      StockText s{r[0], r[1], r[2], r[4], fold(r[2]), {}};
      for (const auto w : words(s.folded)) s.words.emplace_back(w);
      stock_min = std::min(stock_min, s.folded.size());
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
    for (const auto& r : data::rows("possessives.tsv")) {
      if (r.size() < 3) continue;
      if (r[1] == "possessive") possessives[r[0]].push_back(r[2]);
      else if (r[1] == "modifier") modifiers[r[0]].push_back(r[2]);
      else if (r[1] == "generic") generic_nouns.insert(r[2]);
    }
    std::uint32_t n = 0;
    for (const auto& r : data::rows("courtesy.tsv")) {
      if (r.size() < 3) continue;
      (r[1] == "greeting" ? greetings : r[1] == "title" ? titles : closings).add(r[2], n++);
    }
  }

  bool is_name(std::string_view w, const std::vector<std::string>& names) const
  {
    return std::find(names.begin(), names.end(), w) != names.end();
  }

  bool is_title(std::string_view w) const
  {
    const std::vector<std::string_view> one{w};
    return titles.longest_at(one, 0).length == 1;
  }

  // The body: the note without an opening greeting (with titles and the recipient's name) or a closing sign-off
  // (with the sender's name). `marked` comes from fold_marked_into.
  std::vector<std::string_view> strip_courtesy(const std::vector<std::string_view>& marked,
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
      const auto g = greetings.longest_at(marked, p);
      p += g.length;
      std::size_t names = 0, titles_seen = 0;
      while (p < end) {
        if (is_title(marked[p])) {
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
      const auto c = closings.longest_at(marked, s);
      // After the formula, only the sender's name: up to two words when we were not told it.
      const bool closing =
        c.length > 0 && c.length <= size && size - c.length - names_at_end <= (sender.empty() ? 2u : 0u);
      if (names_at_end == size && size <= 4) {
        end = s; // "- Ryan"
      } else if (closing) {
        end = s; // "Best regards, Ana" / "Saludos"
      } else if (s > pos && marked[s - 1] == "/" && size <= 2 && sender.empty()) {
        end = s; // "…\n- ryan", no sender name given
      } else if (names_at_end > 0 && names_at_end < size) {
        end -= names_at_end; // "… on LinkedIn Ana"
        break;
      } else {
        break;
      }
    }
    std::vector<std::string_view> body;
    for (std::size_t i = pos; i < end; ++i) {
      if (!is_mark(marked[i])) body.push_back(marked[i]);
    }
    return body;
  }

  // The stock text `body` is (whole = true) or contains, with the words it covers.
  const StockText* find_stock(const std::vector<std::string_view>& body, bool& whole, std::size_t& distance,
                              std::size_t& from, std::size_t& to) const
  {
    const std::string text = join(body, 0, body.size());
    if (const auto it = stock_exact.find(text); it != stock_exact.end()) {
      whole = true;
      distance = 0;
      from = 0;
      to = body.size();
      return &stock[it->second];
    }
    // Near matches: a few edits (a typo, "Linkedin" split, a word added or dropped) on the whole body, or on a
    // run of words of about a stock text's length inside a longer note.
    if (text.size() + 12 < stock_min) return nullptr;
    const StockText* best = nullptr;
    std::size_t best_distance = SIZE_MAX;
    for (const StockText& s : stock) {
      const std::size_t limit = std::max<std::size_t>(2, s.folded.size() / 12);
      if (text.size() <= s.folded.size() + limit) {
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
        if (body[i] != s.words.front()) continue;
        for (const std::size_t extra : {0, 1, -1}) {
          const std::size_t n = s.words.size() + extra;
          if (n == 0 || i + n > body.size()) continue;
          const std::string window = join(body, i, i + n);
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

  bool is_generic_noun(std::string_view w) const
  {
    if (generic_nouns.contains(std::string(w))) return true;
    if (w.size() > 3 && w.back() == 's' && generic_nouns.contains(std::string(w.substr(0, w.size() - 1)))) return true;
    return w.size() > 4 && w.ends_with("es") && generic_nouns.contains(std::string(w.substr(0, w.size() - 2)));
  }

  static bool contains(const std::vector<std::string>& list, std::string_view w)
  {
    return std::find(list.begin(), list.end(), w) != list.end();
  }

  // "your talk", "tu tesis", "votre article": a possessive of the note's language before a noun that is not
  // generic (profile, experience, network…). Spanish second-person preterites ("presentaste", "comentaste")
  // tell of something the recipient did. At most two such cues count.
  void grammar_cues(const std::vector<std::string_view>& w, Analysis& a) const
  {
    int found = 0;
    const auto poss = possessives.find(a.language);
    const auto mods = modifiers.find(a.language);
    if (poss != possessives.end()) {
      for (std::size_t i = 0; i + 1 < w.size() && found < 2; ++i) {
        if (!contains(poss->second, w[i])) continue;
        std::size_t k = i + 1;
        while (k < w.size() && mods != modifiers.end() && contains(mods->second, w[k])) ++k;
        if (k >= w.size() || w[k].size() < 3 || contains(poss->second, w[k])) continue;
        // "your impressive profile", "your teams": a generic noun up to two words on, or its plural, ties nothing.
        bool generic = false;
        for (std::size_t g = i + 1; g < w.size() && g <= i + 3; ++g) generic = generic || is_generic_noun(w[g]);
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

  void score(const std::vector<std::string_view>& w, Analysis& a) const
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

  Analysis analyse(const Note& note) const
  {
    Analysis a;
    if (is_blank(note.text)) {
      a.blank = true;
      a.language = "zxx";
      return a;
    }
    fold_marked_into(note.text, a.folded);
    const std::vector<std::string_view> marked = words(a.folded);
    for (const auto w : marked) {
      if (!is_mark(w)) a.all.push_back(w);
    }
    std::vector<std::string> recipient, sender;
    const std::string folded_recipient = fold(note.recipient), folded_sender = fold(note.sender);
    for (const auto w : words(folded_recipient)) recipient.emplace_back(w);
    for (const auto w : words(folded_sender)) sender.emplace_back(w);
    a.names = recipient;
    a.names.insert(a.names.end(), sender.begin(), sender.end());

    a.body = strip_courtesy(marked, recipient, sender);
    std::size_t from = 0, to = 0;
    a.stock = find_stock(a.body, a.stock_whole, a.stock_distance, from, to);
    if (a.stock && !a.stock_whole) {
      // Stock text plus words of the sender's own: judge the rest. A rest that is only courtesy is no rest.
      for (std::size_t i = 0; i < a.body.size(); ++i) {
        if (i < from || i >= to) a.scope.push_back(a.body[i]);
      }
      const auto c = closings.longest_at(a.scope, 0);
      const auto g = greetings.longest_at(a.scope, 0);
      std::size_t rest = a.scope.size() - std::max(c.length, g.length);
      std::size_t named = 0;
      for (const auto w : a.scope) named += is_name(w, a.names) ? 1 : 0;
      if (rest <= named) a.stock_whole = true;
    } else {
      a.scope = a.all;
    }
    a.language = detect_language(note.text, a.all);
    if (a.stock_whole) return a;

    a.signals = find_signals(note.text, merge_fields, spam_domains, a.names, [this](std::string_view w) {
      const std::vector<std::string_view> one{w};
      return greetings.longest_at(one, 0).length == 1 || closings.longest_at(one, 0).length == 1 || is_title(w);
    });
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
    score(a.scope, a);
    grammar_cues(a.scope, a);
    return a;
  }

  Result decide(const Analysis& a, bool in_campaign, std::size_t campaign_size, std::size_t campaign_pairs) const
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
      if (a.body.size() < a.all.size()) r.reasons.push_back("greeting, names or sign-off around it ignored");
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
      if (a.stock)
        r.reasons.push_back(fmt::format("contains the stock text ({}) \"{}\", judged on the rest", a.stock->language,
                                        shorten(a.stock->text)));
    };
    const int spam_threshold = 4;
    if (a.spam >= spam_threshold || (in_campaign && a.spam >= 3)) {
      r.label = Label::spam;
      r.confidence = std::min(0.99, 0.6 + 0.05 * a.spam);
      r.reasons.push_back(fmt::format("sales or scam signals, score {} (spam from {})", a.spam,
                                      in_campaign ? 3 : spam_threshold));
      if (!a.spam_hits.empty()) r.reasons.push_back("selling words: " + list(a.spam_hits));
      for (auto& s : signal_reasons) r.reasons.push_back(s);
      if (in_campaign)
        r.reasons.push_back(fmt::format("mass campaign: the same text in {} notes ({} sender/recipient pairs)",
                                        campaign_size, campaign_pairs));
      add_stock_reason();
      return r;
    }
    if (in_campaign) {
      r.label = Label::template_text;
      r.confidence = 0.9;
      r.reasons.push_back(fmt::format("mass campaign: the same text, names masked, in {} notes ({} sender/recipient "
                                      "pairs)",
                                      campaign_size, campaign_pairs));
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
    if (a.scope.size() <= 4) r.reasons.push_back(fmt::format("only {} word{}, no reason given", a.scope.size(),
                                                            a.scope.size() == 1 ? "" : "s"));
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
  return impl_->decide(impl_->analyse(note), false, 0, 0);
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
  std::vector<Analysis> analyses;
  analyses.reserve(notes.size());
  for (const Note& n : notes) analyses.push_back(impl_->analyse(n));

  std::vector<CampaignInput> inputs(notes.size());
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const Analysis& a = analyses[i];
    if (a.blank || a.stock_whole) continue;
    inputs[i].words = &a.scope;
    inputs[i].names = &a.names;
    inputs[i].sender = notes[i].sender;
    inputs[i].recipient = notes[i].recipient;
  }
  const std::vector<CampaignMembership> campaigns = find_campaigns(inputs);

  std::vector<Result> results;
  results.reserve(notes.size());
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const CampaignMembership& c = campaigns[i];
    Result r = impl_->decide(analyses[i], c.first >= 0, c.size, c.pairs);
    r.campaign = c.first;
    results.push_back(std::move(r));
  }
  return results;
}

} // namespace motivo::classify
