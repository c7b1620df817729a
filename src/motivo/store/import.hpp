#pragma once

// Imports: what a snapshot, a mailbox or a sync writes through an ImportSession, and the records read from mail.

#include <motivo/core/datetime.hpp>
#include <motivo/core/model.hpp>
#include <motivo/core/people.hpp>
#include <motivo/store/invitations.hpp>
#include <motivo/store/notes.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::store {

// An invitation read from a notification e-mail (always incoming: the mailbox's owner was invited).
struct MailInvitationRecord {
  IdentityKey key{}; // of the mail: LinkedIn's invitation id, else the Message-ID, else sender and time
  PersonId owner = 0;
  std::optional<PersonId> from_person;
  std::optional<PersonId> to_person;
  std::string_view from_name, to_name, from_url;
  datetime::UnixSeconds sent_at = 0;
  std::string_view message;
  std::string_view linkedin_id; // "" when the mail gave none
  std::string_view mail_id;     // the Message-ID
};

// What became of a mail's invitation: stored anew, already stored (by its id or its mail), or found among the
// export's invitations (same owner and sender within `mail_match_window` seconds): the stored one takes the
// mail's id, and its note when it had none.
enum class MailOutcome { added, known, matched };
inline constexpr datetime::UnixSeconds mail_match_window = datetime::UnixSeconds{3} * 3600;

// A member's message read from a notification e-mail (always incoming: to the mailbox's owner).
struct MailMessageRecord {
  IdentityKey key{}; // of the mail: its Message-ID, else the conversation, sender and time
  PersonId owner = 0;
  PersonId from_person = 0;
  std::string_view conversation_id; // LinkedIn's thread id, as an export's CONVERSATION ID writes it ("" when none)
  std::string_view from_name, from_url, to_name;
  datetime::UnixSeconds sent_at = 0;
  std::string_view content; // as the mail shows it ("" when it does not)
  std::string_view mail_id; // the Message-ID
};

// The same message in an export and in its mail: same owner, sender and conversation (or one the export names
// no conversation of), the export's time from `mail_message_before` seconds before the mail's Date to
// `mail_message_after` after it (an export's time may be cut to its minute; the mail leaves seconds to minutes
// after the message), and texts that agree (mail::same_message_text). The export's row is kept.
inline constexpr datetime::UnixSeconds mail_message_before = datetime::UnixSeconds{10} * 60;
inline constexpr datetime::UnixSeconds mail_message_after = datetime::UnixSeconds{2} * 60;

// An accepted invitation read from a notification e-mail: the owner's invitation to `person` was accepted at
// `at`, and `person` is the owner's connection.
struct MailAcceptanceRecord {
  IdentityKey key{}; // of the connection it records
  PersonId owner = 0;
  PersonId person = 0;
  std::string_view first_name, last_name, url;
  datetime::UnixSeconds at = 0;
  // The receiving servers found DKIM or DMARC passing for linkedin.com: the acceptance may also correct an
  // invitation an export's absence made "withdrawn". Unauthenticated mail only fills what is pending.
  bool authenticated = false;
};
// What an acceptance changed: an outgoing invitation accepted (and the connection recorded), only a connection
// recorded (no invitation to them is stored), or nothing (known already).
enum class AcceptanceOutcome { accepted, connection_only, known };

// How far an IMAP mailbox has been fetched.
struct MailCursor {
  std::int64_t uidvalidity = 0;
  std::int64_t last_uid = 0;
  datetime::UnixSeconds fetched_at = 0;
};

// How far `motivo sync` has read LinkedIn's Member Data Portability API for one account (docs/SYNC.md).
struct SyncCursor {
  PersonId owner = 0;                    // whose data the API gives (the snapshot's owner)
  datetime::UnixSeconds snapshot_at = 0; // the last snapshot taken
  std::int64_t changes_since = 0;        // the changelog's next startTime (epoch milliseconds, inclusive)
  datetime::UnixSeconds synced_at = 0;   // the last sync that read everything it asked for
};

// The tables an import writes rows into.
enum class Table { invitations, messages, connections };

// One snapshot being written: everything goes into one transaction that commit() makes durable; an
// ImportSession destroyed without commit() leaves the database exactly as it was.
class ImportSession : public PersonDirectory, public NoteLabels, public Timelines {
public:
  // The owner of this snapshot's export.
  virtual void set_owner(PersonId owner) = 0;
  // Rows already stored (same identity key) are recognised and marked as seen by this snapshot. A backend may
  // hold rows back and write them in batches: take_added() says how many were new.
  virtual void add_invitation(const InvitationRecord& record) = 0;
  virtual void add_message(const MessageRecord& record) = 0;
  virtual void add_connection(const ConnectionRecord& record) = 0;
  // Writes what is held back and returns how many rows of `table` were new since the last call.
  virtual std::uint64_t take_added(Table table) = 0;
  virtual MailOutcome add_mail_invitation(const MailInvitationRecord& record) = 0;
  // A mail's message: known (the same mail again), matched (an export or another mail holds the same message:
  // nothing stored), or added. It counts as any stored message does (the protocol's replies).
  virtual MailOutcome add_mail_message(const MailMessageRecord& record) = 0;
  // A mail's acceptance: the owner's pending outgoing invitation to the person, sent by then, becomes accepted at
  // that time; the person becomes a connection unless they are one.
  virtual AcceptanceOutcome add_mail_acceptance(const MailAcceptanceRecord& record) = 0;
  // The owner of the most recent import that had one, among this import's user's (whose mailbox mail is taken
  // to be).
  virtual std::optional<PersonId> latest_owner() = 0;
  // Team mode: a user other than this import's who has imported snapshots of `owner`'s account (their name).
  // Each LinkedIn account belongs to one user: importing another's export would show you their invitations.
  virtual std::optional<std::string> owner_claimed_by_other(PersonId owner) = 0;
  virtual void set_mail_cursor(const std::string& account, const MailCursor& cursor) = 0;
  // Saved with the snapshot or the changelog's messages, in the same transaction.
  virtual void set_sync_cursor(const std::string& account, const SyncCursor& cursor) = 0;
  // Closes the snapshot. `listed` spans the invitations of this snapshot's Invitations.csv, oldest to newest
  // (absent when the snapshot had none): invitations of this owner from its start that the snapshot no longer
  // lists were withdrawn or ignored, unless their other side is now a connection (accepted). Invitations known
  // only from mail count from its start to its end: a later one may simply be newer than the export.
  //
  // `as_of`: the latest time the snapshot shows (its newest invitation, message or connection), a lower bound of
  // when the export was made. Only invitations sent by then can be missing from it; and a snapshot older than one
  // imported before (two downloads imported out of order) adds its rows but changes no invitation's state. An
  // invitation taken for withdrawn that a snapshot lists again is pending again.
  struct Span {
    datetime::UnixSeconds from = 0, until = 0;
  };
  virtual void finish(std::optional<Span> listed, std::optional<datetime::UnixSeconds> as_of,
                      const std::string& summary_json) = 0;
  virtual void commit() = 0;

  // A file of a snapshot read whole (the only one of its table in its snapshot): its content hash and what it gave,
  // so that a later snapshot holding the same bytes can skip it.
  struct FileRecord {
    Table table = Table::invitations;
    IdentityKey hash{};
    std::uint64_t rows = 0;
    std::optional<Span> listed; // Invitations.csv's
    std::optional<datetime::UnixSeconds> latest;
  };
  struct PriorFile {
    FileRecord file;
    std::int64_t import_id = 0;
    datetime::UnixSeconds imported_at = 0;
    std::int64_t stored = 0; // the owner's rows of the table that import's file accounts for, as it recorded them
  };
  // The file of `table` this owner's latest import with one recorded (when it was its snapshot's only one): a
  // snapshot whose file has the same hash may take that file's rows as its own without reading them, if they are
  // still as that import left them (no later import, mail or `forget` touched them since: reuse_file checks). Call
  // after set_owner().
  virtual std::optional<PriorFile> prior_file(Table table) = 0;
  // The rows `prior`'s file gave are this snapshot's too, as if it had read them again (invitations and
  // connections are marked as listed by this snapshot); false, and nothing changed, when they are no longer all as
  // that import left them (checked here, once the file is known to hold the same bytes: a changed file is never
  // counted).
  virtual bool reuse_file(const PriorFile& prior) = 0;
  // Records a file this snapshot read whole (or reused), after its rows were added.
  virtual void record_file(const FileRecord& file) = 0;
  // Whether the stored labels are what labelling every note again would give: this session stored, adopted or
  // filled no invitation, `classifier` (classify::identity()) made them, and no correction or decision changed what
  // they learn from since.
  virtual bool labels_current(std::string_view classifier) = 0;
  // The stored labels counted (when they are current: what labelling them again would report).
  virtual LabelCounts label_counts() = 0;
};

struct ImportInfo {
  datetime::UnixSeconds started_at = 0;
  std::string source;               // the paths, for the history
  std::optional<std::int64_t> user; // who imported (team mode): the snapshot's invitations are theirs
};

} // namespace motivo::store
