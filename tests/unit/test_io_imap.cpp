#include <motivo/io/imap.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using motivo::io::loopback_addresses;

TEST(Imap, LoopbackIsDecidedFromTheResolvedAddresses)
{
  EXPECT_EQ(loopback_addresses("127.0.0.1"), std::vector<std::string>{"127.0.0.1"});
  EXPECT_EQ(loopback_addresses("127.1.2.3"), std::vector<std::string>{"127.1.2.3"});
  EXPECT_EQ(loopback_addresses("[::1]"), std::vector<std::string>{"::1"});
  EXPECT_EQ(loopback_addresses("::ffff:127.0.0.1"), std::vector<std::string>{"::ffff:127.0.0.1"});
  // A name that merely starts like a loopback address is whatever it resolves to (here: nothing).
  EXPECT_TRUE(loopback_addresses("127.evil.test").empty());
  EXPECT_TRUE(loopback_addresses("127.0.0.1.evil.test").empty());
  EXPECT_TRUE(loopback_addresses("192.0.2.7").empty());
  EXPECT_TRUE(loopback_addresses("[2001:db8::1]").empty());
  EXPECT_TRUE(loopback_addresses("").empty());
}

TEST(Imap, LocalhostResolvesToLoopback)
{
  const auto addresses = loopback_addresses("localhost");
  if (addresses.empty()) GTEST_SKIP() << "localhost does not resolve on this machine";
  for (const auto& a : addresses) EXPECT_TRUE(a.starts_with("127.") || a == "::1") << a;
}

TEST(Imap, CleartextToANonLoopbackHostNeedsInsecure)
{
  motivo::io::ImapAccount account{"imap://192.0.2.7:1143/INBOX", "dana", "", false};
  EXPECT_FALSE(motivo::io::ImapMailbox(account).cleartext_over_network());
  account.insecure = true;
  EXPECT_TRUE(motivo::io::ImapMailbox(account).cleartext_over_network());
  account.url = "imap://127.0.0.1:1143/INBOX";
  EXPECT_FALSE(motivo::io::ImapMailbox(account).cleartext_over_network());
  account.url = "imaps://192.0.2.7/INBOX";
  EXPECT_FALSE(motivo::io::ImapMailbox(account).cleartext_over_network());
}
