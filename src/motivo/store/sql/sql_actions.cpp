// What the user records on an invitation — decisions, asks, replies seen on LinkedIn, notes on its other person —
// and the log that takes them
// back one at a time (`motivo decide --undo`), written once for both engines.
#include <motivo/core/error.hpp>
#include <motivo/store/sql/label_state.hpp>
#include <motivo/store/sql/note_facts.hpp>
#include <motivo/store/sql/sql_store.hpp>
#include <motivo/store/sql/timelines.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace motivo::store::sql {

// One row of user_actions: what the action was and what it replaced or added.
struct SqlStore::LoggedAction {
  std::int64_t invitation = 0;
  ActionKind kind = ActionKind::decision;
  datetime::UnixSeconds done_at = 0;
  std::optional<std::string> decision, previous_decision, label, previous_label;
  std::optional<std::int64_t> previous_decision_at, previous_label_at, row_id;
};

namespace {

std::optional<std::string> opt_text(const Statement& s, int column)
{
  return s.is_null(column) ? std::nullopt : std::optional<std::string>(s.column_text(column));
}

} // namespace

void SqlStore::log_action(const LoggedAction& a)
{
  connection_
      .prepare(R"sql(
INSERT INTO user_actions (invitation, kind, done_at, decision, previous_decision, previous_decision_at, label,
                          previous_label, previous_label_at, row_id)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10))sql")
      .bind(1, a.invitation)
      .bind(2, to_string(a.kind))
      .bind(3, std::int64_t{a.done_at})
      .bind(4, a.decision)
      .bind(5, a.previous_decision)
      .bind(6, a.previous_decision_at)
      .bind(7, a.label)
      .bind(8, a.previous_label)
      .bind(9, a.previous_label_at)
      .bind(10, a.row_id)
      .run();
  // A decision, an ask or a reply changes the timeline; a note does not.
  if (a.kind != ActionKind::note) mark_timeline_stale(connection_, a.invitation);
}

bool SqlStore::decide_one(std::int64_t id, protocol::Decision decision, datetime::UnixSeconds now,
                          const std::optional<classify::Label>& label)
{
  LoggedAction a;
  a.invitation = id;
  a.done_at = now;
  a.decision = std::string(protocol::decision_name(decision));
  {
    Statement before =
        connection_.prepare("SELECT decision, decision_at, user_label, user_label_at FROM invitations WHERE id = ?1");
    if (!before.bind(1, id).step()) return false;
    a.previous_decision = opt_text(before, 0);
    a.previous_decision_at = before.column_opt_int(1);
    a.previous_label = opt_text(before, 2);
    a.previous_label_at = before.column_opt_int(3);
  }
  connection_.prepare("UPDATE invitations SET decision = ?2, decision_at = ?3 WHERE id = ?1")
      .bind(1, id)
      .bind(2, protocol::decision_name(decision))
      .bind(3, std::int64_t{now})
      .run();
  mark_labels_stale(connection_); // a decision teaches the labels (app::Learning)
  if (label) {
    a.label = std::string(classify::label_name(*label));
    connection_.prepare("UPDATE invitations SET user_label = ?2, user_label_at = ?3 WHERE id = ?1")
        .bind(1, id)
        .bind(2, classify::label_name(*label))
        .bind(3, std::int64_t{now})
        .run();
  }
  log_action(a);
  return true;
}

std::vector<std::int64_t> SqlStore::record_decisions(const std::vector<std::int64_t>& ids, protocol::Decision decision,
                                                     datetime::UnixSeconds now,
                                                     const std::optional<classify::Label>& label,
                                                     const Versions& expected)
{
  return write([&] {
    check_versions(expected);
    std::vector<std::int64_t> found;
    for (const std::int64_t id : ids) {
      if (decide_one(id, decision, now, label)) found.push_back(id);
    }
    return found;
  });
}

// Runs an INSERT … RETURNING id of the user's ask or reply on invitation `id` and logs it for undo: false when no
// row was inserted (no such invitation).
bool SqlStore::log_inserted(Statement& insert, std::int64_t id, ActionKind kind, datetime::UnixSeconds now)
{
  if (!insert.step()) return false;
  LoggedAction a;
  a.invitation = id;
  a.kind = kind;
  a.done_at = now;
  a.row_id = insert.column_int(0);
  while (insert.step()) {
  }
  log_action(a);
  return true;
}

bool SqlStore::record_ask(std::int64_t id, datetime::UnixSeconds now, const std::string& message,
                          const Versions& expected)
{
  return write([&] {
    check_versions(expected);
    Statement s = connection_.prepare(
        "INSERT INTO asks (invitation, asked_at, message) SELECT id, ?2, ?3 FROM invitations WHERE id = ?1 "
        "RETURNING id");
    s.bind(1, id).bind(2, std::int64_t{now}).bind(3, message);
    return log_inserted(s, id, ActionKind::ask, now);
  });
}

bool SqlStore::record_reply(std::int64_t id, datetime::UnixSeconds at, const std::string& text,
                            datetime::UnixSeconds now, const Versions& expected)
{
  return write([&] {
    check_versions(expected);
    Statement s = connection_.prepare("INSERT INTO recorded_replies (invitation, replied_at, text, recorded_at) "
                                      "SELECT id, ?2, ?3, ?4 FROM invitations WHERE id = ?1 RETURNING id");
    s.bind(1, id).bind(2, std::int64_t{at}).bind(3, text).bind(4, std::int64_t{now});
    return log_inserted(s, id, ActionKind::reply, now);
  });
}

bool SqlStore::record_note(std::int64_t id, PersonId person, const std::string& note, datetime::UnixSeconds now,
                           const Versions& expected)
{
  return write([&] {
    check_versions(expected);
    if (!connection_.prepare("SELECT 1 FROM invitations WHERE id = ?1").bind(1, id).step()) return false;
    LoggedAction a;
    a.invitation = id;
    a.kind = ActionKind::note;
    a.done_at = now;
    a.row_id = insert_person_note(person, note, now);
    log_action(a);
    return true;
  });
}

void SqlStore::add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now)
{
  write([&] { insert_person_note(person, note, now); });
}

namespace {

ActionKind kind_of(std::string_view word)
{
  if (word == "ask") return ActionKind::ask;
  if (word == "reply") return ActionKind::reply;
  if (word == "note") return ActionKind::note;
  return ActionKind::decision;
}

// How undo_last reads the row an ask, a reply or a note added (its time and text) and removes it.
struct AddedRow {
  const char* select;
  const char* remove;
};
AddedRow added_row(ActionKind kind)
{
  switch (kind) {
  case ActionKind::ask: return {"SELECT asked_at, message FROM asks WHERE id = ?1", "DELETE FROM asks WHERE id = ?1"};
  case ActionKind::reply:
    return {"SELECT replied_at, text FROM recorded_replies WHERE id = ?1",
            "DELETE FROM recorded_replies WHERE id = ?1"};
  default: return {"SELECT written_at, note FROM person_notes WHERE id = ?1", "DELETE FROM person_notes WHERE id = ?1"};
  }
}

} // namespace

std::optional<UndoneAction> SqlStore::undo_last(std::int64_t id, const Versions& expected)
{
  return write([&]() -> std::optional<UndoneAction> {
    check_versions(expected);
    mark_timeline_stale(connection_, id); // (when nothing is logged, this only costs one recomputation)
    LoggedAction a;
    std::int64_t action = 0;
    {
      Statement s = connection_.prepare(R"sql(
SELECT id, kind, done_at, decision, previous_decision, previous_decision_at, label, previous_label, previous_label_at,
       row_id
FROM user_actions WHERE invitation = ?1 ORDER BY id DESC LIMIT 1)sql");
      if (!s.bind(1, id).step()) return std::nullopt;
      action = s.column_int(0);
      a.kind = kind_of(s.column_view(1));
      a.done_at = s.column_int(2);
      a.decision = opt_text(s, 3);
      a.previous_decision = opt_text(s, 4);
      a.previous_decision_at = s.column_opt_int(5);
      a.label = opt_text(s, 6);
      a.previous_label = opt_text(s, 7);
      a.previous_label_at = s.column_opt_int(8);
      a.row_id = s.column_opt_int(9);
    }
    UndoneAction out;
    out.kind = a.kind;
    out.at = a.done_at;
    if (a.kind == ActionKind::decision) {
      out.decision = stored_word(a.decision.value_or(""), id, "decision", protocol::parse_decision);
      out.restored = stored_word(a.previous_decision.value_or(""), id, "decision", protocol::parse_decision);
      connection_.prepare("UPDATE invitations SET decision = ?2, decision_at = ?3 WHERE id = ?1")
          .bind(1, id)
          .bind(2, a.previous_decision)
          .bind(3, a.previous_decision_at)
          .run();
      mark_labels_stale(connection_);
      // The label the decision set gives way to the one before, unless the user changed it since.
      if (a.label)
        connection_
            .prepare("UPDATE invitations SET user_label = ?2, user_label_at = ?3 WHERE id = ?1 AND user_label = ?4")
            .bind(1, id)
            .bind(2, a.previous_label)
            .bind(3, a.previous_label_at)
            .bind(4, a.label)
            .run();
    } else {
      const AddedRow row = added_row(a.kind);
      {
        Statement s = connection_.prepare(row.select);
        if (a.row_id && s.bind(1, *a.row_id).step()) {
          out.at = s.column_int(0);
          out.text = s.column_text(1);
        }
      }
      connection_.prepare(row.remove).bind(1, a.row_id).run();
    }
    connection_.prepare("DELETE FROM user_actions WHERE id = ?1").bind(1, action).run();
    return out;
  });
}

std::vector<RecordedNote> SqlStore::recorded_notes(std::int64_t id)
{
  return read([&] {
    Statement s = connection_.prepare(R"sql(
SELECT kind, at, text FROM (
  SELECT 'ask' AS kind, asked_at AS at, message AS text, id FROM asks WHERE invitation = ?1
  UNION ALL
  SELECT 'reply', replied_at, text, id FROM recorded_replies WHERE invitation = ?1) AS recorded
ORDER BY at, kind, id)sql");
    s.bind(1, id);
    std::vector<RecordedNote> out;
    while (s.step()) out.push_back({kind_of(s.column_view(0)), s.column_int(1), s.column_text(2)});
    return out;
  });
}

} // namespace motivo::store::sql
