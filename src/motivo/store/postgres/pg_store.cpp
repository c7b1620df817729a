#include <motivo/store/postgres/pg_store.hpp>

#include <motivo/store/postgres/pg_import_session.hpp>
#include <motivo/store/postgres/pg_schema.hpp>

#include <motivo/core/classify/fold.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/store/shared.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <thread>
#include <type_traits>

namespace motivo::store::postgres {

// ---- shared helpers -------------------------------------------------------------------------------------------

CopyLine& CopyLine::raw(std::string_view value)
{
  if (!line_.empty()) line_ += '\t';
  line_ += value;
  return *this;
}

CopyLine& CopyLine::text(std::string_view value)
{
  if (!line_.empty()) line_ += '\t';
  for (const char c : value) {
    switch (c) {
    case '\\': line_ += "\\\\"; break;
    case '\t': line_ += "\\t"; break;
    case '\n': line_ += "\\n"; break;
    case '\r': line_ += "\\r"; break;
    case '\0': line_ += "\xEF\xBF\xBD"; break; // PostgreSQL text cannot hold NUL: U+FFFD in its place
    default: line_ += c;
    }
  }
  return *this;
}

CopyLine& CopyLine::number(std::int64_t value)
{
  return raw(std::to_string(value));
}

CopyLine& CopyLine::real(double value)
{
  return raw(fmt::format("{}", value));
}

CopyLine& CopyLine::key(const IdentityKey& key)
{
  static constexpr char hex[] = "0123456789abcdef";
  if (!line_.empty()) line_ += '\t';
  line_ += "\\\\x"; // bytea's hex form, its backslash escaped for COPY
  for (const auto b : key) {
    line_ += hex[static_cast<unsigned char>(b) >> 4];
    line_ += hex[static_cast<unsigned char>(b) & 15];
  }
  return *this;
}

void copy_in(pqxx::work& tx, const std::string& table, const std::string& lines, const std::vector<std::string>& columns)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  // tablewriter is libpqxx 6's COPY writer that takes ready-made lines (stream_to would escape them again).
  pqxx::tablewriter writer = columns.empty() ? pqxx::tablewriter(tx, table)
                                             : pqxx::tablewriter(tx, table, columns.begin(), columns.end());
  for (std::size_t start = 0; start < lines.size();) {
    const std::size_t end = lines.find('\n', start);
    writer.write_raw_line(lines.substr(start, end - start));
    start = end + 1;
  }
  writer.complete();
#pragma GCC diagnostic pop
}

bool is_transient(const std::exception& e)
{
  return dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
         dynamic_cast<const pqxx::transaction_rollback*>(&e) != nullptr; // deadlock, serialization failure
}

// ---- labels -----------------------------------------------------------------------------------------------------

Notes read_notes(pqxx::work& tx)
{
  Notes out;
  const pqxx::result r = tx.exec("SELECT id, from_name, to_name, message FROM invitations ORDER BY id");
  out.reserve(r.size());
  for (const auto& row : r) {
    out.add(row[0].as<std::int64_t>(), std::string_view(row[1].c_str(), row[1].size()),
            std::string_view(row[2].c_str(), row[2].size()), std::string_view(row[3].c_str(), row[3].size()));
  }
  return out;
}

namespace {

// Labels are written in batches: COPY into a temporary table, then one UPDATE joining it.
class PgLabelSink : public LabelSink {
public:
  explicit PgLabelSink(pqxx::work& tx) : tx_(&tx) { start(); }
  // With its own transaction on `connection`.
  explicit PgLabelSink(pqxx::connection& connection) : own_(std::in_place, connection), tx_(&*own_) { start(); }

  void put(const LabelRow& l) override
  {
    line_.clear();
    line_.number(l.id).text(l.label).text(l.language).real(l.confidence).text(nlohmann::json(l.reasons).dump());
    line_.number(l.campaign ? std::optional<std::int64_t>(*l.campaign) : std::nullopt);
    pending_ += line_.str();
    pending_ += '\n';
    if (++rows_ >= 20000) flush();
  }

  void done() override
  {
    flush();
    if (!own_) return; // the caller's transaction: it commits, and says so
    own_->commit();
    data_changed(own_->conn());
  }

private:
  void start()
  {
    tx_->exec0("CREATE TEMP TABLE IF NOT EXISTS stage_labels (id bigint, label text, language text, confidence "
               "double precision, reasons text, campaign bigint) ON COMMIT DROP");
  }

  void flush()
  {
    if (rows_ == 0) return;
    tx_->exec0("TRUNCATE stage_labels");
    copy_in(*tx_, "stage_labels", pending_);
    tx_->exec0(R"sql(
UPDATE invitations i SET label = s.label, language = s.language, confidence = s.confidence, reasons = s.reasons,
                         campaign = s.campaign
FROM stage_labels s
WHERE i.id = s.id  -- and only what changed: re-imports label everything again, mostly the same
  AND (i.label, i.language, i.confidence, i.reasons, i.campaign) IS DISTINCT FROM
      (s.label, s.language, s.confidence, s.reasons, s.campaign))sql");
    pending_.clear();
    rows_ = 0;
  }

  std::optional<pqxx::work> own_;
  pqxx::work* tx_;
  CopyLine line_;
  std::string pending_;
  std::size_t rows_ = 0;
};

} // namespace

std::unique_ptr<LabelSink> label_sink_in(pqxx::work& tx)
{
  return std::make_unique<PgLabelSink>(tx);
}

// ---- the store --------------------------------------------------------------------------------------------------

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

template <typename Work> auto PgStore::in_transaction(Work&& work)
{
  constexpr int tries = 3;
  for (int attempt = 1;; ++attempt) {
    try {
      pqxx::work tx(connection());
      if constexpr (std::is_void_v<decltype(work(tx))>) {
        work(tx);
        tx.commit();
        return;
      } else {
        auto out = work(tx);
        tx.commit();
        return out;
      }
    } catch (const pqxx::in_doubt_error& e) {
      // The connection broke while committing: whether it committed is unknown, so it is not run again.
      connection_.reset();
      throw std::runtime_error(fmt::format("lost the connection to the database {} while committing; the change may "
                                           "or may not be stored: check, then try again ({})",
                                           where_, text::trim(e.what())));
    } catch (const std::exception& e) {
      const bool lost = dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
                        dynamic_cast<const TransientError*>(&e) != nullptr;
      if (!lost && !is_transient(e)) throw;
      connection_.reset();
      if (attempt == tries) {
        throw TransientError(fmt::format("the database {} is unreachable (tried {} times): {}", where_, tries,
                                         text::trim(e.what())));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt * attempt));
    }
  }
}

template <typename Work> auto PgStore::writing(Work&& work)
{
  if constexpr (std::is_void_v<decltype(in_transaction(work))>) {
    in_transaction(work);
    data_changed(connection());
  } else {
    auto out = in_transaction(work);
    data_changed(connection());
    return out;
  }
}

void data_changed(pqxx::connection_base& connection)
{
  pqxx::nontransaction tx(connection);
  tx.exec("SELECT nextval('motivo_changes')");
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
    const std::optional<std::int64_t> at = label ? std::optional<std::int64_t>(now) : std::nullopt;
    return tx.exec_params("UPDATE invitations SET user_label = $2, user_label_at = $3 WHERE id = $1", id, label, at)
             .affected_rows() > 0;
  });
}

bool PgStore::record_decision(std::int64_t id, protocol::Decision decision, datetime::UnixSeconds now)
{
  return writing([&](pqxx::work& tx) {
    const std::string name(protocol::decision_name(decision));
    const std::int64_t at = now;
    const bool found =
      tx.exec_params("UPDATE invitations SET decision = $2, decision_at = $3 WHERE id = $1", id, name, at).affected_rows() > 0;
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
    return tx.exec_params("INSERT INTO asks (invitation, asked_at, message) SELECT id, $2, $3 FROM invitations WHERE id = $1",
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

std::vector<PersonView> PgStore::people_where(pqxx::work& tx, const std::string& condition, const std::string& value)
{
  const pqxx::result r =
    tx.exec_params("SELECT id, name, coalesce(slug, '') FROM people WHERE " + condition + " ORDER BY id LIMIT 200", value);
  std::vector<PersonView> out;
  for (const auto& row : r) out.push_back({row[0].as<std::int64_t>(), row[1].c_str(), row[2].c_str(), {}});
  for (auto& p : out) {
    const pqxx::result notes = tx.exec_params(
      "SELECT note FROM person_notes WHERE person = $1 ORDER BY written_at, id", static_cast<std::int64_t>(p.id));
    for (const auto& n : notes) p.notes.push_back(n[0].c_str());
  }
  return out;
}

std::vector<PersonView> PgStore::find_people(const std::string& who)
{
  return in_transaction([&](pqxx::work& tx) {
    if (!who.empty() && who.size() < 19 && who.find_first_not_of("0123456789") == std::string::npos) {
      auto by_id = people_where(tx, "id = $1::bigint", who);
      if (!by_id.empty()) return by_id;
    }
    const std::string slug = profile_slug(who);
    if (!slug.empty()) {
      if (auto by_slug = people_where(tx, "slug = $1", slug); !by_slug.empty()) return by_slug;
    }
    if (auto by_slug = people_where(tx, "slug = lower($1)", who); !by_slug.empty()) return by_slug;
    return people_where(tx, "name_key = $1", text::name_key(who));
  });
}

void PgStore::add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now)
{
  writing([&](pqxx::work& tx) {
    tx.exec_params("INSERT INTO person_notes (person, note, note_key, written_at) VALUES ($1, $2, $3, $4)",
                   static_cast<std::int64_t>(person), note, classify::fold(note), static_cast<std::int64_t>(now));
  });
}

std::vector<PersonView> PgStore::search_people(const std::string& query)
{
  const std::string folded = classify::fold(query);
  if (folded.empty()) return {};
  return in_transaction([&](pqxx::work& tx) {
    // Every word of the query among the note's words, case and accents ignored (as SQLite's FTS5 does).
    std::vector<PersonView> out = people_where(
      tx,
      "id IN (SELECT person FROM person_notes WHERE to_tsvector('simple', note_key) @@ plainto_tsquery('simple', $1))",
      folded);
    const auto add = [&](std::vector<PersonView> more) {
      for (auto& p : more) {
        if (std::none_of(out.begin(), out.end(), [&](const PersonView& q) { return q.id == p.id; }))
          out.push_back(std::move(p));
      }
    };
    add(people_where(tx, "strpos(name_key, $1) > 0", text::name_key(query)));
    add(people_where(tx, "id IN (SELECT DISTINCT counterpart FROM messages WHERE counterpart IS NOT NULL AND "
                         "content ILIKE '%' || $1 || '%')",
                     like_escaped(query)));
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
    return tx.exec_params("INSERT INTO welcomes (connection, sent_at, message) SELECT id, $2, $3 FROM connections WHERE id = $1",
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
  return std::make_unique<PgLabelSink>(connection());
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

// NoteLabels over the caller's transaction.
class InTransactionLabels : public NoteLabels {
public:
  explicit InTransactionLabels(pqxx::work& tx) : tx_(tx) {}
  Notes notes() override { return read_notes(tx_); }
  std::unique_ptr<LabelSink> label_sink() override { return label_sink_in(tx_); }

private:
  pqxx::work& tx_;
};

} // namespace

ForgetCounts PgStore::forget_person(PersonId person, bool dry_run, const std::function<void(NoteLabels&)>& relabel)
{
  const auto id = static_cast<std::int64_t>(person);
  constexpr const char* invitations_of = "(SELECT id FROM invitations WHERE from_person = $1 OR to_person = $1)";
  constexpr const char* messages_of = "(from_person = $1 OR to_person = $1 OR counterpart = $1)";
  const ForgetCounts c = writing([&](pqxx::work& tx) {
    ForgetCounts c;
    const auto count = [&](const std::string& sql) { return tx.exec_params1(sql, id)[0].as<std::int64_t>(); };
    c.is_owner = count("SELECT count(*) FROM imports WHERE owner = $1") > 0 ||
                 count("SELECT count(*) FROM invitations WHERE owner = $1") > 0;
    c.invitations = count("SELECT count(*) FROM invitations WHERE from_person = $1 OR to_person = $1");
    c.asks = count(fmt::format("SELECT count(*) FROM asks WHERE invitation IN {}", invitations_of));
    c.messages = count(fmt::format("SELECT count(*) FROM messages WHERE {}", messages_of));
    c.connections = count("SELECT count(*) FROM connections WHERE person = $1");
    c.welcomes = count("SELECT count(*) FROM welcomes WHERE connection IN (SELECT id FROM connections WHERE person = $1)");
    c.notes = count("SELECT count(*) FROM person_notes WHERE person = $1");
    const pqxx::result who = tx.exec_params("SELECT name, coalesce(slug, '') FROM people WHERE id = $1", id);
    if (who.empty()) return c;
    const std::string person_name = who[0][0].c_str(), slug = who[0][1].c_str();
    std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> groups;
    for (const auto& row :
         tx.exec_params(fmt::format("SELECT id, to_names, coalesce(to_urls, '') FROM messages WHERE NOT coalesce({}, false) AND "
                                    "strpos(to_names, $2) > 0",
                                    messages_of),
                        id, person_name)) {
      groups.push_back({row[0].as<std::int64_t>(), {row[1].c_str(), row[2].c_str()}});
    }
    c.group_messages = static_cast<std::int64_t>(groups.size());
    if (dry_run || c.is_owner) return c;
    const auto run = [&](const std::string& sql) { tx.exec_params(sql, id); };
    run(fmt::format("DELETE FROM asks WHERE invitation IN {}", invitations_of));
    run("UPDATE invitations SET campaign = NULL WHERE campaign IN (SELECT id FROM invitations WHERE from_person = $1 OR "
        "to_person = $1)");
    run("DELETE FROM invitations WHERE from_person = $1 OR to_person = $1");
    run(fmt::format("DELETE FROM messages WHERE {}", messages_of));
    run("DELETE FROM welcomes WHERE connection IN (SELECT id FROM connections WHERE person = $1)");
    run("DELETE FROM connections WHERE person = $1");
    run("DELETE FROM person_notes WHERE person = $1");
    for (const auto& [message, lists] : groups) {
      const std::string names = list_without(lists.first, [&](std::string_view n) { return n == person_name; });
      const std::string urls =
        list_without(lists.second, [&](std::string_view u) { return !slug.empty() && profile_slug(u) == slug; });
      tx.exec_params("UPDATE messages SET to_names = $2, to_urls = nullif($3, '') WHERE id = $1", message, names, urls);
    }
    run("DELETE FROM people WHERE id = $1");
    InTransactionLabels labels(tx);
    relabel(labels);
    return c;
  });
  if (!dry_run && !c.is_owner) {
    // Dead row versions keep the text in the table files until they are rewritten.
    pqxx::nontransaction tx(connection());
    for (const char* table : {"asks", "invitations", "messages", "welcomes", "connections", "person_notes", "people"})
      tx.exec0(fmt::format("VACUUM FULL {}", table));
  }
  return c;
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
    const pqxx::result r = tx.exec_params(
      "INSERT INTO users(name, role, token_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING RETURNING id",
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
    throw std::runtime_error(fmt::format("cannot connect to the database {}: {}", redact_url(url), text::trim(e.what())));
  }
}

} // namespace motivo::store
