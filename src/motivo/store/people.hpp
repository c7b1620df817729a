#pragma once

// What the store gives of people, connections, messages, accounts and users, besides invitations: the people
// commands' rows, a backup's rows, forgetting, arrivals and the status counts.

#include <motivo/core/datetime.hpp>
#include <motivo/core/model.hpp>
#include <motivo/core/protocol/welcome.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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
  // The welcome as the store keeps it (issue 23, Timelines::refresh_welcomes): absent while stale.
  std::optional<protocol::WelcomeTimeline> welcome;
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

// The earliest invitation `sender` sent `owner` (a received one, of the owner's), as counting replies needs it.
struct FirstInvitation {
  PersonId owner = 0, sender = 0;
  datetime::UnixSeconds sent_at = 0;
};

} // namespace motivo::store
