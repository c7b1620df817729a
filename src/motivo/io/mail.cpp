#include <motivo/core/error.hpp>
#include <motivo/core/mail/mbox.hpp>
#include <motivo/core/text.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/io/mail.hpp>

#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <system_error>

namespace motivo::io {

namespace fs = std::filesystem;

namespace {

void init_gmime()
{
  static std::once_flag once;
  std::call_once(once, [] {
    g_mime_init();
    // libxml2 keeps its parser state per thread; this sets up its globals once.
    xmlInitParser();
  });
}

template <typename T>
struct GUnref {
  void operator()(T* p) const
  {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GUnref<T>>;

// The parser's complaints that mean a part of the message may be lost (not duplicated headers and the like).
void on_warning(gint64 offset, GMimeParserWarning code, const gchar* item, gpointer data)
{
  auto* problems = static_cast<std::vector<std::string>*>(data);
  const char* what = nullptr;
  switch (code) {
  case GMIME_WARN_MALFORMED_MULTIPART: what = "a multipart without parts"; break;
  case GMIME_WARN_TRUNCATED_MESSAGE: what = "truncated"; break;
  case GMIME_WARN_MALFORMED_MESSAGE: what = "malformed message"; break;
  case GMIME_CRIT_INVALID_HEADER_NAME: what = "invalid header name"; break;
  case GMIME_CRIT_CONFLICTING_HEADER: what = "conflicting headers"; break;
  case GMIME_CRIT_CONFLICTING_PARAMETER: what = "conflicting header parameters"; break;
  case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: what = "a multipart without a boundary"; break;
  case GMIME_CRIT_NESTING_OVERFLOW: what = "parts nested too deep"; break;
  case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: what = "a part without headers or content"; break;
  default: return;
  }
  if (problems->size() >= 8) return;
  std::string line = std::string(what) + " at byte " + std::to_string(offset);
  if (item && *item) line += " (" + quote_value(item) + ")";
  problems->push_back(std::move(line));
}

struct ParserOptions {
  GMimeParserOptions* options = g_mime_parser_options_new();
  std::vector<std::string> problems;
  ParserOptions() { g_mime_parser_options_set_warning_callback(options, on_warning, &problems); }
  ~ParserOptions() { g_mime_parser_options_free(options); }
  ParserOptions(const ParserOptions&) = delete;
  ParserOptions& operator=(const ParserOptions&) = delete;
};

// HTML as lines of text: block elements end a line, table cells and rows a paragraph; scripts, styles and the
// head are left out; link targets are collected in document order.
class HtmlText {
public:
  HtmlText(std::string& out, std::vector<std::string>& links) : out_(out), links_(links) {}

  void render(std::string_view html)
  {
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        htmlReadMemory(html.data(), static_cast<int>(std::min<std::size_t>(html.size(), INT32_MAX)), nullptr, "UTF-8",
                       options),
        xmlFreeDoc);
    if (!doc) return;
    walk(xmlDocGetRootElement(doc.get()), 0);
  }

private:
  void newline(int count)
  {
    std::size_t have = 0;
    for (auto it = out_.rbegin(); it != out_.rend() && *it == '\n'; ++it) ++have;
    while (have < static_cast<std::size_t>(count) && !out_.empty()) {
      out_ += '\n';
      ++have;
    }
  }

  void walk(xmlNode* node, int depth)
  {
    if (depth > 200) return; // deeper than any real mail: hostile
    for (; node; node = node->next) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        const char* content = reinterpret_cast<const char*>(node->content);
        if (!content) continue;
        // Whitespace runs of the source (its own line breaks included) are one space.
        for (const char* c = content; *c; ++c) {
          const bool space = *c == ' ' || *c == '\n' || *c == '\r' || *c == '\t';
          if (space) {
            if (!out_.empty() && out_.back() != ' ' && out_.back() != '\n') out_ += ' ';
          } else {
            out_ += *c;
          }
        }
        continue;
      }
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string name = text::ascii_lower(reinterpret_cast<const char*>(node->name));
      if (name == "head" || name == "script" || name == "style" || name == "title") continue;
      if (name == "a") {
        if (xmlChar* href = xmlGetProp(node, reinterpret_cast<const xmlChar*>("href"))) {
          links_.emplace_back(text::trim(reinterpret_cast<const char*>(href)));
          xmlFree(href);
        }
      }
      static constexpr std::array<std::string_view, 6> paragraphs = {"td", "th", "tr", "table", "blockquote", "hr"};
      static constexpr std::array<std::string_view, 13> lines = {"p",  "div", "br", "li", "h1", "h2",    "h3",
                                                                 "h4", "h5",  "h6", "ul", "ol", "center"};
      const bool paragraph = std::find(paragraphs.begin(), paragraphs.end(), name) != paragraphs.end();
      const bool line = std::find(lines.begin(), lines.end(), name) != lines.end();
      if (paragraph)
        newline(2);
      else if (line && name != "br")
        newline(1);
      walk(node->children, depth + 1);
      if (paragraph)
        newline(2);
      else if (line) {
        // A <br> ends its line even with nothing on it (a blank line between two <br>s).
        if (name == "br")
          out_ += '\n';
        else
          newline(1);
      }
    }
  }

  std::string& out_;
  std::vector<std::string>& links_;
};

// URLs in plain text, as far as the first space or bracket.
void urls_in(std::string_view body, std::vector<std::string>& links)
{
  for (std::size_t at = 0;;) {
    const std::size_t http = body.find("http", at);
    if (http == std::string_view::npos) return;
    std::string_view rest = body.substr(http);
    if (rest.rfind("http://", 0) != 0 && rest.rfind("https://", 0) != 0) {
      at = http + 4;
      continue;
    }
    std::size_t end = 0;
    while (end < rest.size() && !std::isspace(static_cast<unsigned char>(rest[end])) && rest[end] != '>' &&
           rest[end] != '<' && rest[end] != '"' && rest[end] != ')')
      ++end;
    links.emplace_back(rest.substr(0, end));
    at = http + end;
  }
}

struct Bodies {
  std::string text, html;
};

// A text part's body in UTF-8, whole: a NUL byte (quoted-printable "=00") does not end it but becomes U+FFFD.
std::string text_of(GMimeTextPart* part)
{
  GMimeDataWrapper* content = g_mime_part_get_content(GMIME_PART(part));
  if (!content) return {};
  GPtr<GMimeStream> memory(g_mime_stream_mem_new());
  {
    GPtr<GMimeStream> filtered(g_mime_stream_filter_new(memory.get()));
    if (const char* charset = g_mime_text_part_get_charset(part)) {
      if (GMimeFilter* filter = g_mime_filter_charset_new(charset, "utf-8")) {
        g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered.get()), filter);
        g_object_unref(filter);
      }
    }
    g_mime_data_wrapper_write_to_stream(content, filtered.get());
    g_mime_stream_flush(filtered.get());
  }
  const GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(memory.get()));
  std::string out;
  if (!bytes) return out;
  out.reserve(bytes->len);
  for (guint i = 0; i < bytes->len; ++i) {
    if (bytes->data[i] == 0)
      out += "\xEF\xBF\xBD";
    else
      out += static_cast<char>(bytes->data[i]);
  }
  return out;
}

void collect_part(GMimeObject* parent, GMimeObject* part, gpointer data)
{
  (void)parent;
  auto* bodies = static_cast<Bodies*>(data);
  if (!GMIME_IS_TEXT_PART(part)) return;
  if (g_mime_part_is_attachment(GMIME_PART(part))) return;
  GMimeContentType* type = g_mime_object_get_content_type(part);
  const bool plain = g_mime_content_type_is_type(type, "text", "plain");
  const bool html = g_mime_content_type_is_type(type, "text", "html");
  if (!plain && !html) return;
  std::string& slot = plain ? bodies->text : bodies->html;
  if (!slot.empty()) return; // the first of each kind
  slot = text_of(GMIME_TEXT_PART(part));
}

// The values of the headers named `name`, topmost first.
std::vector<std::string> headers_named(GMimeMessage* msg, const char* name)
{
  std::vector<std::string> out;
  GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(msg));
  const int count = headers ? g_mime_header_list_get_count(headers) : 0;
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    const char* n = g_mime_header_get_name(header);
    const char* value = g_mime_header_get_value(header);
    if (n && value && g_ascii_strcasecmp(n, name) == 0) out.emplace_back(value);
  }
  return out;
}

void first_address(InternetAddressList* list, std::string& name, std::string& address)
{
  if (!list) return;
  for (int i = 0; i < internet_address_list_length(list); ++i) {
    InternetAddress* a = internet_address_list_get_address(list, i);
    if (!INTERNET_ADDRESS_IS_MAILBOX(a)) continue;
    if (const char* n = internet_address_get_name(a)) name = n;
    if (const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))) address = addr;
    return;
  }
}

// `size`: the message's bytes; over mail::max_message_bytes, its headers are read but not its bodies.
mail::Message message_from(GMimeMessage* msg, std::vector<std::string> problems, std::string where, std::size_t size)
{
  mail::Message m;
  m.where = std::move(where);
  m.problems = std::move(problems);
  m.size = size;
  m.too_large = size > mail::max_message_bytes;
  if (!msg) {
    if (m.problems.empty()) m.problems.push_back("not a message");
    return m;
  }
  m.authentication_results = headers_named(msg, "Authentication-Results");
  m.arc_authentication_results = headers_named(msg, "ARC-Authentication-Results");
  if (const char* id = g_mime_message_get_message_id(msg)) m.message_id = id;
  if (const char* subject = g_mime_message_get_subject(msg)) m.subject = subject;
  first_address(g_mime_message_get_from(msg), m.from_name, m.from_address);
  first_address(g_mime_message_get_to(msg), m.to_name, m.to_address);
  if (GDateTime* date = g_mime_message_get_date(msg)) m.date = g_date_time_to_unix(date);
  if (m.too_large) return m;
  Bodies bodies;
  if (GMimeObject* body = g_mime_message_get_mime_part(msg)) {
    if (GMIME_IS_TEXT_PART(body))
      collect_part(nullptr, body, &bodies);
    else
      g_mime_message_foreach(msg, collect_part, &bodies);
  }
  m.text = std::move(bodies.text);
  if (!bodies.html.empty()) HtmlText(m.html_text, m.links).render(bodies.html);
  urls_in(m.text, m.links);
  if (m.text.empty() && m.html_text.empty() && m.problems.empty()) m.problems.push_back("no text or HTML body");
  return m;
}

std::vector<fs::path> files_in(const fs::path& dir, bool only_eml)
{
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = it->path().filename().string();
    if (name.empty() || name.front() == '.') continue;
    if (only_eml && text::ascii_lower(it->path().extension().string()) != ".eml") continue;
    out.push_back(it->path());
  }
  if (ec) throw InputError(dir.string(), 0, "cannot list the folder: " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_whole(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), 0, "cannot open the file");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(path.string(), 0, "cannot read the file");
  return bytes;
}

// One message file: read whole when small; of a larger one only the start is read, for its headers.
mail::Message decode_file(const fs::path& path)
{
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec || size <= mail::max_message_bytes) return decode_mail(read_whole(path), path.string());
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), 0, "cannot open the file");
  std::string head(mail::max_message_bytes, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return decode_mail(head, path.string(), static_cast<std::size_t>(size));
}

} // namespace

mail::Message decode_mail(std::string_view bytes, std::string where, std::size_t size)
{
  init_gmime();
  ParserOptions options;
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.data(), bytes.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), options.options));
  return message_from(msg.get(), std::move(options.problems), std::move(where), std::max(size, bytes.size()));
}

void read_mail(const std::string& path, MailSource kind, const std::function<void(mail::Message&&)>& visit)
{
  init_gmime();
  switch (kind) {
  case MailSource::none: throw InputError(path, 0, "not a mailbox, a Maildir folder or a message");
  case MailSource::message: {
    visit(decode_file(path));
    return;
  }
  case MailSource::message_folder:
    for (const fs::path& file : files_in(path, true)) visit(decode_file(file));
    return;
  case MailSource::maildir:
    for (const char* sub : {"cur", "new"}) {
      for (const fs::path& file : files_in(fs::path(path) / sub, false)) visit(decode_file(file));
    }
    return;
  case MailSource::mbox: {
    // Split here, not by GMime's mbox parser: that one holds a message's header lines whole (a 100 MiB header
    // cost 534 MB); a message is given to GMime as its first max_message_bytes, as an .eml file is.
    const std::unique_ptr<ByteSource> file = open_file(path);
    mail::MboxReader box(*file, mail::max_message_bytes);
    std::string head;
    std::uint64_t size = 0;
    std::uint64_t n = 0;
    while (box.next(head, size)) {
      ++n;
      visit(decode_mail(head, path + ", message " + std::to_string(n), static_cast<std::size_t>(size)));
    }
    if (n == 0 && box.text_before_first()) throw InputError(path, 0, "not an mbox: no \"From \" line starts a message");
    return;
  }
  }
}

} // namespace motivo::io
