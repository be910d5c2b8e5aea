// SPDX-License-Identifier: Apache-2.0
#pragma once
// Runs a call that must not hang on a thread of its own and waits for it a
// bounded time, so a test of "no call waits forever" fails instead of
// hanging the suite. A call still running at the limit cannot be stopped: it
// is left behind (detached) and the test fails.

#include <gtest/gtest.h>

#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <thread>

namespace crm::test {

// How long a call that must finish may take before it counts as a hang:
// generous, so a loaded machine (or a sanitizer build) never trips it.
inline constexpr std::chrono::seconds hang_limit{20};

// Runs call() and returns whether it finished within `limit`; an exception
// it throws is rethrown here.
template <class F>
bool finishes_within(std::chrono::milliseconds limit, F&& call) {
  auto task = std::make_shared<std::packaged_task<void()>>(std::forward<F>(call));
  auto done = task->get_future();
  std::thread([task] { (*task)(); }).detach();
  if (done.wait_for(limit) != std::future_status::ready) {
    ADD_FAILURE() << "the call did not finish within " << limit.count() << " ms: it hangs";
    return false;
  }
  done.get();
  return true;
}

template <class F>
bool finishes(F&& call) {
  return finishes_within(std::chrono::duration_cast<std::chrono::milliseconds>(hang_limit), std::forward<F>(call));
}

}  // namespace crm::test
