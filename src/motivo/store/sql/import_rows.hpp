#pragma once

// The rows an export's files give (invitations, messages, connections) as the columns they fill. Each column is
// named once, beside the value it takes, for every writer of those rows: SQLite's prepared inserts, PostgreSQL's
// staging tables, COPY lines and inserts.

#include <motivo/core/model.hpp>
#include <motivo/store/import.hpp>
#include <motivo/store/sql/connection.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::store::sql {

// The table's name in SQL.
std::string_view table_name(Table table);
// The table a row of an export goes to.
constexpr Table table_of(const InvitationRecord&)
{
  return Table::invitations;
}
constexpr Table table_of(const MessageRecord&)
{
  return Table::messages;
}
constexpr Table table_of(const ConnectionRecord&)
{
  return Table::connections;
}

// Hands each column of `r` to `out`, in the table's order, by the kind of its value: key(name, key),
// number(name, integer or optional integer), text(name, text), text_or_null(name, text: NULL when empty),
// boolean(name, flag).
template <typename Out>
void columns_of(const InvitationRecord& r, Out& out)
{
  out.key("key", r.key).number("owner", r.owner).text("direction", to_string(r.direction));
  out.number("from_person", r.from_person).number("to_person", r.to_person).text("from_name", r.from_name);
  out.text("to_name", r.to_name).text_or_null("from_url", r.from_url).text_or_null("to_url", r.to_url);
  out.number("sent_at", r.sent_at).text("message", r.message);
}

template <typename Out>
void columns_of(const MessageRecord& r, Out& out)
{
  out.key("key", r.key).number("owner", r.owner).text("direction", to_string(r.direction));
  out.text_or_null("conversation_id", r.conversation_id).text_or_null("conversation_title", r.conversation_title);
  out.number("from_person", r.from_person).number("to_person", r.to_person).text("from_name", r.from_name);
  out.text_or_null("from_url", r.from_url).text("to_names", r.to_names).text_or_null("to_urls", r.to_urls);
  out.number("sent_at", r.sent_at).text_or_null("subject", r.subject).text("content", r.content);
  out.text_or_null("folder", r.folder).boolean("draft", r.draft);
  // The other person of a one-to-one message: whom the owner wrote to, or who wrote to the owner.
  out.number("counterpart", r.direction == Direction::outgoing ? r.to_person : r.from_person);
}

template <typename Out>
void columns_of(const ConnectionRecord& r, Out& out)
{
  out.key("key", r.key).number("owner", r.owner).number("person", r.person).text("first_name", r.first_name);
  out.text("last_name", r.last_name).text_or_null("url", r.url).text_or_null("email", r.email);
  out.text_or_null("company", r.company).text_or_null("position", r.position);
  out.text("connected_on", r.connected_on).number("connected_at", r.connected_at);
}

// A column of an export's table: its name and its type on PostgreSQL (bytea, bigint, text or boolean).
struct Column {
  std::string name;
  std::string_view pg_type;
};
// The columns of `table`, in the order columns_of gives them.
const std::vector<Column>& columns(Table table);
// Whether a row of `table` records the last import that listed it (invitations, connections; messages record only
// their first).
bool tracks_last_import(Table table);
// INSERT INTO table(the columns, first_import[, last_import]) VALUES (?1, ?2, …): the columns bound in order by
// bind_columns, then the import's id (once, for both imports).
std::string insert_sql(Table table);

// Binds each column of a row to a statement in order (?1, ?2, …).
class ColumnBinder {
public:
  explicit ColumnBinder(Statement& s) : s_(s) {}
  ColumnBinder& key(const char*, const IdentityKey& k) { return s_.bind_blob(++n_, k.data(), k.size()), *this; }
  ColumnBinder& number(const char*, const std::optional<std::int64_t>& v) { return s_.bind(++n_, v), *this; }
  ColumnBinder& text(const char*, std::string_view v) { return s_.bind(++n_, v), *this; }
  ColumnBinder& text_or_null(const char*, std::string_view v) { return s_.bind_or_null(++n_, v), *this; }
  ColumnBinder& boolean(const char*, bool v) { return s_.bind(++n_, std::int64_t{v ? 1 : 0}), *this; }
  int bound() const { return n_; }

private:
  Statement& s_;
  int n_ = 0;
};

// Binds the columns of `r` to `s` (as insert_sql numbers them) and `import_id` after them.
template <typename Record>
void bind_columns(Statement& s, const Record& r, std::int64_t import_id)
{
  ColumnBinder binder(s);
  columns_of(r, binder);
  s.bind(binder.bound() + 1, import_id);
}

} // namespace motivo::store::sql
