#pragma once

#include <motivo/core/classify/merge_fields.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::classify {

// What a note's raw text shows beyond its words.
struct Signals {
  std::vector<std::string> merge_fields;
  std::uint64_t domain_hits = 0; // bit i: the i-th shortener/handle domain appears
  bool money = false;            // "39 €", "$500", "R$ 300"
  bool percent = false;          // "20%"
  bool guaranteed = false;       // a percentage and a word of guarantee
  bool phone = false;            // nine digits or more in a phone-number shape
  bool url = false;              // a link that is not LinkedIn's
  bool email = false;
  bool short_call = false; // "15 minutes", "20 Minuten": the length of the call a seller asks for
  bool question = false;   // a question of four words or more
  bool quoted = false;     // a quoted title of two words or more: “Designing Data-Intensive Applications”
  bool reference = false;  // an issue or pull-request number: "#1234", "PR 88", "issue #12"
  // A search phrase in single quotes beside a search engine or marketplace ("not on Google for 'cykeltasker
  // København'"): what a pitch about the recipient's site or shop quotes. Read by the blend only, not the model.
  bool searched = false;
  int named_things = 0; // capitalised words inside sentences, not the sender's or recipient's name nor the
                        // greeting's
  std::vector<std::string> named;
  // A named thing written apart from its sentence, in any language: a CamelCase name ("WeMakeFuture", "PostNL") or
  // Latin letters in a note of another script ("на Lviv IT Arena"). It weighs one more than a capitalised word.
  bool distinct_named = false;
  // Words that begin with a capital letter, anywhere (greeting, names and sentence starts too): none at all is
  // the informal register of a note typed in lower case throughout, where nothing can be named by its capitals.
  int capital_words = 0;
  int cased_words = 0; // words whose first letter has a case (Latin, Cyrillic, Greek…), capital or not
  int words = 0;       // every word

  void clear(); // as a new Signals, keeping the vectors' capacity
  int spam_points() const;
  std::vector<std::string> describe() const; // readable, for the spam reasons
};

// `domains`: lower-case shortener and handle domains ("bit.ly", "wa.me"); `names`: folded name words of the
// sender and recipient; `courtesy(word)`: whether a folded word opens or closes a note ("hi", "dear").
Signals find_signals(std::string_view text, const MergeFieldCatalog& merge_fields,
                     const std::vector<std::string>& domains, const std::vector<std::string_view>& names,
                     const std::function<bool(std::string_view)>& courtesy);
void find_signals(std::string_view text, const MergeFieldCatalog& merge_fields, const std::vector<std::string>& domains,
                  const std::vector<std::string_view>& names, const std::function<bool(std::string_view)>& courtesy,
                  Signals& out);

} // namespace motivo::classify
