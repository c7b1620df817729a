#include <motivo/cli/i18n.hpp>

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <system_error>

namespace motivo::cli {

namespace {

std::optional<std::string> chosen; // set by init_i18n
std::optional<std::string> named;  // the environment's, read by init_i18n before it sets LANGUAGE

// The two letters of a locale or language name ("es_ES.UTF-8" -> "es"); "" for C, C.UTF-8 and POSIX.
std::string language_of(std::string_view value)
{
  if (value == "C" || value == "POSIX" || value.starts_with("C.") || value.starts_with("C@")) return {};
  const std::size_t end = value.find_first_of("_.@-");
  return std::string(value.substr(0, end));
}

std::string spanish_or_english(std::string_view language)
{
  return language == "es" ? "es" : "en";
}

// The catalogs: `locale/` next to the binary (the build tree), else `../share/locale` (an installed one).
std::string locale_dir()
{
  std::error_code error;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "/usr/share/locale";
  const auto here = exe.parent_path();
  if (std::filesystem::exists(here / "locale", error)) return (here / "locale").string();
  return (here.parent_path() / "share" / "locale").string();
}

} // namespace

std::string environment_language()
{
  if (named) return *named;
  // LANGUAGE is a list (es:en); gettext reads its first entry first.
  if (const char* list = std::getenv("LANGUAGE"); list && *list) {
    const std::string_view first = std::string_view(list).substr(0, std::string_view(list).find(':'));
    if (!first.empty()) return language_of(first);
  }
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) return language_of(v);
  }
  return {};
}

std::string user_language()
{
  return chosen ? *chosen : spanish_or_english(environment_language());
}

void init_i18n(std::string_view settings_language)
{
  named = environment_language();
  chosen = spanish_or_english(settings_language.empty() ? *named : settings_language);
  const char* set = std::setlocale(LC_ALL, "");
  if (!set || std::strcmp(set, "C") == 0 || std::strcmp(set, "POSIX") == 0) std::setlocale(LC_ALL, "C.UTF-8");
  std::setlocale(LC_NUMERIC, "C"); // numbers are read and written the same in every language
  // gettext follows LANGUAGE before LC_ALL, LC_MESSAGES and LANG (and, in a UTF-8 locale, even under C.UTF-8):
  // set to the chosen language, every message is in it whatever locale the system has.
  ::setenv("LANGUAGE", chosen->c_str(), 1);
  bindtextdomain("motivo", locale_dir().c_str());
  bind_textdomain_codeset("motivo", "UTF-8");
  textdomain("motivo");
}

const char* tr(const char* message)
{
  return gettext(message);
}

const char* trn(const char* singular, const char* plural, unsigned long n)
{
  return ngettext(singular, plural, n);
}

const char* trp(const char* context, const char* message)
{
  // pgettext is a macro of gettext.h, not of libintl.h: the key is "context\004message".
  const std::string key = std::string(context) + '\004' + message;
  const char* found = gettext(key.c_str());
  return found == key.c_str() ? message : found;
}

} // namespace motivo::cli
