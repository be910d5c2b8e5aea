// SPDX-License-Identifier: Apache-2.0
#pragma once
// A readers-writer lock for the memory store whose waits are bounded (a
// wait past the busy timeout is Errc::busy) and whose writer side may be
// released by a thread other than the one that took it: a transaction
// rolled back for its owner (store/owner.hpp) ends on another thread, which
// std::shared_mutex does not allow.
//
// Taking and releasing it uncontended is one atomic operation each, as for
// std::shared_mutex: every memory-store read goes through it. A thread that
// must wait waits in a BoundedWait.

#include <atomic>
#include <chrono>

#include "store/bounded_wait.hpp"
#include "store/transaction_gate.hpp"

namespace crm::detail {

class SharedLatch {
 public:
  explicit SharedLatch(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  void lock() {
    const bool taken = waits_.until(timeout_, [&] {
      long free = 0;
      return state_.compare_exchange_strong(free, writer);
    });
    if (!taken) throw_busy("the memory store, read by other threads,", timeout_);
  }
  void unlock() noexcept {
    state_.store(0);
    waits_.wake();
  }

  void lock_shared() {
    const bool taken = waits_.until(timeout_, [&] {
      for (long readers = state_.load(); readers != writer;)
        if (state_.compare_exchange_weak(readers, readers + 1)) return true;
      return false;
    });
    if (!taken) throw_busy("the memory store, held by another thread's write transaction,", timeout_);
  }
  void unlock_shared() noexcept {
    if (state_.fetch_sub(1) == 1) waits_.wake();
  }

 private:
  static constexpr long writer = -1;

  const std::chrono::milliseconds timeout_;
  std::atomic<long> state_{0};  // readers holding it, or `writer`
  BoundedWait waits_;
};

}  // namespace crm::detail
