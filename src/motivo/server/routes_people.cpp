// People and the notes kept on them. In a shared store they are everyone's (their notes, and search through every
// message): admins only there.
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
  require_admin(request);
  auto store = services.pool.lease();
  if (store->find_people(std::to_string(person)).empty()) throw HttpError(404, "no such person");
  store->add_person_note(person, note, services.now());
  response.json(app::note_json(person, note, -1));
}

} // namespace motivo::server
