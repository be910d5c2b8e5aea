// SPDX-License-Identifier: Apache-2.0
#pragma once
// A progress bar on stderr: "loading customers  [#####.....] 2500/5000".
// On a terminal it is redrawn in place at most every 100 ms; otherwise only
// the finished bar is printed, so logs get one line per phase.

#include <chrono>
#include <cstddef>
#include <string>

namespace crm::cli {

class Progress {
 public:
  Progress(std::string label, std::size_t total);
  ~Progress();  // finishes the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void step();

 private:
  void draw() const;

  std::string label_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool terminal_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace crm::cli
