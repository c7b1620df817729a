#pragma once

#include <string>
#include <string_view>

namespace motivo::cli {

// The git revision the program was built from (`git describe --always --dirty`), "unknown" when it was built outside
// a git checkout. Written at build time by cmake/revision.cmake.
std::string_view build_revision();

// What `motivo --version` prints: "motivo 0.1.0 (revision 1c3b171a2f0e)".
std::string version_line();

} // namespace motivo::cli
