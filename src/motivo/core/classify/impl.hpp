#pragma once

// The classifier's internals, shared by its source files (catalog.cpp, analysis.cpp, classifier.cpp); not for
// use outside core/classify.

#include <motivo/core/classify/campaigns.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/phrases.hpp>
#include <motivo/core/classify/requests.hpp>
#include <motivo/core/classify/signals.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace motivo::classify {

struct StockText {
  std::string language, era, text, status;
  std::string folded;
  std::vector<std::string> words;
  std::vector<std::uint32_t> ids;
};

struct WeightedEntry {
  std::string language, kind, pattern;
  int weight = 1;
  std::string family; // spam entries: the kind of pitch (data/spam_lexicon.tsv), named in the reasons
};

inline void join_into(const std::vector<std::string_view>& words, std::size_t from, std::size_t to, std::string& out)
{
  out.clear();
  for (std::size_t i = from; i < to && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out.append(words[i]);
  }
}

inline std::string shorten(std::string_view text, std::size_t max = 60)
{
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

// Everything learned about one note before the batch-level decisions. One Analysis per thread is reused
// from note to note: its buffers keep their capacity, so a note costs almost no allocation.
struct Analysis {
  // Scratch
  std::string folded; // marked fold of the text
  std::string folded_recipient, folded_sender, joined;
  std::vector<std::string_view> marked; // words and marks
  std::vector<std::uint32_t> marked_ids;
  std::vector<std::string_view> recipient, sender; // folded name words (views into folded_recipient, _sender)
  // What was found
  bool blank = false;
  std::vector<std::string_view> all;   // every word of the note (marks removed)
  std::vector<std::string_view> body;  // without greeting and sign-off
  std::vector<std::string_view> scope; // what is judged: the body, minus a stock text found inside it
  std::size_t body_end = 0;            // where the body ends in `marked` (a sign-off after it)
  std::vector<std::uint32_t> all_ids, body_ids, scope_ids; // their Vocabulary ids
  std::vector<std::string_view> names;                     // folded words of the sender's and recipient's names
  std::string language;
  const StockText* stock = nullptr; // the stock text the note is, or contains
  bool stock_whole = false;         // the body is the stock text (label default)
  std::size_t stock_distance = 0;
  bool request = false; // the body is only a request to connect on LinkedIn (the stock text reworded)
  Signals signals;
  int spam = 0, generic = 0, personal = 0;
  bool spam_soft = false; // the spam points come only from asking for a call and plain selling words
  bool referral = false;  // a personal cue of kind referral: someone named sent the sender
  int cue_points = 0;     // the personal cues' own points (data/personal_cues.tsv): no possessive, no year
  // A pitch's shape: words of sales intent (sales_intent() >= pitch_spam) and no tie shared with the recipient (no
  // referral, no cue of 3). What it names of the recipient's (site, town, search phrase, post) a pitch researches.
  bool pitch = false;
  // Bytes of the scope that the wishes of data/generic_phrases.tsv (kind wish: "happy new year", "bon nadal",
  // "wishing you success") cover: a note that is a wish and nothing more is a template (blend.cpp).
  std::size_t wish_bytes = 0;
  std::vector<std::string> spam_hits, generic_hits, personal_hits;
  std::vector<std::string_view> spam_families; // the family of each spam hit (views into the catalog)
  std::vector<int> spam_weights;               // and its weight
  std::size_t scope_words = 0, body_words = 0, all_words = 0;
  Skeleton skeleton;         // for campaign detection, when has_skeleton
  bool has_skeleton = false; // the note is long enough to have one

  void reset()
  {
    blank = false;
    for (auto* v : {&marked, &all, &body, &scope}) v->clear();
    for (auto* v : {&marked_ids, &all_ids, &body_ids, &scope_ids}) v->clear();
    for (auto* v : {&recipient, &sender, &names}) v->clear();
    for (auto* v : {&spam_hits, &generic_hits, &personal_hits}) v->clear();
    spam_families.clear();
    spam_weights.clear();
    language.clear();
    stock = nullptr;
    stock_whole = false;
    stock_distance = 0;
    request = false;
    signals.clear();
    spam = generic = personal = 0;
    spam_soft = false;
    referral = false;
    cue_points = 0;
    pitch = false;
    wish_bytes = 0;
    scope_words = body_words = all_words = 0;
    has_skeleton = false;
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
inline int language_bit(std::string_view code)
{
  for (std::size_t i = 0; i < known_languages.size(); ++i) {
    if (known_languages[i] == code) return static_cast<int>(i);
  }
  return -1;
}

// What a vocabulary word is, beyond the phrases it starts: bits 0-5 stopword of a language, 6-11 possessive,
// 12-17 modifier, bit 18 a generic noun, bit 19 a greeting, closing or title of one word ("hi", "dear", "dr"),
// bit 20 the first word of a stock text.
enum : std::uint32_t {
  stopword_bits = 0,
  possessive_bits = 6,
  modifier_bits = 12,
  generic_noun_bit = 1u << 18,
  courtesy_word_bit = 1u << 19,
  stock_first_bit = 1u << 20 // the first word of a stock text
};

struct Classifier::Impl {
  Vocabulary vocab;
  std::vector<std::uint32_t> flags;               // by vocabulary id
  std::uint32_t mark_sentence = 0, mark_line = 0; // ids of "|" and "/"
  std::vector<StockText> stock;
  std::unordered_map<std::string, std::size_t> stock_exact;
  std::size_t stock_min = SIZE_MAX, stock_max = 0; // folded lengths
  std::size_t min_stock_words = SIZE_MAX;

  std::vector<WeightedEntry> generic, spam, personal;
  std::vector<std::size_t> wish_sizes; // the folded bytes of each wish (data/generic_phrases.tsv, kind wish)
  // Words only the wishes know have ids from here on: the sign-off's "one or two words no catalog knows" still
  // counts them unknown, so a wish list never changes where a note's body ends.
  std::uint32_t wish_words_from = 0;
  bool is_unknown(std::uint32_t id) const { return id == Vocabulary::unknown || id >= wish_words_from; }
  // The generic, spam and personal phrases in one index (a note's words are looked up once): a payload is
  // its list (cue_kind_shift and up) and its index in that list.
  PhraseIndex cues{vocab}, greetings{vocab}, closings{vocab}, titles{vocab};
  enum CueKind : std::uint32_t { generic_cue = 0, spam_cue = 1, personal_cue = 2, wish_cue = 3 };
  static constexpr std::uint32_t cue_kind_shift = 30, cue_index_mask = (1u << cue_kind_shift) - 1;
  std::vector<std::string> spam_domains; // shorteners and handles with dots, lower case
  std::vector<int> spam_domain_weights;
  std::vector<std::string> spam_domain_families;
  // Phrases of scripts written without spaces ("~微信" in a data file), found inside words.
  InWordPhrases part_cues;
  void add_cue(const std::string& pattern, std::uint32_t payload);
  MergeFieldCatalog merge_fields;
  ConnectRequests requests;

  std::uint32_t flags_of(std::uint32_t id) const { return id < flags.size() ? flags[id] : 0; }

  bool is_name(std::string_view w, const std::vector<std::string_view>& names) const
  {
    return std::find(names.begin(), names.end(), w) != names.end();
  }

  // A word that addresses someone: one of `names`, the same name declined ("Оксано" for Оксана, "Anno" for
  // Anna: the same first letters, another ending of up to two letters), or a word ending in an honorific
  // ("田中様", "김지훈님", "王经理您好"; data/courtesy.tsv, kind honorific).
  bool is_address(std::string_view w, const std::vector<std::string_view>& names) const;
  // The part of is_address that depends on `names` beyond is_name: the name declined, at least three letters in
  // common at the start, and at most four bytes (two letters of any alphabet) of different ending on either side.
  static bool is_declined(std::string_view w, const std::vector<std::string_view>& names)
  {
    for (const std::string_view n : names) {
      if (n.size() < 4 || w.size() < 4) continue;
      std::size_t common = 0;
      while (common < n.size() && common < w.size() && n[common] == w[common]) ++common;
      while (common > 0 && common < w.size() && (static_cast<unsigned char>(w[common]) & 0xC0) == 0x80)
        --common; // whole letters
      if (common >= 3 && n.size() - common <= 4 && w.size() - common <= 4 && common * 2 >= n.size()) return true;
    }
    return false;
  }
  std::vector<std::string> honorifics; // folded

  bool is_title(std::uint32_t id) const { return titles.is_word(id); }
  bool is_mark_id(std::uint32_t id) const { return id == mark_sentence || id == mark_line; }

  // The label of an analysed note. In a campaign, the batch adds the line saying which campaign (see
  // classify_batch); here in_campaign only chooses the branch.
  static constexpr int spam_threshold = 4, campaign_spam_threshold = 3;
  // From these points of sales intent on, a note without a shared tie has a pitch's shape (Analysis::pitch).
  static constexpr int pitch_spam = 2;

  // The note model and how it is used (blend.cpp).
  const NoteModel* model = nullptr;
  ModelUse use = ModelUse::rules;
  double unsure_below = 0.8;
  void model_features(const Analysis& a, Label rules, bool with_rules, std::vector<std::uint32_t>& out) const;
  bool reworded_stock(const Analysis& a, Result& r) const; // the blend's first guard: a stock text reworded
  std::size_t titled_signature(const Analysis& a) const;   // where a signature with a title begins in the body
  // The rules' result `r` for a note read on its own, with the model's say where the rules are unsure.
  void blend(const Analysis& a, Result& r) const;
  void blend_model(const Analysis& a, Result& r) const;    // the model's say, where the rules are unsure
  bool searched_pitch(const Analysis& a, Result& r) const; // the blend's last guards: a search-ranking pitch,
  bool romance_move(const Analysis& a, Result& r) const;   // and a romance scam's opening
  // A holiday or season wish and nothing more (Analysis::wish_bytes): no cue, no quoted title, and no more of its
  // own words beside the wish than the wish's.
  bool wish_alone(const Analysis& a) const;
  Result judge(const Analysis& a) const
  {
    Result r = decide(a, false);
    blend(a, r);
    return r;
  }

  Impl();
  // Text analysis (analysis.cpp).
  std::size_t signature_in_body(std::string_view text, const Analysis& a) const;
  bool request_before_signature(std::string_view text, const Analysis& a, std::string& language) const;
  std::pair<std::size_t, std::size_t> strip_courtesy(const std::vector<std::string_view>& marked,
                                                     const std::vector<std::uint32_t>& ids,
                                                     const std::vector<std::string_view>& recipient,
                                                     const std::vector<std::string_view>& sender) const;
  std::size_t closing_before(const std::vector<std::string_view>& marked, const std::vector<std::uint32_t>& ids,
                             std::size_t pos, std::size_t s) const;
  static std::size_t shared_words(const StockText& s, const std::vector<std::uint32_t>& ids, std::size_t from,
                                  std::size_t to);
  const StockText* find_stock(const std::vector<std::string_view>& body, const std::vector<std::uint32_t>& ids,
                              std::string& text, bool& whole, std::size_t& distance, std::size_t& from,
                              std::size_t& to) const;
  void grammar_cues(const std::vector<std::string_view>& w, const std::vector<std::uint32_t>& ids, Analysis& a) const;
  void score(const std::vector<std::uint32_t>& w, Analysis& a) const;
  static int spam_score(const Analysis& a, bool& soft);
  // The points of the phrases of sales intent (Analysis::pitch), and those phrases when `hits` is given.
  static int sales_intent(const Analysis& a, std::vector<std::string_view>* hits = nullptr);
  std::string language_of(std::string_view text, const std::vector<std::uint32_t>& ids) const;
  void analyse(const Note& note, bool want_skeleton, Analysis& a) const;
  // The words of the note (folded, with their ids), its greeting and sign-off, the stock text it is or contains,
  // and the scope that is judged; no language yet.
  void read_words(const Note& note, Analysis& a) const;
  // Whether the body's words alone are a request to connect (ConnectRequests::matches), and in which language.
  bool reads_as_request(const Analysis& a, std::string& language) const;
  // What campaign detection needs, and only that (batch.cpp): whether the note is blank, a stock text or a request
  // to connect, and otherwise its skeleton (a.has_skeleton, a.skeleton), as analyse(note, true, a) gives them.
  // Language, signals and scores are left unset unless the body reads as a request.
  void analyse_skeleton(const Note& note, Analysis& a) const;
  // Labels and reasons (classifier.cpp).
  static std::string stock_part_reason(const StockText& stock);
  Result decide(const Analysis& a, bool in_campaign) const;
};

} // namespace motivo::classify
