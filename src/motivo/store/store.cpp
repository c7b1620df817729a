#include <motivo/core/classify/fold.hpp>
#include <motivo/core/text.hpp>
#include <motivo/store/shared.hpp>
#include <motivo/store/store.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

namespace motivo::store {

SchemaStatus sqlite_schema_status(const std::string& path);  // store/sqlite/sqlite_store.cpp
SchemaStatus postgres_schema_status(const std::string& url); // store/postgres/pg_store.cpp

std::string_view to_string(Role role)
{
  return role == Role::admin ? "admin" : "member";
}

std::optional<Role> parse_role(std::string_view text)
{
  if (text == "admin") return Role::admin;
  if (text == "member") return Role::member;
  return std::nullopt;
}

bool is_postgres_location(const std::string& location)
{
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redact_url(const std::string& url)
{
  // scheme://user:password@host/... -> scheme://user@host/...; a password=... parameter likewise.
  std::string out = url;
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto at = out.find('@', scheme + 3);
    const auto slash = out.find('/', scheme + 3);
    if (at != std::string::npos && (slash == std::string::npos || at < slash)) {
      const auto colon = out.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) out.erase(colon, at - colon);
    }
  }
  if (const auto p = out.find("password="); p != std::string::npos) {
    const auto end = out.find_first_of("&; ", p);
    out.replace(p, (end == std::string::npos ? out.size() : end) - p, "password=***");
  }
  return out;
}

std::unique_ptr<Store> open_store(const std::string& location)
{
  if (is_postgres_location(location)) return open_postgres(location);
  return open_sqlite(location);
}

const char* const writings_sql = R"sql(
SELECT kind, about, about_url, ref, at, text FROM (
  SELECT 1 AS k, 'note' AS kind, p.name AS about, coalesce('https://www.linkedin.com/in/' || p.slug, '') AS about_url,
         n.person AS ref, n.written_at AS at, n.note AS text, n.id AS id
  FROM person_notes n JOIN people p ON p.id = n.person
  UNION ALL
  SELECT 2, 'ask', i.from_name, coalesce(i.from_url, ''), a.invitation, a.asked_at, a.message, a.id
  FROM asks a JOIN invitations i ON i.id = a.invitation
  UNION ALL
  SELECT 3, 'welcome', trim(c.first_name || ' ' || c.last_name), coalesce(c.url, ''), w.connection, w.sent_at, w.message, w.id
  FROM welcomes w JOIN connections c ON c.id = w.connection) AS writings
ORDER BY k, at, id)sql";

std::string ids_by_folded_name(const std::vector<std::pair<std::int64_t, std::string>>& people, std::string_view query,
                               bool whole)
{
  const std::string folded_query = classify::fold(query);
  const std::vector<std::string_view> wanted = classify::words(folded_query);
  std::string out;
  if (wanted.empty()) return out;
  std::size_t found = 0;
  std::string name;
  for (const auto& [id, full] : people) {
    name.clear();
    classify::fold_into(full, name);
    bool match = whole ? name == folded_query : true;
    if (!whole) {
      const std::vector<std::string_view> have = classify::words(name);
      for (const std::string_view w : wanted) {
        if (std::none_of(have.begin(), have.end(), [&](std::string_view h) { return h.starts_with(w); })) {
          match = false;
          break;
        }
      }
    }
    if (!match) continue;
    out += (found ? "," : "") + std::to_string(id);
    if (++found == 200) break;
  }
  return out;
}

std::string list_without(const std::string& list, const std::function<bool(std::string_view)>& drop)
{
  std::string out;
  for (std::size_t start = 0; start <= list.size();) {
    const std::size_t comma = std::min(list.find(',', start), list.size());
    const std::string_view item = text::trim(std::string_view(list).substr(start, comma - start));
    if (!item.empty() && !drop(item)) out += (out.empty() ? "" : ",") + std::string(item);
    start = comma + 1;
  }
  return out;
}

std::string like_escaped(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::vector<std::string> parse_reasons(std::string_view json)
{
  std::vector<std::string> out;
  const auto reasons = nlohmann::json::parse(json, nullptr, false);
  if (!reasons.is_array()) return out;
  for (const auto& r : reasons) {
    if (r.is_string()) out.push_back(r.get<std::string>());
  }
  return out;
}

void add_new_people(std::vector<PersonView>& out, std::vector<PersonView> more)
{
  for (auto& p : more) {
    if (std::none_of(out.begin(), out.end(), [&](const PersonView& q) { return q.id == p.id; }))
      out.push_back(std::move(p));
  }
}

std::string_view Notes::keep(std::string_view text)
{
  if (text.empty()) return {};
  if (used_ + text.size() > size_) {
    size_ = std::max<std::size_t>(1u << 20, text.size());
    blocks_.push_back(std::make_unique<char[]>(size_));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

SchemaStatus schema_status(const std::string& location)
{
  if (is_postgres_location(location)) return postgres_schema_status(location);
  return sqlite_schema_status(location);
}

} // namespace motivo::store
