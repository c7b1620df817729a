#pragma once

#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

namespace motivo::store::sqlite {

// The embedded store: one SQLite file in WAL mode, so that a running server and the command line can use it
// at once (writers wait up to 10 s for each other).
class SqliteStore : public Store {
public:
  explicit SqliteStore(const std::string& path);

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
  std::optional<User> add_user(const std::string& name, Role role, const std::string& token_hash,
                               datetime::UnixSeconds now) override;
  std::vector<User> users() override;
  std::optional<User> user_by_token_hash(const std::string& token_hash) override;
  bool set_user_token(const std::string& name, const std::string& token_hash) override;
  bool remove_user(const std::string& name) override;
  std::string location() const override { return db_.path(); }
  std::int64_t data_version() override;
  std::optional<MailCursor> mail_cursor(const std::string& account) override;
  ForgetCounts forget_person(PersonId person, bool dry_run, const std::function<void(NoteLabels&)>& relabel) override;
  ForgetCounts forget_recipient(const std::string& name, bool dry_run) override;

  Database& database() { return db_; }

private:
  std::vector<PersonView> people_where(const std::string& condition, const std::string& value);
  std::vector<std::pair<std::int64_t, std::string>> all_names(); // every person's id and name
  Database db_;
};

} // namespace motivo::store::sqlite
