#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/store.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace motivo::store::sql {

// Saves `cursor` for `account` (insert or replace): the one statement of both the session and the store.
void save_sync_cursor(Connection& c, const std::string& account, const SyncCursor& cursor);

// An import session's queries and rules, written once for both engines and run inside the session's transaction
// (the connection's transaction() is never called): the import's row, the people already stored, how a mail's
// invitation is matched with stored ones, how an export's row takes over the row its mail made, one user per
// account, the mail cursor, and the outcomes a snapshot settles (docs/ARCHITECTURE.md, "Outcomes"). An engine's
// session (SqliteImportSession, PgImportSession) derives from it and writes the export's rows its own way, in bulk.
class SqlImportSession : public ImportSession {
public:
  void for_each_known_person(const std::function<void(const KnownPerson&)>& visit) override;
  PersonId find_person(PersonLookup lookup, std::string_view text) override;
  std::size_t count_known_people() override;
  // An export's row goes to the engine's writer (add_row), which may hold it back until write_pending().
  void add_invitation(const InvitationRecord& r) override { add_row(&r); }
  void add_message(const MessageRecord& r) override { add_row(&r); }
  void add_connection(const ConnectionRecord& r) override { add_row(&r); }
  void set_owner(PersonId owner) override { owner_ = owner; }        // written to the import's row by finish()
  std::int64_t refresh_timelines(const TimelineRule& rule) override; // after finish(), in the import's transaction
  std::int64_t refresh_welcomes(const WelcomeRule& rule) override;   // the same
  // A mail's invitation already stored: by LinkedIn's invitation id, by the mail's key, or as an export's row of
  // the same sender within mail_match_window (not tied to another id). The stored row takes the mail's ids, and
  // its note when it had none. Otherwise the mail's invitation is stored.
  MailOutcome add_mail_invitation(const MailInvitationRecord& r) override;
  // A mail's message already stored (the same mail, or the same message from an export or another mail: see
  // mail_message_before), else stored with origin 'mail'.
  MailOutcome add_mail_message(const MailMessageRecord& r) override;
  AcceptanceOutcome add_mail_acceptance(const MailAcceptanceRecord& r) override;
  std::optional<PersonId> latest_owner() override;
  std::optional<std::string> owner_claimed_by_other(PersonId owner) override;
  void set_mail_cursor(const std::string& account, const MailCursor& cursor) override;
  void set_sync_cursor(const std::string& account, const SyncCursor& cursor) override;
  void finish(std::optional<Span> listed, std::optional<datetime::UnixSeconds> as_of,
              const std::string& summary_json) override;
  std::optional<PriorFile> prior_file(Table table) override;
  bool reuse_file(const PriorFile& prior) override;
  void record_file(const FileRecord& file) override;
  Notes notes() override;
  std::uint64_t take_added(Table table) override
  {
    write_pending();
    const std::uint64_t added = std::exchange(added_[static_cast<int>(table)], 0);
    if (table == Table::invitations && added > 0) notes_written_ = true;
    return added;
  }
  bool labels_current(std::string_view classifier) override;
  LabelCounts label_counts() override;

protected:
  explicit SqlImportSession(const ImportInfo& info) : user_(info.user), started_at_(info.started_at) {}
  // Called by the engine's constructor once its transaction is open: writes the import's row.
  void start(Connection& connection, const ImportInfo& info);
  // A row of an export's file, written by the engine its own way (in bulk).
  using ExportRow = std::variant<const InvitationRecord*, const MessageRecord*, const ConnectionRecord*>;
  virtual void add_row(ExportRow row) = 0;
  // Writes every row the engine holds back (its writer thread's or its batches); called before each query here.
  virtual void write_pending() = 0;
  // finish()'s engine part, after write_pending() and before the outcomes are settled.
  virtual void before_finish() {}
  // A mail's invitation was stored under `key`.
  virtual void mail_row_added(const IdentityKey& /*key*/) {}
  // An export's invitation that its mail was stored as first (same owner, direction and sender, within
  // mail_match_window): that row becomes the export's. False when there is none.
  bool adopt_mail_row(const InvitationRecord& r);

  std::int64_t import_id_ = 0;
  std::optional<std::int64_t> user_; // who imports (team mode)
  PersonId owner_ = 0;
  datetime::UnixSeconds started_at_ = 0;
  bool mail_only_rows_ = false;        // invitations known only from mail wait for the export rows that name them
  std::uint64_t added_[3] = {0, 0, 0}; // new rows by Table, since the last take_added()

private:
  std::optional<MailOutcome> match_mail(const MailInvitationRecord& r);
  void fill_from_mail(std::int64_t id, const MailInvitationRecord& r);
  void accept(PersonId owner);
  // The rows mail stored that an export now holds: its messages (the export's text wins) and its connections
  // (the welcomes recorded on them move to the export's row). Nothing is counted twice.
  void fold_mail_rows(PersonId owner);
  // The stored message `r` is another copy of, if any.
  std::optional<std::int64_t> same_message(const MailMessageRecord& r);
  // How many of the owner's rows of `table` a file recorded by import `import_id` accounts for: those it marked as
  // listed (invitations, connections), or all of them (messages, which no other writer adds to); -1 when a later
  // import wrote some of them.
  std::int64_t stored_rows(Table table, std::int64_t import_id);
  std::int64_t stored_messages(std::int64_t import_id);

  Connection* c_ = nullptr;
  std::optional<Statement> near_, adopt_;        // adopt_mail_row's, prepared once: it runs for every row
  std::optional<std::int64_t> reused_stored_[3]; // by Table: what reuse_file took over, for record_file
  std::int64_t messages_before_ = 0; // the highest message id when the import began: its own rows are above it
  bool notes_written_ = false;       // an invitation stored, adopted or filled from mail: its note is to be labelled
};

} // namespace motivo::store::sql
