// SPDX-License-Identifier: Apache-2.0
#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace crm::cli {

namespace {
constexpr std::size_t bar_width = 30;
constexpr auto redraw_every = std::chrono::milliseconds(100);
}  // namespace

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), terminal_(::isatty(STDERR_FILENO) == 1) {
  if (terminal_) draw();
}

Progress::~Progress() {
  draw();
  std::fputc('\n', stderr);
}

void Progress::step() {
  ++done_;
  if (!terminal_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < redraw_every) return;
  last_draw_ = now;
  draw();
}

void Progress::draw() const {
  const std::size_t filled = total_ == 0 ? bar_width : done_ * bar_width / total_;
  std::string bar(filled, '#');
  bar.resize(bar_width, '.');
  std::fprintf(stderr, "%s%-22s [%s] %zu/%zu", terminal_ ? "\r" : "", label_.c_str(), bar.c_str(), done_, total_);
  std::fflush(stderr);
}

}  // namespace crm::cli
