#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace motivo {

// Consistent pseudonyms for one anonymised export: the same real name word always becomes the same invented word
// (so "Ana Pérez" in Invitations.csv, Connections.csv and inside a note are still one person), profile slugs and
// conversation ids become opaque hashes, and only the salt — random per export, never written — links the two.
class Pseudonyms {
public:
  explicit Pseudonyms(std::uint64_t salt) : salt_(salt) {}

  // A person's name, word by word; every word becomes known for text().
  std::string name(std::string_view real);
  // A profile URL with its slug replaced; a URL without a slug (truncated) is kept as it is.
  std::string url(std::string_view real);
  // Several URLs separated by commas or spaces (messages' recipients).
  std::string urls(std::string_view real);
  // Several names separated by commas (messages' recipients).
  std::string names(std::string_view real);
  // An identifier (a conversation id) as an opaque hash.
  std::string id(std::string_view real);
  // Free text (notes, messages) with every capitalised word that is a known name word replaced.
  std::string text(std::string_view real) const;

private:
  std::string word(std::string_view real);
  std::uint64_t salt_;
  std::unordered_map<std::string, std::string> words_; // folded real word -> invented word
  std::unordered_set<std::string> used_;
};

} // namespace motivo
