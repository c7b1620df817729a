#include <motivo/store/postgres/pg_import_session.hpp>
#include <motivo/store/postgres/pg_store.hpp>

#include <fmt/format.h>

#include <utility>

namespace motivo::store::postgres {

namespace {

constexpr std::size_t batch_rows = 20000;
constexpr std::size_t batch_bytes = 16u << 20;

constexpr const char* staging = R"sql(
CREATE TEMP TABLE stage_people (id bigint, name text, name_key text, slug text) ON COMMIT DROP;
CREATE TEMP TABLE stage_invitations (key bytea, owner bigint, direction text, from_person bigint, to_person bigint,
  from_name text, to_name text, from_url text, to_url text, sent_at bigint, message text,
  seq bigint GENERATED ALWAYS AS IDENTITY) ON COMMIT DROP;
CREATE TEMP TABLE stage_messages (key bytea, owner bigint, direction text, conversation_id text,
  conversation_title text, from_person bigint, to_person bigint, from_name text, from_url text, to_names text,
  to_urls text, sent_at bigint, subject text, content text, folder text, draft boolean,
  seq bigint GENERATED ALWAYS AS IDENTITY) ON COMMIT DROP;
CREATE TEMP TABLE stage_connections (key bytea, owner bigint, person bigint, first_name text, last_name text,
  url text, email text, company text, position text, connected_on text, connected_at bigint,
  seq bigint GENERATED ALWAYS AS IDENTITY) ON COMMIT DROP;
)sql";

// Moves a batch from its staging table into the real one; the query's one value is how many rows were new.
constexpr const char* move_invitations = R"sql(
WITH moved AS (
  INSERT INTO invitations(key, owner, direction, from_person, to_person, from_name, to_name, from_url, to_url, sent_at,
                          message, first_import, last_import)
  SELECT key, owner, direction, from_person, to_person, from_name, to_name, from_url, to_url, sent_at, message, $1, $1
  FROM (SELECT DISTINCT ON (key) * FROM stage_invitations ORDER BY key, seq) AS first ORDER BY seq
  ON CONFLICT (key) DO UPDATE SET last_import = excluded.last_import
  RETURNING xmax = 0 AS fresh)
SELECT count(*) FILTER (WHERE fresh) FROM moved)sql";
constexpr const char* move_messages = R"sql(
WITH moved AS (
  INSERT INTO messages(key, owner, direction, conversation_id, conversation_title, from_person, to_person, from_name,
                       from_url, to_names, to_urls, sent_at, subject, content, folder, draft, first_import, counterpart)
  SELECT key, owner, direction, conversation_id, conversation_title, from_person, to_person, from_name, from_url,
         to_names, to_urls, sent_at, subject, content, folder, draft, $1,
         CASE direction WHEN 'outgoing' THEN to_person ELSE from_person END
  FROM stage_messages ORDER BY seq
  ON CONFLICT (key) DO NOTHING
  RETURNING 1)
SELECT count(*) FROM moved)sql";
constexpr const char* move_connections = R"sql(
WITH moved AS (
  INSERT INTO connections(key, owner, person, first_name, last_name, url, email, company, position, connected_on,
                          connected_at, first_import, last_import)
  SELECT key, owner, person, first_name, last_name, url, email, company, position, connected_on, connected_at, $1, $1
  FROM (SELECT DISTINCT ON (key) * FROM stage_connections ORDER BY key, seq) AS first ORDER BY seq
  ON CONFLICT (key) DO UPDATE SET last_import = excluded.last_import
  RETURNING xmax = 0 AS fresh)
SELECT count(*) FILTER (WHERE fresh) FROM moved)sql";

struct TableSql {
  const char* stage;
  const char* move;
  std::vector<std::string> columns; // as CopyLine writes them (seq numbers the rows: the first of a key wins)
};
const TableSql& sql_of(Table table)
{
  static const TableSql sql[] = {
      {"stage_invitations",
       move_invitations,
       {"key", "owner", "direction", "from_person", "to_person", "from_name", "to_name", "from_url", "to_url",
        "sent_at", "message"}},
      {"stage_messages",
       move_messages,
       {"key", "owner", "direction", "conversation_id", "conversation_title", "from_person", "to_person", "from_name",
        "from_url", "to_names", "to_urls", "sent_at", "subject", "content", "folder", "draft"}},
      {"stage_connections",
       move_connections,
       {"key", "owner", "person", "first_name", "last_name", "url", "email", "company", "position", "connected_on",
        "connected_at"}},
  };
  return sql[static_cast<int>(table)];
}

} // namespace

PgImportSession::PgImportSession(pqxx::connection& connection, const ImportInfo& info)
  : SqlImportSession(info), tx_(connection)
{
  tx_.exec0(staging);
  start(work_, info);
}

PgImportSession::~PgImportSession() = default; // pqxx::work rolls back unless committed

void PgImportSession::lock_people()
{
  if (people_locked_) return;
  tx_.exec("SELECT pg_advisory_xact_lock(7461726977)");
  people_locked_ = true;
  for (const auto& row : tx_.exec_params("SELECT id, name_key, slug FROM people WHERE id > $1 ORDER BY id",
                                         static_cast<std::int64_t>(known_max_id_))) {
    const PersonId id = row[0].as<std::int64_t>();
    const std::string key = row[1].c_str();
    if (!row[2].is_null()) late_by_slug_.emplace(row[2].c_str(), id);
    late_by_name_.emplace(key, id); // ordered by id: the first one stays
    if (row[2].is_null()) late_slugless_by_name_.emplace(key, id);
  }
}

PersonId PgImportSession::create_person(std::string_view name, std::string_view name_key, std::string_view slug)
{
  lock_people();
  // Someone another import stored meanwhile is who this import's resolver would have found (people.hpp's rules).
  if (!slug.empty()) {
    if (const auto it = late_by_slug_.find(std::string(slug)); it != late_by_slug_.end()) return it->second;
    if (const auto it = late_slugless_by_name_.find(std::string(name_key));
        !name_key.empty() && it != late_slugless_by_name_.end()) {
      const PersonId id = it->second;
      late_slugless_by_name_.erase(it);
      late_by_slug_.emplace(slug, id);
      pending_slugs_.emplace_back(id, std::string(slug));
      return id;
    }
  } else if (const auto it = late_by_name_.find(std::string(name_key)); it != late_by_name_.end()) {
    return it->second;
  }
  if (free_ids_.empty()) {
    // Ids from the table's own sequence, a growing number at a time, handed out in order.
    const pqxx::result r = tx_.exec_params(
        "SELECT nextval(pg_get_serial_sequence('people', 'id')) FROM generate_series(1, $1) ORDER BY 1 DESC",
        static_cast<std::int64_t>(id_batch_));
    for (const auto& row : r) free_ids_.push_back(row[0].as<std::int64_t>());
    id_batch_ = std::min<std::size_t>(id_batch_ * 2, 65536);
  }
  const PersonId id = free_ids_.back();
  free_ids_.pop_back();
  pending_person_[id] = pending_people_.size();
  pending_people_.push_back({id, std::string(name), std::string(name_key), std::string(slug)});
  return id;
}

void PgImportSession::attach_slug(PersonId id, std::string_view slug)
{
  lock_people();
  if (const auto it = pending_person_.find(id); it != pending_person_.end()) {
    pending_people_[it->second].slug = slug;
    return;
  }
  // A slug another import gave someone meanwhile stays theirs (this person stays known by name).
  if (!late_by_slug_.emplace(std::string(slug), id).second) return;
  pending_slugs_.emplace_back(id, std::string(slug));
}

std::vector<KnownPerson> PgImportSession::known_people()
{
  std::vector<KnownPerson> people = SqlImportSession::known_people();
  known_max_id_ = people.empty() ? 0 : people.back().id;
  return people;
}

void PgImportSession::add_row(Pending& pending, const CopyLine& line)
{
  pending.lines += line.str();
  pending.lines += '\n';
  ++pending.rows;
  flush_if_full();
}

void PgImportSession::flush_if_full()
{
  std::size_t rows = pending_people_.size(), bytes = 0;
  for (const Pending& p : rows_) {
    rows += p.rows;
    bytes += p.lines.size();
  }
  if (rows >= batch_rows || bytes >= batch_bytes) flush();
}

void PgImportSession::add_invitation(const InvitationRecord& r)
{
  if (mail_only_rows_) {
    add_invitation_one_by_one(r);
    return;
  }
  line_.clear();
  line_.key(r.key).number(r.owner).text(to_string(r.direction)).number(r.from_person).number(r.to_person);
  line_.text(r.from_name).text(r.to_name).text_or_null(r.from_url).text_or_null(r.to_url).number(r.sent_at);
  line_.text(r.message);
  add_row(rows_[static_cast<int>(Table::invitations)], line_);
}

void PgImportSession::add_message(const MessageRecord& r)
{
  line_.clear();
  line_.key(r.key).number(r.owner).text(to_string(r.direction)).text_or_null(r.conversation_id);
  line_.text_or_null(r.conversation_title).number(r.from_person).number(r.to_person).text(r.from_name);
  line_.text_or_null(r.from_url).text(r.to_names).text_or_null(r.to_urls).number(r.sent_at).text_or_null(r.subject);
  line_.text(r.content).text_or_null(r.folder).boolean(r.draft);
  add_row(rows_[static_cast<int>(Table::messages)], line_);
}

void PgImportSession::add_connection(const ConnectionRecord& r)
{
  line_.clear();
  line_.key(r.key).number(r.owner).number(r.person).text(r.first_name).text(r.last_name).text_or_null(r.url);
  line_.text_or_null(r.email).text_or_null(r.company).text_or_null(r.position).text(r.connected_on);
  line_.number(r.connected_at);
  add_row(rows_[static_cast<int>(Table::connections)], line_);
}

std::uint64_t PgImportSession::take_added(Table table)
{
  flush();
  return std::exchange(added_[static_cast<int>(table)], 0);
}

void PgImportSession::flush()
{
  flush_people();
  for (const Table t : {Table::invitations, Table::messages, Table::connections})
    added_[static_cast<int>(t)] += flush_rows(t);
}

void PgImportSession::flush_people()
{
  if (!pending_people_.empty()) {
    std::string lines;
    for (const NewPerson& p : pending_people_) {
      line_.clear();
      line_.number(p.id).text(p.name).text(p.name_key).text_or_null(p.slug);
      lines += line_.str();
      lines += '\n';
    }
    tx_.exec0("TRUNCATE stage_people");
    copy_in(tx_, "stage_people", lines);
    tx_.exec_params0("INSERT INTO people(id, name, name_key, slug, created_import) "
                     "SELECT id, name, name_key, slug, $1 FROM stage_people",
                     import_id_);
    pending_people_.clear();
    pending_person_.clear();
  }
  for (const auto& [id, slug] : pending_slugs_) {
    tx_.exec_params0("UPDATE people SET slug = $2 WHERE id = $1", static_cast<std::int64_t>(id), slug);
  }
  pending_slugs_.clear();
}

std::uint64_t PgImportSession::flush_rows(Table table)
{
  Pending& pending = rows_[static_cast<int>(table)];
  if (pending.rows == 0) return 0;
  const TableSql& sql = sql_of(table);
  tx_.exec0(fmt::format("TRUNCATE {} RESTART IDENTITY", sql.stage));
  copy_in(tx_, sql.stage, pending.lines, sql.columns);
  pending.lines.clear();
  pending.rows = 0;
  return tx_.exec_params1(sql.move, import_id_)[0].as<std::uint64_t>();
}

void PgImportSession::add_invitation_one_by_one(const InvitationRecord& r)
{
  flush(); // the people it names, and the rows before it
  const auto key = key_param(r.key);
  const std::string direction(to_string(r.direction));
  const std::optional<std::int64_t> from_person = r.from_person, to_person = r.to_person;
  const std::int64_t owner = r.owner;
  if (tx_.exec_params("UPDATE invitations SET last_import = $2 WHERE key = $1", key, import_id_).affected_rows() > 0)
    return;
  // The export's row of an invitation first read from mail: that row becomes it.
  if (adopt_mail_row(r)) return;
  const pqxx::row fresh = tx_.exec_params1(R"sql(
INSERT INTO invitations(key, owner, direction, from_person, to_person, from_name, to_name, from_url, to_url,
                        sent_at, message, first_import, last_import)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
ON CONFLICT (key) DO UPDATE SET last_import = excluded.last_import
RETURNING xmax = 0)sql",
                                           key, owner, direction, from_person, to_person, std::string(r.from_name),
                                           std::string(r.to_name), or_null(r.from_url), or_null(r.to_url),
                                           static_cast<std::int64_t>(r.sent_at), std::string(r.message), import_id_);
  added_[static_cast<int>(Table::invitations)] += fresh[0].as<bool>();
}

void PgImportSession::commit()
{
  tx_.commit();
  data_changed(tx_.conn());
}

Notes PgImportSession::notes()
{
  flush();
  return read_notes(tx_);
}

std::unique_ptr<LabelSink> PgImportSession::label_sink()
{
  return label_sink_in(tx_);
}

} // namespace motivo::store::postgres
