#pragma once

#include <motivo/io/inputs.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace motivo::io {

// Whether the file at `path` starts like a zip archive.
bool looks_like_zip(const std::string& path);

// What reading one member of an archive may cost. LinkedIn's CSV files deflate 3 to 11 times; a member of blank
// lines or commas deflates about 1,000 times, so 1 MB of zip would make 1 GiB to parse.
struct ZipLimits {
  std::uint64_t max_ratio = 100;               // uncompressed bytes per compressed byte, beyond the allowance
  std::uint64_t ratio_allowance = 16u << 20;   // bytes any member may hold whatever its ratio
  std::uint64_t max_member_bytes = 4ull << 30; // uncompressed bytes of one member (a 5 M-message messages.csv: 2.1 GiB)
};

// The files of the zip archive at `path`, in archive order. Throws InputError for a damaged archive; reading a
// member throws InputError naming it as soon as it holds more than `limits` allow.
std::vector<InputFile> zip_entries(const std::string& path, const ZipLimits& limits = {});

} // namespace motivo::io
