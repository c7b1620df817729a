#pragma once

#include <motivo/core/byte_source.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace motivo::io {

// One file to import: a plain file, or an entry of a zip archive.
struct InputFile {
  std::string display_name;                          // for messages: `export.zip:Invitations.csv` or the path
  std::string name;                                  // the path inside its archive or folder
  std::uint64_t size = 0;                            // uncompressed bytes
  std::function<std::unique_ptr<ByteSource>()> open; // a fresh stream over the bytes, as often as asked
};

// Expands the paths given to `motivo import`: a LinkedIn export as downloaded (.zip), its unpacked folder
// (searched recursively), or single files. A path that does not exist or a damaged archive throws InputError.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths);

// A stream over a file on disk.
std::unique_ptr<ByteSource> open_file(const std::string& path);

} // namespace motivo::io
