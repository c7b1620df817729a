#pragma once

#include <motivo/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

// Reading notes with what the user taught about them, and the users' models, written once for both engines.
namespace motivo::store::sql {

// Every invitation's note and facts, in the order of their ids: id, from_name, to_name, message, owner, label,
// user_label, user_label_at, decision.
inline constexpr const char* notes_sql = R"sql(
SELECT id, from_name, to_name, message, owner, coalesce(label, ''), coalesce(user_label, ''), user_label_at,
       coalesce(decision, '')
FROM invitations ORDER BY id)sql";

// The users' models: owner, fingerprint, examples, model.
inline constexpr const char* models_sql = "SELECT owner, fingerprint, examples, model FROM user_models ORDER BY owner";
inline constexpr const char* clear_models_sql = "DELETE FROM user_models";

// The facts of invitation `id` from the columns of notes_sql; a word motivo never writes is a damaged database,
// said as such.
NoteFacts note_facts(std::int64_t id, std::int64_t owner, std::string_view label, std::string_view user_label,
                     std::optional<std::int64_t> user_label_at, std::string_view decision);

} // namespace motivo::store::sql
