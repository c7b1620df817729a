// People and the notes kept on them. In a shared store they are everyone's (their notes, and search through every
// message): searching is for admins only there; a member keeps notes on the people of their own invitations (the
// page's "why we connected", sent to the invitation's `person`).
#include <motivo/app/invitations.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/text.hpp>
#include <motivo/server/errors.hpp>
#include <motivo/server/routes.hpp>

namespace motivo::server {

namespace {

void require_admin(const Request& request)
{
  if (!request.principal.admin) throw HttpError(403, "in a shared store, people and their notes are for admins");
}

} // namespace

void search_people(Services& services, const Request& request, Response& response)
{
  require_admin(request);
  response.json(app::people_json(services.pool.lease()->search_people(request.param("search")), -1));
}

void add_person_note(Services& services, const Request& request, Response& response)
{
  const PersonId person = path_id(request, "person");
  const std::string note = body_field(request, "note");
  if (text::trim(note).empty()) throw InputError("note", 0, "the note is empty");
  app::add_person_note(*services.pool.lease(), request.principal.scope(), person, note, services.now());
  response.json(app::note_json(person, note, -1));
}

} // namespace motivo::server
