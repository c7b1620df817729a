#include <motivo/app/json_runs.hpp>
#include <motivo/app/jsonl.hpp>
#include <motivo/core/cores.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/utf8.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <exception>
#include <iterator>
#include <thread>

namespace motivo::app {

std::string_view TextBlocks::add(std::string_view s)
{
  constexpr std::size_t block = 1 << 20;
  if (blocks_.empty() || s.size() > room_ - used_) {
    // A string longer than a block gets a block of its own size.
    room_ = std::max(block, s.size());
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(room_));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::copy(s.begin(), s.end(), at);
  used_ += s.size();
  return {at, s.size()};
}

void TextBlocks::take(TextBlocks&& other)
{
  // The last block keeps filling: this one's last block is left with its room unused.
  for (auto& b : other.blocks_) blocks_.push_back(std::move(b));
  used_ = other.used_;
  room_ = other.room_;
  other.blocks_.clear();
  other.used_ = other.room_ = 0;
}

void JsonlNotes::append(JsonlNotes&& other)
{
  for (auto& v : other.ids) ids.push_back(std::move(v));
  texts.take(std::move(other.texts));
  notes.insert(notes.end(), other.notes.begin(), other.notes.end());
  gold.insert(gold.end(), other.gold.begin(), other.gold.end());
  for (auto& v : other.gold_language) gold_language.push_back(std::move(v));
}

namespace {

// The fields of one line, read with nlohmann's SAX interface: no document is built, so a line costs a few
// string copies instead of a tree of allocations (docs/PERFORMANCE.md).
struct LineFields : nlohmann::json_sax<nlohmann::json> {
  enum class Kind { absent, null, string, other };
  struct Field {
    Kind kind = Kind::absent;
    std::string value;
  };
  Field id, text, sender, recipient, label, language;
  std::string id_json;      // the id as JSON text, for scalar ids
  bool id_compound = false; // an object or array id: the caller falls back to a document
  bool object = false;      // the line is an object
  int depth = 0;
  Field* current = nullptr; // the field of the key just read, at depth 1

  Field* field_of(const std::string& key)
  {
    if (key == "id") return &id;
    if (key == "text") return &text;
    if (key == "sender") return &sender;
    if (key == "recipient") return &recipient;
    if (key == "label") return &label;
    if (key == "language") return &language;
    return nullptr;
  }
  void scalar(Kind kind, std::string value, std::string json)
  {
    if (depth == 1 && current) {
      current->kind = kind;
      current->value = std::move(value);
      if (current == &id) id_json = std::move(json);
    }
    current = nullptr;
  }
  bool null() override
  {
    scalar(Kind::null, {}, "null");
    return true;
  }
  bool boolean(bool v) override
  {
    scalar(Kind::other, {}, v ? "true" : "false");
    return true;
  }
  bool number_integer(number_integer_t v) override
  {
    scalar(Kind::other, {}, std::to_string(v));
    return true;
  }
  bool number_unsigned(number_unsigned_t v) override
  {
    scalar(Kind::other, {}, std::to_string(v));
    return true;
  }
  bool number_float(number_float_t, const string_t& raw) override
  {
    scalar(Kind::other, {}, raw);
    return true;
  }
  bool string(string_t& v) override
  {
    std::string json = current == &id ? nlohmann::json(v).dump() : std::string();
    scalar(Kind::string, std::move(v), std::move(json));
    return true;
  }
  bool binary(binary_t&) override
  {
    scalar(Kind::other, {}, {});
    return true;
  }
  bool start_object(std::size_t) override { return open(); }
  bool start_array(std::size_t) override { return open(); }
  bool open()
  {
    if (depth == 0) object = true; // arrays at the top are caught below: object stays false for them
    if (depth == 1 && current) {
      current->kind = Kind::other;
      if (current == &id) id_compound = true;
      current = nullptr;
    }
    ++depth;
    return true;
  }
  bool end_object() override
  {
    --depth;
    return true;
  }
  bool end_array() override
  {
    --depth;
    return true;
  }
  bool key(string_t& k) override
  {
    if (depth == 1) current = field_of(k);
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override
  {
    error = e.what();
    return false;
  }
  std::string error;
};

bool json_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A JSON string at `at` (its opening quote) decoded into `out`, `at` then just past its closing quote; false
// for what the fast reader leaves to nlohmann: a \u escape, a control character, invalid UTF-8, no end.
bool read_plain_string(std::string_view line, std::size_t& at, std::string& out)
{
  out.clear();
  bool high = false;
  for (std::size_t i = at + 1; i < line.size();) {
    const std::size_t j = json_plain_run(line, i, high);
    out.append(line.substr(i, j - i));
    if (j == line.size() || static_cast<unsigned char>(line[j]) < 0x20) return false;
    if (line[j] == '"') {
      at = j + 1;
      return !high || utf8::is_valid(out); // escapes give ASCII: the decoded text is valid when the line's is
    }
    if (j + 1 == line.size()) return false;
    constexpr std::string_view from = "\"\\/bfnrt", to = "\"\\/\b\f\n\r\t";
    const std::size_t e = from.find(line[j + 1]);
    if (e == std::string_view::npos) return false;
    out += to[e];
    i = j + 2;
  }
  return false;
}

// The common line, read without nlohmann: one object whose members are all strings without \u escapes. Anything
// else returns false with `f` unspecified, and nlohmann's parser reads the line (so both read a line alike, and
// its errors are nlohmann's).
bool read_plain_line(std::string_view line, LineFields& f)
{
  std::size_t at = 0;
  const auto skip = [&] {
    while (at < line.size() && json_space(line[at])) ++at;
  };
  skip();
  if (at == line.size() || line[at] != '{') return false;
  ++at;
  skip();
  thread_local std::string key;
  if (at < line.size() && line[at] == '}') {
    ++at;
  } else {
    for (;;) {
      if (at == line.size() || line[at] != '"' || !read_plain_string(line, at, key)) return false;
      skip();
      if (at == line.size() || line[at] != ':') return false;
      ++at;
      skip();
      LineFields::Field* field = f.field_of(key);
      thread_local std::string skipped;
      std::string& value = field ? field->value : skipped;
      if (at == line.size() || line[at] != '"' || !read_plain_string(line, at, value)) return false;
      if (field) field->kind = LineFields::Kind::string;
      if (field == &f.id) { // as nlohmann's dump writes it (valid UTF-8 here)
        f.id_json.clear();
        append_json_string(f.id_json, value, true);
      }
      skip();
      if (at < line.size() && line[at] == ',') {
        ++at;
        skip();
        continue;
      }
      if (at == line.size() || line[at] != '}') return false;
      ++at;
      break;
    }
  }
  skip();
  f.object = true;
  return at == line.size();
}

std::string_view string_field(const LineFields::Field& f, const char* key, const std::string& name, std::size_t line)
{
  if (f.kind == LineFields::Kind::absent || f.kind == LineFields::Kind::null) return {};
  if (f.kind != LineFields::Kind::string) throw InputError(name, line, Message(N_("\"{}\" must be a string"), key));
  return f.value;
}

} // namespace

namespace {

// Parses the lines [first, last) of `lines` into `out`; lines[0] is line `first_line` of `name`.
void parse_lines(const std::vector<std::string_view>& lines, std::size_t first, std::size_t last,
                 const std::string& name, std::size_t first_line, bool labelled, JsonlNotes& out)
{
  for (std::size_t k = first; k < last; ++k) {
    const std::size_t number = k + first_line;
    std::string_view line = lines[k];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    LineFields f;
    if (!read_plain_line(line, f)) {
      f = LineFields{};
      if (!nlohmann::json::sax_parse(line, &f))
        throw InputError(name, number, Message(N_("not valid JSON: {} ({})"), f.error, quote_value(line)));
    }
    const auto open = line.find_first_not_of(" \t");
    if (!f.object || line[open] != '{')
      throw InputError(name, number, Message(N_("not a JSON object ({})"), quote_value(line)));
    if (f.text.kind != LineFields::Kind::string)
      throw InputError(name, number, Message(N_("no string \"text\" ({})"), quote_value(line)));
    if (f.id_compound)
      out.ids.push_back(nlohmann::json::parse(line)["id"].dump());
    else if (f.id.kind == LineFields::Kind::absent)
      out.ids.push_back(std::to_string(number));
    else
      out.ids.push_back(std::move(f.id_json));
    const std::string_view sender = string_field(f.sender, "sender", name, number);
    const std::string_view recipient = string_field(f.recipient, "recipient", name, number);
    out.notes.push_back({out.texts.add(f.text.value), out.texts.add(sender), out.texts.add(recipient)});
    if (labelled) {
      const std::string_view label = string_field(f.label, "label", name, number);
      const auto parsed = classify::parse_label(label);
      if (!parsed)
        throw InputError(
            name, number,
            Message(N_("\"label\" must be empty, default, template, spam or personalized ({})"), quote_value(label)));
      out.gold.push_back(*parsed);
      out.gold_language.emplace_back(string_field(f.language, "language", name, number));
    }
  }
}

} // namespace

JsonlNotes read_jsonl_notes(std::string_view data, const std::string& name, bool labelled, std::size_t first_line,
                            unsigned cores)
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
  const std::size_t workers = lines.size() >= 8192 ? usable_cores(cores) : 1;
  std::vector<JsonlNotes> parts(workers);
  std::vector<std::exception_ptr> failures(workers);
  const std::size_t per = (lines.size() + workers - 1) / workers;
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w) {
    const std::size_t first = std::min(lines.size(), w * per), last = std::min(lines.size(), first + per);
    const auto work = [&, w, first, last] {
      try {
        parse_lines(lines, first, last, name, first_line, labelled, parts[w]);
      } catch (...) {
        failures[w] = std::current_exception();
      }
    };
    if (workers == 1)
      work();
    else
      threads.emplace_back(work);
  }
  for (auto& t : threads) t.join();
  for (const auto& f : failures) {
    if (f) std::rethrow_exception(f);
  }
  JsonlNotes out = std::move(parts[0]);
  for (std::size_t w = 1; w < workers; ++w) out.append(std::move(parts[w]));
  return out;
}

JsonlNotes read_jsonl_notes(std::istream& in, const std::string& name, bool labelled)
{
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return read_jsonl_notes(data, name, labelled);
}

bool detail::jsonl_readers_agree(std::string_view line)
{
  LineFields fast;
  if (!read_plain_line(line, fast)) return true;
  LineFields slow;
  if (!nlohmann::json::sax_parse(line, &slow)) return false;
  const auto same = [](const LineFields::Field& a, const LineFields::Field& b) {
    return a.kind == b.kind && (a.kind != LineFields::Kind::string || a.value == b.value);
  };
  return fast.object == slow.object && fast.id_compound == slow.id_compound && same(fast.id, slow.id) &&
         same(fast.text, slow.text) && same(fast.sender, slow.sender) && same(fast.recipient, slow.recipient) &&
         same(fast.label, slow.label) && same(fast.language, slow.language) &&
         (fast.id.kind != LineFields::Kind::string || fast.id_json == slow.id_json);
}
} // namespace motivo::app
