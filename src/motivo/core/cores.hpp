#pragma once

#include <sched.h>

#include <algorithm>
#include <thread>

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

} // namespace motivo
