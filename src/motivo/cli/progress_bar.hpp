#pragma once

#include <motivo/app/import.hpp>

#include <chrono>
#include <cstdio>

namespace motivo::cli {

// A one-line progress bar redrawn on a terminal (stderr), at most ten times a second.
class ProgressBar : public app::ProgressSink {
public:
  explicit ProgressBar(std::FILE* out) : out_(out) {}
  void update(std::uint64_t done, std::uint64_t total, std::string_view file) override;
  void finish() override;

private:
  std::FILE* out_;
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

} // namespace motivo::cli
