#include <motivo/cli/watch.hpp>

#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <thread>

namespace motivo::cli {

namespace {

std::atomic<bool> stop{false};

void request_stop(int)
{
  stop = true;
}

} // namespace

std::chrono::seconds parse_interval(const std::string& text)
{
  std::size_t end = 0;
  long value = 0;
  try {
    value = std::stol(text, &end);
  } catch (...) {
    end = 0;
  }
  const std::string unit = text.substr(end);
  long factor = 0;
  if (unit.empty() || unit == "m" || unit == "min")
    factor = 60;
  else if (unit == "s")
    factor = 1;
  else if (unit == "h")
    factor = 3600;
  if (end == 0 || factor == 0 || value <= 0)
    throw CLI::ValidationError("--watch", "an interval such as 30s, 15m or 1h (\"" + text + "\")");
  return std::chrono::seconds(value * factor);
}

void stop_on_signals()
{
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
}

bool stop_requested()
{
  return stop;
}

bool wait_for_next_round(std::chrono::seconds interval)
{
  for (auto waited = std::chrono::seconds(0); waited < interval && !stop; waited += std::chrono::seconds(1))
    std::this_thread::sleep_for(std::chrono::seconds(1));
  return !stop;
}

} // namespace motivo::cli
