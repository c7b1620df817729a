#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace motivo::data {

// The text of a file of the project's data/ folder, compiled into the program so that it needs no files at
// run time. Throws std::logic_error for an unknown name (a build error, not a user error).
std::string_view file(std::string_view name);

// The rows of a tab-separated data file: lines starting with '#' and blank lines are comments, the first
// other line is the header (skipped), each further line a row split at tabs.
std::vector<std::vector<std::string>> rows(std::string_view name);

} // namespace motivo::data
