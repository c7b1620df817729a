#include <motivo/core/mail/mbox.hpp>

#include <algorithm>
#include <cstring>

namespace motivo::mail {

namespace {
// Reads of 256 KiB: splitting a 20,000-message mbox reads it at disk speed (bench/mail.sh).
constexpr std::size_t read_size = std::size_t{256} << 10;
constexpr std::string_view from_line = "From ";
} // namespace

MboxReader::MboxReader(ByteSource& source, std::size_t keep) : source_(source), keep_(keep), buffer_(read_size)
{
}

// Makes `wanted` bytes available from begin_ unless the source ends first; false when fewer are left.
bool MboxReader::fill(std::size_t wanted)
{
  while (end_ - begin_ < wanted && !eof_) {
    if (begin_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
      end_ -= begin_;
      begin_ = 0;
    }
    const std::size_t got = source_.read(buffer_.data() + end_, buffer_.size() - end_);
    if (got == 0)
      eof_ = true;
    else
      end_ += got;
  }
  return end_ - begin_ >= wanted;
}

bool MboxReader::at_end()
{
  return !fill(1);
}

bool MboxReader::at_from_line()
{
  return fill(from_line.size()) && std::string_view(buffer_.data() + begin_, from_line.size()) == from_line;
}

// Hands the rest of the current line, its '\n' included, to `take` in pieces as it is read: a line may be longer
// than the buffer.
template <typename Take>
void MboxReader::take_line(Take&& take)
{
  while (!at_end()) {
    const char* start = buffer_.data() + begin_;
    const auto* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    const std::size_t length = newline ? static_cast<std::size_t>(newline - start) + 1 : end_ - begin_;
    take(std::string_view(start, length));
    begin_ += length;
    if (newline) return;
  }
}

bool MboxReader::next(std::string& head, std::uint64_t& size)
{
  while (!started_ && !at_end()) {
    if (at_from_line()) {
      started_ = true;
      break;
    }
    take_line([&](std::string_view part) {
      text_before_first_ = text_before_first_ || part.find_first_not_of(" \t\r\n") != std::string_view::npos;
    });
  }
  if (at_end()) return false;
  take_line([](std::string_view) {}); // the "From " line
  head.clear();
  size = 0;
  while (!at_end() && !at_from_line()) {
    take_line([&](std::string_view part) {
      size += part.size();
      if (head.size() < keep_) head.append(part.substr(0, keep_ - head.size()));
    });
  }
  unquote_from_lines(head);
  return true;
}

void unquote_from_lines(std::string& message)
{
  std::size_t to = 0;
  for (std::size_t from = 0; from < message.size();) {
    // `from` starts a line.
    const std::size_t text = std::min(message.find_first_not_of('>', from), message.size());
    if (text > from && message.compare(text, from_line.size(), from_line) == 0) ++from;
    const std::size_t newline = message.find('\n', from);
    const std::size_t end = newline == std::string::npos ? message.size() : newline + 1;
    if (to != from)
      std::copy(message.begin() + static_cast<std::ptrdiff_t>(from), message.begin() + static_cast<std::ptrdiff_t>(end),
                message.begin() + static_cast<std::ptrdiff_t>(to));
    to += end - from;
    from = end;
  }
  message.resize(to);
}

} // namespace motivo::mail
