#pragma once

#include <motivo/core/datetime.hpp>

#include <optional>
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

// When the export was made at the latest, when `path` still has the name LinkedIn gives its archive
// (`Basic_LinkedInDataExport_12-06-2026.zip`, `Complete_LinkedInDataExport_11-04-2018`: month, day, year): the end
// of that day, UTC. Nothing for another name.
std::optional<datetime::UnixSeconds> export_made_by(std::string_view path);

// How far past the time the export was made (or past now) a date in it may be and still be taken as true: the
// export's day is in an unknown time zone, a date without a time counts from midnight UTC, and an archive may be
// finished a while after it was asked for.
inline constexpr datetime::UnixSeconds export_date_tolerance = 86400;

} // namespace motivo::linkedin
