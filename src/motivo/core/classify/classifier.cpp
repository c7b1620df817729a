#include <motivo/core/classify/calibration.hpp>
#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/classify/note_model.hpp>
#include <motivo/core/enum_names.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <future>
#include <memory>
#include <string>

namespace motivo::classify {

namespace {

constexpr std::string_view label_names[] = {"empty", "default", "template", "spam", "personalized"};
static_assert(std::size(label_names) == std::size(all_labels));

} // namespace

std::string_view label_name(Label label)
{
  return enum_name(label, label_names);
}

std::optional<Label> parse_label(std::string_view name)
{
  if (name == "personalised") return Label::personalized;
  return parse_enum<Label>(name, label_names);
}

namespace {

// What each family of spam signals (data/spam_lexicon.tsv, column family) is called in a reason.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> family_names = {{
    {"income", "income claims"},
    {"recruitment", "recruiting into a business"},
    {"messaging", "moves the contact to a phone or messaging app"},
    {"link", "links or calls to click"},
    {"price", "prices and offers"},
    {"call", "asks for a call or a demo"},
    {"leads", "sells contacts, leads or meetings"},
    {"seo", "pitches work on a website or its search ranking"},
    {"award_fee", "an award or nomination with a fee"},
    {"investment", "investment returns"},
    {"invoice", "invoice financing, loans or grants"},
    {"scam", "inheritance or romance scam"},
    {"offer", "offers to send an audit, a report or examples"},
    {"pitch", "selling words"},
}};

// One line per family found, in the order first found, added to `reasons`: "income claims: \"from home\"".
void add_spam_family_reasons(const Analysis& a, std::vector<std::string>& reasons)
{
  std::array<std::string_view, 16> done{};
  std::size_t done_count = 0;
  for (std::size_t i = 0; i < a.spam_families.size(); ++i) {
    const std::string_view family = a.spam_families[i];
    if (std::find(done.begin(), done.begin() + static_cast<std::ptrdiff_t>(done_count), family) !=
        done.begin() + static_cast<std::ptrdiff_t>(done_count))
      continue;
    if (done_count < done.size()) done[done_count++] = family;
    std::string_view name = family;
    for (const auto& [key, text] : family_names) {
      if (key == family) name = text;
    }
    std::string& line = reasons.emplace_back(name);
    line += ": ";
    for (std::size_t j = i, n = 0; j < a.spam_hits.size() && n < 6; ++j) {
      if (a.spam_families[j] != family) continue;
      if (n++) line += ", ";
      line += '"';
      line += a.spam_hits[j];
      line += '"';
    }
  }
}

} // namespace

std::string Classifier::Impl::stock_part_reason(const StockText& stock)
{
  return fmt::format("contains the stock text ({}) \"{}\", judged on the rest", stock.language, shorten(stock.text));
}

Result Classifier::Impl::decide(const Analysis& a, bool in_campaign) const
{
  Result r;
  r.reasons.reserve(4); // most notes get two to four: one allocation instead of one at each doubling
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
    r.reasons.push_back(fmt::format(
        "{} stock text ({}, {}{}): \"{}\"", a.stock_distance == 0 ? "the platform's" : "nearly the platform's",
        a.stock->language, a.stock->era, a.stock->status == "confirmed" ? "" : ", " + a.stock->status, a.stock->text));
    if (a.body_words < a.all_words) r.reasons.push_back("greeting, names or sign-off around it ignored");
    return r;
  }
  if (a.request) {
    r.label = Label::default_text;
    r.confidence = 0.85;
    r.reasons.push_back(
        fmt::format("only asks to connect on LinkedIn ({}): the platform's stock text in other words", a.language));
    if (a.body_words < a.all_words) r.reasons.push_back("greeting, names or sign-off around it ignored");
    return r;
  }
  // `prefix` and then up to six hits, quoted: "generic phrases: \"a\", \"b\"".
  const auto listed = [](std::string_view prefix, const std::vector<std::string>& hits) {
    std::string out(prefix);
    for (std::size_t i = 0; i < hits.size() && i < 6; ++i) {
      if (i) out += ", ";
      out += '"';
      out += hits[i];
      out += '"';
    }
    return out;
  };
  const auto list = [&](const std::vector<std::string>& hits) { return listed({}, hits); };
  const auto add_stock_reason = [&] {
    if (a.stock) r.reasons.push_back(stock_part_reason(*a.stock));
  };
  // Personal evidence: cues, a named thing, a concrete question, a quoted title, an issue number. In a pitch's shape
  // (Analysis::pitch) only the cues count: a pitch names the recipient's site, town or search phrase too.
  const int cues = a.pitch ? a.cue_points : a.personal;
  int named = 0, question = 0, evidence = 0;
  if (!a.pitch) {
    named = std::min(a.signals.named_things, 1) + (a.signals.distinct_named && a.spam == 0 ? 1 : 0);
    question = a.signals.question ? 1 : 0;
    evidence = (a.signals.quoted ? 1 : 0) + (a.signals.reference ? 2 : 0);
  }
  const int personal = cues + named + question + evidence;
  // A note that only asks for a call in selling words, but was sent by someone the sender names (a referral: a person
  // named by capitals, or evidence above the spam score), is judged as a personal note, and its call counts nothing
  // against it: genuine people ask for a short call too ("Tariq Mansour mentioned you're the person to talk to …").
  // German capitalises every noun, so its capitals name no one in particular (step 6): there the referral suffices.
  const bool names_someone = a.signals.named_things > 0 || a.language == "de" || a.language == "lb";
  const bool outweighed = !in_campaign && a.spam_soft && a.referral && (personal >= a.spam + 1 || names_someone);
  if (!outweighed && (a.spam >= spam_threshold || (in_campaign && a.spam >= campaign_spam_threshold))) {
    r.label = Label::spam;
    r.confidence = std::min(0.99, 0.6 + 0.05 * a.spam);
    r.reasons.push_back(fmt::format("sales or scam signals, score {} (spam from {})", a.spam,
                                    in_campaign ? campaign_spam_threshold : spam_threshold));
    add_spam_family_reasons(a, r.reasons);
    for (auto& s : a.signals.describe()) r.reasons.push_back(std::move(s));
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
    r.reasons.push_back(listed("unfilled merge field: ", a.signals.merge_fields));
    add_stock_reason();
    return r;
  }
  // Personal or generic. A note is personal when it points at something of this recipient's or shared with
  // them (cues, named things, a concrete question), clearly more than it uses boilerplate.
  const int margin = personal - a.generic - (outweighed ? 0 : a.spam / 2);
  // Something of the recipient's must be named: a question alone could be sent to anyone.
  const bool names_something = cues + named + evidence > 0;
  if (personal >= 2 && margin >= 2 && names_something) {
    r.label = Label::personalized;
    r.confidence = std::min(0.95, 0.6 + 0.05 * margin);
    if (!a.personal_hits.empty()) r.reasons.push_back(listed("refers to a shared context: ", a.personal_hits));
    if (named)
      r.reasons.push_back(fmt::format("names {} specific thing{}: {}", a.signals.named_things,
                                      a.signals.named_things == 1 ? "" : "s", list(a.signals.named)));
    if (question) r.reasons.push_back("asks the recipient a question");
    if (a.signals.quoted) r.reasons.push_back("quotes a title");
    if (a.signals.reference) r.reasons.push_back("cites an issue or pull-request number");
    if (!a.generic_hits.empty()) r.reasons.push_back(listed("despite generic phrases: ", a.generic_hits));
    if (a.spam > 0) r.reasons.push_back(fmt::format("despite some sales signals (score {})", a.spam));
    add_stock_reason();
    return r;
  }
  r.label = Label::template_text;
  r.confidence = std::min(0.95, 0.6 + 0.05 * std::max(0, a.generic - personal + 2));
  if (!a.generic_hits.empty()) r.reasons.push_back(listed("generic phrases: ", a.generic_hits));
  if (a.scope_words <= 4)
    r.reasons.push_back(fmt::format("only {} word{}, no reason given", a.scope_words, a.scope_words == 1 ? "" : "s"));
  if (a.personal_hits.empty() && named == 0)
    r.reasons.push_back("nothing ties it to the recipient");
  else
    r.reasons.push_back(
        fmt::format("too little ties it to the recipient (score {} against {} of boilerplate)", personal, a.generic));
  if (a.spam > 0) r.reasons.push_back(fmt::format("some sales signals (score {}), below the spam threshold", a.spam));
  if (a.pitch && a.personal + a.signals.named_things + (a.signals.question ? 1 : 0) > a.cue_points) {
    std::vector<std::string_view> hits;
    sales_intent(a, &hits);
    std::string line = "a sales pitch (";
    for (std::size_t i = 0; i < hits.size() && i < 6; ++i) line += fmt::format("{}\"{}\"", i ? ", " : "", hits[i]);
    r.reasons.push_back(line + "): what it names of the recipient's is no tie shared with them");
  }
  add_stock_reason();
  return r;
}

Classifier::Classifier()
{
  // The shipped model's table is parsed on a thread of its own while the catalogs are built (about half of the
  // start-up each, 20 ms in all, which nothing else overlaps): the model is asked for nothing until both are done.
  std::future<const NoteModel*> model = std::async(std::launch::async, NoteModel::embedded);
  impl_ = std::make_unique<Impl>();
  impl_->model = model.get();
  impl_->use = impl_->model ? ModelUse::blend : ModelUse::rules;
  impl_->unsure_below = default_unsure_below;
}

Classifier::Classifier(ModelUse use, const NoteModel* model, double unsure_below) : impl_(std::make_unique<Impl>())
{
  impl_->use = model ? use : ModelUse::rules;
  impl_->model = model;
  impl_->unsure_below = unsure_below;
}

std::vector<std::uint32_t> Classifier::model_features(const Note& note, bool with_rules) const
{
  thread_local Analysis a;
  impl_->analyse(note, false, a);
  std::vector<std::uint32_t> out;
  impl_->model_features(a, impl_->decide(a, false).label, with_rules, out);
  return out;
}
Classifier::~Classifier() = default;

Result Classifier::classify(const Note& note) const
{
  thread_local Analysis a;
  impl_->analyse(note, false, a);
  Result r = impl_->judge(a);
  Calibration::embedded().apply(r);
  return r;
}

std::optional<Label> Classifier::quick_label(const Note& note) const
{
  if (is_blank(note.text)) return Label::empty;
  std::string folded;
  fold_into(note.text, folded);
  if (impl_->stock_exact.contains(folded)) return Label::default_text;
  return std::nullopt;
}

} // namespace motivo::classify
