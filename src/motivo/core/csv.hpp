#pragma once

#include <motivo/core/byte_source.hpp>
#include <motivo/core/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::csv {

// One CSV record. The views point into the reader and stay valid until the next call to next().
struct Record {
  std::vector<std::string_view> fields;
  std::uint64_t line = 0; // physical line (1-based) where the record starts
};

struct Limits {
  std::size_t max_record_bytes = 64u << 20; // a LinkedIn message is at most a few KiB
  // LinkedIn's widest file has 16 columns. An empty field costs ~40 bytes of memory and no byte of the record, so
  // without this bound a zip of commas (1 MB) asks for tens of GiB.
  std::size_t max_fields = 1024;
  std::size_t buffer_bytes = 1u << 20; // read this much at a time (at least 16)
};

// A streaming RFC 4180 reader: fields separated by commas, optionally quoted with `"` (a quote inside a
// quoted field is doubled), records ended by LF, CRLF or CR. Quoted fields may hold newlines. A UTF-8 byte
// order mark at the start is skipped, blank lines are skipped, and every record is checked to be valid UTF-8
// without NUL bytes. Memory is bounded by one buffer plus the longest record (Limits: its bytes and its fields).
class Reader {
public:
  // `name` is used in error messages (InputError names the file and the line).
  Reader(ByteSource& source, std::string name, Limits limits = {});

  // Reads the next record into `record`. Returns false at the end of the input.
  bool next(Record& record);

  // How many bytes of the source were consumed so far.
  std::uint64_t bytes_consumed() const { return consumed_; }
  // The physical line the reader is at (for messages about the end of the input).
  std::uint64_t line() const { return line_; }
  const std::string& name() const { return name_; }

private:
  bool refill();
  [[noreturn]] void fail(std::uint64_t line, const Message& message) const;
  void end_field();
  std::size_t skip_blank_lines(const char* p, const char* e);
  void check_record(const Record& record) const;

  ByteSource& source_;
  std::string name_;
  Limits limits_;
  std::string buffer_;
  std::size_t pos_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  bool started_ = false;
  bool pending_cr_ = false;
  std::uint64_t consumed_ = 0;
  std::uint64_t line_ = 1;
  std::string data_;                // bytes of the current record's fields
  std::vector<std::size_t> bounds_; // end offset in data_ of each field
};

// The one CSV writer: every CSV file motivo writes (report --csv, export --anonymize) goes through these.

// A field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, quote, CR or LF. A value a
// spreadsheet would run as a formula — beginning with =, +, -, @, a tab or a CR, and neither a plain number such
// as -3 or +1.5 nor a lone - or + — is written with an apostrophe before it, as OWASP recommends ("'=1+2"): shown as
// text, never run.
std::string field(std::string_view value);

// One record: the fields as field() writes them, separated by commas, ended by a line feed.
std::string row(const std::vector<std::string>& fields);

} // namespace motivo::csv
