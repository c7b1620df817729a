#pragma once

#include <motivo/core/classify/classifier.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace motivo::app {

// How classify_jsonl holds a large batch (docs/PERFORMANCE.md, "classify --jsonl in bounded memory").
struct JsonlBatchSettings {
  // The input is read, parsed and analysed this many bytes at a time (whole lines; a longer line is read whole).
  std::size_t chunk_bytes = 2 << 20;
  // What the notes leave for the end (Classifier::analyse_chunk) is held in memory up to this many bytes, then
  // written to a temporary file in `spool_folder` (io::SpoolFile: unnamed, mode 0600).
  std::size_t keep_bytes = 32 << 20;
  std::string spool_folder = "/tmp";
};

// Bytes of input: like fread, up to `size` bytes into `buffer`, 0 at the end.
using ReadBytes = std::function<std::size_t(char* buffer, std::size_t size)>;
using WriteBytes = std::function<void(std::string_view)>;

// classify --jsonl: the notes `read` gives as JSON Lines (read_jsonl_notes' lines and errors, `name` naming the input)
// classified as one batch, campaigns found across all of them; one line per note (append_classification_line)
// written through `write` in input order, in pieces of about 1 MiB. The output is that of one classify_batch over
// every note, but memory does not grow with the input beyond the campaign index (a few bytes a note): each chunk is
// analysed once, and what its notes leave for the end is kept as bytes (in memory, then in the temporary file) until
// the campaigns are known. Nothing is written before the whole input has been read, so a bad line anywhere writes
// nothing.
void classify_jsonl(const classify::Classifier& classifier, const ReadBytes& read, const std::string& name,
                    const WriteBytes& write, const JsonlBatchSettings& settings = {});

} // namespace motivo::app
