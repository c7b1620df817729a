#pragma once

#include <motivo/core/datetime.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::mail {

// The largest message read (its MIME bytes): LinkedIn's notifications are tens of kilobytes; a larger message is
// not decoded, so a huge one costs no memory.
inline constexpr std::size_t max_message_bytes = std::size_t{2} << 20;
// The longest note kept from a mail, in the UTF-16 units LinkedIn's note box counts: its own limit (docs/PROTOCOL.md).
inline constexpr std::size_t max_note_length = 300;

// One e-mail as the MIME layer decoded it: headers decoded (RFC 2047) and bodies in UTF-8.
struct Message {
  std::string where;      // for messages: "linkedin.mbox, message 12" or a file's path
  std::string message_id; // without the angle brackets
  std::string from_name, from_address, to_name, to_address, subject;
  std::optional<datetime::UnixSeconds> date;
  std::string text;                  // the text/plain body ("" when there is none)
  std::string html_text;             // the text/html body rendered as lines of text ("" when there is none)
  std::vector<std::string> links;    // the HTML body's link targets in document order, then the text's URLs
  std::vector<std::string> problems; // what the MIME parser found broken (empty for a well-formed message)
  // The receiving servers' Authentication-Results (RFC 8601) and ARC-Authentication-Results (RFC 8617) header
  // values, topmost (the last server's) first.
  std::vector<std::string> authentication_results, arc_authentication_results;
  std::size_t size = 0;   // the message's bytes
  bool too_large = false; // over max_message_bytes: its bodies were not decoded
};

// An invitation read from a notification e-mail.
struct Invitation {
  std::string sender;        // the inviter's name
  std::string recipient;     // the invitee (the mailbox's owner) as the mail names them; may be an address
  std::string note;          // what the inviter wrote, "" when nothing
  std::string invitation_id; // LinkedIn's id of the invitation, from the links ("" when none)
  std::string profile_slug;  // the inviter's public profile slug as profile_slug() keys it, when a link gives it
  std::string member_token;  // the inviter's member token of older mails (profile/view?id=)
  std::string language;      // of the layout that matched ("und" when only an id told)
  std::string message_id;
  datetime::UnixSeconds sent_at = 0; // the mail's Date, in UTC
  bool reminder = false;             // a reminder of an earlier invitation
  bool note_cut = false;             // the note was longer than max_note_length and is cut there
};

// A member's message read from a message notification ("X sent you a message"): what the sender wrote to the
// mailbox's owner in a LinkedIn conversation.
struct ChatMessage {
  std::string sender;      // who wrote it
  std::string sender_slug; // their public profile slug as slug_key() keys it, when a link gives it
  std::string recipient;   // the mailbox's owner as the mail names them; may be an address
  std::string text;        // the message as the mail shows it ("" when the mail does not show it)
  std::string thread_id;   // LinkedIn's conversation id from the /messaging/thread/ link, percent-decoded
  std::string language;    // of the layout that matched ("und" when only the link and the address told)
  std::string message_id;
  datetime::UnixSeconds sent_at = 0; // the mail's Date, in UTC
};

// An accepted invitation read from an acceptance notification ("X accepted your invitation"): the owner's
// invitation to X was accepted, and X is a connection.
struct Acceptance {
  std::string person;       // who accepted
  std::string profile_slug; // their public profile slug, when a link gives it
  std::string recipient;    // the mailbox's owner as the mail names them
  std::string language;
  std::string message_id;
  datetime::UnixSeconds at = 0; // the mail's Date, in UTC
  bool authenticated = false;   // the receiving servers found DKIM or DMARC passing for linkedin.com
};

// What a message is: an invitation, a member's message, an acceptance, or skipped with the reason. A warning is a
// skip the user should hear about (a message that looked like a notification but could not be read).
struct Verdict {
  std::optional<Invitation> invitation;
  std::optional<ChatMessage> message;
  std::optional<Acceptance> acceptance;
  std::string skipped; // why, when not an invitation: one of a few fixed reasons, for counting
  std::string detail;  // what exactly, for a warning
  bool warning = false;
};

// Recognises LinkedIn's notifications of invitations, messages and acceptances by the patterns of
// data/mail_patterns.tsv and reads the sender, date, text and ids out of them. Built once; recognise() may be called
// from several threads.
class Recogniser {
public:
  Recogniser();
  ~Recogniser();
  Recogniser(const Recogniser&) = delete;
  Recogniser& operator=(const Recogniser&) = delete;

  Verdict recognise(const Message& message) const;

  struct Patterns;

private:
  std::unique_ptr<Patterns> patterns_;
};

// What the receiving servers' authentication results say of a message from LinkedIn: `fail` when DMARC failed,
// or, without a DMARC result, when DKIM or SPF failed for linkedin.com with no DKIM pass for it; `pass` when
// DMARC or DKIM for linkedin.com passed; `none` otherwise (no results, or none about LinkedIn). `detail` quotes
// the failing result.
struct Authentication {
  enum Result { none, pass, fail } result = none;
  std::string detail;
};
Authentication authentication_of(const Message& message);

// The longest message text kept from a mail, in UTF-16 units: LinkedIn's messages are at most 8,000 characters.
inline constexpr std::size_t max_message_length = 8000;

// Whether a message's text as a notification mail shows it and a stored text can be one message: either is empty
// (the mail did not show it), or one starts with the other once only letters and digits are compared, case
// aside (the mail may cut a long message, renders HTML, and an older export writes entities).
bool same_message_text(std::string_view mail_text, std::string_view stored_text);

// The creation time LinkedIn encodes in a numeric invitation id (its top 42 bits are Unix milliseconds), or
// nullopt when the id is not such a number or gives a time outside 2003-2100.
std::optional<datetime::UnixSeconds> time_of_invitation_id(const std::string& id);

} // namespace motivo::mail
