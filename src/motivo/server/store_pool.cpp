#include <motivo/server/server.hpp>

#include <algorithm>

namespace motivo::server {

StorePool::StorePool(std::function<std::unique_ptr<store::Store>()> open, std::size_t size)
  : open_(std::move(open)), size_(std::max<std::size_t>(size, 1))
{
}

StorePool::~StorePool() = default;

StorePool::Lease StorePool::lease()
{
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || opened_ < size_; });
  if (!idle_.empty()) {
    auto store = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(store));
  }
  ++opened_;
  lock.unlock();
  try {
    return Lease(*this, open_());
  } catch (...) {
    const std::lock_guard again(mutex_);
    --opened_;
    returned_.notify_one();
    throw;
  }
}

StorePool::Lease::~Lease()
{
  if (!store_) return;
  const std::lock_guard lock(pool_.mutex_);
  pool_.idle_.push_back(std::move(store_));
  pool_.returned_.notify_one();
}

} // namespace motivo::server
