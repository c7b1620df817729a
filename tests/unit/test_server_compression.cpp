// What the server compresses and how (server/compression.cpp): gzip when the client accepts it, never refused ones.
#include <motivo/server/compression.hpp>

#include <gtest/gtest.h>
#include <zlib.h>

#include <string>

using motivo::server::accepts_gzip;

TEST(Compression, GzipWhenTheClientAcceptsIt)
{
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("br"));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip; q=0.000, br"));
  EXPECT_FALSE(accepts_gzip("*, gzip;q=0")); // named and refused: the star does not bring it back
  EXPECT_FALSE(accepts_gzip("*;q=0"));
}

TEST(Compression, AGzipStreamSmallerThanRepetitiveJson)
{
  std::string json = "[";
  for (int i = 0; i < 1000; ++i) json += R"({"id": 1, "state": "pending", "suggestion": "ask"},)";
  json += "{}]";
  const auto zipped = motivo::server::gzip(json, motivo::server::gzip_level);
  ASSERT_TRUE(zipped);
  ASSERT_GE(zipped->size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>((*zipped)[0]), 0x1f); // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>((*zipped)[1]), 0x8b);
  EXPECT_LT(zipped->size() * 10, json.size());
}

namespace {

// `zipped` decompressed (a gzip member), as a client reads it.
std::string gunzip(const std::string& zipped)
{
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 31), Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zipped.data()));
  stream.avail_in = static_cast<uInt>(zipped.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

} // namespace

TEST(Compression, AGzipStreamInPiecesIsTheWholeBodyGzipped)
{
  motivo::server::GzipStream zip(motivo::server::gzip_level);
  std::string body, zipped;
  for (int i = 0; i < 3000; ++i) {
    const std::string piece = R"({"id": )" + std::to_string(i * 7919 % 3001) + R"(, "state": "pending"},)";
    body += piece;
    zipped += zip.add(piece);
  }
  zipped += zip.add(""); // an empty piece adds nothing
  zipped += zip.finish();
  EXPECT_EQ(gunzip(zipped), body);
  EXPECT_LT(zipped.size() * 3, body.size());
}
