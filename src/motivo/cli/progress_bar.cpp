#include <motivo/cli/progress_bar.hpp>
#include <motivo/cli/terminal.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace motivo::cli {

void ProgressBar::update(std::uint64_t done, std::uint64_t total, std::string_view file)
{
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  constexpr int width = 30;
  const double fraction = total ? std::min(1.0, static_cast<double>(done) / static_cast<double>(total)) : 0.0;
  const int filled = static_cast<int>(fraction * width);
  const std::size_t slash = file.find_last_of("/:");
  bool split = false; // the bar writes to raw standard error: the member's name is guarded here
  const std::string shown = terminal_safe(slash == std::string_view::npos ? file : file.substr(slash + 1), split);
  fmt::print(out_, "\r[{}{}] {:3.0f}% {:<24.24}", std::string(static_cast<std::size_t>(filled), '#'),
             std::string(static_cast<std::size_t>(width - filled), '.'), fraction * 100, shown);
  std::fflush(out_);
}

void ProgressBar::finish()
{
  if (!drawn_) return;
  fmt::print(out_, "\r{:<70}\r", "");
  std::fflush(out_);
}

} // namespace motivo::cli
