#pragma once

#include <motivo/core/csv.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/linkedin/header.hpp>
#include <motivo/core/model.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace motivo::linkedin {

// One row of Invitations.csv. Views point into the CSV reader until its next record.
struct InvitationRow {
  std::uint64_t line = 0;
  std::string_view from, to, message, from_url, to_url;
  Direction direction = Direction::incoming;
  datetime::UnixSeconds sent_at = 0; // converted from US Pacific wall time
};

// One row of Connections.csv.
struct ConnectionRow {
  std::uint64_t line = 0;
  std::string_view first_name, last_name, url, email, company, position;
  datetime::CivilTime connected_on;                  // the date (and time, when given) as printed
  std::optional<datetime::UnixSeconds> connected_at; // UTC, when the export gives a time
  bool hidden = false;                               // no name, no URL, no e-mail: a hidden profile
};

// One row of messages.csv (any of the layouts since 2018).
struct MessageRow {
  std::uint64_t line = 0;
  std::string_view conversation_id, conversation_title, from, from_url, to, to_urls, subject, content, folder;
  datetime::UnixSeconds sent_at = 0;
  bool draft = false;
  std::optional<Direction> direction; // the 2018 layout says it; later ones do not
};

// Readers of the three files. Each reads the header on construction (skipping the `Notes:` preamble of
// Connections.csv), binds the columns by name and turns every record into a typed row; a missing column, a
// malformed record or an impossible value throws InputError naming the file, the line and the value. Given
// `made_by` (when the export was made at the latest: export_made_by, else now), a date later than it by more than
// export_date_tolerance is impossible too (`1/2/99` is 2099, and would make every later export look older).
// What the three readers share: the CSV reader, its header (read on construction by the function given), the
// current record and the latest time a row may have.
class FileReader {
protected:
  using ReadHeader = Header (*)(csv::Reader&, csv::Record&);
  FileReader(csv::Reader& reader, std::optional<datetime::UnixSeconds> made_by, ReadHeader read);
  // Reads the next record and checks its width against the header; false at the end of the file.
  bool next_record();

  csv::Reader& reader_;
  std::optional<datetime::UnixSeconds> made_by_;
  csv::Record record_;
  Header header_;
};

class InvitationsReader : FileReader {
public:
  explicit InvitationsReader(csv::Reader& reader, std::optional<datetime::UnixSeconds> made_by = std::nullopt);
  bool next(InvitationRow& row);

private:
  std::size_t from_, to_, sent_at_, message_, direction_;
  std::optional<std::size_t> from_url_, to_url_;
};

class ConnectionsReader : FileReader {
public:
  explicit ConnectionsReader(csv::Reader& reader, std::optional<datetime::UnixSeconds> made_by = std::nullopt);
  bool next(ConnectionRow& row);

private:
  std::size_t first_, last_, connected_on_;
  std::optional<std::size_t> url_, email_, company_, position_;
};

class MessagesReader : FileReader {
public:
  explicit MessagesReader(csv::Reader& reader, std::optional<datetime::UnixSeconds> made_by = std::nullopt);
  bool next(MessageRow& row);
  // True for the 2018 layout (From,To,Date,Subject,Content,Direction,Folder).
  bool legacy() const { return legacy_; }

private:
  bool legacy_ = false;
  std::size_t from_, to_, date_, content_;
  std::optional<std::size_t> conversation_id_, conversation_title_, from_url_, to_urls_, subject_, folder_, draft_,
      direction_;
};

} // namespace motivo::linkedin
