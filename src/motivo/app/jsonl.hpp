#pragma once

#include <motivo/core/classify/classifier.hpp>

#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace motivo::app {

// Notes read from JSON Lines: {"id", "text", "sender", "recipient"} and, for evaluation, "label" and "language".
// The strings are owned here; `notes` views them.
struct JsonlNotes {
  std::vector<std::string> ids; // each id as JSON text (a line without one: its line number)
  std::vector<std::string> texts, senders, recipients;
  std::vector<classify::Label> gold;
  std::vector<std::string> gold_language;
  std::vector<classify::Note> notes;

  void append(JsonlNotes&& other);
  void rebuild_views();
};

// Reads every line of `in` (blank lines skipped). A line that is not a JSON object with a string "text" is an
// InputError naming `name` and the line; with `labelled`, "label" must be one of the five labels.
JsonlNotes read_jsonl_notes(std::string_view data, const std::string& name, bool labelled);
JsonlNotes read_jsonl_notes(std::istream& in, const std::string& name, bool labelled);

namespace detail {
// The common line is read by a scanner of our own (a tenth of classify --jsonl's time), anything else by
// nlohmann's parser. True when the scanner leaves `line` to nlohmann, or reads it as nlohmann does: the same
// fields, kinds and values (fuzz/fuzz_jsonl checks it on every input).
bool jsonl_readers_agree(std::string_view line);
} // namespace detail

} // namespace motivo::app
