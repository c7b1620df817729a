#pragma once

#include <motivo/core/error.hpp>

#include <string>

namespace motivo::app {

// A use case refusing what a front end passed on, and of which kind, for each front end to say in its own way:
// the command line exits 1 naming the argument (cli/commands.cpp), the server answers the kind's HTTP status
// (server/errors.cpp). `what()` is the message alone.
class Refusal : public InputError {
public:
  enum class Kind {
    invalid,   // a value the use case does not take (HTTP 400)
    not_found, // nothing of that id within the caller's scope (404)
    conflict,  // not in the state the action needs (409)
  };
  Refusal(Kind kind, const std::string& message) : InputError(message), kind_(kind) {} // shown as written
  Refusal(Kind kind, const Message& message) : InputError(message), kind_(kind) {}
  Kind kind() const { return kind_; }

private:
  Kind kind_;
};

} // namespace motivo::app
