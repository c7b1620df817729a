// An export uploaded from the page (server.cpp saves the file as it arrives), imported as the signed-in user's.
#include <motivo/app/import.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/core/error.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/server/routes.hpp>

namespace motivo::server {

void import_export(Services& services, const Request& request, Response& response)
{
  const std::string& path = request.upload_path;
  const std::string source = request.upload_name.empty() ? "upload.zip" : request.upload_name;
  app::ImportOptions options;
  options.now = services.now();
  options.user = request.principal.user;  // the snapshot's invitations are theirs
  options.owner = request.given("owner"); // ?owner=NAME, as import --owner
  const app::ImportReport report = [&] {
    try {
      return app::import_snapshot(*services.pool.lease(), io::collect_inputs({path}), source, options);
    } catch (const InputError& e) {
      // Errors name the upload as the user named it, not the server's temporary file.
      const auto named = [&](std::string message) {
        for (auto at = message.find(path); at != std::string::npos; at = message.find(path, at + source.size()))
          message.replace(at, path.size(), source);
        return message;
      };
      // The message id kept (?lang=es translates it) when the temporary file is named in the file part only.
      InputError renamed(named(e.file()), e.line(), e.message());
      if (renamed.what() == named(e.what())) throw renamed;
      throw InputError(named(e.what()));
    }
  }();
  response.json(app::import_json(&report, nullptr, -1));
}

} // namespace motivo::server
