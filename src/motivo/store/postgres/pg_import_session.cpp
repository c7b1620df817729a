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
  : tx_(connection), user_(info.user), started_at_(info.started_at)
{
  tx_.exec0(staging);
  import_id_ = tx_.exec_params1("INSERT INTO imports(started_at, source, user_id) VALUES ($1, $2, $3) RETURNING id",
                                static_cast<std::int64_t>(info.started_at), info.source, info.user)[0]
                   .as<std::int64_t>();
  mail_only_rows_ = tx_.exec1("SELECT EXISTS (SELECT 1 FROM invitations WHERE origin = 'mail')")[0].as<bool>();
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
  std::vector<KnownPerson> people;
  for (const auto& row : tx_.exec("SELECT id, name_key, coalesce(slug, '') FROM people ORDER BY id"))
    people.push_back({row[0].as<std::int64_t>(), row[1].c_str(), row[2].c_str()});
  known_max_id_ = people.empty() ? 0 : people.back().id;
  return people;
}

void PgImportSession::set_owner(PersonId owner)
{
  owner_ = owner; // written to the import's row by finish(), once the person is stored
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
  const pqxx::result near = tx_.exec_params(R"sql(
SELECT id FROM invitations
WHERE owner = $1 AND direction = $2 AND origin = 'mail' AND from_person IS NOT DISTINCT FROM $3
  AND sent_at BETWEEN $4::bigint - $5::bigint AND $4::bigint + $5::bigint
ORDER BY abs(sent_at - $4::bigint), id LIMIT 1)sql",
                                            owner, direction, from_person, static_cast<std::int64_t>(r.sent_at),
                                            static_cast<std::int64_t>(mail_match_window));
  if (!near.empty()) {
    tx_.exec_params(R"sql(
UPDATE invitations
SET key = $2, origin = 'export', from_person = $3, to_person = $4, from_name = $5, to_name = $6,
    from_url = coalesce($7, from_url), to_url = $8, sent_at = $9, message = CASE WHEN $10 <> '' THEN $10 ELSE message END,
    last_import = $11
WHERE id = $1)sql",
                    near[0][0].as<std::int64_t>(), key, from_person, to_person, std::string(r.from_name),
                    std::string(r.to_name), or_null(r.from_url), or_null(r.to_url),
                    static_cast<std::int64_t>(r.sent_at), std::string(r.message), import_id_);
    return;
  }
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

MailOutcome PgImportSession::add_mail_invitation(const MailInvitationRecord& r)
{
  flush();
  const std::int64_t owner = r.owner;
  const std::optional<std::int64_t> from_person = r.from_person, to_person = r.to_person;
  const auto fill_note = [&](std::int64_t id) {
    tx_.exec_params(R"sql(
UPDATE invitations SET message = CASE WHEN message = '' THEN $2 ELSE message END,
                       linkedin_id = coalesce(linkedin_id, $3), mail_id = coalesce(mail_id, $4), last_import = $5
WHERE id = $1)sql",
                    id, std::string(r.message), or_null(r.linkedin_id), or_null(r.mail_id), import_id_);
  };
  if (!r.linkedin_id.empty()) {
    const pqxx::result by_id =
        tx_.exec_params("SELECT id FROM invitations WHERE owner = $1 AND linkedin_id = $2 ORDER BY id LIMIT 1", owner,
                        std::string(r.linkedin_id));
    if (!by_id.empty()) {
      fill_note(by_id[0][0].as<std::int64_t>());
      return MailOutcome::known;
    }
  }
  const pqxx::result by_key = tx_.exec_params("SELECT id FROM invitations WHERE key = $1", key_param(r.key));
  if (!by_key.empty()) {
    fill_note(by_key[0][0].as<std::int64_t>());
    return MailOutcome::known;
  }
  if (from_person) {
    const pqxx::result near = tx_.exec_params(R"sql(
SELECT id FROM invitations
WHERE owner = $1 AND direction = 'incoming' AND from_person = $2
  AND sent_at BETWEEN $3::bigint - $4::bigint AND $3::bigint + $4::bigint
  AND (linkedin_id IS NULL OR linkedin_id = $5)
ORDER BY abs(sent_at - $3::bigint), id LIMIT 1)sql",
                                              owner, *from_person, static_cast<std::int64_t>(r.sent_at),
                                              static_cast<std::int64_t>(mail_match_window), std::string(r.linkedin_id));
    if (!near.empty()) {
      fill_note(near[0][0].as<std::int64_t>());
      return MailOutcome::matched;
    }
  }
  const pqxx::result inserted =
      tx_.exec_params(R"sql(
INSERT INTO invitations(key, owner, direction, from_person, to_person, from_name, to_name, from_url, to_url,
                        sent_at, message, first_import, last_import, origin, linkedin_id, mail_id)
VALUES ($1, $2, 'incoming', $3, $4, $5, $6, $7, NULL, $8, $9, $10, $10, 'mail', $11, $12)
ON CONFLICT (key) DO NOTHING RETURNING id)sql",
                      key_param(r.key), owner, from_person, to_person, std::string(r.from_name), std::string(r.to_name),
                      or_null(r.from_url), static_cast<std::int64_t>(r.sent_at), std::string(r.message), import_id_,
                      or_null(r.linkedin_id), or_null(r.mail_id));
  return inserted.empty() ? MailOutcome::known : MailOutcome::added; // empty: another import stored it meanwhile
}

std::optional<PersonId> PgImportSession::latest_owner()
{
  const pqxx::result r = tx_.exec_params(
      "SELECT owner FROM imports WHERE owner IS NOT NULL AND user_id IS NOT DISTINCT FROM $1 ORDER BY id DESC LIMIT 1",
      user_);
  if (r.empty()) return std::nullopt;
  return r[0][0].as<std::int64_t>();
}

std::optional<std::string> PgImportSession::owner_claimed_by_other(PersonId owner)
{
  const pqxx::result r = tx_.exec_params(R"sql(
SELECT u.name FROM imports i JOIN users u ON u.id = i.user_id
WHERE i.owner = $1 AND i.user_id IS DISTINCT FROM $2 ORDER BY i.id LIMIT 1)sql",
                                         static_cast<std::int64_t>(owner), user_);
  if (r.empty()) return std::nullopt;
  return std::string(r[0][0].c_str());
}

void PgImportSession::set_mail_cursor(const std::string& account, const MailCursor& cursor)
{
  tx_.exec_params(R"sql(
INSERT INTO mail_cursors(account, uidvalidity, last_uid, fetched_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (account) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
                                    fetched_at = excluded.fetched_at)sql",
                  account, cursor.uidvalidity, cursor.last_uid, static_cast<std::int64_t>(cursor.fetched_at));
}

void PgImportSession::finish(std::optional<Span> listed, std::optional<datetime::UnixSeconds> as_of,
                             const std::string& summary_json)
{
  flush();
  const std::int64_t owner = owner_;
  // Accepted once the other side is the owner's connection, connected no earlier than the day before it was sent.
  tx_.exec_params(R"sql(
WITH other AS (
  SELECT i.id, i.sent_at,
         (SELECT min(c.connected_at) FROM connections c
          WHERE c.owner = i.owner AND c.person = CASE i.direction WHEN 'incoming' THEN i.from_person ELSE i.to_person END
            AND c.connected_on >= to_char((to_timestamp(i.sent_at) AT TIME ZONE 'UTC')::date - 1, 'YYYY-MM-DD')) AS at,
         (SELECT min(c.connected_on) FROM connections c
          WHERE c.owner = i.owner AND c.person = CASE i.direction WHEN 'incoming' THEN i.from_person ELSE i.to_person END
            AND c.connected_on >= to_char((to_timestamp(i.sent_at) AT TIME ZONE 'UTC')::date - 1, 'YYYY-MM-DD')) AS on_day
  FROM invitations i
  WHERE i.owner = $1 AND (i.outcome IS NULL OR i.outcome = 'withdrawn'))
UPDATE invitations AS i
SET outcome = 'accepted',
    outcome_at = GREATEST(o.sent_at, coalesce(o.at, extract(epoch FROM o.on_day::date)::bigint))
FROM other o
WHERE i.id = o.id AND o.on_day IS NOT NULL)sql",
                  owner);
  std::optional<std::int64_t> invitations_from;
  const std::optional<std::int64_t> snapshot_time =
      as_of ? std::optional<std::int64_t>(static_cast<std::int64_t>(*as_of)) : std::nullopt;
  if (listed) {
    invitations_from = listed->from;
    // As in the SQLite store: an older snapshot than one imported before changes no state; an invitation listed
    // again is pending again; only invitations sent before the snapshot was made can be missing from it.
    const pqxx::row newest =
        tx_.exec_params1("SELECT max(as_of) FROM imports WHERE owner = $1 AND id <> $2", owner, import_id_);
    const bool older = !newest[0].is_null() && snapshot_time && *snapshot_time < newest[0].as<std::int64_t>();
    if (!older) {
      tx_.exec_params("UPDATE invitations SET outcome = NULL, outcome_at = NULL "
                      "WHERE owner = $1 AND outcome = 'withdrawn' AND last_import = $2",
                      owner, import_id_);
      tx_.exec_params(R"sql(
UPDATE invitations SET outcome = 'withdrawn', outcome_at = $3
WHERE owner = $1 AND outcome IS NULL AND last_import < $2 AND sent_at >= $4
  AND sent_at <= CASE origin WHEN 'export' THEN $6::bigint ELSE $5::bigint END)sql",
                      owner, import_id_, static_cast<std::int64_t>(started_at_),
                      static_cast<std::int64_t>(listed->from), static_cast<std::int64_t>(listed->until),
                      std::max(static_cast<std::int64_t>(listed->until), snapshot_time.value_or(listed->until)));
    }
  }
  tx_.exec_params(
      "UPDATE imports SET owner = $2, finished_at = $3, invitations_from = $4, summary = $5, as_of = $6 WHERE id = $1",
      import_id_, owner_ == 0 ? std::nullopt : std::optional<std::int64_t>(owner),
      static_cast<std::int64_t>(started_at_), invitations_from, summary_json, snapshot_time);
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
