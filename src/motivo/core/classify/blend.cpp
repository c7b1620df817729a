#include <motivo/core/classify/calibration.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/classify/note_model.hpp>
#include <motivo/core/data_files.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>

// The shipped note model's features and its say in the label (issue 22, docs/CLASSIFIER.md "How a note is read").
namespace motivo::classify {

namespace {

// MurmurHash3's finaliser: spreads a 32-bit value over the 22 bits kept.
std::uint32_t mix(std::uint32_t h)
{
  h ^= h >> 16;
  h *= 0x85EBCA6Bu;
  h ^= h >> 13;
  h *= 0xC2B2AE35u;
  h ^= h >> 16;
  return h & NoteModel::feature_mask;
}

// The longest note the model may call personal without a sign of it the rules saw (step 11).
constexpr std::size_t max_words_unsigned = 30;
// The longest body the model may call a stock text (LinkedIn's are 8 to 20 words in every language).
constexpr std::size_t max_words_stock = 25;
// How sure the model must be to call personal a note typed in lower case throughout, without a sign the rules saw.
constexpr double informal_share = 0.9;

constexpr std::uint32_t fnv_basis = 2166136261u, fnv_prime = 16777619u;

// A rule signal as a feature: its kind and its value, hashed apart from the n-grams.
std::uint32_t signal(std::uint32_t kind, std::uint32_t value)
{
  return mix(0x9E3779B9u * (kind + 1) + value + 0x5BD1E995u);
}

std::uint32_t text_hash(std::string_view s, std::uint32_t seed)
{
  std::uint32_t h = fnv_basis ^ seed;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * fnv_prime;
  return h;
}

// The text the n-grams are read from: the body (or what is judged beside a stock text), names left out, digits as
// 0, words between single spaces and a space at each end.
void model_text(const Analysis& a, std::string& text)
{
  text.assign(1, ' ');
  for (const std::string_view w : a.stock ? a.scope : a.body) {
    if (!a.names.empty() && std::find(a.names.begin(), a.names.end(), w) != a.names.end()) continue;
    text.append(w);
    text += ' ';
  }
  for (char& c : text) c = c >= '0' && c <= '9' ? '0' : c;
}

// FNV-1a of the byte `c` into `h`.
std::uint32_t fnv(std::uint32_t h, unsigned char c)
{
  return (h ^ c) * fnv_prime;
}

// The label the model prefers among the labels from `from` on, and its share of their probability.
void choose(const NoteModel::Scores& p, std::size_t from, std::size_t& best, double& share)
{
  double open = 0;
  for (std::size_t k = from; k < p.size(); ++k) open += p[k];
  best = static_cast<std::size_t>(std::max_element(p.begin() + static_cast<std::ptrdiff_t>(from), p.end()) - p.begin());
  share = p[best] / open;
}

// The romance scam's opening (data/romance_signs.tsv): compliments on the recipient's looks and messengers, folded,
// with their marks ("word*" a word's beginning, "~part" inside a word).
struct RomanceSigns {
  std::vector<std::string> compliments, messengers;
  // The messengers of one or two words ("zalo", "whatsapp*", "line id"), by their first byte: a note's words are
  // compared with them once each.
  std::array<std::vector<std::string_view>, 256> by_first;
};
const RomanceSigns& romance_signs()
{
  static const RomanceSigns list = [] {
    RomanceSigns l;
    std::string folded;
    for (const auto& r : data::rows("romance_signs.tsv")) {
      if (r.size() < 3 || r[2].empty()) continue;
      const std::string_view p = r[2];
      const bool part = p.front() == '~', prefix = p.back() == '*';
      fold_into(p.substr(part ? 1 : 0, p.size() - (part ? 1 : 0) - (prefix ? 1 : 0)), folded);
      if (folded.empty()) continue;
      (r[1] == "messenger" ? l.messengers : l.compliments).push_back((part ? "~" : "") + folded + (prefix ? "*" : ""));
    }
    for (const std::string& m : l.messengers) {
      if (m.front() != '~') l.by_first[static_cast<unsigned char>(m.front())].push_back(m);
    }
    return l;
  }();
  return list;
}

// Whether a messenger of one or two words (RomanceSigns::by_first) is among `words`.
bool names_messenger(const RomanceSigns& signs, const std::vector<std::string_view>& words)
{
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty()) continue;
    for (std::string_view p : signs.by_first[static_cast<unsigned char>(words[i].front())]) {
      const std::size_t space = p.find(' ');
      const std::string_view second = space == std::string_view::npos ? "" : p.substr(space + 1);
      p = p.substr(0, space);
      const bool prefix = p.back() == '*';
      if (prefix) p.remove_suffix(1);
      if (!(prefix ? words[i].starts_with(p) : words[i] == p)) continue;
      if (second.empty() || (i + 1 < words.size() && words[i + 1] == second)) return true;
    }
  }
  return false;
}

// Whether `pattern` (RomanceSigns) is in `text`, folded words between single spaces with a space at each end.
bool has_sign(std::string_view text, std::string_view pattern)
{
  if (pattern.front() == '~') return text.find(pattern.substr(1)) != std::string_view::npos;
  const bool prefix = pattern.back() == '*';
  if (prefix) pattern.remove_suffix(1);
  for (std::size_t at = text.find(pattern); at != std::string_view::npos; at = text.find(pattern, at + 1)) {
    if (text[at - 1] == ' ' && (prefix || text[at + pattern.size()] == ' ')) return true;
  }
  return false;
}

// A guard read after the rules and the model overrules them: the note is spam, for `reason`, the rules' and the
// model's label kept as the second reason.
bool overrule_as_spam(const char* reason, Result& r)
{
  r.reasons.insert(r.reasons.begin(), {reason, fmt::format("the rules and the model: {}", label_name(r.label))});
  r.label = Label::spam;
  r.confidence = 0.85;
  return true;
}

} // namespace

void Classifier::Impl::model_features(const Analysis& a, Label rules, bool with_rules,
                                      std::vector<std::uint32_t>& out) const
{
  out.clear();
  thread_local std::string text;
  model_text(a, text);
  // Byte n-grams of 3, 4 and 5 (within and across words), and each word whole.
  // (In this order: training sums the features in it.)
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  out.reserve(3 * n + 64);
  std::size_t i = 0;
  for (; i + 5 <= n; ++i) {
    std::uint32_t h = fnv(fnv(fnv(fnv_basis, p[i]), p[i + 1]), p[i + 2]);
    out.push_back(mix(h + 2));
    h = fnv(h, p[i + 3]);
    out.push_back(mix(h + 3));
    h = fnv(h, p[i + 4]);
    out.push_back(mix(h + 4));
  }
  for (; i + 3 <= n; ++i) { // the last two positions: no 5-gram (nor 4-gram) fits
    std::uint32_t h = fnv_basis;
    for (std::size_t j = 0; i + j < n; ++j) {
      h = fnv(h, p[i + j]);
      if (j >= 2) out.push_back(mix(h + static_cast<std::uint32_t>(j)));
    }
  }
  for (std::size_t from = 1, to; from < n; from = to + 1) {
    to = text.find(' ', from);
    out.push_back(mix(text_hash(std::string_view(text).substr(from, to - from), 0x57u)));
  }
  if (!with_rules) return;
  const auto capped = [](int v, int cap) { return static_cast<std::uint32_t>(std::clamp(v, 0, cap)); };
  const Signals& s = a.signals;
  const int named = std::min(s.named_things, 1) + (s.distinct_named && a.spam == 0 ? 1 : 0);
  const int evidence = a.personal + named + (s.question ? 1 : 0) + (s.quoted ? 1 : 0) + (s.reference ? 2 : 0);
  out.push_back(signal(0, static_cast<std::uint32_t>(rules)));
  out.push_back(signal(1, capped(a.spam, 10)));
  out.push_back(signal(2, capped(a.personal, 8)));
  out.push_back(signal(3, capped(a.generic, 8)));
  out.push_back(signal(4, capped(s.named_things, 4)));
  out.push_back(signal(5, capped(evidence - a.generic - a.spam / 2 + 4, 12)));
  out.push_back(signal(6, static_cast<std::uint32_t>(std::bit_width(a.scope_words))));
  const bool flags[] = {s.question,
                        s.quoted,
                        s.reference,
                        !s.merge_fields.empty(),
                        s.money,
                        s.url,
                        s.phone,
                        s.email,
                        s.percent,
                        s.short_call,
                        s.guaranteed,
                        a.referral,
                        a.spam_soft,
                        a.request,
                        a.stock != nullptr && !a.stock_whole,
                        a.pitch};
  for (std::uint32_t k = 0; k < std::size(flags); ++k) {
    if (flags[k]) out.push_back(signal(7, k));
  }
  for (const std::string_view family : a.spam_families) out.push_back(mix(text_hash(family, 0x71u)));
}

bool Classifier::Impl::wish_alone(const Analysis& a) const
{
  if (a.wish_bytes == 0 || a.cue_points > 0 || a.spam > 0 || a.signals.quoted || a.signals.reference) return false;
  // The note's own words: not a name, a courtesy formula, a year or a number. The wish's are among them.
  std::size_t own = 0;
  for (std::size_t i = 0; i < a.scope.size(); ++i) {
    const std::string_view w = a.scope[i];
    if ((flags_of(a.scope_ids[i]) & courtesy_word_bit) || is_address(w, a.names) ||
        std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    own += w.size();
  }
  return own <= 2 * a.wish_bytes;
}

// Where a signature the sign-off missed begins in the body: a closing formula, then the sender's name with up to
// two words of title before it and two after ("Cordialement, Me Maëlle Guérin, avocate", "Venlig hilsen Anders
// Holst, cand.merc.", "مع التحية، م. كريم حداد"); the body's size when there is none.
std::size_t Classifier::Impl::titled_signature(const Analysis& a) const
{
  const std::vector<std::string_view>& b = a.body;
  std::size_t name = b.size();
  for (std::size_t i = b.size(); i-- > 0 && b.size() - i <= 3;) {
    if (is_name(b[i], a.sender)) {
      name = i;
      break;
    }
  }
  if (name == b.size()) return b.size();
  while (name > 0 && is_name(b[name - 1], a.sender)) --name;
  for (std::size_t from = name; from > 0 && from + 2 >= name; --from) {
    for (std::size_t c = from > 4 ? from - 4 : 0; c < from; ++c) {
      if (closings.longest_at(a.body_ids, c).length == from - c) return c;
    }
  }
  return b.size();
}

// The stock text reworded: a request to connect on LinkedIn and nothing more, in words the catalog's older texts
// add around it (the reason "since you are a person I trust", "Поскольку вы человек, которому я доверяю"; a
// signature's formula, "陈静敬上"; an honorific, "الأستاذة ليلى المحترمة"; the formal "Dem"), signed or not (a
// signature with a title, titled_signature). Read here, after the rules and apart from the model's features, so
// that neither the rules' other labels nor the note model (trained on those features) move.
bool Classifier::Impl::reworded_stock(const Analysis& a, Result& r) const
{
  if (r.label == Label::default_text || r.label == Label::empty || a.spam > 0 || !a.signals.merge_fields.empty())
    return false;
  thread_local std::string language;
  thread_local std::vector<std::string_view> body;
  body.assign(a.body.begin(), a.body.begin() + static_cast<std::ptrdiff_t>(titled_signature(a)));
  const auto courtesy = [this, &a](std::string_view w) {
    return (flags_of(vocab.find(w)) & courtesy_word_bit) != 0 || is_address(w, a.names);
  };
  // (A catalog text with one word more, a name the signature check missed: "我想邀请您加入我的领英职业人脉。李明"; or
  // a request in the lexicon's words before a signature with a title.)
  const bool signed_off = body.size() < a.body.size();
  const bool reworded = requests.matches(body, a.names, courtesy, language, true) ||
                        ((a.stock != nullptr || signed_off) && requests.matches(body, a.names, courtesy, language));
  if (!reworded) return false;
  r.label = Label::default_text;
  r.confidence = 0.85; // as sure as a request in other words (Analysis::request)
  r.reasons.assign({fmt::format("only asks to connect on LinkedIn ({}), in the words of an older or reworded stock "
                                "text: the platform's stock text in other words",
                                language.empty() ? a.language : language)});
  if (a.body_words < a.all_words || signed_off) r.reasons.push_back("greeting, names or sign-off around it ignored");
  return true;
}

// A pitch about the recipient's site or shop: a search phrase in quotes beside a search engine or marketplace, or a
// word saying someone searched (Signals::searched: "your webshop is not on Google for 'cykeltasker København'", "di
// Shopee ... 'batik tulis Solo'", "når man søker \"frisør Oslo sentrum\""), and no tie shared with the recipient (no
// cue of 3, no referral: as Analysis::pitch). What it names of theirs (the shop, the town) a pitch researches. Read
// after the rules and the model, apart from the model's features.
bool Classifier::Impl::searched_pitch(const Analysis& a, Result& r) const
{
  if (!a.signals.searched || a.cue_points >= 3 || a.referral ||
      (r.label != Label::personalized && r.label != Label::template_text))
    return false;
  return overrule_as_spam("quotes a search phrase beside a search engine, a marketplace or a search, and shares no tie "
                          "with the recipient: a pitch about their site or shop",
                          r);
}

// A romance scam's opening: the recipient's looks or photo praised and the contact moved to a messenger ("사진 보고
// 너무 아름다우셔서 … 카톡 아이디", "ảnh đại diện chị rất xinh … qua Zalo"), and no tie shared (no cue of 3, no
// referral). Either alone a genuine note may hold ("your photo exhibition", "our WhatsApp group"); the messenger's
// name and the photo are what the rules' named things and the model read as personal. Read after the rules and the
// model, apart from the model's features (data/romance_signs.tsv is read by nothing else).
bool Classifier::Impl::romance_move(const Analysis& a, Result& r) const
{
  if (a.cue_points >= 3 || a.referral || (r.label != Label::personalized && r.label != Label::template_text))
    return false;
  const RomanceSigns& signs = romance_signs();
  thread_local std::string text;
  const auto found = [](const std::vector<std::string>& patterns) {
    return std::any_of(patterns.begin(), patterns.end(), [](const std::string& p) { return has_sign(text, p); });
  };
  // A messenger: a messaging hit of the spam lexicon, or one it lacks among the note's words ("Zalo", "WhatsApp'tan");
  // in a note without capitals or mostly in a script without them, inside its clauses too ("LINEでお話し").
  bool messenger = std::find(a.spam_families.begin(), a.spam_families.end(), "messaging") != a.spam_families.end();
  const bool cased = a.signals.capital_words > 0 && 2 * a.signals.cased_words > a.signals.words;
  if (!messenger && cased && !(messenger = names_messenger(signs, a.all))) return false;
  text.assign(1, ' ');
  for (const std::string_view w : a.all) {
    if (is_address(w, a.names)) continue;
    text.append(w);
    text += ' ';
  }
  if ((!messenger && !found(signs.messengers)) || !found(signs.compliments)) return false;
  return overrule_as_spam("praises the recipient's looks and moves the contact to a messenger, and shares no tie with "
                          "them: a stranger's approach",
                          r);
}

void Classifier::Impl::blend(const Analysis& a, Result& r) const
{
  blend_model(a, r);
  if (use == ModelUse::blend && !a.blank && !searched_pitch(a, r)) romance_move(a, r);
}

void Classifier::Impl::blend_model(const Analysis& a, Result& r) const
{
  if (use == ModelUse::rules || a.blank) return;
  if (use == ModelUse::blend && reworded_stock(a, r)) return;
  // The rules keep what they are sure of: a stock text, an unfilled merge field.
  const bool locked = r.label == Label::empty || r.label == Label::default_text || !a.signals.merge_fields.empty();
  if (use == ModelUse::blend && locked) return;
  // A wish alone ("Happy New Year! Wishing you success in 2027", "Bon Nadal i feliç any nou!") could be sent to
  // anyone: its holiday's capitals and its year tie it to no one, and it sells nothing. Neither the rules nor the
  // model make it personal or spam.
  const bool wish = use == ModelUse::blend && a.wish_bytes > 0 && wish_alone(a);
  if (wish) {
    if (r.label != Label::template_text) {
      r.reasons.assign({fmt::format("the rules alone: {} ({:.2f})", label_name(r.label),
                                    Calibration::embedded().probability(r.label, r.confidence))});
      r.label = Label::template_text;
    }
    r.reasons.insert(r.reasons.begin(),
                     "a holiday or season wish, or a courtesy, and nothing more: it could be sent to anyone");
    r.confidence = 0.9; // as sure as the rules' surest templates: no set had a wish alone that was more
  }
  // Only where the rules are unsure: every template (the label their doubt falls to), and a spam or personal label
  // with a small margin.
  if (use == ModelUse::blend && r.label != Label::template_text && r.confidence >= unsure_below) return;
  const double rules = Calibration::embedded().probability(r.label, r.confidence);
  thread_local std::vector<std::uint32_t> features;
  model_features(a, r.label, use == ModelUse::blend, features);
  const NoteModel::Scores p = model->predict(features);
  // Blended, the model chooses among template, spam and personalized, and may find a stock text the rules read as a
  // template (a wording the catalog lacks); alone, it chooses among every label.
  const Label first = use == ModelUse::model                                               ? Label::empty
                      : r.label == Label::template_text && a.body_words <= max_words_stock ? Label::default_text
                                                                                           : Label::template_text;
  std::size_t best = 0;
  double share = 0;
  choose(p, static_cast<std::size_t>(first), best, share);
  // Every stock text asks to join, add to or connect with a network, or names LinkedIn: a greeting and a courtesy
  // wish alone ("Merhaba Deniz, iyi çalışmalar!") are no stock text, whatever their n-grams share with one.
  // Nor does the model's second thought make such a note personal: it read it as a stock text.
  // A note typed in lower case throughout in a script with capitals, with no sales signal, is a friend's informal
  // note more often than a pitch ("ань привет, это дима с физтеха"): the model's spam is not taken there.
  // (Most of its words in such a script: a Latin handle in an Arabic or Thai romance scam is no such note.)
  const bool informal = a.signals.capital_words == 0 && a.signals.cased_words >= 3 &&
                        2 * a.signals.cased_words > a.signals.words && a.spam == 0;
  if (use == ModelUse::blend && informal && all_labels[best] == Label::spam) {
    NoteModel::Scores q = p;
    q[static_cast<std::size_t>(Label::spam)] = 0;
    choose(q, static_cast<std::size_t>(first), best, share);
  }
  const bool no_stock = use == ModelUse::blend && all_labels[best] == Label::default_text && !requests.mentions(a.all);
  // Nor is a note that names a person, a post, an event or a community by a name of several capitalised words ("what
  // a great Never Search Alone web meeting", "saw you engaged with Andrea Nguyen's point") or shares a tie: no stock
  // text names anything. (One capitalised word may be a polite pronoun, "Vaší", "Anda"; capitals on lines of their
  // own may be a signature's, which a stock text may carry.)
  const bool names_something = a.cue_points >= 3 || a.signals.quoted || a.signals.reference ||
                               (std::any_of(a.signals.named.begin(), a.signals.named.end(),
                                            [](const std::string& n) { return n.find(' ') != std::string::npos; }) &&
                                std::find(a.marked_ids.begin(), a.marked_ids.end(), mark_line) == a.marked_ids.end());
  const bool named_not_stock = use == ModelUse::blend && all_labels[best] == Label::default_text && names_something;
  if (no_stock || named_not_stock) choose(p, static_cast<std::size_t>(Label::template_text), best, share);
  const Label label = all_labels[best];
  const std::string line = fmt::format("model: {:.2f} {}", share, label_name(label));
  // Doubt goes to template: the model makes a note personal only when the rules saw something of it — a named
  // thing, a cue, a quoted title, an issue; in scripts without capitals, where nothing is named by its capitals, a
  // note of any kind — and a note of more than 30 words only with a sign beyond capitalised names, which a polite
  // pitch has plenty of (its company, its city).
  const bool personal_sign = a.personal > 0 || a.signals.quoted || a.signals.reference;
  const bool caseless = std::none_of(a.body.begin(), a.body.end(), [](std::string_view w) {
    return std::any_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  });
  // Nor can a note typed in lower case throughout name anything by its capitals ("siema kuba, fajnie bylo pogadac
  // na hackathonie w krakowie"): there the model's confident reading of the words stands as in a script without
  // capitals.
  const bool lower_case = a.signals.capital_words == 0 && share >= informal_share;
  const bool something = personal_sign || a.signals.named_things > 0 || caseless || lower_case;
  // A pitch's shape (Analysis::pitch): what it names is what a pitch researches, so only a shared tie would do.
  const bool too_little = !something || a.pitch || no_stock || wish ||
                          (!personal_sign && !a.signals.question && a.scope_words > max_words_unsigned);
  if (use == ModelUse::blend && r.label != label &&
      ((label == Label::personalized && too_little) || (label == Label::spam && wish))) {
    r.reasons.push_back(line);
    return;
  }
  if (label == r.label) {
    r.reasons.push_back(line);
  } else {
    r.reasons.insert(r.reasons.begin(),
                     {line, fmt::format("the rules alone: {} ({:.2f})", label_name(r.label), rules)});
    r.label = label;
  }
  r.confidence = share;
}

} // namespace motivo::classify
