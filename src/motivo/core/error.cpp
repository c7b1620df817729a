#include <motivo/core/error.hpp>

#include <fmt/args.h>
#include <fmt/format.h>

namespace motivo {

namespace {
std::string locate(const std::string& file, std::uint64_t line, const std::string& message)
{
  if (file.empty()) return message;
  if (line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}: {}", file, line, message);
}
} // namespace

Message Message::verbatim(std::string text)
{
  Message m;
  m.id_ = std::move(text);
  m.verbatim_ = true;
  return m;
}

std::string Message::in(std::string_view language) const
{
  if (verbatim_) return id_;
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : args_) {
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::shared_ptr<const Message>>)
            store.push_back(v->in(language));
          else
            store.push_back(v);
        },
        a);
  }
  const std::string_view text = i18n::Catalog::of(language).gettext(id_);
  try {
    return fmt::vformat(text, store);
  } catch (const fmt::format_error&) {
    if (text.data() == id_.data()) return id_;
    return fmt::vformat(id_, store); // a translation whose placeholders do not fit: the English text
  }
}

Error::Error(const Message& message) : Error(message.english(), message)
{
}

Error::Error(const std::string& what, const Message& message)
  : std::runtime_error(what), message_(std::make_shared<const Message>(message))
{
}

std::string Error::in(std::string_view language) const
{
  return message_->in(language);
}

InputError::InputError(std::string file, std::uint64_t line, const Message& message)
  : Error(locate(file, line, message.english()), message), file_(std::move(file)), line_(line)
{
}

InputError::InputError(std::string file, std::uint64_t line, const std::string& message)
  : InputError(std::move(file), line, Message::verbatim(message))
{
}

InputError::InputError(const Message& message) : InputError(std::string(), 0, message)
{
}

InputError::InputError(const std::string& message) : InputError(Message::verbatim(message))
{
}

std::string InputError::in(std::string_view language) const
{
  return locate(file_, line_, message().in(language));
}

std::string message_in(const std::exception& error, std::string_view language)
{
  if (const auto* e = dynamic_cast<const Error*>(&error)) return e->in(language);
  return error.what();
}

std::string quote_value(std::string_view value)
{
  constexpr std::size_t max_shown = 80;
  std::string out = "\"";
  std::size_t shown = 0;
  std::size_t i = 0;
  for (; i < value.size() && shown < max_shown; ++i, ++shown) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      // Do not cut a UTF-8 sequence in the middle.
      out += static_cast<char>(c);
      while (i + 1 < value.size() && (static_cast<unsigned char>(value[i + 1]) & 0xC0) == 0x80) {
        out += value[++i];
      }
    }
  }
  if (i < value.size()) out += "…";
  out += '"';
  return out;
}

} // namespace motivo
