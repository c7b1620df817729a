#pragma once

#include <motivo/core/byte_source.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace motivo::mail {

// Splits an mbox into its messages as it reads, in bounded memory whatever the messages hold: a message starts
// after a line beginning "From " (the separator of every mbox variant, and the one GMime's parser draws), and only
// its first `keep` bytes are held. In the bytes kept, a line the mboxrd convention quoted (">From ", ">>From ", ...)
// loses one '>'. Bytes before the first "From " line are not a message (GMime skips them too).
class MboxReader {
public:
  MboxReader(ByteSource& source, std::size_t keep);

  // The next message: its first `keep` bytes (without its "From " line) in `head`, and in `size` the bytes it
  // has in the file. False at the end. Throws what the source throws.
  bool next(std::string& head, std::uint64_t& size);
  // Whether something other than blank lines came before the first "From " line (a file that is not an mbox,
  // when no message follows).
  bool text_before_first() const { return text_before_first_; }

private:
  bool fill(std::size_t wanted);
  bool at_end();
  bool at_from_line();
  template <typename Take>
  void take_line(Take&& take);

  ByteSource& source_;
  std::size_t keep_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0, end_ = 0; // the bytes read and not yet taken
  bool eof_ = false;
  bool started_ = false; // the first "From " line was found
  bool text_before_first_ = false;
};

// Takes one '>' from each line of `message` that mboxrd quoted: ">From " becomes "From ", ">>From " ">From ".
void unquote_from_lines(std::string& message);

} // namespace motivo::mail
