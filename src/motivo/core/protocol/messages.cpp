#include <motivo/core/data_files.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/protocol/messages.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>
#include <kainjow/mustache.hpp>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>

namespace motivo::protocol {

std::string greeting(std::string_view language, int hour)
{
  if (language == "es") {
    if (hour >= 6 && hour < 12) return "Buenos días";
    if (hour >= 12 && hour < 20) return "Buenas tardes";
    return "Buenas noches";
  }
  if (hour >= 5 && hour < 12) return "Good morning";
  if (hour >= 12 && hour < 18) return "Good afternoon";
  return "Good evening";
}

std::string first_name(std::string_view full_name)
{
  const std::string name = text::collapse_spaces(full_name);
  return name.substr(0, name.find(' '));
}

std::string message_language(std::string_view note_language, std::string_view fallback)
{
  if (note_language == "es" || note_language == "en") return std::string(note_language);
  return std::string(fallback);
}

std::string message_template(std::string_view kind, std::string_view language,
                             const std::map<std::string, std::string>& custom)
{
  const std::string key = fmt::format("{}.{}", kind, language);
  if (const auto it = custom.find(key); it != custom.end()) return it->second;
  std::string text(data::file(key + ".mustache"));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

namespace {

// Sections nested deeper than a note could use, or other delimiters (which would hide tags from the checks below),
// found before the mustache parser, which recurses once per nested section (30,000 of them overflow the stack).
std::optional<std::string> shape_problem(std::string_view template_text)
{
  if (template_text.size() > max_template_bytes)
    return fmt::format("the template is longer than {} bytes", max_template_bytes);
  std::size_t depth = 0;
  for (std::size_t at = template_text.find("{{"); at != std::string_view::npos; at = template_text.find("{{", at + 2)) {
    const std::size_t tag = template_text.find_first_not_of(" \t", at + 2);
    const char kind = tag < template_text.size() ? template_text[tag] : '\0';
    if (kind == '=') return std::string("changing the delimiters ({{=…=}}) is not supported in a template");
    if ((kind == '#' || kind == '^') && ++depth > max_template_depth)
      return fmt::format("sections nested more than {} deep", max_template_depth);
    if (kind == '/' && depth > 0) --depth;
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> template_problem(std::string_view template_text)
{
  if (auto problem = shape_problem(template_text)) return problem;
  kainjow::mustache::mustache tmpl{std::string(template_text)};
  if (!tmpl.is_valid()) return fmt::format("the template does not parse: {}", tmpl.error_message());
  static constexpr std::string_view known[] = {"first_name", "greeting", "my_name", "my_link"};
  for (std::size_t at = template_text.find("{{"); at != std::string_view::npos; at = template_text.find("{{", at + 2)) {
    const std::size_t end = template_text.find("}}", at + 2);
    if (end == std::string_view::npos) break; // the parser said it is whole
    std::string_view tag = template_text.substr(at + 2, end - at - 2);
    if (!tag.empty() && tag.front() == '!') continue; // a comment
    if (!tag.empty() && std::string_view("#^/&{").find(tag.front()) != std::string_view::npos) tag.remove_prefix(1);
    if (!tag.empty() && tag.back() == '}') tag.remove_suffix(1);
    const std::string name(text::trim(tag));
    if (std::find(std::begin(known), std::end(known), name) == std::end(known)) {
      return fmt::format("unknown placeholder {{{{{}}}}} (placeholders: {{{{first_name}}}}, {{{{greeting}}}}, "
                         "{{{{my_name}}}}, {{{{my_link}}}})",
                         name);
    }
  }
  return std::nullopt;
}

std::string render_message(std::string_view template_text, const MessageValues& values, std::string_view language,
                           const std::string& source)
{
  if (const auto problem = template_problem(template_text)) throw InputError(source, 0, *problem);
  kainjow::mustache::mustache tmpl{std::string(template_text)};
  tmpl.set_custom_escape([](const std::string& s) { return s; });
  kainjow::mustache::data data;
  data.set("greeting", greeting(language, values.local_hour));
  // Empty values are left out, so {{#my_name}}…{{/my_name}} sections vanish with them.
  if (!values.first_name.empty()) data.set("first_name", values.first_name);
  if (!values.my_name.empty()) data.set("my_name", values.my_name);
  if (!values.my_link.empty()) data.set("my_link", values.my_link);
  return tmpl.render(data);
}

std::size_t platform_length(std::string_view text)
{
  std::size_t units = 0;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<std::int32_t>(text.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    units += c > 0xFFFF ? 2 : 1;
  }
  return units;
}

} // namespace motivo::protocol
