#pragma once

// What the server answers when it does not do what was asked, decided in one place: each failure's HTTP status
// and message, sent as {"error", "status"} (app::error_json).

#include <exception>
#include <stdexcept>
#include <string>

namespace motivo::server {

// A request refused: the HTTP status and the error's message.
struct Refused {
  int status = 0;
  std::string message;
  int retry_after = 0; // seconds, sent as Retry-After when not 0 (a 503)
};

// A handler's refusal that says its status itself: an id too large to be any row's (404), people for admins only
// (403), a form without its file (400), an upload too large (413).
class HttpError : public std::runtime_error {
public:
  HttpError(int status, const std::string& message) : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

private:
  int status_;
};

// The answer to a failure: HttpError its own status; app::Refusal by its kind (invalid 400, not_found 404,
// conflict 409); any other InputError 400; a field of a JSON body of the wrong type 400; the database unreachable
// after the store's own retries, or its write lock held by an import past the busy timeout (store::Busy), 503 with
// Retry-After (the server goes on); anything else 500, "internal error", its message on the server's stderr. The
// message is never a stack trace, a path or a database's own words on a 500. A message with an id is in `language` (a
// request's ?lang=; English by default).
Refused refused_for(const std::exception_ptr& failure, std::string_view language = "en");

} // namespace motivo::server
