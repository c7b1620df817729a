#pragma once

#include <motivo/store/postgres/pg_util.hpp>
#include <motivo/store/store.hpp>

#include <memory>
#include <string>

namespace motivo::store::postgres {

// The team store: the same interface as SQLite's on a PostgreSQL server, through one connection (a server keeps
// a pool of these). Every call runs in its own transaction; one whose connection was lost reconnects and runs
// again (three tries, then a clear error), since nothing it did was committed. An import is one transaction
// on the connection until it commits (PgImportSession).
class PgStore : public Store {
public:
  explicit PgStore(const std::string& url);
  ~PgStore() override;

  std::unique_ptr<ImportSession> begin_import(const ImportInfo& info) override;
  Counts counts() override;
  std::vector<InvitationView> invitations(const InvitationQuery& query) override;
  bool set_user_label(std::int64_t id, const std::optional<std::string>& label, datetime::UnixSeconds now) override;
  bool record_decision(std::int64_t id, protocol::Decision decision, datetime::UnixSeconds now) override;
  bool record_ask(std::int64_t id, datetime::UnixSeconds now, const std::string& message) override;
  std::vector<protocol::MessageStamp> messages_with(PersonId owner, PersonId person) override;
  std::vector<MessageView> recent_messages(PersonId owner, PersonId person, std::int64_t limit) override;
  void for_each_stamp(const std::function<void(PersonId, PersonId, const protocol::MessageStamp&)>& visit) override;
  std::vector<PersonView> find_people(const std::string& who) override;
  void add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now) override;
  std::vector<PersonView> search_people(const std::string& query) override;
  std::vector<ConnectionView> connections(std::int64_t limit) override;
  bool record_welcome(std::int64_t connection, datetime::UnixSeconds now, const std::string& message) override;
  void for_each_message(const std::function<void(const StoredMessage&)>& visit) override;
  void for_each_connection(const std::function<void(const StoredConnection&)>& visit) override;
  void for_each_writing(const std::function<void(const StoredWriting&)>& visit) override;
  Notes notes() override;
  std::unique_ptr<LabelSink> label_sink() override;
  std::int64_t data_version() override;
  std::optional<MailCursor> mail_cursor(const std::string& account) override;
  ForgetCounts forget_person(PersonId person, bool dry_run, const std::function<void(NoteLabels&)>& relabel) override;
  ForgetCounts forget_recipient(const std::string& name, bool dry_run) override;
  std::optional<User> add_user(const std::string& name, Role role, const std::string& token_hash,
                               datetime::UnixSeconds now) override;
  std::vector<User> users() override;
  std::optional<User> user_by_token_hash(const std::string& token_hash) override;
  bool set_user_token(const std::string& name, const std::string& token_hash) override;
  bool remove_user(const std::string& name) override;
  std::string location() const override { return where_; }

  // The open connection, made again when it was lost.
  pqxx::connection& connection();

private:
  // Runs `work(tx)` in a transaction and commits; on a lost connection, connects again and reruns it.
  template <typename Work>
  auto in_transaction(Work&& work);
  // The same for work that writes: once it is committed, data_version() moves.
  template <typename Work>
  auto writing(Work&& work);
  std::vector<PersonView> people_where(pqxx::work& tx, const std::string& condition, const std::string& value);
  std::vector<std::pair<std::int64_t, std::string>> all_names(pqxx::work& tx); // every person's id and name

  std::string url_, where_;
  std::unique_ptr<pqxx::connection> connection_;
};

// Moves data_version(): called after a write is committed, so that a reader who sees the new version also sees
// the write (one who read the old version and the new data only rebuilds once more).
void data_changed(pqxx::connection_base& connection);

// Reading every note and writing labels in batches (COPY into a temporary table, one UPDATE per batch), inside
// the caller's transaction.
Notes read_notes(pqxx::work& tx);
std::unique_ptr<LabelSink> label_sink_in(pqxx::work& tx);
// The same in a transaction of its own on `connection`, which done() commits.
std::unique_ptr<LabelSink> label_sink_of(pqxx::connection& connection);

} // namespace motivo::store::postgres
