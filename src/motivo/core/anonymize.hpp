#pragma once

#include <cstdint>
#include <optional>
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
  std::string url(std::string_view real) const;
  // Several URLs separated by commas or spaces (messages' recipients).
  std::string urls(std::string_view real) const;
  // Several names separated by commas (messages' recipients).
  std::string names(std::string_view real);
  // An identifier (a conversation id) as an opaque hash.
  std::string id(std::string_view real);
  // Free text (notes, messages, subjects, conversation titles) with what identifies someone replaced or masked:
  // every e-mail address (an opaque one at example.invalid) and @handle; every link and web site (its path
  // hashed; its host too, unless it is LinkedIn's or a public shortener's, so a note still links out where it
  // did); every run of five digits or more, spaces and dashes allowed between them (phones, ID and account
  // numbers: each digit replaced, consistently); every known name word in any case and spelling of its accents
  // (lower-case words only when they are not a language's function word: "de", "will"), written in the same
  // case; and the nicknames of known first names (data/nicknames.tsv).
  std::string text(std::string_view real) const;

private:
  // A pronounceable invented word ("Zebu"), from the hash of `plain` with `seed`.
  static std::string invent(std::string_view plain, std::uint64_t seed);
  std::string word(std::string_view real);
  // A word of free text: its pseudonym if it is a known name word (in any spelling of its accents) or the nickname
  // of one, else nothing.
  std::optional<std::string> known(std::string_view w) const;
  // The parts of text(): a run of text without white space, and the name words of a part of one.
  std::string run(std::string_view real) const;
  std::string words(std::string_view real) const;
  std::string link(std::string_view real) const;
  std::string digits(std::string_view real) const;
  std::uint64_t salt_;
  // motivo compares names two ways: people by name key (case-folded, accents kept) and note greetings by the
  // classifier's fold (accents dropped). A real word's accent-free form picks an invented base word; each of its
  // accented spellings gets its own accented variant of that base, so both comparisons match after anonymising
  // exactly what they matched before ("Agustín" -> "Dépu", "Agustin" -> "Depu").
  struct Family {
    std::string base;
    std::size_t variants = 0; // accented spellings seen
  };
  std::unordered_map<std::string, std::string> words_; // real word's name key -> invented word
  std::unordered_map<std::string, Family> families_;   // real word's accent-free fold -> its family
  std::unordered_set<std::string> used_;
};

} // namespace motivo
