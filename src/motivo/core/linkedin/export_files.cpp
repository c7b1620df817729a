#include <motivo/core/linkedin/export_files.hpp>
#include <motivo/core/text.hpp>

namespace motivo::linkedin {

FileKind file_kind(std::string_view path)
{
  const std::size_t slash = path.find_last_of('/');
  const std::string name = text::ascii_lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
  if (name == "invitations.csv") return FileKind::invitations;
  if (name == "connections.csv") return FileKind::connections;
  if (name == "messages.csv") return FileKind::messages;
  return FileKind::unused;
}

int read_order(FileKind kind)
{
  switch (kind) {
  case FileKind::invitations: return 0;
  case FileKind::connections: return 1;
  case FileKind::messages: return 2;
  case FileKind::unused: return 3;
  }
  return 3;
}

std::string_view to_string(FileKind kind)
{
  switch (kind) {
  case FileKind::invitations: return "invitations";
  case FileKind::connections: return "connections";
  case FileKind::messages: return "messages";
  case FileKind::unused: return "unused";
  }
  return "unused";
}

} // namespace motivo::linkedin
