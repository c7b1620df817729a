#pragma once

#include <motivo/store/postgres/pg_util.hpp>
#include <motivo/store/store.hpp>

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace motivo::store::postgres {

// One snapshot written into PostgreSQL in one transaction, in batches: rows are kept as COPY lines, sent to
// temporary tables, and moved into the real ones with one INSERT ... ON CONFLICT per batch (new rows counted by
// `xmax = 0`, known ones marked as seen by this import).
//
// Several imports may run at once. People get ids ahead of time from the table's sequence; when another import
// stored the same person first (the same profile slug, or a person known by name only, serialised by an
// advisory lock on the name), this import's id is mapped to theirs before its rows are written. Rows with the
// same identity key wait for the other transaction (PostgreSQL's unique index) and are then counted as known:
// nothing is lost and nothing doubles. A deadlock between two imports aborts one of them, which is reported as a
// transient error (the command line runs that import again).
class PgImportSession : public ImportSession {
public:
  PgImportSession(pqxx::connection& connection, const ImportInfo& info);
  ~PgImportSession() override;

  PersonId create_person(std::string_view name, std::string_view name_key, std::string_view slug) override;
  void attach_slug(PersonId id, std::string_view slug) override;
  std::vector<KnownPerson> known_people() override;
  void set_owner(PersonId owner) override;
  void add_invitation(const InvitationRecord& r) override;
  void add_message(const MessageRecord& r) override;
  void add_connection(const ConnectionRecord& r) override;
  std::uint64_t take_added(Table table) override;
  MailOutcome add_mail_invitation(const MailInvitationRecord& r) override;
  std::optional<PersonId> latest_owner() override;
  void set_mail_cursor(const std::string& account, const MailCursor& cursor) override;
  void finish(std::optional<Span> listed, const std::string& summary_json) override;
  void commit() override;
  std::vector<NoteRow> notes() override;
  std::unique_ptr<LabelSink> label_sink() override;

private:
  struct Pending {
    std::string lines;
    std::size_t rows = 0;
  };
  PersonId mapped(PersonId id) const;
  std::optional<PersonId> mapped(std::optional<PersonId> id) const;
  void add_row(Pending& pending, const CopyLine& line);
  void flush_if_full();
  void flush();
  void flush_people();
  std::uint64_t flush_rows(Table table);
  void add_invitation_one_by_one(const InvitationRecord& r);

  pqxx::work tx_;
  std::int64_t import_id_ = 0;
  PersonId owner_ = 0;
  datetime::UnixSeconds started_at_ = 0;
  bool mail_only_rows_ = false;
  // People made by this import and not yet sent, ids ahead of time, and ids another import had already taken.
  std::vector<PersonId> free_ids_;
  std::size_t id_batch_ = 256;
  std::unordered_map<PersonId, std::size_t> pending_person_; // id -> index in pending_people_
  struct NewPerson {
    PersonId id;
    std::string name, name_key, slug;
  };
  std::vector<NewPerson> pending_people_;
  std::vector<std::pair<PersonId, std::string>> pending_slugs_; // slugs for people already sent
  std::unordered_map<PersonId, PersonId> remap_;
  bool remap_table_ = false;
  Pending rows_[3];
  std::uint64_t added_[3] = {0, 0, 0};
  CopyLine line_;
};

} // namespace motivo::store::postgres
