#pragma once

// What the server compresses, and how: gzip at a low level, cheap enough for every answer (docs/WEB.md,
// "Compression"), never cpp-httplib's Brotli at its highest quality.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace motivo::server {

// The gzip level of answers: 1, the fastest (figures in docs/WEB.md).
inline constexpr int gzip_level = 1;
// Bodies smaller than this go as they are: compressing them saves less than a packet.
inline constexpr std::size_t compress_from = 1024;

// Whether an Accept-Encoding header accepts gzip: it names gzip (or *) without q=0.
bool accepts_gzip(std::string_view accept_encoding);

// `data` as a gzip stream at `level` (1–9); nullopt if zlib fails.
std::optional<std::string> gzip(std::string_view data, int level);

} // namespace motivo::server
