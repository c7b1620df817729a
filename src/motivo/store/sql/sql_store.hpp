#pragma once

#include <motivo/store/sql/connection.hpp>
#include <motivo/store/store.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace motivo::store::sql {

// The owners some finished import listed the connections of: the import's summary names each file's kind
// (app::import_summary_json writes "kind":"connections"), or an export's connections are stored. A connection
// an acceptance mail recorded says nothing of the others. The owners of export connections are read by skipping
// through the partial index connections_from_exports (migration 17), one lookup per owner (the list's first page
// asks this: a scan of every connection under a UNION took 70-130 ms at 200,000 connections; this, under 1 ms).
std::string owners_with_connections_sql();

// The Store's queries and rules, written once over sql::Connection. A backend (SqliteStore, PgStore) derives
// from it and supplies what its engine does its own way: imports, the change counter, full-text search of the
// notes on people, reading and labelling notes in bulk, and making forgotten text unrecoverable.
class SqlStore : public Store {
public:
  Counts counts() override;
  std::vector<Account> accounts() override;
  std::vector<InvitationView> invitations(const InvitationQuery& query) override;
  bool set_user_label(std::int64_t id, const std::optional<classify::Label>& label, datetime::UnixSeconds now,
                      const Versions& expected = {}) override;
  std::vector<std::int64_t> record_decisions(const std::vector<std::int64_t>& ids, protocol::Decision decision,
                                             datetime::UnixSeconds now, const std::optional<classify::Label>& label,
                                             const Versions& expected = {}) override;
  bool record_ask(std::int64_t id, datetime::UnixSeconds now, const std::string& message,
                  const Versions& expected = {}) override;
  bool record_reply(std::int64_t id, datetime::UnixSeconds at, const std::string& text, datetime::UnixSeconds now,
                    const Versions& expected = {}) override;
  bool record_note(std::int64_t id, PersonId person, const std::string& note, datetime::UnixSeconds now,
                   const Versions& expected = {}) override;
  void add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now) override;
  std::optional<UndoneAction> undo_last(std::int64_t id, const Versions& expected = {}) override;
  std::vector<RecordedNote> recorded_notes(std::int64_t id) override;
  std::vector<protocol::MessageStamp> messages_with(PersonId owner, PersonId person, bool with_text) override;
  std::map<std::pair<PersonId, PersonId>, std::vector<protocol::MessageStamp>>
  messages_of_pairs(const std::vector<std::pair<PersonId, PersonId>>& pairs, bool with_text) override; // timelines.cpp
  std::vector<MessageView> recent_messages(PersonId owner, PersonId person, std::int64_t limit) override;
  std::string listed_first_name(PersonId owner, PersonId person) override;
  void for_each_stamp(const std::function<void(PersonId, PersonId, const protocol::MessageStamp&)>& visit,
                      bool with_text) override;
  std::vector<PersonId> owners_with_connections() override;
  std::int64_t refresh_timelines(const TimelineRule& rule) override; // sql/timelines.hpp
  std::int64_t refresh_welcomes(const WelcomeRule& rule) override;   // sql/welcome_timelines.hpp
  StaleCounts count_stale() override;                                // timelines.cpp
  std::int64_t refresh_next_batch(const TimelineRule& timelines, const WelcomeRule& welcomes,
                                  std::int64_t most) override;
  WelcomeTallies tally_welcomes(const WelcomeRule* stale_rule) override;
  InvitationTallies tally_invitations(std::optional<std::int64_t> user,
                                      datetime::UnixSeconds asked_before) override; // sql/timelines.cpp
  std::vector<PersonView> find_people(const std::string& who) override;
  std::vector<PersonView> search_people(const std::string& query) override;
  std::vector<ConnectionView> connections(std::int64_t limit) override;
  bool record_welcome(std::int64_t connection, datetime::UnixSeconds now, const std::string& message) override;
  void for_each_message(const std::function<void(const StoredMessage&)>& visit) override;
  void for_each_connection(const std::function<void(const StoredConnection&)>& visit) override;
  void for_each_writing(const std::function<void(const StoredWriting&)>& visit) override;
  std::optional<MailCursor> mail_cursor(const std::string& account) override;
  ArrivalMarks arrival_marks() override;                                                        // sql_arrivals.cpp
  std::vector<MessageArrival> messages_between(std::int64_t after, std::int64_t upto) override; // sql_arrivals.cpp
  std::vector<PersonId> owners_with_invitations(std::optional<std::int64_t> user,
                                                const std::vector<PersonId>& owners) override; // sql_arrivals.cpp
  std::vector<FirstInvitation> first_invitations_from(const std::vector<PersonId>& senders) override;
  std::optional<SyncCursor> sync_cursor(const std::string& account) override;
  void set_sync_cursor(const std::string& account, const SyncCursor& cursor) override;
  std::optional<StoredMessage> conversation_message(PersonId owner, const std::string& conversation_id) override;
  ForgetCounts forget_person(PersonId person, bool dry_run, const std::function<void(NoteLabels&)>& relabel) override;
  ForgetCounts forget_recipient(const std::string& name, bool dry_run) override;
  std::optional<User> add_user(const std::string& name, Role role, const std::string& token_hash,
                               datetime::UnixSeconds now) override;
  std::vector<User> users() override;
  std::optional<User> user_by_token_hash(const std::string& token_hash) override;
  bool set_user_token(const std::string& name, const std::string& token_hash) override;
  bool remove_user(const std::string& name) override;
  std::string location() const override { return connection_.location(); }

protected:
  explicit SqlStore(std::unique_ptr<Connection> connection) : owned_(std::move(connection)), connection_(*owned_) {}

  // The condition on people (SQL over `id`, with `?1`) for notes holding every word of `query`, and the value
  // bound to it; nothing when the query has no word.
  virtual std::optional<std::pair<std::string, std::string>> notes_matching(const std::string& query) = 0;
  // A LabelSink writing in the transaction under way.
  virtual std::unique_ptr<LabelSink> label_sink_in_transaction() = 0;
  // Inside a write: stores `note` on `person` (with what the engine's full-text search needs) and returns its row.
  std::int64_t insert_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now);
  // NoteLabels inside the transaction under way (forgetting a person relabels the rest).
  std::unique_ptr<NoteLabels> labels_in_transaction();
  // Inside the forgetting transaction, before anything is deleted.
  virtual void before_erasing() {}
  // After the forgetting transaction committed: rewrites `tables` so that the deleted text is gone from the files.
  // What could not be done is said in `counts` (compaction, compaction_error, uncompacted), or thrown.
  virtual void compact(const std::vector<std::string>& tables, ForgetCounts& counts) = 0;

private:
  std::unique_ptr<Connection> owned_;

protected:
  Connection& connection_;

private:
  // A message that stays once someone is forgotten, with their name and profile taken out.
  struct Scrubbed {
    std::int64_t id;
    std::string to_names, to_urls, title, subject;
  };
  // The messages matching `where` (SQL over messages; `id` bound to ?2) whose recipients, conversation title or
  // subject name `name` in any spelling (names::same_name), or whose recipients' profiles are `slug`'s: without them.
  // Read by their ids from the kept words (sql/message_words.hpp), not by reading every message; `writing`: inside a
  // writing transaction, which may keep the stale words first.
  std::vector<Scrubbed> scrubbed_messages(const std::string& where, std::optional<std::int64_t> id,
                                          const std::string& name, const std::string& slug, bool writing);
  void store_scrubbed(const std::vector<Scrubbed>& messages);
  // compact(); when it throws, the file was not rewritten (SQLite: the text was overwritten in place all the same).
  void compact_after_forgetting(const std::vector<std::string>& tables, ForgetCounts& counts);

  template <typename Work>
  auto read(Work&& work)
  {
    return in_transaction(connection_, false, std::forward<Work>(work));
  }
  // A read whose rows go to a visitor as they come (`work` sets `handed_out` before each). PostgreSQL runs a
  // transaction again when its connection was lost; once a row was handed out that would hand it out twice (an
  // export would write it twice), so the read fails instead.
  template <typename Work>
  void stream(Work&& work)
  {
    bool handed_out = false;
    read([&] {
      if (handed_out) throw_stream_broken();
      work(handed_out);
    });
  }
  [[noreturn]] void throw_stream_broken() const;
  template <typename Work>
  auto write(Work&& work)
  {
    return in_transaction(connection_, true, std::forward<Work>(work));
  }
  // People matching `condition` (SQL over `id`, `value` bound to `?1` when given), at most 200, with their notes.
  std::vector<PersonView> people_where(const std::string& condition, const std::optional<std::string>& value = {});
  // People whose name, accents and case aside, is `query` (`whole`) or holds each of its words.
  std::vector<PersonView> people_by_folded_name(std::string_view query, bool whole);
  std::int64_t count(const std::string& sql, std::int64_t id);
  // A read of one boolean (`sql`, no parameters), in a transaction of its own.
  bool any(const char* sql);
  // invitations() in the transaction under way.
  std::vector<InvitationView> select_invitations(const InvitationQuery& query);
  // The accounts (owners) a member's imports brought, in order.
  std::vector<std::int64_t> owners_of_user(std::int64_t user);
  // Inside a write, first: throws Stale when an invitation of `expected` is stored with another version.
  void check_versions(const Versions& expected);
  // Inside a write: logs an action on `invitation` for undo_last (sql_actions.cpp).
  struct LoggedAction;
  void log_action(const LoggedAction& action);
  bool log_inserted(Statement& insert, std::int64_t id, ActionKind kind, datetime::UnixSeconds now);
  // Inside a write: records `decision` on invitation `id` (and `label`), logged; false when there is no such one.
  bool decide_one(std::int64_t id, protocol::Decision decision, datetime::UnixSeconds now,
                  const std::optional<classify::Label>& label);
  // Runs `insert` (?1 the row, ?2 the time, ?3 the message): false when it inserted nothing.
  bool insert_for(const char* insert, std::int64_t id, datetime::UnixSeconds now, const std::string& message);
};

} // namespace motivo::store::sql
