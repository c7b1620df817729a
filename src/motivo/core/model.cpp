#include <motivo/core/model.hpp>
#include <motivo/core/text.hpp>

namespace motivo {

std::string_view to_string(Outcome o)
{
  return o == Outcome::accepted ? "accepted" : "withdrawn";
}

std::optional<Outcome> parse_outcome(std::string_view text)
{
  if (text == "accepted") return Outcome::accepted;
  if (text == "withdrawn") return Outcome::withdrawn;
  return std::nullopt;
}

std::string_view to_string(Direction d)
{
  return d == Direction::incoming ? "incoming" : "outgoing";
}

std::optional<Direction> parse_direction(std::string_view text)
{
  const std::string lower = text::ascii_lower(text::trim(text));
  if (lower == "incoming") return Direction::incoming;
  if (lower == "outgoing") return Direction::outgoing;
  return std::nullopt;
}

} // namespace motivo
