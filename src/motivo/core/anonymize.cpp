#include <motivo/core/anonymize.hpp>
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/data_files.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>
#include <xxhash.h>

#include <array>
#include <optional>

namespace motivo {

namespace {

bool word_char(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '\'' || c == '-';
}

} // namespace

std::string Pseudonyms::invent(std::string_view plain, std::uint64_t seed)
{
  static constexpr std::array<std::string_view, 16> consonants = {"b", "c", "d", "f", "g", "l", "m",  "n",
                                                                  "p", "r", "s", "t", "v", "z", "ch", "j"};
  static constexpr std::array<std::string_view, 5> vowels = {"a", "e", "i", "o", "u"};
  std::uint64_t h = XXH3_64bits_withSeed(plain.data(), plain.size(), seed);
  std::string out;
  const int syllables = 2 + static_cast<int>(h % 2);
  h /= 2;
  for (int s = 0; s < syllables; ++s) {
    out += consonants[h % consonants.size()];
    h /= consonants.size();
    out += vowels[h % vowels.size()];
    h /= vowels.size();
  }
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string Pseudonyms::word(std::string_view real)
{
  const std::string key = text::name_key(real);
  if (key.empty()) return std::string(real);
  if (const auto it = words_.find(key); it != words_.end()) return it->second;
  std::string plain = classify::fold(real);
  if (plain.empty()) plain = key;
  Family& family = families_[plain];
  if (family.base.empty()) {
    for (std::uint64_t attempt = 0; family.base.empty(); ++attempt) {
      std::string out = invent(plain, salt_ + attempt);
      if (used_.insert(out).second) family.base = out;
    }
  }
  // The unaccented spelling is the base; the n-th accented one marks the base's vowels with n written in base 5
  // (a plain vowel or one of four accents each): distinct from each other, the same once accents are dropped.
  std::string out;
  if (key == plain) {
    out = family.base;
  } else {
    static constexpr std::string_view marked[5][4] = {
        {"á", "à", "â", "ä"}, {"é", "è", "ê", "ë"}, {"í", "ì", "î", "ï"}, {"ó", "ò", "ô", "ö"}, {"ú", "ù", "û", "ü"}};
    std::size_t n = ++family.variants;
    for (const char c : family.base) {
      const std::string_view vowels = "aeiou";
      const std::size_t v = vowels.find(c);
      if (v == std::string_view::npos || n == 0) {
        out += c;
        continue;
      }
      const std::size_t digit = n % 5;
      n /= 5;
      if (digit == 0)
        out += c;
      else
        out += marked[v][digit - 1];
    }
    if (n != 0) out += fmt::format("{}", family.variants); // more spellings than accent patterns: still distinct
  }
  used_.insert(out);
  words_.emplace(key, out);
  return out;
}

std::string Pseudonyms::name(std::string_view real)
{
  std::string out;
  std::size_t i = 0;
  while (i < real.size()) {
    if (!word_char(static_cast<unsigned char>(real[i])) || real[i] == '\'' || real[i] == '-') {
      out += real[i++];
      continue;
    }
    std::size_t j = i;
    while (j < real.size() && word_char(static_cast<unsigned char>(real[j])) && real[j] != '-') ++j;
    out += word(real.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string Pseudonyms::names(std::string_view real)
{
  return name(real); // commas and spaces are kept, words replaced
}

std::string Pseudonyms::url(std::string_view real) const
{
  const std::string slug = profile_slug(real);
  if (slug.empty()) return std::string(real);
  const std::uint64_t h = XXH3_64bits_withSeed(slug.data(), slug.size(), salt_);
  return fmt::format("https://www.linkedin.com/in/p-{:016x}", h);
}

std::string Pseudonyms::urls(std::string_view real) const
{
  std::string out;
  std::size_t i = 0;
  while (i < real.size()) {
    if (real[i] == ',' || real[i] == ' ') {
      out += real[i++];
      continue;
    }
    std::size_t j = i;
    while (j < real.size() && real[j] != ',' && real[j] != ' ') ++j;
    out += url(real.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string Pseudonyms::id(std::string_view real)
{
  if (real.empty()) return {};
  return fmt::format("c-{:016x}", XXH3_64bits_withSeed(real.data(), real.size(), salt_ ^ 0x5a5a5a5aULL));
}

} // namespace motivo
