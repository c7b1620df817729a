#pragma once

#include <string>
#include <utility>
#include <vector>

namespace motivo::io {

// Writes a zip archive (deflated entries) with the given (name, contents) files, created with mode 0600: it holds
// personal data, even anonymised. Throws std::runtime_error naming the path on failure, leaving no partial file.
void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files);

// Writes `text` to `path` with mode 0600, replacing it; throws std::runtime_error naming the path on failure.
void write_private_file(const std::string& path, const std::string& text);

} // namespace motivo::io
