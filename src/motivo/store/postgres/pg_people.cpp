// PgStore's calls about people: finding them, notes on them, search, and forgetting one.
#include <motivo/core/classify/fold.hpp>
#include <motivo/core/profile_url.hpp>
#include <motivo/core/text.hpp>
#include <motivo/store/postgres/pg_transaction.hpp>
#include <motivo/store/shared.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace motivo::store::postgres {

std::vector<PersonView> PgStore::people_where(pqxx::work& tx, const std::string& condition, const std::string& value)
{
  const pqxx::result r = tx.exec_params(
      "SELECT id, name, coalesce(slug, '') FROM people WHERE " + condition + " ORDER BY id LIMIT 200", value);
  std::vector<PersonView> out;
  for (const auto& row : r) out.push_back({row[0].as<std::int64_t>(), row[1].c_str(), row[2].c_str(), {}});
  for (auto& p : out) {
    const pqxx::result notes = tx.exec_params("SELECT note FROM person_notes WHERE person = $1 ORDER BY written_at, id",
                                              static_cast<std::int64_t>(p.id));
    for (const auto& n : notes) p.notes.push_back(n[0].c_str());
  }
  return out;
}

std::vector<PersonView> PgStore::find_people(const std::string& who)
{
  return in_transaction([&](pqxx::work& tx) {
    if (!who.empty() && who.size() < 19 && who.find_first_not_of("0123456789") == std::string::npos) {
      auto by_id = people_where(tx, "id = $1::bigint", who);
      if (!by_id.empty()) return by_id;
    }
    const std::string slug = profile_slug(who);
    if (!slug.empty()) {
      if (auto by_slug = people_where(tx, "slug = $1", slug); !by_slug.empty()) return by_slug;
    }
    if (auto by_slug = people_where(tx, "slug = lower($1)", who); !by_slug.empty()) return by_slug;
    if (auto by_name = people_where(tx, "name_key = $1", text::name_key(who)); !by_name.empty()) return by_name;
    // "jose nunez" for José Núñez: the whole name again, accents and case aside.
    return people_where(tx, "id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)",
                        ids_by_folded_name(all_names(tx), who, true));
  });
}

std::vector<std::pair<std::int64_t, std::string>> PgStore::all_names(pqxx::work& tx)
{
  std::vector<std::pair<std::int64_t, std::string>> out;
  for (const auto& row : tx.exec("SELECT id, name FROM people ORDER BY id"))
    out.emplace_back(row[0].as<std::int64_t>(), row[1].c_str());
  return out;
}

void PgStore::add_person_note(PersonId person, const std::string& note, datetime::UnixSeconds now)
{
  writing([&](pqxx::work& tx) {
    tx.exec_params("INSERT INTO person_notes (person, note, note_key, written_at) VALUES ($1, $2, $3, $4)",
                   static_cast<std::int64_t>(person), note, classify::fold(note), static_cast<std::int64_t>(now));
  });
}

std::vector<PersonView> PgStore::search_people(const std::string& query)
{
  const std::string folded = classify::fold(query);
  if (folded.empty()) return {};
  return in_transaction([&](pqxx::work& tx) {
    // Every word of the query among the note's words, case and accents ignored (as SQLite's FTS5 does).
    std::vector<PersonView> out = people_where(tx,
                                               "id IN (SELECT person FROM person_notes WHERE to_tsvector('simple', "
                                               "note_key) @@ plainto_tsquery('simple', $1))",
                                               folded);
    const auto add = [&](std::vector<PersonView> more) { add_new_people(out, std::move(more)); };
    // By name: as written (case and spaces aside), else accents aside too ("beltran" for Beltrán).
    auto by_name = people_where(tx, "strpos(name_key, $1) > 0", text::name_key(query));
    if (by_name.empty())
      by_name = people_where(tx, "id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)",
                             ids_by_folded_name(all_names(tx), query, false));
    add(std::move(by_name));
    add(people_where(tx,
                     "id IN (SELECT DISTINCT counterpart FROM messages WHERE counterpart IS NOT NULL AND "
                     "content ILIKE '%' || $1 || '%')",
                     like_escaped(query)));
    return out;
  });
}

namespace {

// NoteLabels over the caller's transaction.
class InTransactionLabels : public NoteLabels {
public:
  explicit InTransactionLabels(pqxx::work& tx) : tx_(tx) {}
  Notes notes() override { return read_notes(tx_); }
  std::unique_ptr<LabelSink> label_sink() override { return label_sink_in(tx_); }

private:
  pqxx::work& tx_;
};

} // namespace

ForgetCounts PgStore::forget_person(PersonId person, bool dry_run, const std::function<void(NoteLabels&)>& relabel)
{
  const auto id = static_cast<std::int64_t>(person);
  constexpr const char* invitations_of = "(SELECT id FROM invitations WHERE from_person = $1 OR to_person = $1)";
  constexpr const char* messages_of = "(from_person = $1 OR to_person = $1 OR counterpart = $1)";
  const ForgetCounts c = writing([&](pqxx::work& tx) {
    ForgetCounts c;
    const auto count = [&](const std::string& sql) { return tx.exec_params1(sql, id)[0].as<std::int64_t>(); };
    c.is_owner = count("SELECT count(*) FROM imports WHERE owner = $1") > 0 ||
                 count("SELECT count(*) FROM invitations WHERE owner = $1") > 0;
    c.invitations = count("SELECT count(*) FROM invitations WHERE from_person = $1 OR to_person = $1");
    c.asks = count(fmt::format("SELECT count(*) FROM asks WHERE invitation IN {}", invitations_of));
    c.messages = count(fmt::format("SELECT count(*) FROM messages WHERE {}", messages_of));
    c.connections = count("SELECT count(*) FROM connections WHERE person = $1");
    c.welcomes =
        count("SELECT count(*) FROM welcomes WHERE connection IN (SELECT id FROM connections WHERE person = $1)");
    c.notes = count("SELECT count(*) FROM person_notes WHERE person = $1");
    const pqxx::result who = tx.exec_params("SELECT name, coalesce(slug, '') FROM people WHERE id = $1", id);
    if (who.empty()) return c;
    const std::string person_name = who[0][0].c_str(), slug = who[0][1].c_str();
    std::vector<std::pair<std::int64_t, std::pair<std::string, std::string>>> groups;
    for (const auto& row : tx.exec_params(
             fmt::format("SELECT id, to_names, coalesce(to_urls, '') FROM messages WHERE NOT coalesce({}, false) AND "
                         "strpos(to_names, $2) > 0",
                         messages_of),
             id, person_name)) {
      groups.push_back({row[0].as<std::int64_t>(), {row[1].c_str(), row[2].c_str()}});
    }
    c.group_messages = static_cast<std::int64_t>(groups.size());
    if (dry_run || c.is_owner) return c;
    const auto run = [&](const std::string& sql) { tx.exec_params(sql, id); };
    run(fmt::format("DELETE FROM asks WHERE invitation IN {}", invitations_of));
    run("UPDATE invitations SET campaign = NULL WHERE campaign IN (SELECT id FROM invitations WHERE from_person = $1 "
        "OR "
        "to_person = $1)");
    run("DELETE FROM invitations WHERE from_person = $1 OR to_person = $1");
    run(fmt::format("DELETE FROM messages WHERE {}", messages_of));
    run("DELETE FROM welcomes WHERE connection IN (SELECT id FROM connections WHERE person = $1)");
    run("DELETE FROM connections WHERE person = $1");
    run("DELETE FROM person_notes WHERE person = $1");
    for (const auto& [message, lists] : groups) {
      const std::string names = list_without(lists.first, [&](std::string_view n) { return n == person_name; });
      const std::string urls =
          list_without(lists.second, [&](std::string_view u) { return !slug.empty() && profile_slug(u) == slug; });
      tx.exec_params("UPDATE messages SET to_names = $2, to_urls = nullif($3, '') WHERE id = $1", message, names, urls);
    }
    run("DELETE FROM people WHERE id = $1");
    InTransactionLabels labels(tx);
    relabel(labels);
    return c;
  });
  if (!dry_run && !c.is_owner) {
    // Dead row versions keep the text in the table files until they are rewritten.
    pqxx::nontransaction tx(connection());
    for (const char* table : {"asks", "invitations", "messages", "welcomes", "connections", "person_notes", "people"})
      tx.exec0(fmt::format("VACUUM FULL {}", table));
  }
  return c;
}

ForgetCounts PgStore::forget_recipient(const std::string& name, bool dry_run)
{
  const std::string key = text::name_key(name);
  if (key.empty()) return {};
  const ForgetCounts c = writing([&](pqxx::work& tx) {
    ForgetCounts c;
    std::vector<std::pair<std::int64_t, std::string>> changed;
    for (const auto& row : tx.exec("SELECT id, to_names FROM messages WHERE to_person IS NULL AND to_names <> ''")) {
      const std::string names = row[1].c_str();
      bool named = false;
      std::string without = list_without(names, [&](std::string_view n) {
        const bool them = text::name_key(n) == key;
        named = named || them;
        return them;
      });
      if (named) changed.emplace_back(row[0].as<std::int64_t>(), std::move(without));
    }
    c.group_messages = static_cast<std::int64_t>(changed.size());
    if (dry_run) return c;
    for (const auto& [message, names] : changed)
      tx.exec_params("UPDATE messages SET to_names = $2 WHERE id = $1", message, names);
    return c;
  });
  if (!dry_run && c.group_messages > 0) {
    pqxx::nontransaction tx(connection());
    tx.exec0("VACUUM FULL messages");
  }
  return c;
}

} // namespace motivo::store::postgres
