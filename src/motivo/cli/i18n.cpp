#include <motivo/cli/i18n.hpp>

#include <libintl.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace motivo::cli {

std::string user_language()
{
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(var);
    const std::string_view value = v ? v : "";
    if (value.empty()) continue;
    if (value == "C" || value == "POSIX" || value.starts_with("C.")) return {};
    return std::string(value.substr(0, 2));
  }
  return {};
}

std::string report_language(const std::string& configured)
{
  std::string language = user_language();
  if (language == "es" || language == "en") return language;
  return language.empty() ? configured : "en";
}

namespace {

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

void init_i18n()
{
  const std::string language = user_language();
  const char* set = std::setlocale(LC_ALL, "");
  if (!set || std::string_view(set) == "C" || std::string_view(set) == "POSIX") {
    std::setlocale(LC_ALL, "C.UTF-8");
    if (language == "es") setenv("LANGUAGE", "es", 0);
  }
  std::setlocale(LC_NUMERIC, "C"); // numbers are read and written the same in every language
  bindtextdomain("motivo", locale_dir().c_str());
  bind_textdomain_codeset("motivo", "UTF-8");
  textdomain("motivo");
}

const char* tr(const char* message)
{
  return gettext(message);
}

} // namespace motivo::cli
