#include <motivo/core/text.hpp>
#include <motivo/store/postgres/pg_import_session.hpp>
#include <motivo/store/postgres/pg_schema.hpp>
#include <motivo/store/postgres/pg_store.hpp>
#include <motivo/store/postgres/pg_transaction.hpp>
#include <motivo/store/shared.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace motivo::store::postgres {

PgStore::PgStore(const std::string& url) : url_(url), where_(redact_url(url))
{
  migrate(connection(), where_);
}

PgStore::~PgStore() = default;

pqxx::connection& PgStore::connection()
{
  if (connection_ && connection_->is_open()) return *connection_;
  connection_.reset();
  try {
    connection_ = std::make_unique<pqxx::connection>(url_);
  } catch (const pqxx::broken_connection& e) {
    throw TransientError(fmt::format("cannot connect to the database {}: {}", where_, text::trim(e.what())));
  }
  return *connection_;
}

std::unique_ptr<ImportSession> PgStore::begin_import(const ImportInfo& info)
{
  return std::make_unique<PgImportSession>(connection(), info);
}

Counts PgStore::counts()
{
  return in_transaction([](pqxx::work& tx) {
    const pqxx::row r = tx.exec1(R"sql(
SELECT (SELECT count(*) FROM invitations WHERE direction = 'incoming'),
       (SELECT count(*) FROM invitations WHERE direction = 'outgoing'),
       (SELECT count(*) FROM messages),
       (SELECT count(*) FROM messages WHERE draft),
       (SELECT count(*) FROM connections),
       (SELECT count(*) FROM people),
       (SELECT count(*) FROM imports WHERE finished_at IS NOT NULL),
       (SELECT p.name FROM imports i JOIN people p ON p.id = i.owner ORDER BY i.id DESC LIMIT 1),
       (SELECT max(started_at) FROM imports WHERE finished_at IS NOT NULL))sql");
    Counts c;
    c.incoming = r[0].as<std::int64_t>();
    c.outgoing = r[1].as<std::int64_t>();
    c.messages = r[2].as<std::int64_t>();
    c.drafts = r[3].as<std::int64_t>();
    c.connections = r[4].as<std::int64_t>();
    c.people = r[5].as<std::int64_t>();
    c.imports = r[6].as<std::int64_t>();
    if (!r[7].is_null()) c.owner = r[7].c_str();
    if (!r[8].is_null()) c.last_import_at = r[8].as<std::int64_t>();
    return c;
  });
}

std::vector<InvitationView> PgStore::invitations(const InvitationQuery& query)
{
  std::string sql = R"sql(
SELECT id, direction, from_name, to_name, coalesce(from_url, ''), coalesce(to_url, ''), message, sent_at,
       coalesce(outcome, ''), outcome_at, coalesce(user_label, label, ''), coalesce(language, ''),
       user_label IS NOT NULL, confidence, reasons, campaign,
       owner, CASE direction WHEN 'incoming' THEN from_person ELSE to_person END, coalesce(decision, ''), decision_at,
       (SELECT min(asked_at) FROM asks WHERE asks.invitation = invitations.id)
FROM invitations
WHERE ($1::text IS NULL OR direction = $1) AND ($2::text IS NULL OR coalesce(user_label, label) = $2)
  AND ($3::bigint IS NULL OR id = $3)
  AND ($4::bigint IS NULL OR owner IN (SELECT owner FROM imports WHERE user_id = $4))
ORDER BY sent_at DESC, id DESC)sql";
  if (query.limit >= 0) sql += fmt::format(" LIMIT {}", query.limit);
  const std::optional<std::string> direction =
      query.direction ? std::optional<std::string>(std::string(to_string(*query.direction))) : std::nullopt;
  return in_transaction([&](pqxx::work& tx) {
    const pqxx::result r = tx.exec_params(sql, direction, query.label, query.id, query.user);
    std::vector<InvitationView> out;
    out.reserve(r.size());
    for (const auto& row : r) {
      InvitationView v;
      v.id = row[0].as<std::int64_t>();
      v.direction = parse_direction(row[1].c_str()).value_or(Direction::outgoing);
      v.from = row[2].c_str();
      v.to = row[3].c_str();
      v.from_url = row[4].c_str();
      v.to_url = row[5].c_str();
      v.message = std::string(row[6].c_str(), row[6].size());
      v.sent_at = row[7].as<std::int64_t>();
      v.outcome = row[8].c_str();
      if (!row[9].is_null()) v.outcome_at = row[9].as<std::int64_t>();
      v.label = row[10].c_str();
      v.language = row[11].c_str();
      v.label_by_user = row[12].as<bool>();
      if (!row[13].is_null() && !v.label_by_user) v.confidence = row[13].as<double>();
      if (!row[14].is_null() && !v.label_by_user) v.reasons = parse_reasons(row[14].c_str());
      if (v.label_by_user) v.reasons.push_back("labelled by you");
      if (!row[15].is_null()) v.campaign = row[15].as<std::int64_t>();
      v.owner = row[16].as<std::int64_t>();
      if (!row[17].is_null()) v.other_person = row[17].as<std::int64_t>();
      v.decision = row[18].c_str();
      if (!row[19].is_null()) v.decision_at = row[19].as<std::int64_t>();
      if (!row[20].is_null()) v.recorded_ask = row[20].as<std::int64_t>();
      out.push_back(std::move(v));
    }
    return out;
  });
}

bool PgStore::set_user_label(std::int64_t id, const std::optional<std::string>& label, datetime::UnixSeconds now)
{
  return writing([&](pqxx::work& tx) {
    // The time goes with the label (NULL with it): one parameter, no second optional.
    return tx.exec_params(
                 "UPDATE invitations SET user_label = $2, user_label_at = CASE WHEN $2::text IS NULL THEN NULL "
                 "ELSE $3::bigint END WHERE id = $1",
                 id, label, static_cast<std::int64_t>(now))
               .affected_rows() > 0;
  });
}

bool PgStore::record_decision(std::int64_t id, protocol::Decision decision, datetime::UnixSeconds now)
{
  return writing([&](pqxx::work& tx) {
    const std::string name(protocol::decision_name(decision));
    const std::int64_t at = now;
    const bool found =
        tx.exec_params("UPDATE invitations SET decision = $2, decision_at = $3 WHERE id = $1", id, name, at)
            .affected_rows() > 0;
    if (found && decision == protocol::Decision::spam) {
      tx.exec_params("UPDATE invitations SET user_label = 'spam', user_label_at = $2 WHERE id = $1", id, at);
    }
    return found;
  });
}

bool PgStore::record_ask(std::int64_t id, datetime::UnixSeconds now, const std::string& message)
{
  return writing([&](pqxx::work& tx) {
    const std::int64_t at = now;
    return tx.exec_params(
                 "INSERT INTO asks (invitation, asked_at, message) SELECT id, $2, $3 FROM invitations WHERE id = $1",
                 id, at, message)
               .affected_rows() > 0;
  });
}

std::vector<protocol::MessageStamp> PgStore::messages_with(PersonId owner, PersonId person)
{
  return in_transaction([&](pqxx::work& tx) {
    const pqxx::result r = tx.exec_params(R"sql(
SELECT sent_at, direction = 'outgoing' FROM messages
WHERE owner = $1 AND counterpart = $2 AND NOT draft ORDER BY sent_at)sql",
                                          static_cast<std::int64_t>(owner), static_cast<std::int64_t>(person));
    std::vector<protocol::MessageStamp> out;
    for (const auto& row : r) out.push_back({row[0].as<std::int64_t>(), row[1].as<bool>()});
    return out;
  });
}

void PgStore::for_each_stamp(const std::function<void(PersonId, PersonId, const protocol::MessageStamp&)>& visit)
{
  in_transaction([&](pqxx::work& tx) {
    const pqxx::result r = tx.exec(R"sql(
SELECT owner, counterpart, sent_at, direction = 'outgoing' FROM messages
WHERE counterpart IS NOT NULL AND NOT draft ORDER BY owner, counterpart, sent_at)sql");
    for (const auto& row : r)
      visit(row[0].as<std::int64_t>(), row[1].as<std::int64_t>(), {row[2].as<std::int64_t>(), row[3].as<bool>()});
  });
}

std::vector<MessageView> PgStore::recent_messages(PersonId owner, PersonId person, std::int64_t limit)
{
  return in_transaction([&](pqxx::work& tx) {
    const pqxx::result r = tx.exec_params(R"sql(
SELECT sent_at, direction = 'outgoing', content FROM messages
WHERE owner = $1 AND counterpart = $2 AND NOT draft ORDER BY sent_at DESC LIMIT $3)sql",
                                          static_cast<std::int64_t>(owner), static_cast<std::int64_t>(person), limit);
    std::vector<MessageView> out;
    for (const auto& row : r) out.push_back({row[0].as<std::int64_t>(), row[1].as<bool>(), row[2].c_str()});
    std::reverse(out.begin(), out.end());
    return out;
  });
}

std::vector<ConnectionView> PgStore::connections(std::int64_t limit)
{
  std::string sql = R"sql(
SELECT c.id, coalesce(c.person, 0), trim(c.first_name || ' ' || c.last_name), coalesce(c.url, ''), c.connected_on,
       c.connected_at, c.owner,
       (SELECT min(w.sent_at) FROM welcomes w WHERE w.connection = c.id),
       (SELECT min(m.sent_at) FROM messages m WHERE m.owner = c.owner AND m.counterpart = c.person
          AND m.direction = 'outgoing' AND NOT m.draft AND m.sent_at >= coalesce(c.connected_at, 0))
FROM connections c
WHERE c.first_name <> '' OR c.last_name <> ''
ORDER BY c.connected_on DESC, c.connected_at DESC NULLS LAST, c.id DESC)sql";
  if (limit >= 0) sql += fmt::format(" LIMIT {}", limit);
  return in_transaction([&](pqxx::work& tx) {
    std::vector<ConnectionView> out;
    for (const auto& row : tx.exec(sql)) {
      ConnectionView c;
      c.id = row[0].as<std::int64_t>();
      c.person = row[1].as<std::int64_t>();
      c.name = row[2].c_str();
      c.url = row[3].c_str();
      c.connected_on = row[4].c_str();
      if (!row[5].is_null()) c.connected_at = row[5].as<std::int64_t>();
      c.owner = row[6].as<std::int64_t>();
      if (!row[7].is_null()) c.welcomed_at = row[7].as<std::int64_t>();
      if (!row[8].is_null() && (!c.welcomed_at || row[8].as<std::int64_t>() < *c.welcomed_at))
        c.welcomed_at = row[8].as<std::int64_t>();
      out.push_back(std::move(c));
    }
    for (auto& c : out) {
      if (!c.welcomed_at) continue;
      const pqxx::result r = tx.exec_params(R"sql(
SELECT min(m.sent_at) FROM messages m JOIN connections c ON m.owner = c.owner AND m.counterpart = c.person
WHERE c.id = $1 AND m.direction = 'incoming' AND NOT m.draft AND m.sent_at > $2)sql",
                                            c.id, static_cast<std::int64_t>(*c.welcomed_at));
      if (!r[0][0].is_null()) c.replied_at = r[0][0].as<std::int64_t>();
    }
    return out;
  });
}

bool PgStore::record_welcome(std::int64_t connection, datetime::UnixSeconds now, const std::string& message)
{
  return writing([&](pqxx::work& tx) {
    return tx.exec_params(
                 "INSERT INTO welcomes (connection, sent_at, message) SELECT id, $2, $3 FROM connections WHERE id = $1",
                 connection, static_cast<std::int64_t>(now), message)
               .affected_rows() > 0;
  });
}

void PgStore::for_each_message(const std::function<void(const StoredMessage&)>& visit)
{
  // A cursor: the messages of a large store are never all in memory at once.
  in_transaction([&](pqxx::work& tx) {
    pqxx::stateless_cursor<pqxx::cursor_base::read_only, pqxx::cursor_base::owned> cursor(tx, R"sql(
SELECT coalesce(conversation_id, ''), coalesce(conversation_title, ''), from_name, coalesce(from_url, ''), to_names,
       coalesce(to_urls, ''), sent_at, coalesce(subject, ''), content, coalesce(folder, ''), draft
FROM messages ORDER BY id)sql",
                                                                                          "motivo_messages", false);
    StoredMessage m;
    constexpr pqxx::result::difference_type batch = 10000;
    for (pqxx::result::difference_type at = 0;; at += batch) {
      const pqxx::result r = cursor.retrieve(at, at + batch);
      for (const auto& row : r) {
        m.conversation_id = row[0].c_str();
        m.conversation_title = row[1].c_str();
        m.from_name = row[2].c_str();
        m.from_url = row[3].c_str();
        m.to_names = row[4].c_str();
        m.to_urls = row[5].c_str();
        m.sent_at = row[6].as<std::int64_t>();
        m.subject = row[7].c_str();
        m.content = std::string(row[8].c_str(), row[8].size());
        m.folder = row[9].c_str();
        m.draft = row[10].as<bool>();
        visit(m);
      }
      if (r.size() < static_cast<std::size_t>(batch)) break;
    }
  });
}

void PgStore::for_each_writing(const std::function<void(const StoredWriting&)>& visit)
{
  in_transaction([&](pqxx::work& tx) {
    StoredWriting w;
    for (const auto& row : tx.exec(writings_sql)) {
      w.kind = row[0].c_str();
      w.about = row[1].c_str();
      w.about_url = row[2].c_str();
      w.ref = row[3].as<std::int64_t>();
      w.at = row[4].as<std::int64_t>();
      w.text = row[5].c_str();
      visit(w);
    }
  });
}

void PgStore::for_each_connection(const std::function<void(const StoredConnection&)>& visit)
{
  in_transaction([&](pqxx::work& tx) {
    StoredConnection c;
    for (const auto& row : tx.exec(R"sql(
SELECT first_name, last_name, coalesce(url, ''), coalesce(email, ''), coalesce(company, ''), coalesce(position, ''),
       connected_on
FROM connections ORDER BY id)sql")) {
      c.first_name = row[0].c_str();
      c.last_name = row[1].c_str();
      c.url = row[2].c_str();
      c.email = row[3].c_str();
      c.company = row[4].c_str();
      c.position = row[5].c_str();
      c.connected_on = row[6].c_str();
      visit(c);
    }
  });
}

Notes PgStore::notes()
{
  return in_transaction([](pqxx::work& tx) { return read_notes(tx); });
}

std::unique_ptr<LabelSink> PgStore::label_sink()
{
  return label_sink_of(connection());
}

std::int64_t PgStore::data_version()
{
  // motivo moves the counter after each write it commits (data_changed). Writes made outside motivo (psql) are
  // not seen here: the server's caches also expire each minute.
  return in_transaction([](pqxx::work& tx) {
    return tx.exec1("SELECT last_value + is_called::int FROM motivo_changes")[0].as<std::int64_t>();
  });
}

std::optional<MailCursor> PgStore::mail_cursor(const std::string& account)
{
  return in_transaction([&](pqxx::work& tx) -> std::optional<MailCursor> {
    const pqxx::result r =
        tx.exec_params("SELECT uidvalidity, last_uid, fetched_at FROM mail_cursors WHERE account = $1", account);
    if (r.empty()) return std::nullopt;
    return MailCursor{r[0][0].as<std::int64_t>(), r[0][1].as<std::int64_t>(), r[0][2].as<std::int64_t>()};
  });
}

namespace {
constexpr const char* user_columns = "SELECT id, name, role, created_at FROM users";
User user_of(const pqxx::row& row)
{
  return {row[0].as<std::int64_t>(), row[1].c_str(), parse_role(row[2].c_str()).value_or(Role::member),
          row[3].as<std::int64_t>()};
}
} // namespace

std::optional<User> PgStore::add_user(const std::string& name, Role role, const std::string& token_hash,
                                      datetime::UnixSeconds now)
{
  return writing([&](pqxx::work& tx) -> std::optional<User> {
    const pqxx::result r =
        tx.exec_params("INSERT INTO users(name, role, token_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT "
                       "(name) DO NOTHING RETURNING id",
                       name, std::string(to_string(role)), token_hash, static_cast<std::int64_t>(now));
    if (r.empty()) return std::nullopt;
    return User{r[0][0].as<std::int64_t>(), name, role, now};
  });
}

std::vector<User> PgStore::users()
{
  return in_transaction([](pqxx::work& tx) {
    std::vector<User> out;
    for (const auto& row : tx.exec(std::string(user_columns) + " ORDER BY name")) out.push_back(user_of(row));
    return out;
  });
}

std::optional<User> PgStore::user_by_token_hash(const std::string& token_hash)
{
  return in_transaction([&](pqxx::work& tx) -> std::optional<User> {
    const pqxx::result r = tx.exec_params(std::string(user_columns) + " WHERE token_hash = $1", token_hash);
    if (r.empty()) return std::nullopt;
    return user_of(r[0]);
  });
}

bool PgStore::set_user_token(const std::string& name, const std::string& token_hash)
{
  return writing([&](pqxx::work& tx) {
    return tx.exec_params("UPDATE users SET token_hash = $2 WHERE name = $1", name, token_hash).affected_rows() > 0;
  });
}

bool PgStore::remove_user(const std::string& name)
{
  return writing(
      [&](pqxx::work& tx) { return tx.exec_params("DELETE FROM users WHERE name = $1", name).affected_rows() > 0; });
}

} // namespace motivo::store::postgres

namespace motivo::store {

std::unique_ptr<Store> open_postgres(const std::string& url)
{
  return std::make_unique<postgres::PgStore>(url);
}

bool is_transient_error(const std::exception& e)
{
  return dynamic_cast<const postgres::TransientError*>(&e) != nullptr || postgres::is_transient(e);
}

SchemaStatus postgres_schema_status(const std::string& url)
{
  try {
    pqxx::connection connection(url);
    return postgres::status(connection, redact_url(url));
  } catch (const pqxx::broken_connection& e) {
    throw std::runtime_error(
        fmt::format("cannot connect to the database {}: {}", redact_url(url), text::trim(e.what())));
  }
}

} // namespace motivo::store
