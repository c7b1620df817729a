#pragma once

#include <chrono>
#include <string>

namespace motivo::cli {

// "30s", "15m", "2h", or a number of minutes: the interval of --watch (CLI::ValidationError otherwise).
std::chrono::seconds parse_interval(const std::string& text);

// From now on Ctrl-C and SIGTERM end the watch at its next step instead of the process.
void stop_on_signals();
// Whether Ctrl-C or SIGTERM came.
bool stop_requested();
// Waits `interval`, a second at a time; false when a stop came meanwhile.
bool wait_for_next_round(std::chrono::seconds interval);

} // namespace motivo::cli
