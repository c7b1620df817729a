#include <motivo/core/i18n.hpp>

#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <stdexcept>

namespace motivo::data {
// Generated at build time from data/ and po/ (see cmake/embed.cmake); empty for an unknown name.
std::string_view embedded_file(std::string_view name);
} // namespace motivo::data

namespace motivo::i18n {

// A Plural-Forms expression: C's operators over n (?: || && == != < > <= >= + - * / % ! and parentheses), as
// gettext evaluates it.
class Catalog::Expression {
public:
  explicit Expression(std::string_view text) : text_(text)
  {
    root_ = ternary();
    skip_spaces();
    if (at_ != text_.size()) throw std::invalid_argument("plural expression: unexpected text");
  }

  std::uint64_t operator()(std::uint64_t n) const { return evaluate(root_, n); }

private:
  struct Node {
    std::string op; // "n", "#" (a number), "!", "?:", or a binary operator
    std::uint64_t value = 0;
    std::vector<std::size_t> operands;
  };

  std::size_t add(Node node)
  {
    nodes_.push_back(std::move(node));
    return nodes_.size() - 1;
  }
  void skip_spaces()
  {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }
  bool take(std::string_view token)
  {
    skip_spaces();
    if (text_.substr(at_, token.size()) != token) return false;
    // "<" is not "<=", "!" is not "!=".
    if (token.size() == 1 && at_ + 1 < text_.size() && text_[at_ + 1] == '=' &&
        std::string_view("<>!=").find(token[0]) != std::string_view::npos)
      return false;
    at_ += token.size();
    return true;
  }
  std::size_t binary(std::size_t (Expression::*next)(), std::initializer_list<std::string_view> ops)
  {
    std::size_t left = (this->*next)();
    for (;;) {
      bool found = false;
      for (const std::string_view op : ops) {
        if (!take(op)) continue;
        left = add({std::string(op), 0, {left, (this->*next)()}});
        found = true;
        break;
      }
      if (!found) return left;
    }
  }
  std::size_t ternary()
  {
    const std::size_t condition = logical_or();
    if (!take("?")) return condition;
    const std::size_t yes = ternary();
    if (!take(":")) throw std::invalid_argument("plural expression: ? without :");
    return add({"?:", 0, {condition, yes, ternary()}});
  }
  std::size_t logical_or() { return binary(&Expression::logical_and, {"||"}); }
  std::size_t logical_and() { return binary(&Expression::equality, {"&&"}); }
  std::size_t equality() { return binary(&Expression::relation, {"==", "!="}); }
  std::size_t relation() { return binary(&Expression::sum, {"<=", ">=", "<", ">"}); }
  std::size_t sum() { return binary(&Expression::product, {"+", "-"}); }
  std::size_t product() { return binary(&Expression::unary, {"*", "/", "%"}); }
  std::size_t unary()
  {
    if (take("!")) return add({"!", 0, {unary()}});
    skip_spaces();
    if (take("(")) {
      const std::size_t inner = ternary();
      if (!take(")")) throw std::invalid_argument("plural expression: ( without )");
      return inner;
    }
    if (take("n")) return add({"n", 0, {}});
    if (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) {
      std::uint64_t value = 0;
      while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_])))
        value = value * 10 + static_cast<std::uint64_t>(text_[at_++] - '0');
      return add({"#", value, {}});
    }
    throw std::invalid_argument("plural expression: unexpected text");
  }

  std::uint64_t evaluate(std::size_t i, std::uint64_t n) const
  {
    const Node& node = nodes_[i];
    const auto& op = node.op;
    const auto& args = node.operands;
    if (op == "n") return n;
    if (op == "#") return node.value;
    if (op == "!") return evaluate(args[0], n) == 0;
    if (op == "?:") return evaluate(args[0], n) != 0 ? evaluate(args[1], n) : evaluate(args[2], n);
    const std::uint64_t a = evaluate(args[0], n);
    if (op == "&&") return a != 0 && evaluate(args[1], n) != 0;
    if (op == "||") return a != 0 || evaluate(args[1], n) != 0;
    const std::uint64_t b = evaluate(args[1], n);
    if (op == "==") return a == b;
    if (op == "!=") return a != b;
    if (op == "<") return a < b;
    if (op == ">") return a > b;
    if (op == "<=") return a <= b;
    if (op == ">=") return a >= b;
    if (op == "+") return a + b;
    if (op == "-") return a - b;
    if (op == "*") return a * b;
    if (op == "/") return b == 0 ? 0 : a / b;
    if (op == "%") return b == 0 ? 0 : a % b;
    return 0;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::vector<Node> nodes_;
  std::size_t root_ = 0;
};

namespace {

// The text of a po string: `"…"` with C escapes.
std::string unquote(std::string_view quoted)
{
  const std::size_t open = quoted.find('"'), close = quoted.rfind('"');
  if (open == std::string_view::npos || close <= open) return {};
  std::string out;
  for (std::size_t i = open + 1; i < close; ++i) {
    if (quoted[i] != '\\' || i + 1 >= close) {
      out += quoted[i];
      continue;
    }
    switch (const char c = quoted[++i]) {
    case 'n': out += '\n'; break;
    case 't': out += '\t'; break;
    case 'r': out += '\r'; break;
    case 'a': out += '\a'; break;
    case 'b': out += '\b'; break;
    case 'f': out += '\f'; break;
    case 'v': out += '\v'; break;
    default: out += c; // \" \\ and anything else: the character itself
    }
  }
  return out;
}

std::string header_field(std::string_view header, std::string_view name)
{
  for (std::size_t at = 0; at < header.size();) {
    const std::size_t end = std::min(header.find('\n', at), header.size());
    const std::string_view line = header.substr(at, end - at);
    if (line.starts_with(name) && line.substr(name.size()).starts_with(":")) {
      std::string_view value = line.substr(name.size() + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    at = end + 1;
  }
  return {};
}

} // namespace

Catalog::Catalog() = default;
Catalog::~Catalog() = default;

Catalog::Catalog(std::string_view po)
{
  struct Entry {
    std::string context, id, plural;
    std::map<std::size_t, std::string> forms;
    bool has_context = false, fuzzy = false, seen = false;
  } entry;
  std::string* last = nullptr; // where a continuation line goes
  std::string header;
  const auto finish = [&] {
    if (entry.seen) {
      if (entry.id.empty() && !entry.has_context) {
        header = entry.forms[0];
      } else if (!entry.fuzzy) {
        std::vector<std::string> forms;
        bool translated = !entry.forms.empty();
        for (std::size_t i = 0; i < entry.forms.size(); ++i) {
          const auto it = entry.forms.find(i);
          if (it == entry.forms.end() || it->second.empty()) translated = false;
          forms.push_back(it == entry.forms.end() ? std::string() : it->second);
        }
        if (translated) messages_[entry.has_context ? entry.context + '\x04' + entry.id : entry.id] = std::move(forms);
      }
    }
    entry = Entry{};
    last = nullptr;
  };
  bool after_msgstr = false;
  for (std::size_t at = 0; at < po.size();) {
    const std::size_t end = std::min(po.find('\n', at), po.size());
    std::string_view line = po.substr(at, end - at);
    at = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.starts_with("#~")) continue; // obsolete
    if (line.starts_with("#,")) {
      if (after_msgstr) {
        finish();
        after_msgstr = false;
      }
      if (line.find("fuzzy") != std::string_view::npos) entry.fuzzy = true;
      continue;
    }
    if (line.front() == '#') continue;
    if (line.front() == '"') {
      if (last) *last += unquote(line);
      continue;
    }
    const std::string_view keyword = line.substr(0, line.find(' '));
    if ((keyword == "msgctxt" || keyword == "msgid") && after_msgstr) {
      finish();
      after_msgstr = false;
    }
    entry.seen = true;
    if (keyword == "msgctxt") {
      entry.has_context = true;
      entry.context = unquote(line);
      last = &entry.context;
    } else if (keyword == "msgid") {
      entry.id = unquote(line);
      last = &entry.id;
    } else if (keyword == "msgid_plural") {
      entry.plural = unquote(line);
      last = &entry.plural;
    } else if (keyword.starts_with("msgstr")) {
      std::size_t index = 0;
      if (keyword.size() > 6 && keyword[6] == '[')
        index = std::strtoul(std::string(keyword.substr(7)).c_str(), nullptr, 10);
      entry.forms[index] = unquote(line);
      last = &entry.forms[index];
      after_msgstr = true;
    }
  }
  finish();
  plural_forms_ = header_field(header, "Plural-Forms");
  if (const std::size_t p = plural_forms_.find("plural="); p != std::string::npos) {
    std::string_view text = std::string_view(plural_forms_).substr(p + 7);
    text = text.substr(0, text.find(';'));
    plural_ = std::make_unique<Expression>(text);
  }
  if (const std::size_t p = plural_forms_.find("nplurals="); p != std::string::npos)
    nplurals_ = std::strtoul(plural_forms_.c_str() + p + 9, nullptr, 10);
}

const Catalog& Catalog::of(std::string_view language)
{
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<Catalog>, std::less<>> catalogs;
  const std::lock_guard lock(mutex);
  if (const auto it = catalogs.find(language); it != catalogs.end()) return *it->second;
  const std::string name = std::string(language) + ".po";
  const std::string_view po = language.empty() || language == "en" ? std::string_view() : data::embedded_file(name);
  auto catalog = po.data() ? std::make_unique<Catalog>(po) : std::make_unique<Catalog>();
  return *catalogs.emplace(std::string(language), std::move(catalog)).first->second;
}

std::size_t Catalog::plural_index(std::uint64_t n) const
{
  const std::uint64_t index = plural_ ? (*plural_)(n) : (n != 1 ? 1 : 0);
  return index < nplurals_ ? static_cast<std::size_t>(index) : 0;
}

std::string_view Catalog::gettext(std::string_view id) const
{
  if (messages_.empty()) return id;
  const auto it = messages_.find(std::string(id));
  return it == messages_.end() ? id : std::string_view(it->second.front());
}

std::string_view Catalog::pgettext(std::string_view context, std::string_view id) const
{
  if (messages_.empty()) return id;
  const auto it = messages_.find(std::string(context) + '\x04' + std::string(id));
  return it == messages_.end() ? id : std::string_view(it->second.front());
}

std::string_view Catalog::ngettext(std::string_view id, std::string_view plural, std::uint64_t n) const
{
  if (const auto it = messages_.find(std::string(id)); it != messages_.end()) {
    const std::size_t index = plural_index(n);
    if (index < it->second.size()) return it->second[index];
  }
  return n == 1 ? id : plural;
}

} // namespace motivo::i18n
