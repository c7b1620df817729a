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
  std::vector<NoteRow> notes() override;
  std::unique_ptr<LabelSink> label_sink() override;
  std::string location() const override { return db_.path(); }

  Database& database() { return db_; }

private:
  Database db_;
};

} // namespace motivo::store::sqlite
