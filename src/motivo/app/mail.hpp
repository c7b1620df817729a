#pragma once

#include <motivo/app/classify.hpp>
#include <motivo/app/import.hpp>
#include <motivo/core/mail/notification.hpp>
#include <motivo/store/store.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace motivo::app {

// A message that looked like an invitation but could not be read, for the user.
struct MailWarning {
  std::string where, reason;
};

// The invitations found in a run of messages, and what the others were.
class MailScan {
public:
  // `now`: the command's clock; mail dated more than a day after it is skipped with a warning.
  explicit MailScan(datetime::UnixSeconds now) : latest_(now + datetime::UnixSeconds{24} * 3600) {}

  // Recognises one message: keeps its invitation, or counts why it was skipped. A note cut at LinkedIn's
  // length is kept, with a warning.
  void add(const mail::Message& message);

  std::uint64_t messages = 0;
  std::vector<mail::Invitation> invitations;
  std::vector<mail::ChatMessage> chats; // members' messages
  std::vector<mail::Acceptance> acceptances;
  std::map<std::string, std::uint64_t> skipped; // reason -> messages
  std::vector<MailWarning> warnings;

private:
  void skip(const mail::Message& message, const std::string& reason, const std::string& detail, bool warning);
  datetime::UnixSeconds latest_;
};

// Reads every message of mail paths (mbox files, Maildir folders, .eml files or folders of them) into a scan.
// A path that is not mail, or cannot be read, throws InputError.
MailScan scan_mail_paths(const std::vector<std::string>& paths, datetime::UnixSeconds now);

// Whether a path given to `motivo import` is mail rather than a LinkedIn export.
bool is_mail_path(const std::string& path);

// What became of the members' messages a mail import read: stored, known already (the same mail), or held by an
// export (or another mail) already.
struct MailChatsReport {
  std::uint64_t read = 0, added = 0, known = 0, matched = 0;
};
// What became of the acceptances: an outgoing invitation accepted; a connection recorded with no invitation to
// them stored (named in `without_invitation`); nothing new.
struct MailAcceptancesReport {
  std::uint64_t read = 0, accepted = 0, connections_only = 0, known = 0;
  std::vector<std::string> without_invitation;
};

struct MailImportReport {
  std::uint64_t messages = 0, invitations = 0, added = 0, known = 0, matched = 0;
  MailChatsReport chats;
  MailAcceptancesReport acceptances;
  std::map<std::string, std::uint64_t> skipped;
  std::vector<MailWarning> warnings;
  std::string owner;
  std::uint64_t people_added = 0;
  ClassifySummary labels;
};

// An IMAP mailbox's position to save along with what was fetched from it.
struct MailCursorUpdate {
  std::string account;
  store::MailCursor cursor;
};

// Stores a scan's invitations, members' messages and acceptances in one transaction: the same invitation is stored
// once however often it arrives (by LinkedIn's id, the Message-ID, or an export's invitation from the same sender
// within store::mail_match_window), a mail's note fills a stored invitation's missing note, and every note is
// labelled again (when one was stored or filled: app::label_import); a message is stored once (by its mail, or as the
// export's copy: store::mail_message_before); an acceptance accepts the owner's invitation to that person and records
// them as a connection. The mailbox is taken to be the owner's of the latest import; with none yet, the addressee's.
MailImportReport import_mail(store::Store& store, MailScan scan, const std::string& source,
                             const ImportOptions& options,
                             const std::optional<MailCursorUpdate>& cursor = std::nullopt);

} // namespace motivo::app
