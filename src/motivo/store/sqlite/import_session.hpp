#pragma once

#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/store.hpp>

namespace motivo::store::sqlite {

// Writes one snapshot inside a single BEGIN IMMEDIATE transaction with prepared statements.
class SqliteImportSession : public ImportSession {
public:
  SqliteImportSession(Database& db, const ImportInfo& info);

  PersonId create_person(std::string_view name, std::string_view name_key, std::string_view slug) override;
  void attach_slug(PersonId id, std::string_view slug) override;
  std::vector<KnownPerson> known_people() override;
  void set_owner(PersonId owner) override;
  bool add_invitation(const InvitationRecord& r) override;
  bool add_message(const MessageRecord& r) override;
  bool add_connection(const ConnectionRecord& r) override;
  void finish(std::optional<datetime::UnixSeconds> invitations_from, const std::string& summary_json) override;
  void commit() override;

private:
  Database& db_;
  Transaction tx_;
  std::int64_t import_id_ = 0;
  PersonId owner_ = 0;
  datetime::UnixSeconds started_at_ = 0;
  Statement insert_person_;
  Statement attach_slug_;
  Statement insert_invitation_;
  Statement insert_message_;
  Statement insert_connection_;
};

} // namespace motivo::store::sqlite
