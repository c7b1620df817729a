#include <motivo/cli/jsonl.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>

#include <exception>
#include <iterator>
#include <thread>

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

namespace {

// Parses the lines [first, last) of `lines` (line numbers start at first_number) into `out`.
void parse_lines(const std::vector<std::string_view>& lines, std::size_t first, std::size_t last,
                 const std::string& name, bool labelled, JsonlNotes& out)
{
  for (std::size_t k = first; k < last; ++k) {
    const std::size_t number = k + 1;
    std::string_view line = lines[k];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
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
    const auto id = j.find("id");
    out.ids.push_back(id != j.end() ? std::move(*id) : nlohmann::json(number));
    out.texts.push_back(std::move(text->get_ref<std::string&>()));
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
}

void append_parts(JsonlNotes& to, JsonlNotes&& from)
{
  for (auto& v : from.ids) to.ids.push_back(std::move(v));
  for (auto& v : from.texts) to.texts.push_back(std::move(v));
  for (auto& v : from.senders) to.senders.push_back(std::move(v));
  for (auto& v : from.recipients) to.recipients.push_back(std::move(v));
  to.gold.insert(to.gold.end(), from.gold.begin(), from.gold.end());
  for (auto& v : from.gold_language) to.gold_language.push_back(std::move(v));
}

} // namespace

JsonlNotes read_jsonl_notes(std::string_view data, const std::string& name, bool labelled)
{
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start < data.size();) {
    std::size_t end = data.find('\n', start);
    if (end == std::string_view::npos) end = data.size();
    lines.push_back(data.substr(start, end - start));
    start = end + 1;
  }
  // Large inputs are parsed on every core, in contiguous parts kept in order; the first bad line (by number)
  // is the one reported.
  const std::size_t workers =
    lines.size() >= 8192 ? std::max(1u, std::min(8u, std::thread::hardware_concurrency())) : 1;
  std::vector<JsonlNotes> parts(workers);
  std::vector<std::exception_ptr> failures(workers);
  const std::size_t per = (lines.size() + workers - 1) / workers;
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    const std::size_t first = std::min(lines.size(), w * per), last = std::min(lines.size(), first + per);
    const auto work = [&, w, first, last] {
      try {
        parse_lines(lines, first, last, name, labelled, parts[w]);
      } catch (...) {
        failures[w] = std::current_exception();
      }
    };
    if (workers == 1) work();
    else threads.emplace_back(work);
  }
  for (auto& t : threads) t.join();
  for (const auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
  JsonlNotes out = std::move(parts[0]);
  for (std::size_t w = 1; w < workers; ++w) append_parts(out, std::move(parts[w]));
  out.rebuild_views();
  return out;
}

JsonlNotes read_jsonl_notes(std::istream& in, const std::string& name, bool labelled)
{
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return read_jsonl_notes(data, name, labelled);
}
} // namespace motivo::cli
