#include <motivo/store/sqlite/row_queue.hpp>

#include <algorithm>
#include <cstring>

namespace motivo::store::sqlite {

namespace {

constexpr std::size_t batch_bytes = std::size_t{256} * 1024;
constexpr std::size_t max_waiting = 2;

// Calls `f` on every text of a row (the fields that view the reader's buffer).
template <typename F>
void for_each_text(PersonRow& r, F&& f)
{
  f(r.name), f(r.name_key), f(r.slug);
}
template <typename F>
void for_each_text(SlugRow& r, F&& f)
{
  f(r.slug);
}
template <typename F>
void for_each_text(InvitationRecord& r, F&& f)
{
  f(r.from_name), f(r.to_name), f(r.from_url), f(r.to_url), f(r.message);
}
template <typename F>
void for_each_text(MessageRecord& r, F&& f)
{
  f(r.conversation_id), f(r.conversation_title), f(r.from_name), f(r.from_url), f(r.to_names), f(r.to_urls);
  f(r.subject), f(r.content), f(r.folder);
}
template <typename F>
void for_each_text(ConnectionRecord& r, F&& f)
{
  f(r.first_name), f(r.last_name), f(r.url), f(r.email), f(r.company), f(r.position);
}

} // namespace

RowQueue::RowQueue(Writer write) : write_(std::move(write)), thread_([this] { run(); })
{
}

RowQueue::~RowQueue()
{
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void RowQueue::push(const QueuedRow& row)
{
  QueuedRow copy = row;
  std::size_t bytes = 0;
  std::visit([&](auto& r) { for_each_text(r, [&](std::string_view& t) { bytes += t.size(); }); }, copy);
  if (current_ && current_->used + bytes > current_->capacity) send_current();
  if (!current_) {
    std::unique_lock lock(mutex_);
    rethrow_locked();
    if (!spare_.empty() && spare_.back()->capacity >= bytes) {
      current_ = std::move(spare_.back());
      spare_.pop_back();
    }
    lock.unlock();
    if (!current_) {
      auto batch = std::make_unique<Batch>();
      batch->capacity = std::max(batch_bytes, bytes); // a huge note gets a batch of its own size
      batch->text = std::make_unique_for_overwrite<char[]>(batch->capacity);
      current_ = std::move(batch); // only once whole: an allocation that throws leaves no half batch
    }
  }
  Batch& b = *current_;
  std::visit(
      [&](auto& r) {
        for_each_text(r, [&](std::string_view& t) {
          if (t.empty()) return; // stays empty (stored as NULL where the column allows it)
          char* at = b.text.get() + b.used;
          std::memcpy(at, t.data(), t.size());
          b.used += t.size();
          t = {at, t.size()};
        });
      },
      copy);
  b.rows.push_back(std::move(copy));
}

void RowQueue::send_current()
{
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return waiting_.size() < max_waiting || error_; });
  rethrow_locked();
  waiting_.push_back(std::move(current_));
  lock.unlock();
  changed_.notify_all();
}

void RowQueue::drain()
{
  if (current_ && !current_->rows.empty()) send_current();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return (waiting_.empty() && !writing_) || error_; });
  rethrow_locked();
}

void RowQueue::rethrow_locked()
{
  if (error_) std::rethrow_exception(error_);
}

void RowQueue::run()
{
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stop_ || !waiting_.empty(); });
    if (stop_) return;
    std::unique_ptr<Batch> batch = std::move(waiting_.front());
    waiting_.erase(waiting_.begin());
    writing_ = true;
    lock.unlock();
    changed_.notify_all(); // room for another batch
    std::exception_ptr error;
    try {
      for (const QueuedRow& row : batch->rows) {
        if (stop_) break; // the caller gave up (its error unwinds): the rest would be rolled back anyway
        write_(row);
      }
    } catch (...) {
      error = std::current_exception();
    }
    batch->rows.clear();
    batch->used = 0;
    lock.lock();
    writing_ = false;
    if (error) {
      error_ = error;
      waiting_.clear();
    } else if (batch->capacity == batch_bytes) {
      spare_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
}

} // namespace motivo::store::sqlite
