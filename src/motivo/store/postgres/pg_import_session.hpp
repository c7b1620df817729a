#pragma once

#include <motivo/store/postgres/pg_connection.hpp>
#include <motivo/store/postgres/pg_util.hpp>
#include <motivo/store/sql/import_session.hpp>
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
// Several imports may run at once. Rows with the same identity key wait for the other transaction (PostgreSQL's
// unique index) and are then counted as known: nothing is lost and nothing doubles. New people are different:
// their ids go into identity keys (a message's owner, a connection's person), so two imports must never make the
// same person twice. The first import that needs a new person takes an advisory lock held until it commits, and
// learns the people other imports stored since it started; imports that only meet known people (re-imports)
// never wait for it. Ids come ahead of time from the table's sequence, and people are written in batches like
// the rows. A deadlock between two imports aborts one of them, reported as a transient error (the command line
// runs that import again).
class PgImportSession : public sql::SqlImportSession {
public:
  PgImportSession(pqxx::connection& connection, const ImportInfo& info);
  ~PgImportSession() override;

  PersonId create_person(std::string_view name, std::string_view name_key, std::string_view slug) override;
  void attach_slug(PersonId id, std::string_view slug) override;
  void for_each_known_person(const std::function<void(const KnownPerson&)>& visit) override;
  PersonId find_person(PersonLookup lookup, std::string_view text) override;
  void commit() override;
  std::unique_ptr<LabelSink> label_sink() override;

private:
  struct Pending {
    std::string lines;
    std::size_t rows = 0;
  };
  // Takes the people lock (once) and reads the people stored by others since the resolver first asked.
  void lock_people();
  void add_row(ExportRow row) override;
  void flush_if_full();
  void flush();
  void write_pending() override { flush(); }
  void before_finish() override; // ANALYZE after a large import: the statements that follow need statistics
  void flush_people();
  std::uint64_t flush_rows(Table table);
  void add_invitation_one_by_one(const InvitationRecord& r);

  pqxx::work tx_;
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
  bool people_locked_ = false;
  std::uint64_t written_ = 0; // new invitations, messages and connections, for before_finish()
  // The highest id of a person stored when the resolver first asked about the people (find_person), or read them
  // all (for_each_known_person): anyone after it is another import's.
  std::optional<PersonId> known_max_id_;
  // People other imports stored after known_max_id_: by slug, and the lowest id of each name (with no slug).
  std::unordered_map<std::string, PersonId> late_by_slug_, late_by_name_, late_slugless_by_name_;
  Pending rows_[3];
  CopyLine line_;
  PgWork work_{tx_};
};

} // namespace motivo::store::postgres
