#include <motivo/app/refusal.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/i18n.hpp>
#include <motivo/server/errors.hpp>
#include <motivo/store/store.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace motivo::server {

namespace {
// How long a client waits before trying a 503 again: an import holds the database for seconds to minutes.
constexpr int retry_seconds = 10;
constexpr const char* internal_error = "internal error (the server's log says what failed)";
} // namespace

Refused refused_for(const std::exception_ptr& failure, std::string_view language)
{
  try {
    std::rethrow_exception(failure);
  } catch (const HttpError& e) {
    return {e.status(), e.what()};
  } catch (const app::Refusal& e) {
    switch (e.kind()) {
    case app::Refusal::Kind::not_found: return {404, e.in(language)};
    case app::Refusal::Kind::conflict: return {409, e.in(language)};
    case app::Refusal::Kind::invalid: return {400, e.in(language)};
    }
    return {400, e.in(language)};
  } catch (const InputError& e) {
    return {400, e.in(language)};
  } catch (const store::Busy&) {
    // Busy names the database's file: a path is nobody's business beyond this machine.
    const Message busy(N_("the database is busy: another import (or another long write) holds it; try again when it "
                          "ends"));
    return {503, busy.in(language), retry_seconds};
  } catch (const nlohmann::json::exception&) {
    return {400, "a field of the JSON body has the wrong type"};
  } catch (const std::exception& e) {
    if (store::is_transient_error(e)) return {503, e.what(), retry_seconds};
    // Whatever failed inside (a database's message, a path) goes to the server's log, not to the client.
    std::fprintf(stderr, "motivo: error: %s\n", e.what());
    return {500, internal_error};
  } catch (...) {
    return {500, internal_error};
  }
}

} // namespace motivo::server
