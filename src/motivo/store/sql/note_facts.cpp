#include <motivo/core/error.hpp>
#include <motivo/store/sql/label_state.hpp>
#include <motivo/store/sql/note_facts.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace motivo::store::sql {

void throw_unknown_word(std::string_view word, std::optional<std::int64_t> id, std::string_view what)
{
  const std::string where = id ? fmt::format("for invitation {}", *id) : std::string("in its invitations");
  throw std::runtime_error(fmt::format("the database holds an unknown {} {} ({}): it was changed outside motivo", what,
                                       where, quote_value(word)));
}

Notes read_notes(Connection& c)
{
  Notes out = read_notes(c, 0, SIZE_MAX);
  c.release_memory(); // the notes are in memory now: the cache they came through is not needed while labelling
  return out;
}

Notes read_notes(Connection& c, std::int64_t after, std::size_t limit)
{
  Notes out;
  if (after == 0) {
    out.label_changes = label_changes(c); // before the notes: a decision committed meanwhile leaves the labels stale
    Statement m = c.prepare("SELECT owner, fingerprint, examples, model FROM user_models ORDER BY owner");
    while (m.step()) out.models.push_back({m.column_int(0), m.column_text(1), m.column_int(2), m.column_text(3)});
  }
  if (limit == SIZE_MAX) {
    Statement count = c.prepare("SELECT count(*) FROM invitations");
    count.step();
    out.reserve(static_cast<std::size_t>(count.column_int(0)));
  } else {
    out.reserve(limit);
  }
  Statement s = c.prepare(R"sql(
SELECT id, from_name, to_name, message, owner, coalesce(label, ''), coalesce(user_label, ''), user_label_at,
       coalesce(decision, '')
FROM invitations WHERE id > ?1 ORDER BY id LIMIT ?2)sql");
  s.bind(1, after).bind(2, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
  while (s.step()) {
    const std::int64_t id = s.column_int(0);
    NoteFacts f;
    f.owner = s.column_int(4);
    f.label = stored_word(s.column_view(5), id, "label", classify::parse_label);
    f.user_label = stored_word(s.column_view(6), id, "label", classify::parse_label);
    f.user_label_at = s.column_opt_int(7).value_or(0);
    f.decision = stored_word(s.column_view(8), id, "decision", protocol::parse_decision);
    out.add(id, s.column_view(1), s.column_view(2), s.column_view(3), f);
  }
  return out;
}

void store_models(Connection& c, const std::vector<StoredModel>& models)
{
  c.exec("DELETE FROM user_models");
  Statement insert = c.prepare("INSERT INTO user_models (owner, fingerprint, examples, model) VALUES (?1, ?2, ?3, ?4)");
  for (const StoredModel& m : models) {
    insert.reset();
    insert.bind(1, m.owner).bind(2, m.fingerprint).bind(3, m.examples).bind(4, m.model);
    insert.step();
  }
}

} // namespace motivo::store::sql
