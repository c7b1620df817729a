#pragma once

#include <sched.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace motivo {

// The cores this process may run on (its CPU affinity: `taskset`, a container's cpuset), at most `cap`, at least 1.
// std::thread::hardware_concurrency counts every core of the machine: more threads than allowed cores only take
// turns on them, each with its own scratch buffers and heap arena.
inline unsigned usable_cores(unsigned cap)
{
  unsigned n = std::thread::hardware_concurrency();
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) n = static_cast<unsigned>(CPU_COUNT(&set));
  return std::clamp(n, 1u, std::max(cap, 1u));
}

// Runs work(i) for every i below n: from `parallel_from` items on, on every core allowed (at most 8), in blocks of
// `block` consecutive indices taken in turn (threads writing neighbouring results would share cache lines); fewer
// items on the calling thread alone. The first exception thrown is rethrown once every thread has stopped.
template <typename Work>
void in_parallel(std::size_t n, const Work& work, std::size_t parallel_from = 4096, std::size_t block = 512)
{
  const unsigned workers = n >= parallel_from ? usable_cores(8) : 1;
  if (workers == 1) {
    for (std::size_t i = 0; i < n; ++i) work(i);
    return;
  }
  std::vector<std::thread> threads;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::atomic<std::size_t> next{0};
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      try {
        for (std::size_t from = next.fetch_add(block); from < n; from = next.fetch_add(block)) {
          for (std::size_t i = from; i < std::min(from + block, n); ++i) work(i);
        }
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

} // namespace motivo
