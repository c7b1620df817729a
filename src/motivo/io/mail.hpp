#pragma once

#include <motivo/core/mail/notification.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace motivo::io {

// What kind of mail a path holds, if any: an mbox file, a Maildir folder (cur/ and new/), a single message
// (.eml, or a file that starts like one), or a folder of .eml files.
enum class MailSource { none, mbox, maildir, message, message_folder };
MailSource mail_source_of(const std::string& path);

// Decodes one message (RFC 5322 bytes) with GMime: headers decoded, bodies in UTF-8, the HTML body rendered as
// lines of text with libxml2's HTML parser. Never throws for bad MIME: what is broken is listed in `problems`.
// `size`: the message's whole size when `bytes` is only its start (IMAP keeps at most mail::max_message_bytes + 1).
mail::Message decode_mail(std::string_view bytes, std::string where, std::size_t size = 0);

// Every message of a mail source, in order. A path that cannot be read throws InputError.
void read_mail(const std::string& path, MailSource kind, const std::function<void(mail::Message&&)>& visit);

} // namespace motivo::io
