#include <motivo/core/csv.hpp>
#include <motivo/core/error.hpp>
#include <motivo/core/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace motivo::csv {

namespace {
enum class State { field_start, unquoted, quoted, after_quote };
} // namespace

Reader::Reader(ByteSource& source, std::string name, Limits limits)
  : source_(source), name_(std::move(name)), limits_(limits)
{
}

void Reader::fail(std::uint64_t line, const Message& message) const
{
  throw InputError(name_, line, message);
}

namespace {

// A UTF-16 byte order mark (either order), or an ASCII character and a NUL byte in either order at the start:
// how spreadsheets and Windows' "Unicode text" write files.
bool looks_utf16(std::string_view start)
{
  if (start.starts_with("\xFF\xFE") || start.starts_with("\xFE\xFF")) return true;
  const auto a = static_cast<unsigned char>(start[0]);
  const auto b = static_cast<unsigned char>(start[1]);
  return (a == 0) != (b == 0) && (a | b) < 0x80;
}

} // namespace

bool Reader::refill()
{
  if (eof_) return false;
  const std::size_t buffer_size = std::max<std::size_t>(limits_.buffer_bytes, 16);
  if (buffer_.size() != buffer_size) buffer_.resize(buffer_size);
  std::size_t n = source_.read(buffer_.data(), buffer_.size());
  if (!started_) {
    // Look at the first three bytes, however the source hands them out, for a byte order mark.
    started_ = true;
    while (n > 0 && n < 3) {
      const std::size_t more = source_.read(buffer_.data() + n, buffer_.size() - n);
      if (more == 0) break;
      n += more;
    }
    if (n >= 2 && looks_utf16(std::string_view(buffer_.data(), n))) {
      fail(1, Message(N_("UTF-16 text: save as UTF-8")));
    }
    if (n >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) {
      pos_ = 3;
      end_ = n;
      consumed_ += n;
      return true;
    }
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  pos_ = 0;
  end_ = n;
  consumed_ += n;
  return true;
}

void Reader::end_field()
{
  if (bounds_.size() >= limits_.max_fields) {
    fail(line_, Message(N_("more than {} fields in one record (starting {})"), limits_.max_fields,
                        quote_value(std::string_view(data_).substr(0, bounds_.empty() ? 0 : bounds_[0]))));
  }
  bounds_.push_back(data_.size());
}

std::size_t Reader::skip_blank_lines(const char* p, const char* e)
{
  bool cr = false;
  for (; p < e && (*p == '\n' || *p == '\r'); ++p) {
    if (*p == '\r') {
      ++line_;
      cr = true;
    } else if (cr) {
      cr = false; // the LF of a CRLF
    } else {
      ++line_;
    }
  }
  pending_cr_ = cr;
  return static_cast<std::size_t>(p - buffer_.data());
}

bool Reader::next(Record& record)
{
  for (;;) {
    data_.clear();
    bounds_.clear();
    State state = State::field_start;
    std::uint64_t start_line = line_;
    bool any = false; // the record has content: a blank line does not count as a record
    bool done = false;
    while (!done) {
      if (pos_ == end_ && !refill()) {
        if (state == State::quoted) fail(start_line, Message(N_("unterminated quoted field")));
        if (!any && data_.empty() && bounds_.empty()) return false;
        end_field();
        break;
      }
      if (pending_cr_) {
        pending_cr_ = false;
        if (buffer_[pos_] == '\n') {
          ++pos_;
          continue;
        }
      }
      if (data_.size() > limits_.max_record_bytes) {
        fail(start_line, Message(N_("record longer than {} bytes"), limits_.max_record_bytes));
      }
      const char* p = buffer_.data() + pos_;
      const char* e = buffer_.data() + end_;
      switch (state) {
      case State::field_start:
        if (bounds_.empty() && (*p == '\n' || *p == '\r')) {
          // Blank lines before a record, skipped in one pass rather than one record each (a zip of blank lines
          // must not cost seconds per megabyte).
          pos_ = skip_blank_lines(p, e);
          start_line = line_;
          break;
        }
        if (*p == '"') {
          state = State::quoted;
          any = true;
          ++pos_;
        } else {
          state = State::unquoted;
        }
        break;
      case State::unquoted: {
        const char* q = p;
        while (q < e && *q != ',' && *q != '\n' && *q != '\r') ++q;
        if (q > p) any = true;
        data_.append(p, q);
        pos_ = static_cast<std::size_t>(q - buffer_.data());
        if (q == e) break;
        ++pos_;
        end_field();
        if (*q == ',') {
          any = true;
          state = State::field_start;
        } else {
          ++line_;
          pending_cr_ = *q == '\r';
          done = true;
        }
        break;
      }
      case State::quoted: {
        const void* q = std::memchr(p, '"', static_cast<std::size_t>(e - p));
        const char* stop = q ? static_cast<const char*>(q) : e;
        line_ += static_cast<std::uint64_t>(std::count(p, stop, '\n'));
        data_.append(p, stop);
        pos_ = static_cast<std::size_t>(stop - buffer_.data());
        if (q) {
          ++pos_;
          state = State::after_quote;
        }
        break;
      }
      case State::after_quote: {
        const char c = *p;
        ++pos_;
        if (c == '"') {
          data_ += '"';
          state = State::quoted;
        } else if (c == ',') {
          end_field();
          state = State::field_start;
        } else if (c == '\n' || c == '\r') {
          end_field();
          ++line_;
          pending_cr_ = c == '\r';
          done = true;
        } else {
          fail(line_, Message(N_("unexpected character after a closing quote ({})"),
                              quote_value(
                                  std::string_view(p, static_cast<std::size_t>(std::min<std::ptrdiff_t>(e - p, 20))))));
        }
        break;
      }
      }
    }
    if (!any && bounds_.size() == 1 && bounds_[0] == 0) continue; // a blank line
    record.line = start_line;
    record.fields.clear();
    std::size_t begin = 0;
    for (const std::size_t end : bounds_) {
      record.fields.emplace_back(data_.data() + begin, end - begin);
      begin = end;
    }
    check_record(record);
    return true;
  }
}

void Reader::check_record(const Record& record) const
{
  const std::string_view all(data_);
  if (const void* nul = std::memchr(all.data(), '\0', all.size())) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - all.data());
    const auto line = record.line + static_cast<std::uint64_t>(std::count(all.begin(), all.begin() + offset, '\n'));
    fail(line, Message(N_("binary data (a NUL byte): this is not a CSV text file")));
  }
  if (const std::size_t bad = utf8::find_invalid(all); bad != std::string_view::npos) {
    const auto line = record.line + static_cast<std::uint64_t>(std::count(all.begin(), all.begin() + bad, '\n'));
    fail(line,
         Message(N_("invalid UTF-8 (byte 0x{:02x}); save the file as UTF-8"), static_cast<unsigned char>(all[bad])));
  }
}

namespace {

// -3, +1.5, 42: nothing a spreadsheet runs, and a number it should keep.
bool plain_number(std::string_view value)
{
  if (!value.empty() && (value[0] == '-' || value[0] == '+')) value.remove_prefix(1);
  const std::size_t dot = value.find('.');
  const std::string_view whole = value.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "0" : value.substr(dot + 1);
  const auto digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return digits(whole) && digits(fraction);
}

// A lone "-" or "+" (a placeholder LinkedIn writes for an empty last name or position) is text to a spreadsheet.
bool formula_like(std::string_view value)
{
  return !value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos && value != "-" &&
         value != "+" && !plain_number(value);
}

} // namespace

std::string field(std::string_view value)
{
  const std::string_view neutral = formula_like(value) ? "'" : "";
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(neutral) + std::string(value);
  std::string out = "\"" + std::string(neutral);
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string row(const std::vector<std::string>& fields)
{
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += field(fields[i]);
  }
  return out + "\n";
}

} // namespace motivo::csv
