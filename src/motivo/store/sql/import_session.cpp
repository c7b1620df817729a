#include <motivo/core/datetime.hpp>
#include <motivo/core/linkedin/export_files.hpp>
#include <motivo/core/mail/notification.hpp>
#include <motivo/store/sql/import_session.hpp>
#include <motivo/store/sql/label_state.hpp>
#include <motivo/store/sql/message_words.hpp>
#include <motivo/store/sql/note_facts.hpp>
#include <motivo/store/sql/timelines.hpp>
#include <motivo/store/sql/welcome_timelines.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace motivo::store::sql {

void SqlImportSession::start(Connection& connection, const ImportInfo& info)
{
  c_ = &connection;
  Statement insert = c_->prepare("INSERT INTO imports(started_at, source, user_id) VALUES (?1, ?2, ?3) RETURNING id");
  insert.bind(1, std::int64_t{info.started_at}).bind(2, info.source).bind(3, info.user).step();
  import_id_ = insert.column_int(0);
  insert.reset();
  Statement last_message = c_->prepare("SELECT coalesce(max(id), 0) FROM messages");
  last_message.step();
  messages_before_ = last_message.column_int(0);
  Statement mail_only = c_->prepare("SELECT EXISTS (SELECT 1 FROM invitations WHERE origin = 'mail')");
  mail_only.step();
  mail_only_rows_ = mail_only.column_bool(0);
}

void SqlImportSession::for_each_known_person(const std::function<void(const KnownPerson&)>& visit)
{
  write_pending();
  // In chunks by id, not one query: PostgreSQL's client holds a query's whole answer in memory.
  constexpr std::int64_t chunk = 65536;
  Statement s = c_->prepare("SELECT id, name_key, coalesce(slug, '') FROM people WHERE id > ?1 ORDER BY id LIMIT ?2");
  for (std::int64_t after = 0, rows = chunk; rows == chunk;) {
    s.bind(1, after).bind(2, chunk);
    for (rows = 0; s.step(); ++rows) {
      after = s.column_int(0);
      visit({after, s.column_view(1), s.column_view(2)});
    }
    s.reset();
  }
}

std::size_t SqlImportSession::count_known_people()
{
  write_pending();
  Statement s = c_->prepare("SELECT count(*) FROM people");
  s.step();
  return static_cast<std::size_t>(s.column_int(0));
}

PersonId SqlImportSession::find_person(PersonLookup lookup, std::string_view text)
{
  write_pending();
  // The same answers as PeopleResolver's maps, from the people_by_slug and people_by_name_key indexes.
  static constexpr const char* questions[] = {
      "SELECT coalesce(min(id), 0) FROM people WHERE slug = ?1",
      "SELECT coalesce(min(id), 0) FROM people WHERE name_key = ?1 AND coalesce(slug, '') = ''",
      "SELECT coalesce(min(id), 0) FROM people WHERE name_key = ?1",
  };
  Statement s = c_->prepare(questions[static_cast<int>(lookup)]);
  s.bind(1, text).step();
  return s.column_int(0);
}

Notes SqlImportSession::notes()
{
  write_pending();
  return read_notes(*c_);
}

bool SqlImportSession::labels_current(std::string_view classifier)
{
  write_pending();
  return !notes_written_ && added_[static_cast<int>(Table::invitations)] == 0 && sql::labels_current(*c_, classifier);
}

LabelCounts SqlImportSession::label_counts()
{
  write_pending();
  return count_labels(*c_);
}

bool SqlImportSession::adopt_mail_row(const InvitationRecord& r)
{
  if (!near_) {
    near_.emplace(c_->prepare(R"sql(
SELECT id FROM invitations
WHERE owner = ?1 AND direction = ?2 AND origin = 'mail' AND from_person IS NOT DISTINCT FROM ?3
  AND sent_at BETWEEN CAST(?4 AS BIGINT) - CAST(?5 AS BIGINT) AND CAST(?4 AS BIGINT) + CAST(?5 AS BIGINT)
ORDER BY abs(sent_at - CAST(?4 AS BIGINT)), id LIMIT 1)sql"));
    adopt_.emplace(c_->prepare(R"sql(
UPDATE invitations
SET key = ?2, origin = 'export', from_person = ?3, to_person = ?4, from_name = ?5, to_name = ?6,
    from_url = coalesce(?7, from_url), to_url = ?8, sent_at = ?9, message = CASE WHEN ?10 <> '' THEN ?10 ELSE message END,
    last_import = ?11
WHERE id = ?1)sql"));
  }
  Statement& near = *near_;
  near.reset();
  near.bind(1, std::int64_t{r.owner}).bind(2, to_string(r.direction)).bind(3, r.from_person);
  near.bind(4, std::int64_t{r.sent_at}).bind(5, std::int64_t{mail_match_window});
  if (!near.step()) return false;
  const std::int64_t id = near.column_int(0);
  Statement& adopt = *adopt_;
  adopt.reset();
  adopt.bind(1, id).bind_blob(2, r.key.data(), r.key.size()).bind(3, r.from_person).bind(4, r.to_person);
  adopt.bind(5, r.from_name).bind(6, r.to_name).bind_or_null(7, r.from_url).bind_or_null(8, r.to_url);
  adopt.bind(9, std::int64_t{r.sent_at}).bind(10, r.message).bind(11, import_id_);
  adopt.run();
  notes_written_ = true;
  return true;
}

void SqlImportSession::fill_from_mail(std::int64_t id, const MailInvitationRecord& r)
{
  c_->prepare(R"sql(
UPDATE invitations SET message = CASE WHEN message = '' THEN ?2 ELSE message END,
                       linkedin_id = coalesce(linkedin_id, ?3), mail_id = coalesce(mail_id, ?4), last_import = ?5
WHERE id = ?1)sql")
      .bind(1, id)
      .bind(2, r.message)
      .bind_or_null(3, r.linkedin_id)
      .bind_or_null(4, r.mail_id)
      .bind(5, import_id_)
      .run();
  notes_written_ = true;
}

std::optional<MailOutcome> SqlImportSession::match_mail(const MailInvitationRecord& r)
{
  const auto found = [&](Statement& s, MailOutcome outcome) -> std::optional<MailOutcome> {
    if (!s.step()) return std::nullopt;
    fill_from_mail(s.column_int(0), r);
    return outcome;
  };
  // 1. The same invitation by LinkedIn's id (a copy of the mail, or its reminder).
  if (!r.linkedin_id.empty()) {
    Statement by_id =
        c_->prepare("SELECT id FROM invitations WHERE owner = ?1 AND linkedin_id = ?2 ORDER BY id LIMIT 1");
    by_id.bind(1, std::int64_t{r.owner}).bind(2, r.linkedin_id);
    if (auto outcome = found(by_id, MailOutcome::known)) return outcome;
  }
  // 2. The same mail, without an id.
  Statement by_key = c_->prepare("SELECT id FROM invitations WHERE key = ?1");
  by_key.bind_blob(1, r.key.data(), r.key.size());
  if (auto outcome = found(by_key, MailOutcome::known)) return outcome;
  // 3. An export's invitation from the same person about the same time (the export's Pacific minute against the
  //    mail's Date), not already tied to another id.
  if (!r.from_person) return std::nullopt;
  Statement near = c_->prepare(R"sql(
SELECT id FROM invitations
WHERE owner = ?1 AND direction = 'incoming' AND from_person = ?2
  AND sent_at BETWEEN CAST(?3 AS BIGINT) - CAST(?4 AS BIGINT) AND CAST(?3 AS BIGINT) + CAST(?4 AS BIGINT)
  AND (linkedin_id IS NULL OR linkedin_id = ?5)
ORDER BY abs(sent_at - CAST(?3 AS BIGINT)), id LIMIT 1)sql");
  near.bind(1, std::int64_t{r.owner}).bind(2, *r.from_person).bind(3, std::int64_t{r.sent_at});
  near.bind(4, std::int64_t{mail_match_window}).bind(5, r.linkedin_id);
  return found(near, MailOutcome::matched);
}

MailOutcome SqlImportSession::add_mail_invitation(const MailInvitationRecord& r)
{
  write_pending();
  if (const auto outcome = match_mail(r)) return *outcome;
  Statement insert = c_->prepare(R"sql(
INSERT INTO invitations(key, owner, direction, from_person, to_person, from_name, to_name, from_url, to_url,
                        sent_at, message, first_import, last_import, origin, linkedin_id, mail_id)
VALUES (?1, ?2, 'incoming', ?3, ?4, ?5, ?6, ?7, NULL, ?8, ?9, ?10, ?10, 'mail', ?11, ?12)
ON CONFLICT DO NOTHING RETURNING id)sql");
  insert.bind_blob(1, r.key.data(), r.key.size()).bind(2, std::int64_t{r.owner}).bind(3, r.from_person);
  insert.bind(4, r.to_person).bind(5, r.from_name).bind(6, r.to_name).bind_or_null(7, r.from_url);
  insert.bind(8, std::int64_t{r.sent_at}).bind(9, r.message).bind(10, import_id_).bind_or_null(11, r.linkedin_id);
  insert.bind_or_null(12, r.mail_id);
  if (!insert.step()) return MailOutcome::known; // PostgreSQL: another import stored it meanwhile
  insert.reset();
  notes_written_ = true;
  mail_row_added(r.key);
  return MailOutcome::added;
}

std::optional<std::int64_t> SqlImportSession::same_message(const MailMessageRecord& r)
{
  Statement by_key = c_->prepare("SELECT id FROM messages WHERE key = ?1");
  by_key.bind_blob(1, r.key.data(), r.key.size());
  if (by_key.step()) return by_key.column_int(0);
  Statement near = c_->prepare(R"sql(
SELECT id, content FROM messages
WHERE owner = ?1 AND counterpart = ?2 AND direction = 'incoming' AND from_person = ?2 AND NOT draft
  AND (conversation_id = ?3 OR coalesce(conversation_id, '') = '' OR ?3 = '')
  AND sent_at BETWEEN CAST(?4 AS BIGINT) - CAST(?5 AS BIGINT) AND CAST(?4 AS BIGINT) + CAST(?6 AS BIGINT)
ORDER BY abs(sent_at - CAST(?4 AS BIGINT)), id)sql");
  near.bind(1, std::int64_t{r.owner}).bind(2, std::int64_t{r.from_person}).bind(3, r.conversation_id);
  near.bind(4, std::int64_t{r.sent_at}).bind(5, std::int64_t{mail_message_before});
  near.bind(6, std::int64_t{mail_message_after});
  while (near.step())
    if (mail::same_message_text(r.content, near.column_text(1))) return near.column_int(0);
  return std::nullopt;
}

MailOutcome SqlImportSession::add_mail_message(const MailMessageRecord& r)
{
  write_pending();
  if (const auto id = same_message(r)) {
    Statement again = c_->prepare("SELECT EXISTS (SELECT 1 FROM messages WHERE id = ?1 AND key = ?2)");
    again.bind(1, *id).bind_blob(2, r.key.data(), r.key.size()).step();
    return again.column_bool(0) ? MailOutcome::known : MailOutcome::matched;
  }
  Statement insert = c_->prepare(R"sql(
INSERT INTO messages(key, owner, direction, conversation_id, conversation_title, from_person, to_person, from_name,
                     from_url, to_names, to_urls, sent_at, subject, content, folder, first_import, counterpart,
                     origin, mail_id)
VALUES (?1, ?2, 'incoming', ?3, '', ?4, ?2, ?5, ?6, ?7, '', ?8, '', ?9, 'INBOX', ?10, ?4, 'mail', ?11)
ON CONFLICT DO NOTHING RETURNING id)sql");
  insert.bind_blob(1, r.key.data(), r.key.size()).bind(2, std::int64_t{r.owner}).bind(3, r.conversation_id);
  insert.bind(4, std::int64_t{r.from_person}).bind(5, r.from_name).bind(6, r.from_url).bind(7, r.to_name);
  insert.bind(8, std::int64_t{r.sent_at}).bind(9, r.content).bind(10, import_id_).bind_or_null(11, r.mail_id);
  if (!insert.step()) return MailOutcome::known; // PostgreSQL: another import stored it meanwhile
  insert.reset();
  return MailOutcome::added;
}

AcceptanceOutcome SqlImportSession::add_mail_acceptance(const MailAcceptanceRecord& r)
{
  write_pending();
  Statement connected = c_->prepare("SELECT EXISTS (SELECT 1 FROM connections WHERE owner = ?1 AND person = ?2)");
  connected.bind(1, std::int64_t{r.owner}).bind(2, std::int64_t{r.person}).step();
  const bool was_connected = connected.column_bool(0);
  if (!was_connected) {
    c_->prepare(R"sql(
INSERT INTO connections(key, owner, person, first_name, last_name, url, email, company, position, connected_on,
                        connected_at, first_import, last_import, origin)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', '', '', ?7, ?8, ?9, ?9, 'mail') ON CONFLICT DO NOTHING)sql")
        .bind_blob(1, r.key.data(), r.key.size())
        .bind(2, std::int64_t{r.owner})
        .bind(3, std::int64_t{r.person})
        .bind(4, r.first_name)
        .bind(5, r.last_name)
        .bind(6, r.url)
        .bind(7, datetime::format_date(r.at))
        .bind(8, std::int64_t{r.at})
        .bind(9, import_id_)
        .run();
  }
  // Sent by then (the export's Pacific minute against the mail's Date: the same margin as an invitation's mail).
  Statement accept = c_->prepare(R"sql(
UPDATE invitations
SET outcome = 'accepted', outcome_at = CASE WHEN sent_at > CAST(?3 AS BIGINT) THEN sent_at ELSE CAST(?3 AS BIGINT) END
WHERE owner = ?1 AND direction = 'outgoing' AND to_person = ?2
  AND sent_at <= CAST(?3 AS BIGINT) + CAST(?4 AS BIGINT)
  AND (outcome IS NULL OR (CAST(?5 AS BIGINT) = 1 AND outcome = 'withdrawn')))sql");
  accept.bind(1, std::int64_t{r.owner}).bind(2, std::int64_t{r.person}).bind(3, std::int64_t{r.at});
  accept.bind(4, std::int64_t{mail_match_window}).bind(5, std::int64_t{r.authenticated ? 1 : 0});
  if (accept.run() > 0) return AcceptanceOutcome::accepted;
  Statement invited = c_->prepare(
      "SELECT EXISTS (SELECT 1 FROM invitations WHERE owner = ?1 AND direction = 'outgoing' AND to_person = ?2)");
  invited.bind(1, std::int64_t{r.owner}).bind(2, std::int64_t{r.person}).step();
  return invited.column_bool(0) || was_connected ? AcceptanceOutcome::known : AcceptanceOutcome::connection_only;
}

void SqlImportSession::fold_mail_rows(PersonId owner)
{
  // Messages: each mail's row that an export's row of the same sender, conversation and time stands for (the
  // export's rows found by messages_by_counterpart: an incoming message's counterpart is its sender).
  std::vector<std::int64_t> gone;
  {
    Statement pairs = c_->prepare(R"sql(
SELECT m.id, m.content, e.content FROM messages m JOIN messages e
  ON e.owner = m.owner AND e.counterpart = m.from_person AND e.from_person = m.from_person
 AND e.origin = 'export' AND e.direction = 'incoming'
 AND NOT e.draft AND (e.conversation_id = m.conversation_id OR coalesce(e.conversation_id, '') = ''
                      OR coalesce(m.conversation_id, '') = '')
 AND e.sent_at BETWEEN m.sent_at - CAST(?2 AS BIGINT) AND m.sent_at + CAST(?3 AS BIGINT)
WHERE m.owner = ?1 AND m.origin = 'mail' ORDER BY m.id)sql");
    pairs.bind(1, std::int64_t{owner}).bind(2, std::int64_t{mail_message_before});
    pairs.bind(3, std::int64_t{mail_message_after});
    while (pairs.step()) {
      const std::int64_t id = pairs.column_int(0);
      if ((gone.empty() || gone.back() != id) && mail::same_message_text(pairs.column_text(1), pairs.column_text(2)))
        gone.push_back(id);
    }
  }
  Statement remove = c_->prepare("DELETE FROM messages WHERE id = ?1");
  for (const std::int64_t id : gone) {
    remove.reset();
    remove.bind(1, id).run();
  }
  // Connections: the export's row of the same person replaces the mail's; welcomes follow.
  const auto listed = [](std::string_view what, std::string_view row) {
    return fmt::format("SELECT {} FROM connections e WHERE e.owner = {}.owner AND e.person = {}.person "
                       "AND e.origin = 'export'",
                       what, row, row);
  };
  c_->prepare(fmt::format(R"sql(
UPDATE welcomes SET connection = (SELECT ({}) FROM connections m WHERE m.id = welcomes.connection)
WHERE connection IN (SELECT m.id FROM connections m WHERE m.owner = ?1 AND m.origin = 'mail' AND EXISTS ({})))sql",
                          listed("min(e.id)", "m"), listed("1", "m")))
      .bind(1, std::int64_t{owner})
      .run();
  c_->prepare(fmt::format("DELETE FROM connections WHERE owner = ?1 AND origin = 'mail' AND EXISTS ({})",
                          listed("1", "connections")))
      .bind(1, std::int64_t{owner})
      .run();
}

std::optional<PersonId> SqlImportSession::latest_owner()
{
  write_pending();
  Statement s = c_->prepare("SELECT owner FROM imports WHERE owner IS NOT NULL AND user_id IS NOT DISTINCT FROM ?1 "
                            "ORDER BY id DESC LIMIT 1");
  if (!s.bind(1, user_).step()) return std::nullopt;
  return s.column_int(0);
}

std::optional<std::string> SqlImportSession::owner_claimed_by_other(PersonId owner)
{
  write_pending();
  Statement s = c_->prepare(R"sql(
SELECT u.name FROM imports i JOIN users u ON u.id = i.user_id
WHERE i.owner = ?1 AND i.user_id IS DISTINCT FROM ?2 ORDER BY i.id LIMIT 1)sql");
  if (!s.bind(1, std::int64_t{owner}).bind(2, user_).step()) return std::nullopt;
  return s.column_text(0);
}

void SqlImportSession::set_mail_cursor(const std::string& account, const MailCursor& cursor)
{
  write_pending();
  c_->prepare(R"sql(
INSERT INTO mail_cursors(account, uidvalidity, last_uid, fetched_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (account) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid,
                                    fetched_at = excluded.fetched_at)sql")
      .bind(1, account)
      .bind(2, cursor.uidvalidity)
      .bind(3, cursor.last_uid)
      .bind(4, std::int64_t{cursor.fetched_at})
      .run();
}

void save_sync_cursor(Connection& c, const std::string& account, const SyncCursor& cursor)
{
  c.prepare(R"sql(
INSERT INTO sync_cursors(account, owner, snapshot_at, changes_since, synced_at) VALUES (?1, ?2, ?3, ?4, ?5)
ON CONFLICT (account) DO UPDATE SET owner = excluded.owner, snapshot_at = excluded.snapshot_at,
                                    changes_since = excluded.changes_since, synced_at = excluded.synced_at)sql")
      .bind(1, account)
      .bind(2, std::int64_t{cursor.owner})
      .bind(3, std::int64_t{cursor.snapshot_at})
      .bind(4, cursor.changes_since)
      .bind(5, std::int64_t{cursor.synced_at})
      .run();
}

void SqlImportSession::set_sync_cursor(const std::string& account, const SyncCursor& cursor)
{
  write_pending();
  save_sync_cursor(*c_, account, cursor);
}

void SqlImportSession::accept(PersonId owner)
{
  // An invitation is accepted once its other side is the owner's connection, connected no earlier than the day
  // before it was sent (an older connection was another, earlier relationship). It was accepted at the connection
  // time, else at midnight UTC of the Connected On date, but never before it was sent. A connection only mail told
  // of settles pending invitations, never one an export made withdrawn (add_mail_acceptance decides those).
  const bool sqlite = c_->dialect() == Dialect::sqlite;
  const char* day_before = sqlite ? "date(i.sent_at, 'unixepoch', '-1 day')"
                                  : "to_char((to_timestamp(i.sent_at) AT TIME ZONE 'UTC')::date - 1, 'YYYY-MM-DD')";
  const char* day_start = sqlite ? "CAST(strftime('%s', min(c.connected_on)) AS INTEGER)"
                                 : "extract(epoch FROM min(c.connected_on)::date)::bigint";
  const std::string connection = fmt::format(R"sql(
FROM connections c
WHERE c.owner = i.owner AND c.person = CASE i.direction WHEN 'incoming' THEN i.from_person ELSE i.to_person END
  AND c.connected_on >= {} AND (c.origin = 'export' OR i.outcome IS NULL))sql",
                                             day_before);
  c_->prepare(fmt::format(R"sql(
UPDATE invitations AS i
SET outcome = 'accepted', outcome_at = (SELECT {}(i.sent_at, coalesce(min(c.connected_at), {})) {})
WHERE i.owner = ?1 AND (i.outcome IS NULL OR i.outcome = 'withdrawn') AND EXISTS (SELECT 1 {}))sql",
                          sqlite ? "max" : "GREATEST", day_start, connection, connection))
      .bind(1, std::int64_t{owner})
      .run();
}

std::int64_t SqlImportSession::refresh_timelines(const TimelineRule& rule)
{
  return refresh_stale_timelines(*c_, rule);
}

std::int64_t SqlImportSession::refresh_welcomes(const WelcomeRule& rule)
{
  return refresh_stale_welcomes(*c_, rule);
}

void SqlImportSession::finish(std::optional<Span> listed, std::optional<datetime::UnixSeconds> as_of,
                              const std::string& summary_json)
{
  write_pending();
  before_finish();
  const PersonId owner = owner_;
  const datetime::UnixSeconds started_at = started_at_;
  fold_mail_rows(owner);
  accept(owner);
  std::optional<std::int64_t> invitations_from;
  if (listed) {
    invitations_from = listed->from;
    // A snapshot older than one imported before (two downloads imported out of order) changes no state. A snapshot
    // dated after this import's time (a far-future date that an older motivo took, `1/2/99` as 2099) says nothing
    // of the order: were it counted, no later export would ever settle an outcome again.
    Statement newest = c_->prepare("SELECT max(as_of) FROM imports WHERE owner = ?1 AND id <> ?2 AND as_of <= ?3");
    newest.bind(1, std::int64_t{owner}).bind(2, import_id_);
    newest.bind(3, std::int64_t{started_at + linkedin::export_date_tolerance}).step();
    const bool older = !newest.is_null(0) && as_of && *as_of < newest.column_int(0);
    if (!older) {
      // Taken for withdrawn once, listed again now: still pending.
      c_->prepare("UPDATE invitations SET outcome = NULL, outcome_at = NULL "
                  "WHERE owner = ?1 AND outcome = 'withdrawn' AND last_import = ?2")
          .bind(1, std::int64_t{owner})
          .bind(2, import_id_)
          .run();
      // Listed before, sent inside this snapshot's window and before it was made, gone now, and not a connection:
      // withdrawn or ignored. Invitations known only from mail count to the end of the window: a later one may
      // simply be newer than the export.
      Statement gone = c_->prepare(R"sql(
UPDATE invitations SET outcome = 'withdrawn', outcome_at = ?3
WHERE owner = ?1 AND outcome IS NULL AND last_import < ?2 AND sent_at >= ?4
  AND sent_at <= CASE origin WHEN 'export' THEN CAST(?6 AS BIGINT) ELSE CAST(?5 AS BIGINT) END)sql");
      gone.bind(1, std::int64_t{owner}).bind(2, import_id_).bind(3, std::int64_t{started_at});
      gone.bind(4, std::int64_t{listed->from}).bind(5, std::int64_t{listed->until});
      gone.bind(6, std::int64_t{std::max(listed->until, as_of.value_or(listed->until))});
      gone.run();
    }
  }
  // The invitations of the owner whose timelines this import's messages, outcomes or rows may have changed.
  if (owner != 0) {
    mark_changed_timelines(*c_, owner, import_id_, messages_before_);
    mark_changed_welcomes(*c_, owner, import_id_, messages_before_);
  }
  refresh_message_words(*c_); // the words of the messages this import wrote, for forget
  Statement close =
      c_->prepare("UPDATE imports SET owner = coalesce(?2, owner), finished_at = ?3, invitations_from = ?4, "
                  "summary = ?5, as_of = ?6 WHERE id = ?1");
  close.bind(1, import_id_).bind(2, owner == 0 ? std::nullopt : std::optional<std::int64_t>(owner));
  close.bind(3, std::int64_t{started_at}).bind(4, invitations_from).bind(5, summary_json).bind(6, as_of);
  close.run();
}

} // namespace motivo::store::sql
