#pragma once

#include <motivo/core/protocol/protocol.hpp>
#include <motivo/store/store.hpp>

#include <string>

namespace motivo::cli {

// A state, a suggestion and an invitation's label as the command line's tables show them, in the user's language
// (the same words as the web page's, po/es.po's "state", "suggestion" and "label" contexts). Filters and JSON keep
// the codes (asked, no_reply, wait).
std::string state_word(protocol::State state);
std::string suggestion_word(protocol::Suggestion suggestion);
std::string label_word(classify::Label label);
// "" for an invitation not labelled yet.
std::string label_word(const store::InvitationView& v);
// Prints where an invitation stands after a command changed it: "  now: replied, suggestion accept" (no suggestion
// once it is decided).
void print_now(const protocol::Evaluation& evaluation);

} // namespace motivo::cli
