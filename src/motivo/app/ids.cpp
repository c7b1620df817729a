#include <motivo/app/ids.hpp>
#include <motivo/app/refusal.hpp>
#include <motivo/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace motivo::app {

namespace {

using Kind = Refusal::Kind;

char prefix(IdKind kind)
{
  switch (kind) {
  case IdKind::invitation: return 'i';
  case IdKind::person: return 'p';
  case IdKind::connection: return 'c';
  }
  return '?';
}

std::optional<IdKind> kind_of(char c)
{
  switch (std::tolower(static_cast<unsigned char>(c))) {
  case 'i': return IdKind::invitation;
  case 'p': return IdKind::person;
  case 'c': return IdKind::connection;
  default: return std::nullopt;
  }
}

} // namespace

std::optional<Ref> parse_ref(std::string_view text, IdKind bare)
{
  Ref ref{bare, 0};
  if (!text.empty() && !std::isdigit(static_cast<unsigned char>(text.front()))) {
    const auto kind = kind_of(text.front());
    if (!kind) return std::nullopt;
    ref.kind = *kind;
    text.remove_prefix(1);
  }
  if (text.empty() || !std::isdigit(static_cast<unsigned char>(text.front()))) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ref.id);
  if (error != std::errc() || end != text.data() + text.size() || ref.id <= 0) return std::nullopt;
  return ref;
}

std::string show_id(IdKind kind, std::int64_t id)
{
  return prefix(kind) + std::to_string(id);
}

namespace {

// The one invitation a person sent you (p21, c21): Refusal when they sent none or several.
store::InvitationView invitation_from(store::Store& store, Scope scope, const Ref& ref)
{
  const store::PersonView person = person_of(store, scope, ref);
  store::InvitationQuery query;
  query.user = scope;
  query.direction = Direction::incoming;
  std::vector<store::InvitationView> theirs;
  for (auto& v : store.invitations(query))
    if (v.other_person == person.id) theirs.push_back(std::move(v));
  if (theirs.size() == 1) return std::move(theirs.front());
  const std::string who = fmt::format("{} ({})", person.name, show_id(ref.kind, ref.id));
  if (theirs.empty()) throw Refusal(Kind::not_found, Message(N_("{} sent you no invitation"), who));
  std::string list;
  for (const auto& v : theirs) list += " " + invitation_id(v.id);
  throw Refusal(Kind::invalid, Message(N_("{} sent you several invitations: give one of{}"), who, list));
}

} // namespace

store::InvitationView invitation_named(store::Store& store, Scope scope, std::string_view text)
{
  const auto ref = parse_ref(text, IdKind::invitation);
  if (!ref)
    throw Refusal(Kind::invalid,
                  Message(N_("not an invitation id like i21 (motivo invitations lists them): {}"), quote_value(text)));
  if (ref->kind != IdKind::invitation) return invitation_from(store, scope, *ref);
  store::InvitationQuery query;
  query.id = ref->id;
  query.user = scope;
  auto list = store.invitations(query);
  if (list.empty()) throw Refusal(Kind::not_found, Message(N_("no invitation {}"), invitation_id(ref->id)));
  return std::move(list.front());
}

store::PersonView person_of(store::Store& store, Scope scope, const Ref& ref)
{
  std::int64_t person = ref.id;
  if (ref.kind == IdKind::invitation) {
    const store::InvitationView v = invitation_named(store, scope, invitation_id(ref.id));
    if (!v.other_person)
      throw Refusal(Kind::not_found, Message(N_("invitation {} has no other person stored"), invitation_id(ref.id)));
    person = *v.other_person;
  } else if (ref.kind == IdKind::connection) {
    person = connection_of(store, scope, ref).person;
  }
  for (auto& p : store.find_people(std::to_string(person)))
    if (p.id == person) return std::move(p);
  throw Refusal(Kind::not_found, Message(N_("no person {}"), person_id(person)));
}

store::ConnectionView connection_of(store::Store& store, Scope scope, const Ref& ref)
{
  if (ref.kind == IdKind::connection) {
    for (auto& c : store.connections(-1))
      if (c.id == ref.id) return std::move(c);
    throw Refusal(Kind::not_found, Message(N_("no connection {}"), connection_id(ref.id)));
  }
  const store::PersonView person = person_of(store, scope, ref);
  for (auto& c : store.connections(-1))
    if (c.person == person.id) return std::move(c);
  throw Refusal(Kind::not_found,
                Message(N_("{} ({}) is not among your connections"), person.name, show_id(ref.kind, ref.id)));
}

} // namespace motivo::app
