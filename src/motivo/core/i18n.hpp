#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// Marks a message id where it is written without translating it there (an error's message, a table of words):
// xgettext finds it (scripts/i18n.py), and whoever shows it translates it.
#define N_(id) id

namespace motivo::i18n {

// A message catalog: po/LANGUAGE.po (the catalog the command line's gettext reads, compiled by msgfmt), built
// into the program so that a text can be asked for in a language other than the process's — the report's, a web
// request's, an error's. Keys are message ids: the English text, an fmt format string where it has arguments.
// Untranslated and fuzzy entries are skipped as msgfmt skips them: the id itself stands in for them.
class Catalog {
public:
  // The catalog of `language` ("es"); for English, or a language without a po file, an empty catalog whose every
  // message is its id (and whose plural is English's).
  static const Catalog& of(std::string_view language);

  // Parses the text of a po file (for tests, and for of()).
  explicit Catalog(std::string_view po);
  Catalog();
  ~Catalog();

  std::string_view gettext(std::string_view id) const;
  std::string_view pgettext(std::string_view context, std::string_view id) const;
  // The form for `n` by the catalog's Plural-Forms (without a translation: `id` for 1, `plural` otherwise).
  std::string_view ngettext(std::string_view id, std::string_view plural, std::uint64_t n) const;

  // Every translated message: key (the id, or context U+0004 id) -> its forms (one without a plural).
  const std::unordered_map<std::string, std::vector<std::string>>& messages() const { return messages_; }
  // The header's Plural-Forms ("nplurals=2; plural=(n != 1);"), "" without one.
  const std::string& plural_forms() const { return plural_forms_; }
  // Which form the Plural-Forms expression picks for `n`.
  std::size_t plural_index(std::uint64_t n) const;

  class Expression;

private:
  std::unordered_map<std::string, std::vector<std::string>> messages_;
  std::string plural_forms_;
  std::unique_ptr<Expression> plural_;
  std::size_t nplurals_ = 2;
};

} // namespace motivo::i18n
