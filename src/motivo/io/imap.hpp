#pragma once

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
};

// A mailbox on an IMAP server, through libcurl. Read-only: the mailbox is opened with EXAMINE, so fetching a
// message leaves its \Seen flag as it was. imap:// URLs must upgrade with STARTTLS, except on a loopback address.
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
  // The whole message (RFC 5322 bytes).
  std::string fetch(std::int64_t uid);

  // The account as a key: scheme://user@host[:port]/mailbox, never the password.
  const std::string& key() const { return key_; }
  const std::string& mailbox() const { return mailbox_; }

private:
  std::string perform(const std::string& url, const char* custom_request);

  struct Curl;
  std::unique_ptr<Curl> curl_;
  std::string base_;    // scheme://host[:port]/
  std::string mailbox_; // decoded
  std::string key_;
};

} // namespace motivo::io
