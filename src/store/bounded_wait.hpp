// SPDX-License-Identifier: Apache-2.0
#pragma once
// The one way the stores wait for each other: for a condition an atomic
// operation makes true (the write slot free, the readers gone), at most a
// timeout, sleeping on a condition variable only when the condition is not
// true at once. The TransactionGate and the memory store's SharedLatch both
// take and release uncontended with a single atomic operation, and wait here.
//
// Waiters count themselves in `waiting_` under the mutex before they check
// again, and wake() looks at `waiting_` after the caller changed the state,
// so a release between a check and the sleep is never missed (sequentially
// consistent atomics).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace crm::detail {

class BoundedWait {
 public:
  // True as soon as try_take() is; false once `timeout` has passed without.
  template <class TryTake>
  bool until(std::chrono::milliseconds timeout, TryTake try_take) {
    if (try_take()) return true;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::unique_lock lock(mutex_);
    ++waiting_;
    const bool taken = changed_.wait_until(lock, deadline, try_take);
    --waiting_;
    return taken;
  }

  // After a release: wakes the waiters, if any, to try again.
  void wake() noexcept {
    if (waiting_.load() == 0) return;
    std::lock_guard lock(mutex_);
    changed_.notify_all();
  }

 private:
  std::atomic<int> waiting_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
};

}  // namespace crm::detail
