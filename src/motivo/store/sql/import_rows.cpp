#include <motivo/store/sql/import_rows.hpp>

#include <fmt/format.h>

namespace motivo::store::sql {

namespace {

// Collects the names and types columns_of hands out.
struct Describer {
  std::vector<Column> out;
  Describer& add(const char* name, std::string_view type)
  {
    out.push_back({name, type});
    return *this;
  }
  Describer& key(const char* name, const IdentityKey&) { return add(name, "bytea"); }
  Describer& number(const char* name, const std::optional<std::int64_t>&) { return add(name, "bigint"); }
  Describer& text(const char* name, std::string_view) { return add(name, "text"); }
  Describer& text_or_null(const char* name, std::string_view) { return add(name, "text"); }
  Describer& boolean(const char* name, bool) { return add(name, "boolean"); }
};

template <typename Record>
std::vector<Column> described()
{
  Describer d;
  columns_of(Record{}, d);
  return std::move(d.out);
}

} // namespace

const std::vector<Column>& columns(Table table)
{
  static const std::vector<Column> all[] = {described<InvitationRecord>(), described<MessageRecord>(),
                                            described<ConnectionRecord>()};
  return all[static_cast<int>(table)];
}

std::string_view table_name(Table table)
{
  static constexpr std::string_view names[] = {"invitations", "messages", "connections"};
  return names[static_cast<int>(table)];
}

bool tracks_last_import(Table table)
{
  return table != Table::messages;
}

std::string insert_sql(Table table)
{
  std::string names_sql, values;
  int n = 0;
  for (const Column& c : columns(table)) {
    names_sql += c.name + ", ";
    values += fmt::format("?{}, ", ++n);
  }
  const bool last = tracks_last_import(table);
  return fmt::format("INSERT INTO {}({}first_import{}) VALUES ({}?{}{})", table_name(table), names_sql,
                     last ? ", last_import" : "", values, n + 1, last ? fmt::format(", ?{}", n + 1) : "");
}

} // namespace motivo::store::sql
