#include <motivo/core/classify/reasons.hpp>
#include <motivo/core/data_files.hpp>

#include <regex>

namespace motivo::classify {

namespace {

struct Translation {
  std::string language;
  std::regex pattern;
  std::string replacement;
};

std::vector<Translation> load(std::string_view table)
{
  std::vector<Translation> out;
  for (const auto& r : data::rows(table)) {
    if (r.size() < 3) continue;
    out.push_back({r[0], std::regex(r[1]), r[2]});
  }
  return out;
}

const std::vector<Translation>& translations()
{
  static const std::vector<Translation> list = load("reasons.tsv");
  return list;
}

} // namespace

std::string translate_reason(std::string_view reason, std::string_view language)
{
  if (language.empty() || language == "en") return std::string(reason);
  std::string text(reason);
  for (const auto& t : translations()) {
    if (t.language != language) continue;
    std::smatch m;
    if (std::regex_match(text, m, t.pattern)) return m.format(t.replacement);
  }
  return text;
}

std::vector<std::string> translate_reasons(const std::vector<std::string>& reasons, std::string_view language)
{
  std::vector<std::string> out;
  out.reserve(reasons.size());
  for (const auto& r : reasons) out.push_back(translate_reason(r, language));
  return out;
}

} // namespace motivo::classify
