#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/dma.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace motivo::linkedin::dma {

namespace {

using nlohmann::json;

struct Column {
  std::string_view name; // the export's column, and the key in snapshotData (compared case and spaces aside)
  bool required;
};

// The columns motivo's readers use, in the export's order (core/linkedin/rows.cpp requires the same ones).
constexpr std::array invitation_columns{Column{"From", true},
                                        Column{"To", true},
                                        Column{"Sent At", true},
                                        Column{"Message", false},
                                        Column{"Direction", true},
                                        Column{"inviterProfileUrl", false},
                                        Column{"inviteeProfileUrl", false}};
constexpr std::array connection_columns{
    Column{"First Name", true}, Column{"Last Name", true}, Column{"URL", false},        Column{"Email Address", false},
    Column{"Company", false},   Column{"Position", false}, Column{"Connected On", true}};
constexpr std::array inbox_columns{Column{"CONVERSATION ID", true},
                                   Column{"CONVERSATION TITLE", false},
                                   Column{"FROM", true},
                                   Column{"SENDER PROFILE URL", false},
                                   Column{"TO", true},
                                   Column{"RECIPIENT PROFILE URLS", false},
                                   Column{"DATE", true},
                                   Column{"SUBJECT", false},
                                   Column{"CONTENT", true},
                                   Column{"FOLDER", false},
                                   Column{"IS MESSAGE DRAFT", false}};
constexpr std::array profile_columns{Column{"First Name", true}, Column{"Last Name", true}};

std::span<const Column> columns(Domain d)
{
  switch (d) {
  case Domain::invitations: return invitation_columns;
  case Domain::connections: return connection_columns;
  case Domain::inbox: return inbox_columns;
  case Domain::profile: return profile_columns;
  }
  return {};
}

// A CSV record as LinkedIn writes its exports: every cell verbatim, quoted when it must be. (csv::row neutralises
// formula-like cells for spreadsheets; here the text must stay byte for byte what the export holds, since it goes
// into identity keys.)
std::string record(const std::vector<std::string>& fields)
{
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (const char c : f) out.append(c == '"' ? 2 : 1, c);
    out += '"';
  }
  return out + "\n";
}

std::string key_of(std::string_view name)
{
  std::string out;
  for (const char c : text::ascii_lower(name))
    if (c != ' ' && c != '_') out += c;
  return out;
}

std::string where(Domain d, int page)
{
  return fmt::format("linkedin {} page {}", to_string(d), page);
}

[[noreturn]] void shape_changed(const std::string& at, std::string_view what)
{
  throw InputError(
      at, 0,
      Message(N_("unexpected answer ({}): LinkedIn may have changed the API; nothing was stored"), std::string(what)));
}

json parse(std::string_view body, const std::string& at)
{
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) shape_changed(at, "not a JSON object");
  return j;
}

// A field's value as the export's cell: text as is, numbers and booleans as JSON writes them, a list joined by
// commas (the export's RECIPIENT PROFILE URLS), null as empty.
std::string cell(const json& v, const std::string& at, std::string_view field)
{
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return {};
  if (v.is_number() || v.is_boolean()) return v.dump();
  if (v.is_array()) {
    std::string out;
    for (const json& item : v) {
      if (!item.is_string()) shape_changed(at, fmt::format("'{}' is a list of other than text", field));
      out += (out.empty() ? "" : ",") + item.get<std::string>();
    }
    return out;
  }
  shape_changed(at, fmt::format("'{}' is an object", field));
}

// The next link of a page's `paging`, when it has one.
std::optional<std::string> next_link(const json& page, const std::string& at)
{
  const auto paging = page.find("paging");
  if (paging == page.end() || paging->is_null()) return std::nullopt;
  if (!paging->is_object()) shape_changed(at, "'paging' is not an object");
  const auto links = paging->find("links");
  if (links == paging->end() || links->is_null()) return std::nullopt;
  if (!links->is_array()) shape_changed(at, "'paging.links' is not a list");
  for (const json& link : *links) {
    if (!link.is_object() || link.value("rel", "") != "next") continue;
    const auto href = link.find("href");
    if (href == link.end() || !href->is_string()) shape_changed(at, "a next link without 'href'");
    return href->get<std::string>();
  }
  return std::nullopt;
}

const json& elements_of(const json& page, const std::string& at)
{
  const auto elements = page.find("elements");
  if (elements == page.end() || !elements->is_array()) shape_changed(at, "no 'elements' list");
  return *elements;
}

std::int64_t millis(const json& object, std::string_view field, const std::string& at)
{
  const auto v = object.find(field);
  if (v == object.end()) throw InputError(at, 0, Message(N_("the required field '{}' is missing"), std::string(field)));
  if (!v->is_number_integer()) shape_changed(at, fmt::format("'{}' is not a time in milliseconds", field));
  return v->get<std::int64_t>();
}

std::string text_field(const json& object, std::string_view field, const std::string& at, bool required)
{
  const auto v = object.find(field);
  if (v == object.end() || v->is_null()) {
    if (required) throw InputError(at, 0, Message(N_("the required field '{}' is missing"), std::string(field)));
    return {};
  }
  if (!v->is_string()) shape_changed(at, fmt::format("'{}' is not text", field));
  return v->get<std::string>();
}

} // namespace

std::string_view to_string(Domain d)
{
  switch (d) {
  case Domain::profile: return "PROFILE";
  case Domain::invitations: return "INVITATIONS";
  case Domain::connections: return "CONNECTIONS";
  case Domain::inbox: return "INBOX";
  }
  return "";
}

std::string_view file_name(Domain d)
{
  switch (d) {
  case Domain::profile: return "Profile.csv";
  case Domain::invitations: return "Invitations.csv";
  case Domain::connections: return "Connections.csv";
  case Domain::inbox: return "messages.csv";
  }
  return "";
}

SnapshotCsv::SnapshotCsv(Domain domain) : domain_(domain)
{
  std::vector<std::string> header;
  for (const Column& c : columns(domain)) header.emplace_back(c.name);
  csv_ = record(header);
}

std::optional<std::string> SnapshotCsv::add_page(std::string_view body, int page)
{
  const std::string at = where(domain_, page);
  const json j = parse(body, at);
  const std::span<const Column> cols = columns(domain_);
  std::vector<std::string> fields(cols.size());
  for (const json& element : elements_of(j, at)) {
    if (!element.is_object()) shape_changed(at, "an element is not an object");
    const std::string domain = text_field(element, "snapshotDomain", at, true);
    if (domain != to_string(domain_)) shape_changed(at, fmt::format("an element of domain '{}'", domain));
    const auto data = element.find("snapshotData");
    if (data == element.end() || !data->is_array()) shape_changed(at, "'snapshotData' is not a list");
    for (const json& object : *data) {
      if (!object.is_object()) shape_changed(at, "a row of 'snapshotData' is not an object");
      std::fill(fields.begin(), fields.end(), std::string());
      std::vector<bool> seen(cols.size(), false);
      for (const auto& [key, value] : object.items()) {
        const std::string k = key_of(key);
        for (std::size_t i = 0; i < cols.size(); ++i) {
          if (key_of(cols[i].name) != k) continue;
          fields[i] = cell(value, at, cols[i].name);
          seen[i] = true;
        }
      }
      for (std::size_t i = 0; i < cols.size(); ++i)
        if (cols[i].required && !seen[i])
          throw InputError(at, 0,
                           Message(N_("the required field '{}' is missing from row {}"), std::string(cols[i].name),
                                   static_cast<std::uint64_t>(rows_ + 1)));
      if (domain_ == Domain::profile && rows_ == 0) profile_name_ = text::trim(fields[0] + " " + fields[1]);
      csv_ += record(fields);
      ++rows_;
    }
  }
  return next_link(j, at);
}

bool ChangeEvent::is_new_message() const
{
  return resource == "messages" && method == "CREATE" && status != "FAILURE";
}

std::string ChangeEvent::conversation_id() const
{
  const std::size_t colon = thread.rfind(':');
  return colon == std::string::npos ? thread : thread.substr(colon + 1);
}

ChangePage parse_change_page(std::string_view body, int page)
{
  const std::string at = fmt::format("linkedin memberChangeLogs page {}", page);
  const json j = parse(body, at);
  ChangePage out;
  for (const json& e : elements_of(j, at)) {
    if (!e.is_object()) shape_changed(at, "an event is not an object");
    ChangeEvent event;
    event.processed_at = millis(e, "processedAt", at);
    event.resource = text_field(e, "resourceName", at, true);
    event.method = text_field(e, "method", at, true);
    event.status = text_field(e, "activityStatus", at, false);
    event.owner = text_field(e, "owner", at, false);
    if (event.is_new_message()) {
      const auto activity = e.find("activity");
      if (activity == e.end()) throw InputError(at, 0, Message(N_("the required field '{}' is missing"), "activity"));
      if (!activity->is_object()) shape_changed(at, "'activity' is not an object");
      event.thread = text_field(*activity, "thread", at, true);
      event.author = text_field(*activity, "author", at, false);
      if (event.author.empty()) event.author = text_field(e, "actor", at, true);
      event.created_at = millis(*activity, "createdAt", at) / 1000;
      const auto content = activity->find("content");
      if (content != activity->end() && content->is_object())
        event.content = text_field(*content, "fallback", at, false);
      else if (content != activity->end() && !content->is_null())
        shape_changed(at, "'activity.content' is not an object");
    }
    out.events.push_back(std::move(event));
  }
  out.next = next_link(j, at);
  return out;
}

std::string error_message(std::string_view body)
{
  const json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return {};
  const auto m = j.find("message");
  return m != j.end() && m->is_string() ? m->get<std::string>() : std::string();
}

std::string inbox_csv(const std::vector<InboxRow>& rows)
{
  std::string out = record({"CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                            "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER"});
  for (const InboxRow& r : rows) {
    const datetime::CivilTime t = datetime::to_civil(r.sent_at);
    const std::string date =
        fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC", t.year, t.month, t.day, t.hour, t.minute, t.second);
    out += record(
        {r.conversation_id, r.conversation_title, r.from, r.from_url, r.to, r.to_urls, date, "", r.content, "INBOX"});
  }
  return out;
}

} // namespace motivo::linkedin::dma
