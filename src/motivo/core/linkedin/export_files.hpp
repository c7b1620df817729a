#pragma once

#include <string_view>

namespace motivo::linkedin {

// What a file of a LinkedIn export is to motivo, by its name.
enum class FileKind { invitations, connections, messages, unused };

// The kind of the file at `path` (only the base name counts): Invitations.csv, Connections.csv and
// messages.csv/Messages.csv are read; everything else, including the conversations with LinkedIn's
// assistants (coach_messages.csv, guide_messages.csv) and the learning_* files, is unused.
FileKind file_kind(std::string_view path);

// The order in which one import reads its files: people are resolved from invitations first, then
// connections, then messages.
int read_order(FileKind kind);

std::string_view to_string(FileKind kind);

} // namespace motivo::linkedin
