#include <motivo/core/classify/fold.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/protocol/config.hpp>
#include <motivo/core/protocol/messages.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <set>
#include <sstream>

namespace motivo::protocol {

namespace {

std::uint64_t line_of(const toml::node& node)
{
  return node.source().begin.line;
}

[[noreturn]] void fail(const std::string& file, const toml::node& node, const Message& message)
{
  throw InputError(file, line_of(node), message);
}

[[noreturn]] void fail(const std::string& file, const toml::node& node, const std::string& message)
{
  throw InputError(file, line_of(node), message);
}

std::string quoted(const toml::node& node)
{
  std::ostringstream out;
  node.visit([&](const auto& value) { out << value; });
  return quote_value(out.str());
}

std::string string_of(const std::string& file, const toml::node& node, std::string_view key)
{
  if (const auto* s = node.as_string()) return s->get();
  fail(file, node, Message(N_("\"{}\" must be a string ({})"), key, quoted(node)));
}

// Days and minutes: ten years of days is the largest that means anything (and keeps dates computable).
std::int64_t integer_of(const std::string& file, const toml::node& node, std::string_view key, std::int64_t min,
                        std::int64_t max = 3650)
{
  const auto* i = node.as_integer();
  if (!i) fail(file, node, Message(N_("\"{}\" must be a whole number ({})"), key, quoted(node)));
  if (i->get() < min) fail(file, node, fmt::format("\"{}\" must be at least {} ({})", key, min, quoted(node)));
  if (i->get() > max) fail(file, node, fmt::format("\"{}\" must be at most {} ({})", key, max, quoted(node)));
  return i->get();
}

bool bool_of(const std::string& file, const toml::node& node, std::string_view key)
{
  if (const auto* b = node.as_boolean()) return b->get();
  fail(file, node, Message(N_("\"{}\" must be true or false ({})"), key, quoted(node)));
}

// A string or an array of strings.
std::vector<std::pair<std::string, const toml::node*>> strings_of(const std::string& file, const toml::node& node,
                                                                  std::string_view key)
{
  std::vector<std::pair<std::string, const toml::node*>> out;
  if (const auto* s = node.as_string()) {
    out.emplace_back(s->get(), &node);
    return out;
  }
  const auto* a = node.as_array();
  if (!a) fail(file, node, Message(N_("\"{}\" must be a string or a list of strings ({})"), key, quoted(node)));
  for (const auto& item : *a) out.emplace_back(string_of(file, item, key), &item);
  if (out.empty()) fail(file, node, fmt::format("\"{}\" is an empty list", key));
  return out;
}

std::string choices(std::initializer_list<std::string_view> names)
{
  std::string out;
  for (const auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

Rule parse_rule(const std::string& file, const toml::table& t)
{
  Rule r;
  r.origin = fmt::format("{}:{}", file, line_of(t));
  r.why = Message::verbatim(r.origin);
  bool has_suggest = false;
  for (const auto& [key_node, value] : t) {
    const std::string key(key_node.str());
    if (key == "label") {
      for (const auto& [name, node] : strings_of(file, value, key)) {
        const auto l = classify::parse_label(name);
        if (!l)
          fail(file, *node,
               Message(N_("unknown label {} (labels: empty, default, template, spam, personalized)"),
                       quote_value(name)));
        r.labels.push_back(*l);
      }
    } else if (key == "language") {
      for (const auto& [name, node] : strings_of(file, value, key)) r.languages.push_back(name);
    } else if (key == "state") {
      for (const auto& [name, node] : strings_of(file, value, key)) {
        const auto s = parse_state(name);
        if (!s)
          fail(file, *node,
               Message(N_("unknown state {} (states: {})"), quote_value(name),
                       choices({"pending", "asked", "replied", "no_reply", "accepted", "declined", "withdrawn"})));
        r.states.push_back(*s);
      }
    } else if (key == "days_waiting_at_least") {
      r.days_waiting_at_least = integer_of(file, value, key, 0);
    } else if (key == "days_waiting_at_most") {
      r.days_waiting_at_most = integer_of(file, value, key, 0);
    } else if (key == "replied") {
      r.replied = bool_of(file, value, key);
    } else if (key == "mutual_messages") {
      r.mutual_messages = bool_of(file, value, key);
    } else if (key == "text_contains") {
      for (const auto& [text, node] : strings_of(file, value, key)) {
        std::string folded = classify::fold(text);
        if (folded.empty()) fail(file, *node, fmt::format("\"text_contains\" has no words ({})", quote_value(text)));
        r.text_contains.push_back(std::move(folded));
      }
    } else if (key == "suggest") {
      const std::string name = string_of(file, value, key);
      const auto s = parse_suggestion(name);
      if (!s)
        fail(file, value,
             Message(N_("unknown suggestion {} (suggestions: accept, ask, decline, wait, none)"), quote_value(name)));
      r.suggest = *s;
      has_suggest = true;
    } else {
      fail(file, value,
           Message(N_("unknown condition {} in a rule (conditions: label, language, state, days_waiting_at_least, "
                      "days_waiting_at_most, replied, mutual_messages, text_contains; and suggest)"),
                   quote_value(key)));
    }
  }
  if (!has_suggest) throw InputError(file, line_of(t), Message(N_("a rule without \"suggest\"")));
  return r;
}

// Walks the text as TOML's lexer would (strings, comments, brackets) and counts, outside strings, the dots of
// each line and the open brackets: toml++ recurses once per dotted part and per nested value, so a key of 100,000
// parts overflows the stack.
class ShapeCheck {
public:
  ShapeCheck(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  void run()
  {
    if (text_.size() > max_config_bytes)
      throw InputError(file_, 0, Message(N_("the settings file is larger than {} bytes"), max_config_bytes));
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '"' || c == '\'') {
        skip_string(c);
        continue;
      }
      ++at_;
      if (c == '#') {
        while (at_ < text_.size() && text_[at_] != '\n') ++at_;
      } else if (c == '\n') {
        ++line_;
        dots_ = 0;
      } else if (c == '.' && ++dots_ >= max_key_parts) {
        throw InputError(file_, line_, Message(N_("a key of more than {} dotted parts"), max_key_parts));
      } else if ((c == '[' || c == '{') && ++depth_ > max_nesting) {
        throw InputError(file_, line_, Message(N_("values nested more than {} deep"), max_nesting));
      } else if ((c == ']' || c == '}') && depth_ > 0) {
        --depth_;
      }
    }
  }

private:
  // From an opening quote past the closing one; an unterminated string is left to the parser to report.
  void skip_string(char quote)
  {
    const std::string three(3, quote);
    const bool multi_line = text_.substr(at_, 3) == three;
    at_ += multi_line ? 3 : 1;
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c == '\\' && quote == '"') {
        at_ += 2;
      } else if (c == quote && (!multi_line || text_.substr(at_, 3) == three)) {
        at_ += multi_line ? 3 : 1;
        while (multi_line && at_ < text_.size() && text_[at_] == quote) ++at_; // up to two quotes end the text
        return;
      } else {
        if (c == '\n') {
          if (!multi_line) return;
          ++line_;
        }
        ++at_;
      }
    }
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t at_ = 0;
  std::uint64_t line_ = 1;
  std::size_t dots_ = 0;
  std::size_t depth_ = 0;
};

} // namespace

Config parse_config(std::string_view text, const std::string& file)
{
  ShapeCheck(text, file).run();
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw InputError(file, e.source().begin.line, std::string(e.description()));
  }
  Config c;
  for (const auto& [key_node, value] : root) {
    const std::string key(key_node.str());
    if (key == "policy") {
      c.policy = string_of(file, value, key);
      if (!builtin_policy(c.policy))
        fail(file, value, Message(N_("unknown policy {} (policies: ask, strict, open)"), quote_value(c.policy)));
    } else if (key == "deadline_days") {
      c.deadline_days = integer_of(file, value, key, 1);
    } else if (key == "language") {
      c.language = string_of(file, value, key);
      c.language_set = true;
      if (c.language != "es" && c.language != "en")
        fail(file, value, fmt::format("language must be es or en ({})", quote_value(c.language)));
    } else if (key == "account") {
      c.account = string_of(file, value, key);
      if (c.account != "free" && c.account != "premium")
        fail(file, value, fmt::format("account must be free or premium ({})", quote_value(c.account)));
    } else if (key == "my_name") {
      c.my_name = string_of(file, value, key);
    } else if (key == "my_link") {
      c.my_link = string_of(file, value, key);
    } else if (key == "minutes_per_ask") {
      c.minutes_per_ask = integer_of(file, value, key, 0);
    } else if (key == "rules") {
      const auto* rules = value.as_array();
      if (!rules) fail(file, value, "\"rules\" must be a list of tables: write each rule as [[rules]]");
      for (const auto& item : *rules) {
        const auto* t = item.as_table();
        if (!t) fail(file, item, "each rule must be a table ([[rules]])");
        c.rules.push_back(parse_rule(file, *t));
      }
    } else if (key == "templates") {
      const auto* t = value.as_table();
      if (!t) fail(file, value, "\"templates\" must be a table ([templates])");
      for (const auto& [name_node, text_node] : *t) {
        const std::string name(name_node.str());
        static const std::set<std::string> known = {"ask_es", "ask_en", "welcome_es", "welcome_en"};
        if (!known.contains(name))
          fail(file, text_node,
               fmt::format("unknown template {} (templates: ask_es, ask_en, welcome_es, welcome_en)",
                           quote_value(name)));
        std::string kind = name;
        kind[kind.find('_')] = '.';
        c.templates[kind] = string_of(file, text_node, name);
        if (const auto problem = template_problem(c.templates[kind])) fail(file, text_node, *problem);
      }
    } else {
      fail(file, value,
           Message(N_("unknown setting {} (settings: policy, deadline_days, language, account, my_name, my_link, "
                      "minutes_per_ask, rules, templates)"),
                   quote_value(key)));
    }
  }
  return c;
}

Policy active_policy(const Config& config, const std::optional<std::string>& name)
{
  const std::string chosen = name.value_or(config.policy);
  std::optional<Policy> base = builtin_policy(chosen);
  if (!base) throw InputError(Message(N_("unknown policy {} (policies: ask, strict, open)"), quote_value(chosen)));
  Policy p;
  p.name = config.rules.empty() ? chosen : chosen + " with your rules";
  p.rules = config.rules;
  p.rules.insert(p.rules.end(), base->rules.begin(), base->rules.end());
  return p;
}

} // namespace motivo::protocol
