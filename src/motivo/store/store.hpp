#pragma once

#include <motivo/core/classify/classifier.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/model.hpp>
#include <motivo/core/people.hpp>
#include <motivo/core/protocol/protocol.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace motivo::store {

// What a database holds, for `motivo status`.
struct Counts {
  std::int64_t incoming = 0;
  std::int64_t outgoing = 0;
  std::int64_t messages = 0; // drafts included
  std::int64_t drafts = 0;
  std::int64_t connections = 0;
  std::int64_t people = 0;
  std::int64_t imports = 0;
  std::optional<std::string> owner; // the owner of the most recent import
  std::optional<datetime::UnixSeconds> last_import_at;
  // False when some owner's invitations are stored but no import listed that owner's connections (no
  // Connections.csv): whether their invitations were accepted is unknown.
  bool acceptance_known = true;
};

// A LinkedIn account whose exports (or mail) a database holds: the owner of its imports.
struct Account {
  PersonId owner = 0;
  std::string name;
  std::int64_t imports = 0;
  std::optional<std::string> user; // team mode: the user who imports it (none: an admin's imports, or no users)
};

// Where a page of invitations ends, in the list's order: its last row's time (sent, or decided for a list of the
// decided) and id. The next page holds the rows after it.
struct PageKey {
  datetime::UnixSeconds at = 0;
  std::int64_t id = 0;
  bool operator==(const PageKey&) const = default;
};

struct InvitationQuery {
  std::optional<std::int64_t> user; // only the invitations of this user's imports (team mode); all when absent
  std::optional<Direction> direction;
  std::optional<classify::Label> label; // the effective label (the user's correction, else the classifier's)
  std::optional<std::int64_t> id;
  // Only invitations with a greater id, in the order of their ids instead of newest first: pages through all of
  // them with `limit` (an export of any size in constant memory).
  std::optional<std::int64_t> after_id;
  // Only those the user decided, the most recently decided first (a decision of unknown time last).
  bool decided = false;
  // Keyset paging: only the invitations after this key in the list's order (newest first, or most recently decided
  // first), read through an index however deep the page.
  std::optional<PageKey> after;
  std::int64_t limit = -1; // all
};

// An invitation as the commands show it. `outcome` is none while it is pending.
struct InvitationView {
  std::int64_t id = 0;
  Direction direction = Direction::incoming;
  std::string from, to, from_url, to_url, message;
  std::optional<Outcome> outcome;
  datetime::UnixSeconds sent_at = 0;
  std::optional<datetime::UnixSeconds> outcome_at;
  // The effective label: the user's correction when there is one (label_by_user), else the classifier's;
  // none before the first classification. `reasons` are the classifier's (none when the user's label wins).
  std::optional<classify::Label> label;
  std::string language;
  bool label_by_user = false;
  std::optional<double> confidence;
  std::vector<std::string> reasons;
  std::optional<std::int64_t> campaign;
  // For the protocol.
  PersonId owner = 0;
  std::optional<PersonId> other_person; // the sender of an incoming invitation, the invitee of an outgoing one
  std::optional<protocol::Decision> decision;
  std::optional<datetime::UnixSeconds> decision_at;
  std::optional<datetime::UnixSeconds> recorded_ask;   // the first `motivo ask`
  std::optional<datetime::UnixSeconds> recorded_reply; // the earliest reply recorded with `motivo replied`
  // What a client saw of it, as a short opaque string (invitation_version): it changes with anything stored about
  // the invitation — the row (decision, labels, outcome), the asks and replies recorded, the notes on its other
  // person, the messages with them. A write given the version its caller saw refuses to go on when it changed.
  std::string version;
  // The protocol's timeline of this invitation as the store keeps it (issue 23): absent while a write since the
  // last refresh (Timelines::refresh_timelines) may have changed its inputs.
  std::optional<protocol::Timeline> timeline;
};

// The version of `v` from its fields and the number of asks, recorded replies, notes on its other person and
// messages with them: 16 hex digits (FNV-1a), the same on every back end and in every process.
std::string invitation_version(const InvitationView& v, std::int64_t asks, std::int64_t replies, std::int64_t notes,
                               std::int64_t messages);

// The versions a caller saw, by invitation id: a write refuses to go on (Stale) when one changed since. Empty: no
// check.
using Versions = std::map<std::int64_t, std::string>;

// An invitation changed since the version its caller saw: nothing was written.
class Stale : public Error {
public:
  explicit Stale(std::int64_t id);
  std::int64_t id() const { return id_; }

private:
  std::int64_t id_;
};

// How an invitation's timeline follows from what is stored of it: the invitation, the one-to-one messages with its
// other person (with their texts; none for an outgoing one or one without another person), and whether its owner's
// acceptances are known (Store::owners_with_connections). The rule is core's (app::timeline_rule).
using TimelineRule = std::function<protocol::Timeline(
    const InvitationView& invitation, std::vector<protocol::MessageStamp> messages, bool acceptance_known)>;

// Each invitation's timeline kept in the store (issue 23). Every write that can change an input of an invitation's
// timeline (its messages, outcome, decision, recorded asks and replies, its owner's known acceptances) marks it
// stale in its own transaction; refresh_timelines computes the stale ones by `rule` and stores them, in the
// caller's transaction (an import) or in one of its own (the store). Returns how many were computed.
class Timelines {
public:
  virtual ~Timelines() = default;
  virtual std::int64_t refresh_timelines(const TimelineRule& rule) = 0;
};

// What the user taught about a stored note (issue 22): its account, the classifier's label last stored, the user's
// correction and when, and the decision taken on it.
struct NoteFacts {
  PersonId owner = 0;
  std::optional<classify::Label> label, user_label;
  datetime::UnixSeconds user_label_at = 0;
  std::optional<protocol::Decision> decision;
};

// A user's model of labels (classify::UserModel as text), one per account, with the fingerprint of the examples it
// was trained on.
struct StoredModel {
  PersonId owner = 0;
  std::string fingerprint;
  std::int64_t examples = 0;
  std::string model;
  friend bool operator==(const StoredModel&, const StoredModel&) = default;
};

// Every stored note, oldest first, as the classifier takes them: `notes[i]` is invitation `ids[i]`, `facts[i]`
// what the user taught about it; `models` the users' models as stored. The texts are kept in large blocks, not
// one allocation each: a hundred thousand notes are three hundred thousand strings, and their headers and
// allocations were a tenth of an import's peak memory.
class Notes {
public:
  void add(std::int64_t id, std::string_view from, std::string_view to, std::string_view message,
           const NoteFacts& taught = {})
  {
    ids.push_back(id);
    notes.push_back({keep(message), keep(from), keep(to)});
    facts.push_back(taught);
  }
  void reserve(std::size_t n)
  {
    ids.reserve(n);
    notes.reserve(n);
    facts.reserve(n);
  }
  std::vector<std::int64_t> ids;
  std::vector<classify::Note> notes;
  std::vector<NoteFacts> facts;
  std::vector<StoredModel> models;

private:
  std::string_view keep(std::string_view text);
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0, size_ = 0;
};
struct LabelRow {
  std::int64_t id = 0;
  std::string label, language;
  double confidence = 0;
  std::vector<std::string> reasons;
  std::optional<std::int64_t> campaign;
};

// Writes labels one at a time as the classifier hands them out; done() makes them durable (a sink destroyed
// without done() leaves the labels as they were, unless it writes inside an import, whose commit decides).
class LabelSink {
public:
  virtual ~LabelSink() = default;
  virtual void put(const LabelRow& label) = 0;
  // Replaces the users' stored models with `models` (written with the labels, made durable by done()).
  virtual void put_models(const std::vector<StoredModel>& models) = 0;
  virtual void done() = 0;
};

// Reading every stored note and writing the classifier's labels, in the caller's transaction (an import) or in
// one of its own (reclassify).
class NoteLabels {
public:
  virtual ~NoteLabels() = default;
  virtual Notes notes() = 0;
  virtual std::unique_ptr<LabelSink> label_sink() = 0;
};

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
  // The people already stored, for the resolver.
  virtual std::vector<KnownPerson> known_people() = 0;
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
  };
  // The file of `table` this owner's latest import with one recorded, when the rows it stored are still as that
  // import left them (no later import, mail or `forget` touched them since, and it was its snapshot's only one):
  // a snapshot whose file has the same hash may take that file's rows as its own without reading them. Call after
  // set_owner().
  virtual std::optional<PriorFile> prior_file(Table table) = 0;
  // The rows `prior`'s file gave are this snapshot's too, as if it had read them again (invitations and
  // connections are marked as listed by this snapshot).
  virtual void reuse_file(const PriorFile& prior) = 0;
  // Records a file this snapshot read whole (or reused), after its rows were added.
  virtual void record_file(const FileRecord& file) = 0;
};

struct ImportInfo {
  datetime::UnixSeconds started_at = 0;
  std::string source;               // the paths, for the history
  std::optional<std::int64_t> user; // who imported (team mode): the snapshot's invitations are theirs
};

// A person who signs in to a shared store (team mode). Tokens are kept as SHA-256 hashes only.
enum class Role { member, admin };
std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
struct User {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::member;
  datetime::UnixSeconds created_at = 0;
};

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

// What the user did on an invitation that `Store::undo_last` can take back: a decision, an ask, a recorded reply, a
// note kept on its other person from the invitation (Store::record_note).
enum class ActionKind { decision, ask, reply, note };
std::string_view to_string(ActionKind kind);

// An action taken back: what it was, when it was recorded, and what is in force again.
struct UndoneAction {
  ActionKind kind = ActionKind::decision;
  datetime::UnixSeconds at = 0;               // when the decision or the ask was recorded; when they replied
  std::optional<protocol::Decision> decision; // kind decision: the decision taken back
  std::optional<protocol::Decision> restored; // kind decision: the decision in force again (none: undecided)
  std::string text;                           // kind ask, reply or note: its text
};

// An ask or a reply the user recorded on an invitation (not read from an export or from mail).
struct RecordedNote {
  ActionKind kind = ActionKind::ask; // ask or reply
  datetime::UnixSeconds at = 0;
  std::string text;
};

// A person as the people commands show them.
struct PersonView {
  PersonId id = 0;
  std::string name, slug;
  std::vector<std::string> notes; // "why we connected", oldest first
};

// A message as triage shows it.
struct MessageView {
  datetime::UnixSeconds at = 0;
  bool from_owner = false;
  std::string content;
};

// A connection that may be welcomed.
struct ConnectionView {
  std::int64_t id = 0;
  PersonId owner = 0;
  PersonId person = 0;
  std::string name, url;
  std::string connected_on; // as printed in Connections.csv
  std::optional<datetime::UnixSeconds> connected_at;
  std::optional<datetime::UnixSeconds> recorded_welcome; // the first `motivo welcome --record`
};

// Stored rows as an export writes them back (motivo export).
struct StoredMessage {
  std::string conversation_id, conversation_title, from_name, from_url, to_names, to_urls, subject, content, folder;
  datetime::UnixSeconds sent_at = 0;
  bool draft = false;
};
struct StoredConnection {
  std::string first_name, last_name, url, email, company, position, connected_on; // connected_on: YYYY-MM-DD
};

// What the user wrote, for a backup: a note kept on a person, an ask or a welcome recorded. `about` names whom it
// is about (the person, the inviter, the connection), `about_url` their profile when known; `ref` is the person's,
// the invitation's or the connection's id.
struct StoredWriting {
  std::string kind; // "note", "ask", "welcome" or "reply" (one the user recorded: `motivo replied`)
  std::string about, about_url;
  std::int64_t ref = 0;
  datetime::UnixSeconds at = 0;
  std::string text;
};

// What forgetting a person removes (or, in a dry run, would remove).
// What became of the compaction that follows a forget; the deletion itself is committed either way.
enum class Compaction {
  done,               // the files were rewritten: the removed text is gone from them
  file_not_shrunk,    // SQLite: the text was overwritten in place (secure delete); the file keeps its size
  text_in_free_space, // PostgreSQL: VACUUM FULL failed and a plain VACUUM ran: the removed text stays in the table
                      // files' free space until new rows overwrite it
};

struct ForgetCounts {
  std::int64_t invitations = 0, messages = 0, group_messages = 0, connections = 0, notes = 0, welcomes = 0, asks = 0;
  bool is_owner = false; // the person owns imported data: refused (forgetting them is deleting the database)
  Compaction compaction = Compaction::done;
  std::string compaction_error;         // why it was not done (the database's words)
  std::vector<std::string> uncompacted; // the tables still to rewrite (VACUUM FULL) when text_in_free_space
};

// The newest rows of the tables that grow as data arrives (0: none yet). Rows are numbered in the order they are
// stored, so what lies after a mark arrived since it was taken: what the web page and `fetch --exec` count.
struct ArrivalMarks {
  std::int64_t invitation = 0, message = 0;
  bool operator==(const ArrivalMarks&) const = default;
};

// A stored message, as counting arrivals needs it.
struct MessageArrival {
  PersonId owner = 0;
  std::optional<PersonId> counterpart; // the other person of a one-to-one message
  bool from_owner = false;
  datetime::UnixSeconds sent_at = 0;
};

// Invitations alike for a report (issue 23), counted: sent the same UTC day, with the same direction, effective
// label, decision, outcome, campaign or not, owner, and kept timeline (asked, replied, asked before a time, and
// the seconds from the ask to the reply when both).
struct InvitationTally {
  Direction direction = Direction::incoming;
  std::int64_t day = 0; // days since 1970-01-01 (UTC) of sent_at
  std::optional<classify::Label> label;
  std::optional<protocol::Decision> decision;
  std::optional<Outcome> outcome;
  bool in_campaign = false;
  PersonId owner = 0;
  bool asked = false, replied = false, asked_before = false;
  std::optional<std::int64_t> reply_seconds;
  std::int64_t count = 0;
};
// The tallies, and how many of the invitations counted had a stale timeline (store::Timelines): when some had,
// their kept timelines were not up to date and the tallies must not be used.
struct InvitationTallies {
  std::vector<InvitationTally> tallies;
  std::int64_t stale = 0;
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
  // Removes every record of `person`: their invitations (and the asks and decisions on them), the one-to-one
  // messages with them and the messages they sent, their name and profile in group messages' recipients, their
  // connections and the welcomes sent to them, the notes kept on them, and the person. `relabel` runs in the
  // same transaction afterwards (campaign reasons name other senders). Then the file is compacted so the text is
  // gone from it, not only unlinked; when that fails, the counts say so (`compaction`) and the person stays
  // forgotten. With `dry_run`, only counts.
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
