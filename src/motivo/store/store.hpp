#pragma once

// The storage interface every feature goes through, and how a store is opened. The rows it reads and writes are
// declared by concern in the headers included here.

#include <motivo/core/datetime.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/model.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/store/import.hpp>
#include <motivo/store/invitations.hpp>
#include <motivo/store/notes.hpp>
#include <motivo/store/people.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace motivo::store {

// A schema migration: the same versions, with the same meaning, on every backend.
struct MigrationStep {
  int version = 0;
  std::string description;
  std::string sql;
};
struct SchemaStatus {
  int current = 0; // 0: a new database
  int latest = 0;
  std::vector<MigrationStep> pending;
};

// The storage interface every feature goes through.
class Store : public NoteLabels, public Timelines {
public:
  virtual std::unique_ptr<ImportSession> begin_import(const ImportInfo& info) = 0;
  virtual Counts counts() = 0;
  // Every account whose snapshots are stored, in the order of their first import.
  virtual std::vector<Account> accounts() = 0;
  virtual std::vector<InvitationView> invitations(const InvitationQuery& query) = 0;
  // Records the user's label for an invitation (nullopt: removes the correction). False: no such invitation.
  virtual bool set_user_label(std::int64_t id, const std::optional<classify::Label>& label, datetime::UnixSeconds now,
                              const Versions& expected = {}) = 0;
  // Records the user's decision on each of `ids` and, given `label`, the user's label with it, all in one
  // transaction, each logged for undo_last with what it replaced. Returns the ids found (the others are skipped).
  // Every write on invitations takes `expected`, the versions its caller saw: checked in the write's transaction,
  // one changed since throws Stale and nothing is written.
  virtual std::vector<std::int64_t> record_decisions(const std::vector<std::int64_t>& ids, protocol::Decision decision,
                                                     datetime::UnixSeconds now,
                                                     const std::optional<classify::Label>& label = std::nullopt,
                                                     const Versions& expected = {}) = 0;
  // record_decisions for one invitation. False: no such invitation.
  bool record_decision(std::int64_t id, protocol::Decision decision, datetime::UnixSeconds now,
                       const std::optional<classify::Label>& label = std::nullopt, const Versions& expected = {})
  {
    return !record_decisions({id}, decision, now, label, expected).empty();
  }
  // Records that the reason was asked with `message` (logged for undo_last). False: no such invitation.
  virtual bool record_ask(std::int64_t id, datetime::UnixSeconds now, const std::string& message,
                          const Versions& expected = {}) = 0;
  // Records that the inviter replied at `at`, as the user saw on LinkedIn, with the reply's `text` ("" when not
  // given), logged for undo_last. False: no such invitation.
  virtual bool record_reply(std::int64_t id, datetime::UnixSeconds at, const std::string& text,
                            datetime::UnixSeconds now, const Versions& expected = {}) = 0;
  // Keeps `note` on `person`, the other person of invitation `id`, as add_person_note does, logged on the
  // invitation for undo_last. False: no such invitation.
  virtual bool record_note(std::int64_t id, PersonId person, const std::string& note, datetime::UnixSeconds now,
                           const Versions& expected = {}) = 0;
  // Takes back the last decision, ask, recorded reply or note logged on invitation `id`, in one transaction: a
  // decision gives way to the one it replaced (and a spam decision's label to the label before it), an ask, a reply
  // or a note is removed. Nothing read from an export or from mail is touched. nullopt when nothing is logged.
  virtual std::optional<UndoneAction> undo_last(std::int64_t id, const Versions& expected = {}) = 0;
  // The asks and replies the user recorded on invitation `id`, oldest first.
  virtual std::vector<RecordedNote> recorded_notes(std::int64_t id) = 0;
  // The one-to-one messages (drafts left out) between `owner` and `person`, oldest first; their texts too when
  // `with_text`.
  virtual std::vector<protocol::MessageStamp> messages_with(PersonId owner, PersonId person,
                                                            bool with_text = false) = 0;
  // messages_with for each pair (owner, person) of `pairs`, in one read a few hundred pairs at a time (a page of
  // invitations asks once, not once an invitation): by pair, oldest first; a pair without messages is absent.
  virtual std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>>
  messages_of_pairs(const std::vector<std::pair<PersonId, PersonId>>& pairs, bool with_text = false) = 0;
  // Every one-to-one message (drafts left out) as (owner, the other person, stamp), ordered by owner, person and
  // time: what messages_with gives, for all pairs in one pass (a queue of a million invitations asks once).
  virtual void
  for_each_stamp(const std::function<void(PersonId owner, PersonId person, const protocol::MessageStamp&)>& visit,
                 bool with_text = false) = 0;
  // The owners some finished import listed the connections of (an export with Connections.csv, even an empty
  // one, or connections stored): for the others, whether an invitation was accepted is unknown.
  virtual std::vector<PersonId> owners_with_connections() = 0;
  // Every invitation (of `user`'s imports, when given) counted by InvitationTally's groups, in one read: what a
  // report needs, without loading any invitation. `asked_before` is set for the asks before `asked_before`.
  virtual InvitationTallies tally_invitations(std::optional<std::int64_t> user, datetime::UnixSeconds asked_before) = 0;
  // How many timelines and welcomes are stale now.
  virtual StaleCounts count_stale() = 0;
  // Computes and keeps the `most` lowest stale welcomes by `welcomes`, or when none is left the `most` lowest
  // stale timelines by `timelines` (reading 2,000 at a time at most), in a transaction of its own: a long refresh
  // (every row, after an upgrade) can stop between batches and keep what it committed; the next writer does the
  // rest. Returns how many were computed: 0 when nothing is stale (the summary's marked days are counted again
  // then, as a refresh does).
  virtual std::int64_t refresh_next_batch(const TimelineRule& timelines, const WelcomeRule& welcomes,
                                          std::int64_t most) = 0;
  // Every welcomed connection counted by WelcomeTally's groups, in one read (kept welcomes, Timelines). With
  // `stale_rule` (a store that cannot be written), the stale connections' welcomes are computed by it a batch at a
  // time, without storing them, and counted instead of their kept ones: the tallies say none is stale.
  virtual WelcomeTallies tally_welcomes(const WelcomeRule* stale_rule) = 0;
  // The latest `limit` one-to-one messages between `owner` and `person`, oldest first.
  virtual std::vector<MessageView> recent_messages(PersonId owner, PersonId person, std::int64_t limit) = 0;
  // The First Name the owner's Connections.csv gives for `person` (the row the latest export listed); "" when none.
  virtual std::string listed_first_name(PersonId owner, PersonId person) = 0;
  // People whose id, profile slug or name (case, accents and spacing ignored) is `who`.
  virtual std::vector<PersonView> find_people(const std::string& who) = 0;
  virtual void add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now) = 0;
  // People whose notes hold every word of `query` (FTS5, accents and case ignored), whose name contains it, or whose
  // one-to-one messages contain it.
  virtual std::vector<PersonView> search_people(const std::string& query) = 0;
  // The owners' connections, newest first, with the first welcome recorded (app::welcomes tells who was welcomed).
  virtual std::vector<ConnectionView> connections(std::int64_t limit) = 0;
  virtual bool record_welcome(std::int64_t connection, datetime::UnixSeconds now, const std::string& message) = 0;
  // Every stored message and connection, in the order they were stored, one at a time.
  virtual void for_each_message(const std::function<void(const StoredMessage&)>& visit) = 0;
  virtual void for_each_connection(const std::function<void(const StoredConnection&)>& visit) = 0;
  // Notes, then asks, then welcomes, then the replies the user recorded, each oldest first.
  virtual void for_each_writing(const std::function<void(const StoredWriting&)>& visit) = 0;
  // A number that changes whenever the stored data may have changed (writes through this store or by another
  // process): a cache of derived views is valid while it stays the same.
  virtual std::int64_t data_version() = 0;
  // The newest invitation and message rows now.
  virtual ArrivalMarks arrival_marks() = 0;
  // The messages (drafts left out) stored after row `after` up to row `upto`, in the order they were stored.
  virtual std::vector<MessageArrival> messages_between(std::int64_t after, std::int64_t upto) = 0;
  // Of `owners`, those who own at least one invitation of `user`'s imports (any when nullopt, as
  // InvitationQuery::user), in ascending order: one index lookup each.
  virtual std::vector<PersonId> owners_with_invitations(std::optional<std::int64_t> user,
                                                        const std::vector<PersonId>& owners) = 0;
  // For each owner who received an invitation from one of `senders`, the earliest such invitation's time, by
  // (owner, sender): read through the index by sender, whatever the size of the table (any owner: the caller keeps
  // those of its scope, owners_with_invitations).
  virtual std::vector<FirstInvitation> first_invitations_from(const std::vector<PersonId>& senders) = 0;
  // Removes every record of `person`: their invitations (and the asks and decisions on them), the one-to-one
  // messages with them and the messages they sent, their name and profile in group messages' recipients, their
  // connections and the welcomes sent to them, the notes kept on them, and the person. `relabel` runs in the
  // same transaction afterwards (campaign reasons name other senders). The text is then gone from the files, not
  // only unlinked (SQLite: secure delete overwrote it in place, the full-text index is rebuilt when notes went, the
  // WAL truncated; PostgreSQL: VACUUM FULL of the tables); when that fails, the counts say so (`compaction`) and
  // the person stays forgotten. With `dry_run`, only counts.
  virtual ForgetCounts forget_person(PersonId person, bool dry_run,
                                     const std::function<void(NoteLabels&)>& relabel) = 0;
  // For someone with no person record (named only among the recipients of group messages, which are not linked to
  // people): removes the name (compared as text::name_key does: case, accents' forms and spaces aside) from those
  // recipients, then compacts the file. Only `group_messages` is counted.
  virtual ForgetCounts forget_recipient(const std::string& name, bool dry_run) = 0;
  // How far the IMAP mailbox `account` was fetched (nullopt: never).
  virtual std::optional<MailCursor> mail_cursor(const std::string& account) = 0;
  // How far `account` (the API's address and the user) was synced (nullopt: never); a round that stored nothing
  // saves its cursor with set_sync_cursor.
  virtual std::optional<SyncCursor> sync_cursor(const std::string& account) = 0;
  virtual void set_sync_cursor(const std::string& account, const SyncCursor& cursor) = 0;
  // The latest message (drafts left out) of `owner`'s conversation `conversation_id`: who takes part in it.
  virtual std::optional<StoredMessage> conversation_message(PersonId owner, const std::string& conversation_id) = 0;
  // Team mode. add_user: nullopt when the name is taken.
  virtual std::optional<User> add_user(const std::string& name, Role role, const std::string& token_hash,
                                       datetime::UnixSeconds now) = 0;
  virtual std::vector<User> users() = 0;
  virtual std::optional<User> user_by_token_hash(const std::string& token_hash) = 0;
  // A new token for `name` (false: no such user).
  virtual bool set_user_token(const std::string& name, const std::string& token_hash) = 0;
  // Removes the user; their imports stay, with nobody's name on them (false: no such user).
  virtual bool remove_user(const std::string& name) = 0;
  // Where the data lives, for messages (a path or a URL without its password).
  virtual std::string location() const = 0;
};

// Whether `location` names a PostgreSQL database (postgresql:// or postgres:// URL, or a libpq key=value string
// starting with "postgresql:").
bool is_postgres_location(const std::string& location);

// How a store is opened: to read and write (the file created and the schema migrated as needed), or to read only
// (an existing, up-to-date database: nothing is created or changed; writing through it fails).
enum class Access { read_write, read_only };

// Opens the store at `location`: a PostgreSQL URL, or the path of a SQLite file (created if needed, with mode
// 0600). Pending migrations run first (concurrent openers wait for one another). A SQLite file that is not
// motivo's (sqlite/schema.hpp: identify) is refused. With Access::read_only, a SQLite file is opened for reading
// only (see open_sqlite); PostgreSQL opens as for writing.
std::unique_ptr<Store> open_store(const std::string& location, Access access = Access::read_write);
// What migrating the store at `location` would run, without changing anything (not even creating a file).
SchemaStatus schema_status(const std::string& location);

// Opens (creating if needed, with mode 0600) the SQLite database at `path` and brings its schema up to date; with
// Access::read_only, opens an existing motivo database for reading only: Error when the file does not exist, holds
// no motivo database, or needs migrating.
std::unique_ptr<Store> open_sqlite(const std::string& path, Access access = Access::read_write);
// Takes group and other permissions away from the SQLite database at `path` and its -wal, -shm and -journal files
// (a copy made by another program or an older motivo may be 0644): true when a file had them. Absent files, and
// files of other users, are left alone.
bool make_sqlite_private(const std::string& path);
// Connects to the PostgreSQL database at `url` and brings its schema up to date.
std::unique_ptr<Store> open_postgres(const std::string& url);
// The URL without its password, for messages.
std::string redact_url(const std::string& url);
// Whether running the same work again may succeed: the database server was unreachable, or aborted the
// transaction for a deadlock with another client's.
bool is_transient_error(const std::exception& e);

// The database's write lock stayed with another connection (another import, most likely) for longer than the
// store waits for it: nothing was written, and the same work can succeed once that writer is done.
class Busy : public Error {
public:
  explicit Busy(const std::string& location);
};

} // namespace motivo::store
