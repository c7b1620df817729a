#pragma once

// What the server compresses, and how: gzip at a low level, cheap enough for every answer (docs/WEB.md,
// "Compression"), never cpp-httplib's Brotli at its highest quality.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct z_stream_s; // zlib's, kept out of this header

namespace motivo::server {

// The gzip level of answers: 1, the fastest (figures in docs/WEB.md).
inline constexpr int gzip_level = 1;
// Bodies smaller than this go as they are: compressing them saves less than a packet.
inline constexpr std::size_t compress_from = 1024;

// Whether an Accept-Encoding header accepts gzip: it names gzip (or *) without q=0.
bool accepts_gzip(std::string_view accept_encoding);

// `data` as a gzip stream at `level` (1–9); nullopt if zlib fails.
std::optional<std::string> gzip(std::string_view data, int level);

// A gzip stream written in pieces, for a body sent as it is made (a chunked answer): the bytes of each piece as
// zlib gives them (often none until its window fills), then the rest and the trailer. The pieces together are a
// valid gzip member of the data given in order. std::runtime_error if zlib fails.
class GzipStream {
public:
  explicit GzipStream(int level);
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  std::string add(std::string_view data);
  std::string finish();

private:
  std::string deflate_all(std::string_view data, int flush);
  std::unique_ptr<z_stream_s> stream_;
};

} // namespace motivo::server
