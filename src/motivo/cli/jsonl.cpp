#include <motivo/cli/jsonl.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>

namespace motivo::cli {

void JsonlNotes::rebuild_views()
{
  notes.clear();
  notes.reserve(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) notes.push_back({texts[i], senders[i], recipients[i]});
}

void JsonlNotes::append(JsonlNotes&& other)
{
  for (auto& v : other.ids) ids.push_back(std::move(v));
  for (auto& v : other.texts) texts.push_back(std::move(v));
  for (auto& v : other.senders) senders.push_back(std::move(v));
  for (auto& v : other.recipients) recipients.push_back(std::move(v));
  gold.insert(gold.end(), other.gold.begin(), other.gold.end());
  for (auto& v : other.gold_language) gold_language.push_back(std::move(v));
  rebuild_views();
}

namespace {

std::string optional_string(const nlohmann::json& j, const char* key, const std::string& name, std::size_t line)
{
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string())
    throw InputError(name, line, fmt::format("\"{}\" must be a string (\"{}\")", key, quote_value(it->dump())));
  return it->get<std::string>();
}

} // namespace

JsonlNotes read_jsonl_notes(std::istream& in, const std::string& name, bool labelled)
{
  JsonlNotes out;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception& e) {
      throw InputError(name, number, fmt::format("not valid JSON: {} (\"{}\")", e.what(), quote_value(line)));
    }
    if (!j.is_object()) throw InputError(name, number, fmt::format("not a JSON object (\"{}\")", quote_value(line)));
    const auto text = j.find("text");
    if (text == j.end() || !text->is_string())
      throw InputError(name, number, fmt::format("no string \"text\" (\"{}\")", quote_value(line)));
    out.ids.push_back(j.contains("id") ? j["id"] : nlohmann::json(number));
    out.texts.push_back(text->get<std::string>());
    out.senders.push_back(optional_string(j, "sender", name, number));
    out.recipients.push_back(optional_string(j, "recipient", name, number));
    if (labelled) {
      const std::string label = optional_string(j, "label", name, number);
      const auto parsed = classify::parse_label(label);
      if (!parsed)
        throw InputError(name, number,
                         fmt::format("\"label\" must be empty, default, template, spam or personalized (\"{}\")",
                                     quote_value(label)));
      out.gold.push_back(*parsed);
      out.gold_language.push_back(optional_string(j, "language", name, number));
    }
  }
  out.rebuild_views();
  return out;
}

} // namespace motivo::cli
