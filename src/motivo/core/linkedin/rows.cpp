#include <motivo/core/error.hpp>
#include <motivo/core/linkedin/export_files.hpp>
#include <motivo/core/linkedin/rows.hpp>
#include <motivo/core/text.hpp>

#include <fmt/format.h>

namespace motivo::linkedin {

namespace {

// Reads the first record; throws when the file is empty.
Header read_header(csv::Reader& reader, csv::Record& record)
{
  if (!reader.next(record)) throw InputError(reader.name(), 1, Message(N_("empty file: no header line")));
  return Header(record, reader.name());
}

[[noreturn]] void bad_value(const csv::Reader& reader, std::uint64_t line, std::string_view what,
                            std::string_view value)
{
  throw InputError(reader.name(), line, fmt::format("{} ({})", what, quote_value(value)));
}

[[noreturn]] void bad_date(const csv::Reader& reader, std::uint64_t line, std::string_view column,
                           std::string_view value)
{
  throw InputError(reader.name(), line,
                   Message(N_("impossible or unrecognised date in \"{}\" ({})"), column, quote_value(value)));
}

// `at`, read from `value` in `column`, unless it is later than the export can be.
datetime::UnixSeconds not_after(const csv::Reader& reader, std::uint64_t line, std::string_view column,
                                std::string_view value, datetime::UnixSeconds at,
                                std::optional<datetime::UnixSeconds> made_by)
{
  if (made_by && at > *made_by + export_date_tolerance) {
    throw InputError(reader.name(), line,
                     Message(N_("date in \"{}\" after the export was made (by {}) ({})"), column,
                             datetime::format_iso(*made_by), quote_value(value)));
  }
  return at;
}

// A US-style date-time (`M/D/YY, h:mm AM`) in Pacific wall time, converted to UTC.
datetime::UnixSeconds pacific_instant(const csv::Reader& reader, std::uint64_t line, std::string_view column,
                                      std::string_view value)
{
  const auto civil = datetime::parse_us_short(value);
  if (!civil) bad_date(reader, line, column, value);
  return datetime::pacific_to_utc(*civil);
}

} // namespace

FileReader::FileReader(csv::Reader& reader, std::optional<datetime::UnixSeconds> made_by, ReadHeader read)
  : reader_(reader), made_by_(made_by), header_(read(reader, record_))
{
}

bool FileReader::next_record()
{
  if (!reader_.next(record_)) return false;
  header_.check_width(record_);
  return true;
}

InvitationsReader::InvitationsReader(csv::Reader& reader, std::optional<datetime::UnixSeconds> made_by)
  : FileReader(reader, made_by, read_header), from_(header_.require("From")), to_(header_.require("To")),
    sent_at_(header_.require("Sent At")), message_(header_.require("Message")),
    direction_(header_.require("Direction")), from_url_(header_.find("inviterProfileUrl")),
    to_url_(header_.find("inviteeProfileUrl"))
{
}

bool InvitationsReader::next(InvitationRow& row)
{
  if (!next_record()) return false;
  const auto& f = record_.fields;
  row.line = record_.line;
  row.from = text::trim(f[from_]);
  row.to = text::trim(f[to_]);
  row.message = f[message_];
  row.from_url = text::trim(field(record_, from_url_));
  row.to_url = text::trim(field(record_, to_url_));
  const auto direction = parse_direction(f[direction_]);
  if (!direction) bad_value(reader_, row.line, "direction must be INCOMING or OUTGOING", f[direction_]);
  row.direction = *direction;
  row.sent_at = not_after(reader_, row.line, "Sent At", f[sent_at_],
                          pacific_instant(reader_, row.line, "Sent At", f[sent_at_]), made_by_);
  return true;
}

namespace {

// Connections.csv may start with a `Notes:` line and a quoted paragraph before the real header.
Header read_connections_header(csv::Reader& reader, csv::Record& record)
{
  for (int skipped = 0; skipped < 8; ++skipped) {
    if (!reader.next(record)) break;
    Header header(record, reader.name());
    if (header.has("First Name") || header.has("Connected On")) return header;
    const std::string_view first = record.fields.empty() ? "" : text::trim(record.fields[0]);
    if (skipped == 0 && !first.starts_with("Notes:")) return header; // let require() say what is missing
  }
  throw InputError(reader.name(), reader.line(),
                   Message(N_("no header line (First Name, Last Name, …, Connected On) found")));
}

} // namespace

ConnectionsReader::ConnectionsReader(csv::Reader& reader, std::optional<datetime::UnixSeconds> made_by)
  : FileReader(reader, made_by, read_connections_header), first_(header_.require("First Name")),
    last_(header_.require("Last Name")), connected_on_(header_.require("Connected On")), url_(header_.find("URL")),
    email_(header_.find("Email Address")), company_(header_.find("Company")), position_(header_.find("Position"))
{
}

bool ConnectionsReader::next(ConnectionRow& row)
{
  if (!next_record()) return false;
  const auto& f = record_.fields;
  row.line = record_.line;
  row.first_name = text::trim(f[first_]);
  row.last_name = text::trim(f[last_]);
  row.url = text::trim(field(record_, url_));
  row.email = text::trim(field(record_, email_));
  row.company = text::trim(field(record_, company_));
  row.position = text::trim(field(record_, position_));
  row.hidden = row.first_name.empty() && row.last_name.empty() && row.url.empty() && row.email.empty();
  const std::string_view date = f[connected_on_];
  if (auto day = datetime::parse_day_month_year(date)) {
    row.connected_on = *day;
    row.connected_at.reset();
  } else if (auto stamp = datetime::parse_us_short(date)) {
    row.connected_on = *stamp;
    row.connected_at = datetime::pacific_to_utc(*stamp);
  } else {
    bad_date(reader_, row.line, "Connected On", date);
  }
  const auto& d = row.connected_on;
  not_after(reader_, row.line, "Connected On", date,
            row.connected_at.value_or(datetime::to_unix({d.year, d.month, d.day, 0, 0, 0})), made_by_);
  return true;
}

MessagesReader::MessagesReader(csv::Reader& reader, std::optional<datetime::UnixSeconds> made_by)
  : FileReader(reader, made_by, read_header), legacy_(!header_.has("CONVERSATION ID")), from_(header_.require("From")),
    to_(header_.require("To")), date_(header_.require("Date")), content_(header_.require("Content")),
    conversation_id_(header_.find("CONVERSATION ID")), conversation_title_(header_.find("CONVERSATION TITLE")),
    from_url_(header_.find("SENDER PROFILE URL")), to_urls_(header_.find("RECIPIENT PROFILE URLS")),
    subject_(header_.find("Subject")), folder_(header_.find("Folder")), draft_(header_.find("IS MESSAGE DRAFT")),
    direction_(header_.find("Direction"))
{
}

bool MessagesReader::next(MessageRow& row)
{
  if (!next_record()) return false;
  const auto& f = record_.fields;
  row.line = record_.line;
  row.conversation_id = text::trim(field(record_, conversation_id_));
  row.conversation_title = field(record_, conversation_title_);
  row.from = text::trim(f[from_]);
  row.from_url = text::trim(field(record_, from_url_));
  row.to = text::trim(f[to_]);
  row.to_urls = text::trim(field(record_, to_urls_));
  row.subject = field(record_, subject_);
  row.content = f[content_];
  row.folder = text::trim(field(record_, folder_));
  row.draft = text::ascii_lower(text::trim(field(record_, draft_))) == "yes";
  row.direction.reset();
  if (direction_) {
    const std::string_view d = f[*direction_];
    if (!text::trim(d).empty()) {
      row.direction = parse_direction(d);
      if (!row.direction) bad_value(reader_, row.line, "direction must be INCOMING or OUTGOING", d);
    }
  }
  const std::string_view date = f[date_];
  if (auto utc = datetime::parse_utc_stamp(date)) {
    row.sent_at = datetime::to_unix(*utc);
  } else if (legacy_ && datetime::parse_us_short(date)) {
    row.sent_at = pacific_instant(reader_, row.line, "Date", date);
  } else {
    bad_date(reader_, row.line, "DATE", date);
  }
  not_after(reader_, row.line, "DATE", date, row.sent_at, made_by_);
  return true;
}

} // namespace motivo::linkedin
