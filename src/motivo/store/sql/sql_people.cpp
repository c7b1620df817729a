// People: finding and searching them, notes kept on them, and forgetting them (SqlStore's part of store.hpp that
// is about persons).
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/name_in_text.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>
#include <motivo/store/sql/message_words.hpp>
#include <motivo/store/sql/sql_store.hpp>
#include <motivo/store/sql/timelines.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <functional>

namespace motivo::store::sql {

namespace {

// Names compared as a person would, accents and case aside (classify::fold): of `people` (id, name), the ids of
// those whose folded name holds every folded word of `query` (`whole`: is exactly it), at most 200, as a list for
// SQL's `IN (…)` ("3,17"); "" when none.
std::string ids_by_folded_name(const std::vector<std::pair<std::int64_t, std::string>>& people, std::string_view query,
                               bool whole)
{
  const std::string folded_query = classify::fold(query);
  const std::vector<std::string_view> wanted = classify::words(folded_query);
  std::string out;
  if (wanted.empty()) return out;
  std::size_t found = 0;
  std::string name;
  for (const auto& [id, full] : people) {
    name.clear();
    classify::fold_into(full, name);
    bool match = whole ? name == folded_query : true;
    if (!whole) {
      const std::vector<std::string_view> have = classify::words(name);
      for (const std::string_view w : wanted) {
        if (std::none_of(have.begin(), have.end(), [&](std::string_view h) { return h.starts_with(w); })) {
          match = false;
          break;
        }
      }
    }
    if (!match) continue;
    out += (found ? "," : "") + std::to_string(id);
    if (++found == 200) break;
  }
  return out;
}

// A comma-separated list (as the export writes recipients) without the items `drop` picks.
std::string list_without(const std::string& list, const std::function<bool(std::string_view)>& drop)
{
  std::string out;
  for_each_listed(list, [&](std::string_view listed) {
    const std::string_view item = text::trim(listed);
    if (!item.empty() && !drop(item)) out += (out.empty() ? "" : ",") + std::string(item);
  });
  return out;
}

// `text` with LIKE's wildcards escaped by a backslash (for `LIKE … ESCAPE '\'`).
std::string like_escaped(const std::string& text)
{
  std::string out;
  for (const char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Appends to `out` the people of `more` it does not hold yet (a search's later matches after its earlier ones).
void add_new_people(std::vector<PersonView>& out, std::vector<PersonView> more)
{
  for (auto& p : more) {
    if (std::none_of(out.begin(), out.end(), [&](const PersonView& q) { return q.id == p.id; }))
      out.push_back(std::move(p));
  }
}

} // namespace

std::vector<PersonView> SqlStore::people_where(const std::string& condition, const std::optional<std::string>& value)
{
  Statement s = connection_.prepare("SELECT id, name, coalesce(slug, '') FROM people WHERE " + condition +
                                    " ORDER BY id LIMIT 200");
  if (value) s.bind(1, *value);
  std::vector<PersonView> out;
  while (s.step()) out.push_back({s.column_int(0), s.column_text(1), s.column_text(2), {}});
  Statement notes = connection_.prepare("SELECT note FROM person_notes WHERE person = ?1 ORDER BY written_at, id");
  for (auto& p : out) {
    notes.reset();
    notes.bind(1, std::int64_t{p.id});
    while (notes.step()) p.notes.push_back(notes.column_text(0));
  }
  return out;
}

std::vector<PersonView> SqlStore::people_by_folded_name(std::string_view query, bool whole)
{
  std::vector<std::pair<std::int64_t, std::string>> names;
  Statement s = connection_.prepare("SELECT id, name FROM people ORDER BY id");
  while (s.step()) names.emplace_back(s.column_int(0), s.column_text(1));
  const std::string ids = ids_by_folded_name(names, query, whole);
  if (ids.empty()) return {};
  return people_where("id IN (" + ids + ")");
}

std::vector<PersonView> SqlStore::find_people(const std::string& who)
{
  return read([&] {
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(who.data(), who.data() + who.size(), id);
    if (!who.empty() && error == std::errc() && end == who.data() + who.size() && who[0] != '-') {
      if (auto by_id = people_where("id = " + std::to_string(id)); !by_id.empty()) return by_id;
    }
    const std::string slug = profile_slug(who);
    if (!slug.empty()) {
      if (auto by_slug = people_where("slug = ?1", slug); !by_slug.empty()) return by_slug;
    }
    // A bare slug, keyed as a URL's is ("Jos%C3%A9-P%C3%A9rez" and "josé-pérez" are one).
    if (auto by_slug = people_where("slug = ?1", slug_key(text::trim(who))); !by_slug.empty()) return by_slug;
    if (auto by_name = people_where("name_key = ?1", text::name_key(who)); !by_name.empty()) return by_name;
    // "jose nunez" for José Núñez: the whole name again, accents and case aside.
    return people_by_folded_name(who, true);
  });
}

std::vector<PersonView> SqlStore::search_people(const std::string& query)
{
  const auto notes = notes_matching(query);
  if (!notes) return {};
  const bool sqlite = connection_.dialect() == Dialect::sqlite;
  return read([&] {
    std::vector<PersonView> out = people_where(notes->first, notes->second);
    // By name: as written (case and spaces aside), else accents aside too ("beltran" for Beltrán).
    auto by_name = people_where(sqlite ? "instr(name_key, ?1) > 0" : "strpos(name_key, ?1) > 0", text::name_key(query));
    if (by_name.empty()) by_name = people_by_folded_name(query, false);
    add_new_people(out, std::move(by_name));
    // And the people whose one-to-one messages hold the words as written (SQLite's LIKE ignores case for ASCII
    // only, PostgreSQL's ILIKE for every letter).
    add_new_people(out,
                   people_where(fmt::format("id IN (SELECT DISTINCT counterpart FROM messages WHERE counterpart IS "
                                            "NOT NULL AND content {} '%' || ?1 || '%' ESCAPE '\\')",
                                            sqlite ? "LIKE" : "ILIKE"),
                                like_escaped(query)));
    return out;
  });
}

std::int64_t SqlStore::count(const std::string& sql, std::int64_t id)
{
  Statement s = connection_.prepare(sql);
  s.bind(1, id).step();
  return s.column_int(0);
}

namespace {

// The tables a forget deleted or changed rows in: the ones whose files may hold the person's text in old row
// versions (compact() rewrites them; a table none of whose rows changed holds no copy left by this forget).
std::vector<std::string> tables_touched(const ForgetCounts& c, bool relabelled)
{
  std::vector<std::string> out;
  // Their invitations' actions, replies and asks hang off them; a relabel rewrites other notes' reasons, which may
  // have named them.
  if (c.invitations > 0) out.insert(out.end(), {"user_actions", "recorded_replies", "asks"});
  if (c.invitations > 0 || relabelled) out.emplace_back("invitations");
  // A relabel trains the user's model again without their examples: its old rows hold weights learnt from them.
  if (relabelled) out.emplace_back("user_models");
  if (c.messages > 0 || c.group_messages > 0) out.insert(out.end(), {"messages", "message_words"});
  if (c.welcomes > 0) out.emplace_back("welcomes");
  if (c.connections > 0) out.emplace_back("connections");
  if (c.notes > 0) out.emplace_back("person_notes");
  out.emplace_back("people");
  return out;
}

} // namespace

ForgetCounts SqlStore::forget_person(PersonId person, bool dry_run, const std::function<void(NoteLabels&)>& relabel)
{
  const std::int64_t id = person;
  // Their invitations, the messages they sent or that were one-to-one with them; the messages that stay lose their
  // name (any spelling) among the recipients, in conversation titles and subjects, and their profile.
  constexpr const char* invitations_of = "(SELECT id FROM invitations WHERE from_person = ?1 OR to_person = ?1)";
  constexpr const char* messages_of = "(from_person = ?1 OR to_person = ?1 OR counterpart = ?1)";
  std::vector<std::string> touched;
  // A dry run only reads: it runs beside an import or a server without waiting for the write lock, and on a store
  // opened for reading.
  const auto work = [&] {
    ForgetCounts c;
    c.is_owner = count("SELECT count(*) FROM imports WHERE owner = ?1", id) > 0 ||
                 count("SELECT count(*) FROM invitations WHERE owner = ?1", id) > 0;
    c.invitations = count("SELECT count(*) FROM invitations WHERE from_person = ?1 OR to_person = ?1", id);
    c.asks = count(fmt::format("SELECT count(*) FROM asks WHERE invitation IN {}", invitations_of), id);
    c.messages = count(fmt::format("SELECT count(*) FROM messages WHERE {}", messages_of), id);
    c.connections = count("SELECT count(*) FROM connections WHERE person = ?1", id);
    c.welcomes =
        count("SELECT count(*) FROM welcomes WHERE connection IN (SELECT id FROM connections WHERE person = ?1)", id);
    c.notes = count("SELECT count(*) FROM person_notes WHERE person = ?1", id);
    Statement who = connection_.prepare("SELECT name, coalesce(slug, '') FROM people WHERE id = ?1");
    if (!who.bind(1, id).step()) return c;
    const std::string person_name = who.column_text(0), slug = who.column_text(1);
    // The messages that stay and name them: found by their kept words (sql/message_words.hpp). coalesce: a group
    // message's NULL recipient must not make the whole condition NULL.
    const std::vector<Scrubbed> kept = scrubbed_messages(
        "NOT coalesce(from_person = ?2 OR to_person = ?2 OR counterpart = ?2, false)", id, person_name, slug, !dry_run);
    c.group_messages = static_cast<std::int64_t>(kept.size());
    if (dry_run || c.is_owner) return c;
    before_erasing();
    // Their notes taught the others' labels only as campaign members (or a campaign's first note: the others'
    // reasons name its sender) or as examples (a correction, a decision: app::Learning); else no other label moves.
    const bool relabelling =
        count(fmt::format("SELECT count(*) FROM invitations WHERE id IN {} AND (campaign IS NOT NULL OR "
                          "user_label IS NOT NULL OR decision IS NOT NULL)",
                          invitations_of),
              id) > 0 ||
        count(fmt::format("SELECT count(*) FROM invitations WHERE campaign IN {}", invitations_of), id) > 0;
    // The owners who know their acceptances only by a connection with them (sql/timelines.hpp).
    std::vector<std::int64_t> owners;
    Statement connected = connection_.prepare("SELECT DISTINCT owner FROM connections WHERE person = ?1");
    for (connected.bind(1, id); connected.step();) owners.push_back(connected.column_int(0));
    const auto run = [&](const std::string& sql) { connection_.prepare(sql).bind(1, id).run(); };
    run(fmt::format("DELETE FROM user_actions WHERE invitation IN {}", invitations_of));
    run(fmt::format("DELETE FROM recorded_replies WHERE invitation IN {}", invitations_of));
    run(fmt::format("DELETE FROM asks WHERE invitation IN {}", invitations_of));
    run(fmt::format("DELETE FROM stale_timelines WHERE invitation IN {}", invitations_of));
    run(fmt::format("UPDATE invitations SET campaign = NULL WHERE campaign IN {}", invitations_of));
    run("DELETE FROM invitations WHERE from_person = ?1 OR to_person = ?1");
    run(fmt::format("DELETE FROM messages WHERE {}", messages_of));
    run("DELETE FROM welcomes WHERE connection IN (SELECT id FROM connections WHERE person = ?1)");
    run("DELETE FROM stale_welcomes WHERE connection IN (SELECT id FROM connections WHERE person = ?1)");
    run("DELETE FROM connections WHERE person = ?1");
    run("DELETE FROM person_notes WHERE person = ?1");
    store_scrubbed(kept);
    refresh_message_words(connection_); // the scrubbed messages' words, without theirs
    run("DELETE FROM people WHERE id = ?1");
    for (const std::int64_t owner : owners) mark_unknown_acceptances(connection_, owner);
    if (relabelling) relabel(*labels_in_transaction());
    touched = tables_touched(c, relabelling);
    return c;
  };
  ForgetCounts c = dry_run ? read(work) : write(work);
  if (!dry_run && !c.is_owner) compact_after_forgetting(touched, c);
  return c;
}

ForgetCounts SqlStore::forget_recipient(const std::string& name, bool dry_run)
{
  if (classify::fold(name).empty()) return {};
  const auto work = [&] {
    ForgetCounts c;
    const std::vector<Scrubbed> changed = scrubbed_messages("true", std::nullopt, name, "", !dry_run);
    c.group_messages = static_cast<std::int64_t>(changed.size());
    if (dry_run || changed.empty()) return c;
    before_erasing();
    store_scrubbed(changed);
    refresh_message_words(connection_);
    return c;
  };
  ForgetCounts c = dry_run ? read(work) : write(work);
  if (!dry_run && c.group_messages > 0) compact_after_forgetting({"messages", "message_words"}, c);
  return c;
}

std::vector<SqlStore::Scrubbed> SqlStore::scrubbed_messages(const std::string& where, std::optional<std::int64_t> id,
                                                            const std::string& name, const std::string& slug,
                                                            bool writing)
{
  std::vector<Scrubbed> out;
  Statement g = connection_.prepare(fmt::format("SELECT id, coalesce(to_names, ''), coalesce(to_urls, ''), "
                                                "coalesce(conversation_title, ''), coalesce(subject, '') "
                                                "FROM messages WHERE id = ?1 AND {}",
                                                where));
  bool dropped = false;
  const auto is_them = [&](std::string_view n) {
    const bool them = names::same_name(n, name);
    dropped = dropped || them;
    return them;
  };
  const auto their_url = [&](std::string_view u) {
    const bool theirs = !slug.empty() && profile_slug(u) == slug;
    dropped = dropped || theirs;
    return theirs;
  };
  for (const std::int64_t candidate : messages_naming(connection_, name, slug, writing)) {
    g.reset();
    g.bind(1, candidate);
    if (id) g.bind(2, *id);
    if (!g.step()) continue;
    Scrubbed m{g.column_int(0), g.column_text(1), g.column_text(2), g.column_text(3), g.column_text(4)};
    dropped = false;
    std::string recipients = list_without(m.to_names, is_them), urls = list_without(m.to_urls, their_url);
    std::string title = names::without_name(m.title, name), subject = names::without_name(m.subject, name);
    if (!dropped && title == m.title && subject == m.subject) continue;
    out.push_back({m.id, std::move(recipients), std::move(urls), std::move(title), std::move(subject)});
  }
  return out;
}

void SqlStore::store_scrubbed(const std::vector<Scrubbed>& messages)
{
  Statement scrub = connection_.prepare("UPDATE messages SET to_names = ?2, to_urls = nullif(?3, ''), "
                                        "conversation_title = nullif(?4, ''), subject = nullif(?5, '') WHERE id = ?1");
  for (const Scrubbed& m : messages) {
    scrub.reset();
    scrub.bind(1, m.id).bind(2, m.to_names).bind(3, m.to_urls).bind(4, m.title).bind(5, m.subject).run();
  }
}

void SqlStore::compact_after_forgetting(const std::vector<std::string>& tables, ForgetCounts& counts)
{
  try {
    compact(tables, counts);
  } catch (const std::exception& e) {
    // The deletion is committed (and overwritten in place: secure delete); only the rewrite of the file failed.
    counts.compaction = Compaction::file_not_shrunk;
    counts.compaction_error = text::trim(e.what());
  }
}

} // namespace motivo::store::sql
