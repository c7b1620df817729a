#pragma once

#include <motivo/app/invitations.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The ids the command line shows and takes. Invitations, people and connections are numbered apart, so a bare
// 21 could be any of three records: the terminal shows them prefixed (i21 an invitation, p21 a person, c21 a
// connection), every command takes the prefixed form, and one that needs a person or a connection resolves the
// other kinds to it (`note i21`: the other person of invitation 21). JSON and the web API keep numbers.
namespace motivo::app {

enum class IdKind { invitation, person, connection };

// An id as the user typed it: its kind, and the number.
struct Ref {
  IdKind kind = IdKind::invitation;
  std::int64_t id = 0;
};

// "i21", "p21", "c21" (either case), or a bare "21" meaning a `bare` one; nullopt when `text` is none of these.
std::optional<Ref> parse_ref(std::string_view text, IdKind bare);

// The id as the terminal shows it: "i21", "p21", "c21".
std::string show_id(IdKind kind, std::int64_t id);
inline std::string invitation_id(std::int64_t id)
{
  return show_id(IdKind::invitation, id);
}
inline std::string person_id(std::int64_t id)
{
  return show_id(IdKind::person, id);
}
inline std::string connection_id(std::int64_t id)
{
  return show_id(IdKind::connection, id);
}

// The invitation `text` names within `scope`: i21 (or a bare 21); p21 or c21, the one invitation that person sent
// you. Refusal: not an id (invalid), no such invitation in scope or none from that person (not_found), several
// from that person (invalid, listing them).
store::InvitationView invitation_named(store::Store& store, Scope scope, std::string_view text);

// The person a ref names: the person p21; the other person of invitation i21 (within `scope`); the person of
// connection c21. Refusal (not_found) when there is no such record, or the invitation has no other person.
store::PersonView person_of(store::Store& store, Scope scope, const Ref& ref);

// The connection a ref names: c21; the connection with person p21; with the other person of invitation i21.
// Refusal (not_found) when there is none.
store::ConnectionView connection_of(store::Store& store, Scope scope, const Ref& ref);

} // namespace motivo::app
