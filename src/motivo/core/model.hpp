#pragma once

#include <motivo/core/datetime.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace motivo {

using PersonId = std::int64_t;

enum class Direction { incoming, outgoing };
std::string_view to_string(Direction d);
std::optional<Direction> parse_direction(std::string_view text);

// What became of an invitation, as the exports show it: accepted (the other side is a connection), or withdrawn
// (gone from a later export unanswered: withdrawn or ignored). None while it is pending.
enum class Outcome { accepted, withdrawn };
std::string_view to_string(Outcome o);
std::optional<Outcome> parse_outcome(std::string_view text);

// A 128-bit identity key: what makes a stored invitation, message or connection the same one again.
using IdentityKey = std::array<unsigned char, 16>;

// An invitation as stored: who invited whom, when (UTC), with which note.
struct InvitationRecord {
  IdentityKey key{};
  PersonId owner = 0;
  Direction direction = Direction::incoming;
  std::optional<PersonId> from_person;
  std::optional<PersonId> to_person;
  std::string_view from_name;
  std::string_view to_name;
  std::string_view from_url;
  std::string_view to_url;
  datetime::UnixSeconds sent_at = 0;
  std::string_view message;
};

// A message of the owner's mailbox. `direction` is outgoing when the owner sent it.
struct MessageRecord {
  IdentityKey key{};
  PersonId owner = 0;
  Direction direction = Direction::incoming;
  std::string_view conversation_id;
  std::string_view conversation_title;
  std::optional<PersonId> from_person;
  std::optional<PersonId> to_person; // set for one-to-one messages only
  std::string_view from_name;
  std::string_view from_url;
  std::string_view to_names;
  std::string_view to_urls;
  datetime::UnixSeconds sent_at = 0;
  std::string_view subject;
  std::string_view content;
  std::string_view folder;
  bool draft = false;
};

// One of the owner's connections. Hidden profiles have no person and no name.
struct ConnectionRecord {
  IdentityKey key{};
  PersonId owner = 0;
  std::optional<PersonId> person;
  std::string_view first_name;
  std::string_view last_name;
  std::string_view url;
  std::string_view email;
  std::string_view company;
  std::string_view position;
  std::string connected_on;                          // YYYY-MM-DD as printed in the export
  std::optional<datetime::UnixSeconds> connected_at; // when the export also gives the time
};

} // namespace motivo
