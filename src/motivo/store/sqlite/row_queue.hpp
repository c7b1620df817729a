#pragma once

#include <motivo/core/model.hpp>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

namespace motivo::store::sqlite {

// A person made by the import, with the id the session gave it.
struct PersonRow {
  PersonId id = 0;
  std::string_view name, name_key, slug;
};
// A profile slug learned for a person stored without one.
struct SlugRow {
  PersonId id = 0;
  std::string_view slug;
};
using QueuedRow = std::variant<PersonRow, SlugRow, InvitationRecord, MessageRecord, ConnectionRecord>;

// Rows handed from the thread that reads an export to one that writes them to SQLite, so that parsing and
// writing share the two cores (docs/PERFORMANCE.md). Rows travel in batches whose texts are copied into the
// batch's own buffer, at most two batches waiting: the queue's memory is bounded whatever the export's size.
// The writer runs the rows in the order they were pushed, one at a time, on its own thread; the pushing thread
// must not use the database until drain() has returned. An error in the writer stops it; drain() and the next
// push() that hands over a batch then throw it in the pushing thread, and the rows after it are never written.
class RowQueue {
public:
  using Writer = std::function<void(const QueuedRow&)>;
  explicit RowQueue(Writer write);
  ~RowQueue(); // stops the writer after the row it is on; rows not yet written are dropped
  RowQueue(const RowQueue&) = delete;
  RowQueue& operator=(const RowQueue&) = delete;

  void push(const QueuedRow& row);
  // Returns once every row pushed so far is written.
  void drain();

private:
  struct Batch {
    std::unique_ptr<char[]> text;
    std::size_t capacity = 0, used = 0;
    std::vector<QueuedRow> rows;
  };
  void send_current();
  void run();
  void rethrow_locked();

  Writer write_;
  std::unique_ptr<Batch> current_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Batch>> waiting_; // oldest first
  std::vector<std::unique_ptr<Batch>> spare_;   // written, to be filled again
  bool writing_ = false;
  std::atomic<bool> stop_ = false; // also read by the writer between rows
  std::exception_ptr error_;
  std::thread thread_;
};

} // namespace motivo::store::sqlite
