#pragma once

#include <motivo/io/inputs.hpp>

#include <string>
#include <vector>

namespace motivo::io {

// Whether the file at `path` starts like a zip archive.
bool looks_like_zip(const std::string& path);

// The files of the zip archive at `path`, in archive order. Throws InputError for a damaged archive.
std::vector<InputFile> zip_entries(const std::string& path);

} // namespace motivo::io
