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

std::optional<datetime::UnixSeconds> export_made_by(std::string_view path)
{
  static constexpr std::string_view marker = "LinkedInDataExport_";
  const std::size_t at = path.rfind(marker);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view date = path.substr(at + marker.size());
  // MM-DD-YYYY
  if (date.size() < 10 || date[2] != '-' || date[5] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 3, 6}, lengths[3] = {2, 2, 4};
  for (int i = 0; i < 3; ++i) {
    for (std::size_t k = starts[i]; k < starts[i] + lengths[i]; ++k) {
      if (date[k] < '0' || date[k] > '9') return std::nullopt;
      parts[i] = parts[i] * 10 + (date[k] - '0');
    }
  }
  if (!datetime::valid_date(parts[2], parts[0], parts[1])) return std::nullopt;
  return (datetime::days_from_civil(parts[2], parts[0], parts[1]) + 1) * 86400;
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
