// Which kind of mail a path holds, from its name and first bytes: no GMime here, so that `import` of an export
// decides without loading the mail module (cli/modules.cpp).
#include <motivo/core/text.hpp>
#include <motivo/io/mail.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

namespace motivo::io {

namespace fs = std::filesystem;

namespace {

bool starts_like_a_message(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::string head(1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.rfind("From ", 0) == 0) return false; // an mbox
  // A header block: its first line is a header field name and a colon.
  std::size_t colon = 0;
  while (colon < head.size() && head[colon] > 32 && head[colon] < 127 && head[colon] != ':') ++colon;
  if (colon == 0 || colon >= head.size() || head[colon] != ':') return false;
  const std::string name = text::ascii_lower(head.substr(0, colon));
  for (const char* known :
       {"return-path", "received", "from", "to", "subject", "date", "message-id", "mime-version", "delivered-to", "x-",
        "dkim-signature", "arc-seal", "authentication-results", "sender", "reply-to", "content-type"}) {
    if (name.rfind(known, 0) == 0) return true;
  }
  return false;
}

bool starts_with_from_line(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  char head[5] = {};
  in.read(head, 5);
  return in.gcount() == 5 && std::string_view(head, 5) == "From ";
}

} // namespace

MailSource mail_source_of(const std::string& path)
{
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec) return MailSource::none;
  if (fs::is_directory(status)) {
    if (fs::is_directory(fs::path(path) / "cur", ec) && fs::is_directory(fs::path(path) / "new", ec))
      return MailSource::maildir;
    bool any = false;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string ext = text::ascii_lower(it->path().extension().string());
      if (ext == ".csv" || ext == ".zip") return MailSource::none; // an export's folder
      any = any || ext == ".eml";
    }
    return any ? MailSource::message_folder : MailSource::none;
  }
  const std::string ext = text::ascii_lower(fs::path(path).extension().string());
  if (ext == ".csv" || ext == ".zip") return MailSource::none;
  if (ext == ".mbox" || ext == ".mbx" || starts_with_from_line(path)) return MailSource::mbox;
  if (ext == ".eml" || starts_like_a_message(path)) return MailSource::message;
  return MailSource::none;
}

} // namespace motivo::io
