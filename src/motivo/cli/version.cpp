#include <motivo/cli/version.hpp>

#include <motivo_revision.hpp>

namespace motivo::cli {

std::string_view build_revision()
{
  return motivo_build_revision;
}

std::string version_line()
{
  return "motivo " MOTIVO_VERSION " (revision " + std::string(build_revision()) + ")";
}

} // namespace motivo::cli
