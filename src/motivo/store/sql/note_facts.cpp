#include <motivo/core/error.hpp>
#include <motivo/store/sql/note_facts.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace motivo::store::sql {

namespace {

template <typename Parse>
auto parsed(std::string_view word, std::int64_t id, std::string_view what, Parse parse) -> decltype(parse(word))
{
  if (word.empty()) return std::nullopt;
  if (auto value = parse(word)) return value;
  throw std::runtime_error(fmt::format("the database holds an unknown {} for invitation {} ({}): it was changed "
                                       "outside motivo",
                                       what, id, quote_value(word)));
}

} // namespace

NoteFacts note_facts(std::int64_t id, std::int64_t owner, std::string_view label, std::string_view user_label,
                     std::optional<std::int64_t> user_label_at, std::string_view decision)
{
  NoteFacts f;
  f.owner = owner;
  f.label = parsed(label, id, "label", classify::parse_label);
  f.user_label = parsed(user_label, id, "label", classify::parse_label);
  f.user_label_at = user_label_at.value_or(0);
  f.decision = parsed(decision, id, "decision", protocol::parse_decision);
  return f;
}

} // namespace motivo::store::sql
