#include <motivo/core/classify/fold.hpp>
#include <motivo/core/error.hpp>
#include <motivo/store/sql/import_session.hpp>
#include <motivo/store/sql/label_state.hpp>
#include <motivo/store/sql/note_facts.hpp>
#include <motivo/store/sql/sql_store.hpp>
#include <motivo/store/sql/summary.hpp>
#include <motivo/store/sql/timelines.hpp>
#include <motivo/store/sql/welcome_timelines.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace motivo::store::sql {

namespace {

// The distinct values of `owner` in `table`'s rows where `condition` holds, one index lookup each (a loose index scan,
// the next owner after the last: neither engine skips through an index by itself), as the column `owner` of a
// subquery, with a NULL row last. Read by the index of connections from exports (migration 17) and that of
// invitations by owner and time.
std::string loose_scan(std::string_view table, std::string_view condition)
{
  return fmt::format("WITH RECURSIVE o(owner) AS (SELECT min(owner) FROM {0} WHERE {1} UNION ALL SELECT (SELECT "
                     "min(owner) FROM {0} WHERE {1} AND owner > o.owner) FROM o WHERE o.owner IS NOT NULL) "
                     "SELECT owner FROM o",
                     table, condition);
}

} // namespace

std::string owners_with_connections_sql()
{
  return fmt::format(R"sql(
SELECT owner FROM imports WHERE finished_at IS NOT NULL AND owner IS NOT NULL
  AND summary LIKE '%"kind":"connections"%'
UNION SELECT owner FROM ({}) e WHERE owner IS NOT NULL)sql",
                     loose_scan("connections", "origin = 'export'"));
}

Counts SqlStore::counts()
{
  return read([&] {
    Statement s = connection_.prepare(R"sql(
SELECT (SELECT count(*) FROM messages),
       (SELECT count(*) FROM messages WHERE draft),
       (SELECT count(*) FROM connections),
       (SELECT count(*) FROM people),
       (SELECT count(*) FROM imports WHERE finished_at IS NOT NULL),
       (SELECT p.name FROM imports i JOIN people p ON p.id = i.owner ORDER BY i.id DESC LIMIT 1),
       (SELECT max(started_at) FROM imports WHERE finished_at IS NOT NULL),
       (SELECT count(*) FROM ()sql" + loose_scan("invitations", "owner IS NOT NULL") +
                                      R"sql() i
          WHERE i.owner IS NOT NULL AND i.owner NOT IN ()sql" +
                                      owners_with_connections_sql() + R"sql()))sql");
    s.step();
    const auto [incoming, outgoing] = count_invitations(connection_);
    return Counts{.incoming = incoming,
                  .outgoing = outgoing,
                  .messages = s.column_int(0),
                  .drafts = s.column_int(1),
                  .connections = s.column_int(2),
                  .people = s.column_int(3),
                  .imports = s.column_int(4),
                  .owner = s.is_null(5) ? std::nullopt : std::optional<std::string>(s.column_text(5)),
                  .last_import_at = s.column_opt_int(6),
                  .acceptance_known = s.column_int(7) == 0};
  });
}

std::vector<Account> SqlStore::accounts()
{
  return read([&] {
    Statement s = connection_.prepare(R"sql(
SELECT i.owner, p.name, count(*),
       (SELECT u.name FROM imports j JOIN users u ON u.id = j.user_id WHERE j.owner = i.owner ORDER BY j.id LIMIT 1)
FROM imports i JOIN people p ON p.id = i.owner
WHERE i.finished_at IS NOT NULL
GROUP BY i.owner, p.name
ORDER BY min(i.id))sql");
    std::vector<Account> out;
    while (s.step()) {
      out.push_back({s.column_int(0), s.column_text(1), s.column_int(2),
                     s.is_null(3) ? std::nullopt : std::optional<std::string>(s.column_text(3))});
    }
    return out;
  });
}

namespace {

// Store::for_each_writing: kind, about, about_url, ref, at, text.
constexpr const char* writings_sql = R"sql(
SELECT kind, about, about_url, ref, at, text FROM (
  SELECT 1 AS k, 'note' AS kind, p.name AS about, coalesce('https://www.linkedin.com/in/' || p.slug, '') AS about_url,
         n.person AS ref, n.written_at AS at, n.note AS text, n.id AS id
  FROM person_notes n JOIN people p ON p.id = n.person
  UNION ALL
  SELECT 2, 'ask', i.from_name, coalesce(i.from_url, ''), a.invitation, a.asked_at, a.message, a.id
  FROM asks a JOIN invitations i ON i.id = a.invitation
  UNION ALL
  SELECT 3, 'welcome', trim(c.first_name || ' ' || c.last_name), coalesce(c.url, ''), w.connection, w.sent_at, w.message, w.id
  FROM welcomes w JOIN connections c ON c.id = w.connection
  UNION ALL
  SELECT 4, 'reply', i.from_name, coalesce(i.from_url, ''), r.invitation, r.replied_at, r.text, r.id
  FROM recorded_replies r JOIN invitations i ON i.id = r.invitation) AS writings
ORDER BY k, at, id)sql";

} // namespace

bool SqlStore::set_user_label(std::int64_t id, const std::optional<classify::Label>& label, datetime::UnixSeconds now,
                              const Versions& expected)
{
  return write([&] {
    check_versions(expected);
    Statement s = connection_.prepare("UPDATE invitations SET user_label = ?2, user_label_at = ?3 WHERE id = ?1");
    s.bind(1, id).bind(3, label ? std::optional<std::int64_t>(now) : std::nullopt);
    if (label)
      s.bind(2, classify::label_name(*label));
    else
      s.bind_null(2);
    mark_labels_stale(connection_); // a correction teaches the other labels (app::Learning)
    return s.run() > 0;
  });
}

bool SqlStore::insert_for(const char* insert, std::int64_t id, datetime::UnixSeconds now, const std::string& message)
{
  return write(
      [&] { return connection_.prepare(insert).bind(1, id).bind(2, std::int64_t{now}).bind(3, message).run() > 0; });
}

bool SqlStore::record_welcome(std::int64_t connection, datetime::UnixSeconds now, const std::string& message)
{
  return write([&] {
    const bool stored = connection_
                            .prepare("INSERT INTO welcomes (connection, sent_at, message) "
                                     "SELECT id, ?2, ?3 FROM connections WHERE id = ?1")
                            .bind(1, connection)
                            .bind(2, std::int64_t{now})
                            .bind(3, message)
                            .run() > 0;
    if (stored) mark_welcome_stale(connection_, connection); // the recorded welcome is an input of the kept one
    return stored;
  });
}

std::int64_t SqlStore::insert_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now)
{
  // SQLite's full-text index follows by trigger; PostgreSQL's searches note_key, the note folded (accents and case
  // aside).
  const bool postgres = connection_.dialect() == Dialect::postgres;
  Statement s = connection_.prepare(
      postgres ? "INSERT INTO person_notes (person, note, written_at, note_key) VALUES (?1, ?2, ?3, ?4) RETURNING id"
               : "INSERT INTO person_notes (person, note, written_at) VALUES (?1, ?2, ?3) RETURNING id");
  s.bind(1, std::int64_t{person}).bind(2, note).bind(3, std::int64_t{now});
  if (postgres) s.bind(4, classify::fold(note));
  if (!s.step()) throw std::runtime_error("the note was not stored");
  const std::int64_t id = s.column_int(0);
  while (s.step()) {
  }
  return id;
}

std::vector<protocol::MessageStamp> SqlStore::messages_with(PersonId owner, PersonId person, bool with_text)
{
  return read([&] {
    Statement s = connection_.prepare(with_text ? R"sql(
SELECT sent_at, direction = 'outgoing', content FROM messages
WHERE owner = ?1 AND counterpart = ?2 AND NOT draft ORDER BY sent_at)sql"
                                                : R"sql(
SELECT sent_at, direction = 'outgoing' FROM messages
WHERE owner = ?1 AND counterpart = ?2 AND NOT draft ORDER BY sent_at)sql");
    s.bind(1, std::int64_t{owner}).bind(2, std::int64_t{person});
    std::vector<protocol::MessageStamp> out;
    while (s.step()) out.push_back({s.column_int(0), s.column_bool(1), with_text ? s.column_text(2) : std::string()});
    return out;
  });
}

void SqlStore::for_each_stamp(const std::function<void(PersonId, PersonId, const protocol::MessageStamp&)>& visit,
                              bool with_text)
{
  stream([&](bool& handed_out) {
    Statement s = connection_.prepare(with_text ? R"sql(
SELECT owner, counterpart, sent_at, direction = 'outgoing', content FROM messages
WHERE counterpart IS NOT NULL AND NOT draft ORDER BY owner, counterpart, sent_at)sql"
                                                : R"sql(
SELECT owner, counterpart, sent_at, direction = 'outgoing' FROM messages
WHERE counterpart IS NOT NULL AND NOT draft ORDER BY owner, counterpart, sent_at)sql");
    while (s.step()) {
      handed_out = true;
      visit(s.column_int(0), s.column_int(1),
            {s.column_int(2), s.column_bool(3), with_text ? s.column_text(4) : std::string()});
    }
  });
}

std::vector<MessageView> SqlStore::recent_messages(PersonId owner, PersonId person, std::int64_t limit)
{
  return read([&] {
    Statement s = connection_.prepare(R"sql(
SELECT sent_at, direction = 'outgoing', content FROM messages
WHERE owner = ?1 AND counterpart = ?2 AND NOT draft ORDER BY sent_at DESC LIMIT ?3)sql");
    s.bind(1, std::int64_t{owner}).bind(2, std::int64_t{person}).bind(3, limit);
    std::vector<MessageView> out;
    while (s.step()) out.push_back({s.column_int(0), s.column_bool(1), s.column_text(2)});
    std::reverse(out.begin(), out.end());
    return out;
  });
}

std::string SqlStore::listed_first_name(PersonId owner, PersonId person)
{
  return read([&] {
    Statement s = connection_.prepare(R"sql(
SELECT first_name FROM connections WHERE owner = ?1 AND person = ?2 AND trim(first_name) <> ''
ORDER BY last_import DESC, id DESC LIMIT 1)sql");
    s.bind(1, std::int64_t{owner}).bind(2, std::int64_t{person});
    return s.step() ? s.column_text(0) : std::string();
  });
}

std::vector<ConnectionView> SqlStore::connections(std::int64_t limit)
{
  std::string sql = R"sql(
SELECT c.id, c.owner, coalesce(c.person, 0), trim(c.first_name || ' ' || c.last_name), coalesce(c.url, ''),
       c.connected_on, c.connected_at, (SELECT min(w.sent_at) FROM welcomes w WHERE w.connection = c.id),
       EXISTS (SELECT 1 FROM stale_welcomes s WHERE s.connection = c.id) OR c.welcome_connected_on IS NULL,
       c.welcomed_at, c.welcome_replied_at
FROM connections c
WHERE c.first_name <> '' OR c.last_name <> ''
ORDER BY c.connected_on DESC, c.connected_at DESC NULLS LAST, c.id DESC)sql";
  if (limit >= 0) sql += fmt::format(" LIMIT {}", limit);
  return read([&] {
    Statement s = connection_.prepare(sql);
    std::vector<ConnectionView> out;
    while (s.step()) {
      ConnectionView c{s.column_int(0),  s.column_int(1),  s.column_int(2),     s.column_text(3),
                       s.column_text(4), s.column_text(5), s.column_opt_int(6), s.column_opt_int(7)};
      if (!s.column_bool(8)) c.welcome = protocol::WelcomeTimeline{s.column_opt_int(9), s.column_opt_int(10)};
      out.push_back(std::move(c));
    }
    return out;
  });
}

namespace {
// NoteLabels over the caller's transaction.
class InTransactionLabels : public NoteLabels {
public:
  InTransactionLabels(Connection& c, std::function<std::unique_ptr<LabelSink>()> sink) : c_(c), sink_(std::move(sink))
  {
  }
  Notes notes() override { return read_notes(c_); }
  std::unique_ptr<LabelSink> label_sink() override { return sink_(); }

private:
  Connection& c_;
  std::function<std::unique_ptr<LabelSink>()> sink_;
};
} // namespace

std::unique_ptr<NoteLabels> SqlStore::labels_in_transaction()
{
  return std::make_unique<InTransactionLabels>(connection_, [this] { return label_sink_in_transaction(); });
}

bool SqlStore::any(const char* sql)
{
  return read([&] {
    Statement s = connection_.prepare(sql);
    s.step();
    return s.column_bool(0);
  });
}

// Nothing marked stale is the common case (every writer computes what it marks): a read says so, without a writing
// transaction, its write lock (SQLite) or its BEGIN, COMMIT and the change counter's move (PostgreSQL: four round
// trips of a report's twenty).
std::int64_t SqlStore::refresh_timelines(const TimelineRule& rule)
{
  if (!any("SELECT EXISTS (SELECT 1 FROM stale_timelines) OR EXISTS (SELECT 1 FROM stale_summary)")) return 0;
  return write([&] { return refresh_stale_timelines(connection_, rule); });
}

std::int64_t SqlStore::refresh_welcomes(const WelcomeRule& rule)
{
  if (!any("SELECT EXISTS (SELECT 1 FROM stale_welcomes)")) return 0;
  return write([&] { return refresh_stale_welcomes(connection_, rule); });
}

InvitationTallies SqlStore::tally_invitations(std::optional<std::int64_t> user, datetime::UnixSeconds asked_before)
{
  return read([&] { return sql::tally_invitations(connection_, user, asked_before); });
}

WelcomeTallies SqlStore::tally_welcomes(const WelcomeRule* stale_rule)
{
  return read([&] { return sql::tally_welcomes(connection_, stale_rule); });
}

std::vector<PersonId> SqlStore::owners_with_connections()
{
  return read([&] {
    Statement s = connection_.prepare(owners_with_connections_sql());
    std::vector<PersonId> out;
    while (s.step()) out.push_back(s.column_int(0));
    return out;
  });
}

void SqlStore::throw_stream_broken() const
{
  throw Error(N_("lost the connection to the database {} while reading it, after part of it was handed out (nothing "
                 "was read twice): run the command again"),
              location());
}

void SqlStore::for_each_message(const std::function<void(const StoredMessage&)>& visit)
{
  // In pages by id: the messages of a large store are never all in memory at once.
  constexpr std::int64_t page = 10000;
  // A page run again after a lost connection starts after the last message handed out: none comes twice.
  for (std::int64_t after = 0, rows = page; rows == page;) {
    read([&] {
      Statement s = connection_.prepare(R"sql(
SELECT coalesce(conversation_id, ''), coalesce(conversation_title, ''), from_name, coalesce(from_url, ''), to_names,
       coalesce(to_urls, ''), coalesce(subject, ''), content, coalesce(folder, ''), sent_at, draft, id
FROM messages WHERE id > ?1 ORDER BY id LIMIT ?2)sql");
      s.bind(1, after).bind(2, page);
      for (rows = 0; s.step(); ++rows) {
        visit({s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4),
               s.column_text(5), s.column_text(6), s.column_text(7), s.column_text(8), s.column_int(9),
               s.column_bool(10)});
        after = s.column_int(11);
      }
    });
  }
}

void SqlStore::for_each_writing(const std::function<void(const StoredWriting&)>& visit)
{
  stream([&](bool& handed_out) {
    Statement s = connection_.prepare(writings_sql);
    while (s.step()) {
      handed_out = true;
      visit({s.column_text(0), s.column_text(1), s.column_text(2), s.column_int(3), s.column_int(4), s.column_text(5)});
    }
  });
}

void SqlStore::for_each_connection(const std::function<void(const StoredConnection&)>& visit)
{
  stream([&](bool& handed_out) {
    Statement s = connection_.prepare(R"sql(
SELECT first_name, last_name, coalesce(url, ''), coalesce(email, ''), coalesce(company, ''), coalesce(position, ''),
       connected_on
FROM connections ORDER BY id)sql");
    while (s.step()) {
      handed_out = true;
      visit({s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_text(4), s.column_text(5),
             s.column_text(6)});
    }
  });
}

std::optional<MailCursor> SqlStore::mail_cursor(const std::string& account)
{
  return read([&]() -> std::optional<MailCursor> {
    Statement s = connection_.prepare("SELECT uidvalidity, last_uid, fetched_at FROM mail_cursors WHERE account = ?1");
    if (!s.bind(1, account).step()) return std::nullopt;
    return MailCursor{s.column_int(0), s.column_int(1), s.column_int(2)};
  });
}

std::optional<SyncCursor> SqlStore::sync_cursor(const std::string& account)
{
  return read([&]() -> std::optional<SyncCursor> {
    Statement s =
        connection_.prepare("SELECT owner, snapshot_at, changes_since, synced_at FROM sync_cursors WHERE account = ?1");
    if (!s.bind(1, account).step()) return std::nullopt;
    return SyncCursor{PersonId{s.column_int(0)}, s.column_int(1), s.column_int(2), s.column_int(3)};
  });
}

void SqlStore::set_sync_cursor(const std::string& account, const SyncCursor& cursor)
{
  write([&] { save_sync_cursor(connection_, account, cursor); });
}

std::optional<StoredMessage> SqlStore::conversation_message(PersonId owner, const std::string& conversation_id)
{
  return read([&]() -> std::optional<StoredMessage> {
    Statement s = connection_.prepare(R"sql(
SELECT coalesce(conversation_title, ''), from_name, coalesce(from_url, ''), to_names, coalesce(to_urls, ''), sent_at
FROM messages WHERE owner = ?1 AND conversation_id = ?2 AND NOT draft ORDER BY sent_at DESC, id DESC LIMIT 1)sql");
    if (!s.bind(1, std::int64_t{owner}).bind(2, conversation_id).step()) return std::nullopt;
    return StoredMessage{.conversation_id = conversation_id,
                         .conversation_title = s.column_text(0),
                         .from_name = s.column_text(1),
                         .from_url = s.column_text(2),
                         .to_names = s.column_text(3),
                         .to_urls = s.column_text(4),
                         .sent_at = s.column_int(5)};
  });
}

namespace {
constexpr const char* user_columns = "SELECT id, name, role, created_at FROM users";
User user_of(const Statement& s)
{
  return {s.column_int(0), s.column_text(1), parse_role(s.column_view(2)).value_or(Role::member), s.column_int(3)};
}
} // namespace

std::optional<User> SqlStore::add_user(const std::string& name, Role role, const std::string& token_hash,
                                       datetime::UnixSeconds now)
{
  return write([&]() -> std::optional<User> {
    Statement s = connection_.prepare("INSERT INTO users(name, role, token_hash, created_at) VALUES (?1, ?2, ?3, ?4) "
                                      "ON CONFLICT (name) DO NOTHING RETURNING id");
    if (!s.bind(1, name).bind(2, to_string(role)).bind(3, token_hash).bind(4, std::int64_t{now}).step())
      return std::nullopt;
    return User{s.column_int(0), name, role, now};
  });
}

std::vector<User> SqlStore::users()
{
  return read([&] {
    Statement s = connection_.prepare(std::string(user_columns) + " ORDER BY name");
    std::vector<User> out;
    while (s.step()) out.push_back(user_of(s));
    return out;
  });
}

std::optional<User> SqlStore::user_by_token_hash(const std::string& token_hash)
{
  return read([&]() -> std::optional<User> {
    Statement s = connection_.prepare(std::string(user_columns) + " WHERE token_hash = ?1");
    if (!s.bind(1, token_hash).step()) return std::nullopt;
    return user_of(s);
  });
}

bool SqlStore::set_user_token(const std::string& name, const std::string& token_hash)
{
  return write([&] {
    return connection_.prepare("UPDATE users SET token_hash = ?2 WHERE name = ?1")
               .bind(1, name)
               .bind(2, token_hash)
               .run() > 0;
  });
}

bool SqlStore::remove_user(const std::string& name)
{
  return write([&] { return connection_.prepare("DELETE FROM users WHERE name = ?1").bind(1, name).run() > 0; });
}

} // namespace motivo::store::sql
