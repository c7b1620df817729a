#include <motivo/server/compression.hpp>

#include <zlib.h>

#include <cctype>
#include <stdexcept>

namespace motivo::server {

namespace {

std::string_view trimmed(std::string_view s)
{
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Whether the parameters of one Accept-Encoding entry (";q=0.5") refuse it: q=0, q=0.0, q=0.00…
bool refused(std::string_view parameters)
{
  const auto q = parameters.find("q=");
  if (q == std::string_view::npos) return false;
  const std::string_view value = trimmed(parameters.substr(q + 2));
  return !value.empty() && value.find_first_not_of("0.") == std::string_view::npos;
}

} // namespace

bool accepts_gzip(std::string_view accept_encoding)
{
  bool star = false;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const std::string_view entry = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    const auto semicolon = entry.find(';');
    std::string coding(trimmed(entry.substr(0, semicolon)));
    for (char& c : coding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool no = semicolon != std::string_view::npos && refused(entry.substr(semicolon + 1));
    if (coding == "gzip" || coding == "x-gzip") return !no;
    if (coding == "*") star = !no;
  }
  return star;
}

std::optional<std::string> gzip(std::string_view data, int level)
{
  z_stream stream{};
  // 31: a gzip header and trailer (15 bits of window, plus 16).
  if (deflateInit2(&stream, level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return std::nullopt;
  return out;
}

GzipStream::GzipStream(int level) : stream_(std::make_unique<z_stream>())
{
  if (deflateInit2(stream_.get(), level, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    stream_.reset();
    throw std::runtime_error("zlib: cannot start a gzip stream");
  }
}

GzipStream::~GzipStream()
{
  if (stream_) deflateEnd(stream_.get());
}

std::string GzipStream::deflate_all(std::string_view data, int flush)
{
  std::string out;
  stream_->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream_->avail_in = static_cast<uInt>(data.size());
  char buffer[16384];
  int result = Z_OK;
  do { // until zlib has taken every byte given and, at the end, written its trailer
    stream_->next_out = reinterpret_cast<Bytef*>(buffer);
    stream_->avail_out = sizeof(buffer);
    result = deflate(stream_.get(), flush);
    if (result == Z_STREAM_ERROR) throw std::runtime_error("zlib: gzip stream failed");
    out.append(buffer, sizeof(buffer) - stream_->avail_out);
  } while (stream_->avail_out == 0 || (flush == Z_FINISH && result != Z_STREAM_END));
  return out;
}

std::string GzipStream::add(std::string_view data)
{
  return deflate_all(data, Z_NO_FLUSH);
}

std::string GzipStream::finish()
{
  return deflate_all({}, Z_FINISH);
}

} // namespace motivo::server
