#pragma once

#include <motivo/core/classify/classifier.hpp>

#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::app {

// Strings copied into blocks of 1 MiB that never move, so a view of one stays valid while more are added: a
// million notes' texts cost their bytes, not three std::string headers and a heap block each (docs/PERFORMANCE.md).
class TextBlocks {
public:
  // A view of a copy of `s` (never a null pointer, even when `s` is empty).
  std::string_view add(std::string_view s);
  // Takes `other`'s blocks; views into them stay valid.
  void take(TextBlocks&& other);

private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0, room_ = 0; // in the last block
};

// Notes read from JSON Lines: {"id", "text", "sender", "recipient"} and, for evaluation, "label" and "language".
// The strings are owned here; `notes` views them.
struct JsonlNotes {
  std::vector<std::string> ids; // each id as JSON text (a line without one: its line number)
  TextBlocks texts;             // the notes' texts, senders and recipients
  std::vector<classify::Label> gold;
  std::vector<std::string> gold_language;
  std::vector<classify::Note> notes;

  void append(JsonlNotes&& other);
};

// Reads every line of `in` (blank lines skipped). A line that is not a JSON object with a string "text" is an
// InputError naming `name` and the line; with `labelled`, "label" must be one of the five labels. `data`'s first
// line is line `first_line` of `name` (a part of a larger input: the errors' line numbers, the ids of notes without
// one).
// `cores`: how many threads may parse a large input (at most the cores allowed).
JsonlNotes read_jsonl_notes(std::string_view data, const std::string& name, bool labelled, std::size_t first_line = 1,
                            unsigned cores = 8);
JsonlNotes read_jsonl_notes(std::istream& in, const std::string& name, bool labelled);

namespace detail {
// The common line is read by a scanner of our own (a tenth of classify --jsonl's time), anything else by
// nlohmann's parser. True when the scanner leaves `line` to nlohmann, or reads it as nlohmann does: the same
// fields, kinds and values (fuzz/fuzz_jsonl checks it on every input).
bool jsonl_readers_agree(std::string_view line);
} // namespace detail

} // namespace motivo::app
