#include <motivo/core/classify/fold.hpp>
#include <motivo/core/classify/impl.hpp>
#include <motivo/core/data_files.hpp>

namespace motivo::classify {

namespace {

int to_int(const std::string& s, int fallback)
{
  try {
    return std::stoi(s);
  } catch (...) {
    return fallback;
  }
}

} // namespace

// A cue of a data file: most go to the phrase index; "~text" (scripts without spaces) is found inside words.
void Classifier::Impl::add_cue(const std::string& pattern, std::uint32_t payload)
{
  if (pattern.size() > 1 && pattern.front() == '~') {
    std::string folded = fold(std::string_view(pattern).substr(1));
    if (!folded.empty()) part_cues.add(std::move(folded), payload);
    return;
  }
  cues.add(pattern, payload);
}

Classifier::Impl::Impl()
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

  std::vector<std::string> wishes; // indexed last: see wish_words_from
  for (const auto& r : data::rows("generic_phrases.tsv")) {
    if (r.size() < 4) continue;
    if (r[1] == "merge_field") {
      merge_fields.add(r[2]);
      continue;
    }
    if (r[1] == "wish") { // no generic points: a wish only makes a note a template when it is all there is
      wishes.push_back(r[2]);
      continue;
    }
    generic.push_back({r[0], r[1], r[2], to_int(r[3], 1), {}});
    add_cue(r[2], generic_cue << cue_kind_shift | static_cast<std::uint32_t>(generic.size() - 1));
  }
  for (const auto& r : data::rows("spam_lexicon.tsv")) {
    if (r.size() < 4) continue;
    const std::string family = r.size() > 5 && !r[5].empty() ? r[5] : "pitch";
    if (r[1] == "shortener" || r[1] == "handle") {
      if (r[2].find('.') != std::string::npos) {
        spam_domains.push_back(r[2]);
        spam_domain_weights.push_back(to_int(r[3], 1));
        spam_domain_families.push_back(family);
        continue;
      }
    }
    spam.push_back({r[0], r[1], r[2], to_int(r[3], 1), family});
    add_cue(r[2], spam_cue << cue_kind_shift | static_cast<std::uint32_t>(spam.size() - 1));
  }
  for (const auto& r : data::rows("personal_cues.tsv")) {
    if (r.size() < 3) continue;
    personal.push_back({r[0], r.size() > 4 && r[4] == "referral" ? "referral" : "cue", r[1], to_int(r[2], 1), {}});
    add_cue(r[1], personal_cue << cue_kind_shift | static_cast<std::uint32_t>(personal.size() - 1));
  }
  const auto flag = [&](std::string_view word, std::uint32_t bits) {
    const std::uint32_t id = vocab.intern(word);
    if (flags.size() <= id) flags.resize(id + 1, 0);
    flags[id] |= bits;
  };
  for (const auto& r : data::rows("possessives.tsv")) {
    if (r.size() < 3) continue;
    const int bit = language_bit(r[0]);
    if (r[1] == "possessive" && bit >= 0)
      flag(r[2], 1u << (possessive_bits + bit));
    else if (r[1] == "modifier" && bit >= 0)
      flag(r[2], 1u << (modifier_bits + bit));
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
    if (r[1] == "honorific") {
      honorifics.push_back(fold(r[2]));
      continue;
    }
    (r[1] == "greeting" ? greetings : r[1] == "title" ? titles : closings).add(r[2], n++);
  }
  wish_words_from = static_cast<std::uint32_t>(vocab.size());
  for (const std::string& w : wishes) {
    std::string folded = fold(w);
    std::erase(folded, ' ');
    wish_sizes.push_back(folded.size());
    add_cue(w, wish_cue << cue_kind_shift | static_cast<std::uint32_t>(wish_sizes.size() - 1));
  }
  flags.resize(vocab.size(), 0);
  for (std::uint32_t id = 1; id < flags.size(); ++id) {
    if (greetings.is_word(id) || closings.is_word(id) || titles.is_word(id)) flags[id] |= courtesy_word_bit;
  }
  for (const StockText& s : stock) flags[s.ids.front()] |= stock_first_bit;
}

} // namespace motivo::classify
