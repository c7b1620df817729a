#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>
#include <motivo/store/shared.hpp>
#include <motivo/store/sqlite/labels.hpp>
#include <motivo/store/sqlite/sqlite_store.hpp>

#include <fmt/format.h>

#include <algorithm>

// People: finding and searching them, notes kept on them, and forgetting them (SqliteStore's part of store.hpp
// that is about persons; docs/ARCHITECTURE.md).
namespace motivo::store::sqlite {

std::vector<PersonView> SqliteStore::people_where(const std::string& condition, const std::string& value)
{
  Statement s(db_, "SELECT id, name, coalesce(slug, '') FROM people WHERE " + condition + " ORDER BY id LIMIT 200");
  s.bind(1, value);
  std::vector<PersonView> out;
  while (s.step()) out.push_back({s.column_int(0), s.column_text(1), s.column_text(2), {}});
  Statement notes(db_, "SELECT note FROM person_notes WHERE person = ?1 ORDER BY written_at, id");
  for (auto& p : out) {
    notes.reset();
    notes.bind(1, static_cast<std::int64_t>(p.id));
    while (notes.step()) p.notes.push_back(notes.column_text(0));
  }
  return out;
}

std::vector<PersonView> SqliteStore::find_people(const std::string& who)
{
  if (!who.empty() && who.find_first_not_of("0123456789") == std::string::npos) {
    auto byId = people_where("id = CAST(?1 AS INTEGER)", who);
    if (!byId.empty()) return byId;
  }
  if (auto bySlug = people_where("slug = ?1", profile_slug(who)); !bySlug.empty() && !profile_slug(who).empty())
    return bySlug;
  if (auto bySlug = people_where("slug = lower(?1)", who); !bySlug.empty()) return bySlug;
  if (auto byName = people_where("name_key = ?1", text::name_key(who)); !byName.empty()) return byName;
  // "jose nunez" for José Núñez: the whole name again, accents and case aside.
  return people_where("id IN (SELECT value FROM json_each(?1))", ids_by_folded_name(all_names(), who, true));
}

std::vector<std::pair<std::int64_t, std::string>> SqliteStore::all_names()
{
  std::vector<std::pair<std::int64_t, std::string>> out;
  Statement s(db_, "SELECT id, name FROM people ORDER BY id");
  while (s.step()) out.emplace_back(s.column_int(0), s.column_text(1));
  return out;
}

void SqliteStore::add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now)
{
  Transaction tx(db_);
  Statement s(db_, "INSERT INTO person_notes (person, note, written_at) VALUES (?1, ?2, ?3)");
  s.bind(1, static_cast<std::int64_t>(person)).bind(2, note).bind(3, static_cast<std::int64_t>(now));
  s.step();
  tx.commit();
}

std::vector<PersonView> SqliteStore::search_people(const std::string& query)
{
  // Each word as a quoted FTS5 string (so user text is never FTS syntax), all of them required.
  std::string fts;
  std::string word;
  const auto flush = [&] {
    if (word.empty()) return;
    std::string quoted = "\"";
    for (const char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    fts += (fts.empty() ? "" : " ") + quoted + "\"";
    word.clear();
  };
  for (const char c : query) {
    if (c == ' ' || c == '\t' || c == '\n')
      flush();
    else
      word += c;
  }
  flush();
  if (fts.empty()) return {};
  std::vector<PersonView> out = people_where("id IN (SELECT person FROM person_notes WHERE id IN "
                                             "(SELECT rowid FROM person_notes_fts WHERE person_notes_fts MATCH ?1))",
                                             fts);
  const auto add = [&](std::vector<PersonView> more) { add_new_people(out, std::move(more)); };
  // By name: as written (case and spaces aside), else accents aside too ("beltran" for Beltrán).
  auto by_name = people_where("instr(name_key, ?1) > 0", text::name_key(query));
  if (by_name.empty())
    by_name = people_where("id IN (SELECT value FROM json_each(?1))", ids_by_folded_name(all_names(), query, false));
  add(std::move(by_name));
  // And the people whose one-to-one messages hold the words as written (LIKE: case is ignored for ASCII only).
  add(people_where("id IN (SELECT DISTINCT counterpart FROM messages WHERE counterpart IS NOT NULL AND "
                   "content LIKE '%' || ?1 || '%' ESCAPE '\\')",
                   like_escaped(query)));
  return out;
}

namespace {

// NoteLabels over the caller's transaction.
class InTransactionLabels : public NoteLabels {
public:
  explicit InTransactionLabels(Database& db) : db_(db) {}
  Notes notes() override { return read_notes(db_); }
  std::unique_ptr<LabelSink> label_sink() override { return std::make_unique<SqliteLabelSink>(db_, false); }

private:
  Database& db_;
};

std::int64_t count_of(Database& db, const char* sql, std::int64_t person)
{
  Statement s(db, sql);
  s.bind(1, person);
  s.step();
  return s.column_int(0);
}

} // namespace

ForgetCounts SqliteStore::forget_person(PersonId person, bool dry_run, const std::function<void(NoteLabels&)>& relabel)
{
  ForgetCounts c;
  const auto id = static_cast<std::int64_t>(person);
  // Their invitations, the messages they sent or that were one-to-one with them, and group messages that name
  // them among the recipients (those stay, without them).
  constexpr const char* invitations_of = "(SELECT id FROM invitations WHERE from_person = ?1 OR to_person = ?1)";
  constexpr const char* messages_of = "(from_person = ?1 OR to_person = ?1 OR counterpart = ?1)";
  Transaction tx(db_);
  c.is_owner = count_of(db_, "SELECT count(*) FROM imports WHERE owner = ?1", id) > 0 ||
               count_of(db_, "SELECT count(*) FROM invitations WHERE owner = ?1", id) > 0;
  c.invitations = count_of(db_, "SELECT count(*) FROM invitations WHERE from_person = ?1 OR to_person = ?1", id);
  c.asks = count_of(db_, fmt::format("SELECT count(*) FROM asks WHERE invitation IN {}", invitations_of).c_str(), id);
  c.messages = count_of(db_, fmt::format("SELECT count(*) FROM messages WHERE {}", messages_of).c_str(), id);
  c.connections = count_of(db_, "SELECT count(*) FROM connections WHERE person = ?1", id);
  c.welcomes = count_of(
      db_, "SELECT count(*) FROM welcomes WHERE connection IN (SELECT id FROM connections WHERE person = ?1)", id);
  c.notes = count_of(db_, "SELECT count(*) FROM person_notes WHERE person = ?1", id);
  // Group messages: the person's name among to_names (comma-separated, as the export writes them).
  std::string person_name, slug;
  {
    Statement name(db_, "SELECT name, coalesce(slug, '') FROM people WHERE id = ?1");
    name.bind(1, id);
    if (!name.step()) return c;
    person_name = name.column_text(0);
    slug = name.column_text(1);
  }
  std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> groups;
  {
    // (coalesce: a group message's NULL recipient must not make the whole condition NULL.)
    Statement g(db_,
                fmt::format("SELECT id, to_names, coalesce(to_urls, '') FROM messages WHERE NOT coalesce({}, 0) AND "
                            "instr(to_names, ?2) > 0",
                            messages_of));
    g.bind(1, id).bind(2, std::string_view(person_name));
    while (g.step()) groups.push_back({g.column_int(0), {g.column_text(1), g.column_text(2)}});
  }
  c.group_messages = static_cast<std::int64_t>(groups.size());
  if (dry_run || c.is_owner) return c;

  db_.exec("PRAGMA secure_delete = ON"); // deleted content is overwritten, not left in free pages
  const auto run = [&](const std::string& sql) {
    Statement s(db_, sql);
    s.bind(1, id);
    s.step();
  };
  run(fmt::format("DELETE FROM asks WHERE invitation IN {}", invitations_of));
  run("UPDATE invitations SET campaign = NULL WHERE campaign IN (SELECT id FROM invitations WHERE from_person = ?1 OR "
      "to_person = ?1)");
  run("DELETE FROM invitations WHERE from_person = ?1 OR to_person = ?1");
  run(fmt::format("DELETE FROM messages WHERE {}", messages_of));
  run("DELETE FROM welcomes WHERE connection IN (SELECT id FROM connections WHERE person = ?1)");
  run("DELETE FROM connections WHERE person = ?1");
  run("DELETE FROM person_notes WHERE person = ?1");
  // Names and profiles in group recipients: the lists without them.
  Statement scrub(db_, "UPDATE messages SET to_names = ?2, to_urls = nullif(?3, '') WHERE id = ?1");
  for (const auto& [message, lists] : groups) {
    const std::string names = list_without(lists.first, [&](std::string_view n) { return n == person_name; });
    const std::string urls =
        list_without(lists.second, [&](std::string_view u) { return !slug.empty() && profile_slug(u) == slug; });
    scrub.bind(1, message).bind(2, std::string_view(names)).bind(3, std::string_view(urls));
    scrub.step();
    scrub.reset();
  }
  run("DELETE FROM people WHERE id = ?1");
  InTransactionLabels labels(db_);
  relabel(labels);
  tx.commit();
  // The text must leave the file: rebuild the full-text index, fold the WAL in and rewrite the file.
  db_.exec("INSERT INTO person_notes_fts(person_notes_fts) VALUES ('rebuild')");
  db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db_.exec("VACUUM");
  db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return c;
}

ForgetCounts SqliteStore::forget_recipient(const std::string& name, bool dry_run)
{
  ForgetCounts c;
  const std::string key = text::name_key(name);
  if (key.empty()) return c;
  Transaction tx(db_);
  std::vector<std::pair<std::int64_t, std::string>> changed;
  {
    Statement g(db_, "SELECT id, to_names FROM messages WHERE to_person IS NULL AND to_names <> ''");
    while (g.step()) {
      const std::string names = g.column_text(1);
      bool named = false;
      std::string without = list_without(names, [&](std::string_view n) {
        const bool them = text::name_key(n) == key;
        named = named || them;
        return them;
      });
      if (named) changed.emplace_back(g.column_int(0), std::move(without));
    }
  }
  c.group_messages = static_cast<std::int64_t>(changed.size());
  if (dry_run || changed.empty()) return c;
  db_.exec("PRAGMA secure_delete = ON");
  Statement scrub(db_, "UPDATE messages SET to_names = ?2 WHERE id = ?1");
  for (const auto& [message, names] : changed) {
    scrub.bind(1, message).bind(2, std::string_view(names));
    scrub.step();
    scrub.reset();
  }
  tx.commit();
  db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db_.exec("VACUUM");
  db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return c;
}

} // namespace motivo::store::sqlite
