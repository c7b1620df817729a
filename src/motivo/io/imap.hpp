#pragma once

#include <motivo/io/loopback.hpp> // loopback_addresses, used by the IMAP rules below

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::io {

// A failure talking to the IMAP server (connection, login, protocol): the message says which and why.
class ImapError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct ImapAccount {
  std::string url; // imaps://host[:port][/MAILBOX] (INBOX when no mailbox), or imap:// with STARTTLS
  std::string user;
  std::string password;
  bool insecure = false; // imap:// to a host that is not loopback may go without STARTTLS (the password in clear)
};

// A mailbox on an IMAP server, through libcurl. Read-only: the mailbox is opened with EXAMINE, so fetching a
// message leaves its \Seen flag as it was. imap:// URLs must upgrade with STARTTLS, except to a host that resolves
// to loopback addresses only (curl is then held to those addresses) or with ImapAccount::insecure.
class ImapMailbox {
public:
  explicit ImapMailbox(const ImapAccount& account);
  ~ImapMailbox();
  ImapMailbox(const ImapMailbox&) = delete;
  ImapMailbox& operator=(const ImapMailbox&) = delete;

  // Opens the mailbox read-only; its UIDVALIDITY (UIDs from another UIDVALIDITY mean other messages).
  std::int64_t open();
  // The UIDs above `after` of messages whose From contains `from`, ascending.
  std::vector<std::int64_t> search(std::int64_t after, std::string_view from);
  // A message (RFC 5322 bytes): its first `max_bytes` bytes are kept, the rest is read and dropped, so a huge
  // message costs no memory; `size` is its whole size.
  struct Fetched {
    std::string bytes;
    std::size_t size = 0;
  };
  Fetched fetch(std::int64_t uid, std::size_t max_bytes);

  // The account as a key: scheme://user@host[:port]/mailbox, never the password.
  const std::string& key() const { return key_; }
  const std::string& mailbox() const { return mailbox_; }
  // Whether the password may cross the network without TLS: imap:// to a host that is not loopback, --insecure.
  bool cleartext_over_network() const { return cleartext_over_network_; }

private:
  std::string perform(const std::string& url, const char* custom_request, std::size_t max_bytes = SIZE_MAX,
                      std::size_t* size = nullptr);
  void use_starttls(const std::string& host, std::string_view authority, bool insecure);

  struct Curl;
  std::unique_ptr<Curl> curl_;
  std::string base_;    // scheme://host[:port]/
  std::string mailbox_; // decoded
  std::string key_;
  bool cleartext_over_network_ = false;
};

} // namespace motivo::io
