#include <motivo/app/classify_jsonl.hpp>
#include <motivo/app/json_views.hpp>
#include <motivo/app/jsonl.hpp>
#include <motivo/core/byte_record.hpp>
#include <motivo/core/classify/campaign_index.hpp>
#include <motivo/io/spool_file.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace motivo::app {

namespace {

// The input a chunk of whole lines at a time.
class LineChunks {
public:
  LineChunks(const ReadBytes& read, std::size_t chunk_bytes)
    : read_(read), chunk_(std::max<std::size_t>(chunk_bytes, 1))
  {
  }

  // The next lines (the last may lack its newline) and the number of the first; false at the end of the input.
  bool next(std::string_view& lines, std::size_t& first_line)
  {
    buffer_.erase(0, taken_);
    taken_ = 0;
    std::size_t searched = 0;
    for (;;) {
      if (buffer_.size() - searched < chunk_ && !end_) fill(searched + chunk_);
      const std::size_t newline = buffer_.rfind('\n');
      if (newline != std::string::npos && newline >= searched) {
        taken_ = newline + 1;
        break;
      }
      if (end_) {
        taken_ = buffer_.size();
        break;
      }
      searched = buffer_.size(); // a line longer than a chunk: read on until it ends
    }
    if (taken_ == 0) return false;
    lines = std::string_view(buffer_).substr(0, taken_);
    first_line = line_;
    const char* const end = lines.data() + lines.size();
    for (const char* at = lines.data();
         (at = static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at))));) {
      ++at;
      ++line_;
    }
    return true;
  }

private:
  // Reads until the buffer holds `size` bytes or the input ends.
  void fill(std::size_t size)
  {
    std::size_t used = buffer_.size();
    buffer_.resize(std::max(size, used));
    while (used < buffer_.size()) {
      const std::size_t n = read_(buffer_.data() + used, buffer_.size() - used);
      if (n == 0) {
        end_ = true;
        break;
      }
      used += n;
    }
    buffer_.resize(used);
  }

  const ReadBytes& read_;
  std::size_t chunk_;
  std::string buffer_;
  std::size_t taken_ = 0, line_ = 1;
  bool end_ = false;
};

constexpr const char* cut_short = "classify --jsonl: a chunk of pending notes is cut short";

// A chunk's notes as they wait for the campaigns, written into `frame` (its room kept from chunk to chunk: a buffer
// of megabytes freed and taken again for every chunk made the heap sort its free blocks each time): a header
// (notes, bytes of ids, bytes of pending results), each id as JSON text after its length, then what
// Classifier::analyse_chunk left (appended by it).
constexpr std::size_t frame_header = 3 * sizeof(std::uint64_t);

void write_frame(std::string& frame, const JsonlNotes& notes, const classify::Classifier& classifier,
                 classify::CampaignIndex& index)
{
  frame.clear();
  bytes::append<std::uint64_t>(frame, notes.ids.size());
  bytes::append<std::uint64_t>(frame, 0);
  bytes::append<std::uint64_t>(frame, 0);
  for (const std::string& id : notes.ids) {
    bytes::append(frame, static_cast<std::uint32_t>(id.size()));
    frame += id;
  }
  const std::uint64_t ids = frame.size() - frame_header;
  classifier.analyse_chunk(notes.notes, index, frame);
  const std::uint64_t pending = frame.size() - frame_header - ids;
  std::memcpy(frame.data() + sizeof(std::uint64_t), &ids, sizeof ids);
  std::memcpy(frame.data() + 2 * sizeof(std::uint64_t), &pending, sizeof pending);
}

// The frames in order: in memory up to a limit, then in a temporary file.
class Frames {
public:
  explicit Frames(const JsonlBatchSettings& settings) : settings_(settings) {}

  void add(const std::string& frame)
  {
    if (!spool_ && kept_ + frame.size() > settings_.keep_bytes) {
      spool_.emplace(settings_.spool_folder);
      for (const std::string& f : memory_) spool_->write(f);
      memory_.clear();
      memory_.shrink_to_fit();
    }
    if (spool_) {
      spool_->write(frame);
    } else {
      kept_ += frame.size();
      memory_.push_back(frame);
    }
  }

  // Then each frame in turn, into `out`; false after the last.
  bool next(std::string& out)
  {
    if (!spool_) {
      if (read_ == memory_.size()) return false;
      out = std::move(memory_[read_++]);
      return true;
    }
    if (!reading_) {
      spool_->rewind();
      reading_ = true;
    }
    out.clear();
    if (!spool_->read(frame_header, out)) return false;
    std::string_view h = out;
    bytes::read<std::uint64_t>(h, cut_short);
    const auto ids = bytes::read<std::uint64_t>(h, cut_short), pending = bytes::read<std::uint64_t>(h, cut_short);
    spool_->read(ids + pending, out);
    return true;
  }

private:
  const JsonlBatchSettings& settings_;
  std::vector<std::string> memory_;
  std::size_t kept_ = 0, read_ = 0;
  std::optional<io::SpoolFile> spool_;
  bool reading_ = false;
};

} // namespace

namespace {

// Every chunk of the input analysed in order into `frames`. The next chunk is read and parsed on a thread of its own
// while this one is analysed: reading and parsing would otherwise leave every core but one idle. Only the first
// chunk, which nothing overlaps, is parsed on every core: the others are parsed by that one thread, as the analysis
// has the cores (more threads allocating at once kept more of the heap: 192 MB instead of 140 at the peak on
// 1,000,000 invitations).
void analyse_input(const classify::Classifier& classifier, const ReadBytes& read, const std::string& name,
                   const JsonlBatchSettings& settings, classify::CampaignIndex& index, Frames& frames)
{
  LineChunks input(read, settings.chunk_bytes);
  const auto next_chunk = [&](unsigned cores) -> std::optional<JsonlNotes> {
    std::string_view lines;
    std::size_t first_line = 0;
    if (!input.next(lines, first_line)) return std::nullopt;
    return read_jsonl_notes(lines, name, false, first_line, cores);
  };
  std::string frame;
  std::future<std::optional<JsonlNotes>> ahead = std::async(std::launch::deferred, next_chunk, 8u);
  for (std::optional<JsonlNotes> notes = ahead.get(); notes; notes = ahead.get()) {
    ahead = std::async(std::launch::async, next_chunk, 1u);
    write_frame(frame, *notes, classifier, index);
    frames.add(frame);
  }
}

// A frame's ids, in order.
void read_ids(std::string_view& rest, std::vector<std::string_view>& ids)
{
  const auto count = bytes::read<std::uint64_t>(rest, cut_short);
  const auto id_bytes = bytes::read<std::uint64_t>(rest, cut_short);
  bytes::read<std::uint64_t>(rest, cut_short);
  std::string_view id_part = rest.substr(0, id_bytes);
  rest.remove_prefix(id_part.size());
  ids.clear();
  while (!id_part.empty()) ids.push_back(bytes::read_text(id_part, cut_short));
  if (ids.size() != count) throw std::runtime_error(cut_short);
}

} // namespace

void classify_jsonl(const classify::Classifier& classifier, const ReadBytes& read, const std::string& name,
                    const WriteBytes& write, const JsonlBatchSettings& settings)
{
  classify::CampaignIndex index;
  Frames frames(settings);
  analyse_input(classifier, read, name, settings, index, frames);
  index.finish();
  // Each frame's lines are written a block at a time on every core (label_pending), then written in order. A block's
  // text has a cache line of its own: threads appending to neighbouring strings made no use of the second core.
  constexpr std::size_t lines_a_block = 1024;
  struct alignas(64) Lines {
    std::string text;
  };
  std::string frame;
  std::vector<std::string_view> ids;
  std::vector<Lines> blocks;
  std::size_t first = 0;
  while (frames.next(frame)) {
    std::string_view rest = frame;
    read_ids(rest, ids);
    blocks.resize((ids.size() + lines_a_block - 1) / lines_a_block);
    for (Lines& b : blocks) b.text.clear();
    const std::size_t given =
        classifier.label_pending(rest, first, index, lines_a_block, [&](std::size_t i, const classify::Result& r) {
          const std::size_t k = i - first;
          if (k >= ids.size()) throw std::runtime_error(cut_short);
          append_classification_line(blocks[k / lines_a_block].text, ids[k], r);
        });
    if (given != ids.size()) throw std::runtime_error(cut_short);
    for (const Lines& b : blocks) write(b.text);
    first += ids.size();
  }
}

} // namespace motivo::app
