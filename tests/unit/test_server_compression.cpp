// What the server compresses and how (server/compression.cpp): gzip when the client accepts it, never refused ones.
#include <motivo/server/compression.hpp>

#include <gtest/gtest.h>

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
