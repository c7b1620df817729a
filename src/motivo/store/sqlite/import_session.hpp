#pragma once

#include <motivo/core/hashed_map.hpp>
#include <motivo/store/sql/import_session.hpp>
#include <motivo/store/sqlite/db.hpp>
#include <motivo/store/sqlite/known_rows.hpp>
#include <motivo/store/sqlite/row_queue.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace motivo::store::sqlite {

// Writes one snapshot inside a single BEGIN IMMEDIATE transaction with prepared statements.
//
// A table that is empty when the import starts is filled in bulk: its indexes are dropped and built again,
// sorted, at the end (much faster than keeping them up to date row by row), and its identity keys are checked
// in memory, which is exact because the transaction holds the write lock from the start.
//
// While no other connection has the database open, the import runs in rollback-journal mode: pages that a
// large import adds are then written once, where WAL writes them twice (to the log, then back). The database
// returns to WAL mode when the session ends, committed or not; a crash in between leaves a hot journal that
// the next opener rolls back, and the next open switches to WAL again.
//
// People and an export's rows are written by a second thread (RowQueue) while the caller reads on: the session
// gives new people their ids itself (max + 1, as SQLite would: the write lock is held), and every other call
// first waits until the rows handed over are written.
class SqliteImportSession : public sql::SqlImportSession {
public:
  SqliteImportSession(Database& db, const ImportInfo& info);
  ~SqliteImportSession() override;

  PersonId create_person(std::string_view name, std::string_view name_key, std::string_view slug) override;
  void attach_slug(PersonId id, std::string_view slug) override;
  void commit() override;
  std::unique_ptr<LabelSink> label_sink() override;

private:
  void add_row(ExportRow row) override;
  void write_pending() override
  {
    drain();
    mark_listed();
  }
  void before_finish() override;
  void mail_row_added(const IdentityKey& key) override
  {
    if (bulk_[0].active) bulk_new(bulk_[0], key); // invitations
  }
  // For the session's life (constructed before the transaction): no foreign key checks; the import only adds rows whose
  // people it made or read in the same transaction.
  struct BulkJournal {
    explicit BulkJournal(Database& db);
    ~BulkJournal();
    Database& db;
  };

  // A table filled in bulk: the indexes to build again and the keys seen so far.
  struct BulkTable {
    bool active = false;
    std::vector<std::string> index_sql;
    KeySet keys;
  };
  BulkTable start_bulk(const char* table);
  // Whether `key` is new to a bulk table (and remembers it).
  static bool bulk_new(BulkTable& table, const IdentityKey& key) { return table.keys.insert(key); }
  // Past `bulk_key_limit_` keys a table leaves bulk mode: its unique index is built from the rows so far and
  // checks the keys from then on, so that memory stays bounded however many rows a file has.
  void leave_bulk_when_full(BulkTable& table, std::optional<sql::Statement>& insert, Table rows);

  // Whether an export's row is known by the keys read when the import began (known_); if so it is not written,
  // and its id waits in listed_ to be marked as listed by this import (invitations, connections).
  bool known_row(Table table, const IdentityKey& key);
  // Marks the known rows handed over since the last call as listed by this import, in the order of their ids.
  void mark_listed();

  // The writer thread's side of the calls above.
  void write(const QueuedRow& row);
  void write_person(const PersonRow& r);
  // Writes an export's row (its mail's row becomes an invitation's: adopt_mail_row).
  template <typename Record>
  void write_row(const Record& r);
  // Waits until the writer thread has written every row handed to it (and rethrows its error).
  void drain()
  {
    if (queue_) queue_->drain();
  }
  RowQueue& queue();

  Database& db_;
  BulkJournal journal_;
  std::optional<Transaction> tx_;
  BulkTable bulk_people_;
  BulkTable bulk_[3]; // by Table
  PersonId next_person_ = 0;
  sql::Statement insert_person_;
  sql::Statement attach_slug_;
  std::size_t bulk_key_limit_;
  std::optional<sql::Statement> insert_[3]; // by Table
  std::optional<sql::Statement> key_exists_;
  bool unread_known_[3] = {false, false, false}; // by Table: known_ to be read at the first row
  KnownRows known_[3];                           // by Table: the keys stored when the import began (none in bulk mode)
  std::vector<std::int64_t> listed_[3];          // by Table: known rows this import lists, not yet marked
  std::optional<sql::Statement> mark_[3];        // by Table: marks a row as listed
  // Whether `r` is the export's row of an invitation first read from mail; if so that row becomes it.
  bool adopt_mail_row(const InvitationRecord& r);
  std::unique_ptr<RowQueue> queue_; // last: started on the first row, stopped first
};

} // namespace motivo::store::sqlite
