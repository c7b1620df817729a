#pragma once

#include <motivo/core/i18n.hpp>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace motivo {

// A message for the user: its id — the English text, an fmt format string marked with N_, the key of po/es.po —
// and the arguments that fill its {}s. Core has no language of its own: whoever shows the message asks for it in
// the reader's (in()), English being the id itself. A message made with verbatim() reads the same in every
// language (a library's text, or a message no catalog knows yet). A Message given as an argument is put in the
// same language as the message around it ("{}, but the label is a guess: check it first").
class Message {
public:
  using Argument = std::variant<std::string, std::int64_t, std::uint64_t, double, std::shared_ptr<const Message>>;

  template <typename... Args>
  explicit Message(const char* id, Args&&... args) : id_(id), args_{argument(std::forward<Args>(args))...}
  {
  }
  static Message verbatim(std::string text);

  const std::string& id() const { return id_; }
  const std::vector<Argument>& arguments() const { return args_; }
  std::string english() const { return in("en"); }
  // In `language` by its catalog (i18n::Catalog::of); formatted with the English text if the translation's
  // placeholders do not fit the arguments.
  std::string in(std::string_view language) const;

private:
  Message() = default;
  template <typename T>
  static Argument argument(T&& value)
  {
    using V = std::decay_t<T>;
    if constexpr (std::is_same_v<V, Message>)
      return std::make_shared<const Message>(std::forward<T>(value));
    else if constexpr (std::is_integral_v<V> && std::is_signed_v<V>)
      return static_cast<std::int64_t>(value);
    else if constexpr (std::is_integral_v<V>)
      return static_cast<std::uint64_t>(value);
    else if constexpr (std::is_floating_point_v<V>)
      return static_cast<double>(value);
    else
      return std::string(std::forward<T>(value));
  }

  std::string id_;
  std::vector<Argument> args_;
  bool verbatim_ = false;
};

// A failure whose message can be shown in the reader's language: `what()` is English, in() any language. Thrown
// where the problem is found (core, io, store), translated where it is shown (cli/main.cpp, the server).
class Error : public std::runtime_error {
public:
  explicit Error(const Message& message);
  template <typename... Args>
  explicit Error(const char* id, Args&&... args) : Error(Message(id, std::forward<Args>(args)...))
  {
  }

  const Message& message() const { return *message_; }
  virtual std::string in(std::string_view language) const;

protected:
  Error(const std::string& what, const Message& message);

private:
  std::shared_ptr<const Message> message_; // shared: copying an exception does not throw
};

// A problem with the user's input (a file, a line, a value): the operation stops, nothing is stored,
// and the command exits with status 1. `what()` is the full message, e.g.
// `Invitations.csv:12: impossible date ("2/30/24, 9:00 AM")`; in() puts the same place before the translation.
class InputError : public Error {
public:
  InputError(std::string file, std::uint64_t line, const Message& message);
  InputError(std::string file, std::uint64_t line, const std::string& message); // shown as written
  explicit InputError(const Message& message);
  explicit InputError(const std::string& message); // shown as written

  const std::string& file() const { return file_; }
  std::uint64_t line() const { return line_; }
  std::string in(std::string_view language) const override;

private:
  std::string file_;
  std::uint64_t line_ = 0;
};

// The message of any exception in `language`: an Error's translated, any other's what().
std::string message_in(const std::exception& error, std::string_view language);

// Quotes a value for an error message: at most 80 characters, control characters escaped.
std::string quote_value(std::string_view value);

} // namespace motivo
