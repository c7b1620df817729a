#pragma once

#include <motivo/store/notes.hpp>
#include <motivo/store/sql/connection.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

// Reading notes with what the user taught about them, and the users' models, written once for both engines; and
// how a word stored by motivo is read back.
namespace motivo::store::sql {

// Every stored note with what the user taught about it, in the order of their ids, and the users' models: what
// NoteLabels::notes() gives, read in the transaction under way (the connection's cache released after it).
Notes read_notes(Connection& c);
// The notes whose ids follow `after`, at most `limit` of them (LabelSink::notes); after 0, first the label changes
// and the users' models.
Notes read_notes(Connection& c, std::int64_t after, std::size_t limit);

// Replaces the users' stored models with `models` (LabelSink::put_models), in the transaction under way.
void store_models(Connection& c, const std::vector<StoredModel>& models);

[[noreturn]] void throw_unknown_word(std::string_view word, std::optional<std::int64_t> id, std::string_view what);

// A word motivo stored (a direction, an outcome, a label, a decision) read back as core's value by `parse`:
// nullopt when empty (or NULL); a word motivo never writes is a damaged database, said as such (`what` it is, of
// invitation `id`, or of a group of invitations without one).
template <typename Parse>
auto stored_word(std::string_view word, std::optional<std::int64_t> id, std::string_view what, Parse parse)
    -> decltype(parse(word))
{
  if (word.empty()) return std::nullopt;
  if (auto value = parse(word)) return value;
  throw_unknown_word(word, id, what);
}

} // namespace motivo::store::sql
