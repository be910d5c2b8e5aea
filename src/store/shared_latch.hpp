#pragma once
// A readers-writer lock for the memory store whose waits are bounded (a
// wait past the busy timeout is Errc::busy) and whose writer side may be
// released by a thread other than the one that took it: a transaction
// rolled back for its owner (store/owner.hpp) ends on another thread, which
// std::shared_mutex does not allow.
//
// Taking and releasing it uncontended is one atomic operation each, as for
// std::shared_mutex: every memory-store read goes through it. Only a thread
// that must wait touches the mutex and condition variable.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "store/transaction_gate.hpp"

namespace crm::detail {

class SharedLatch {
 public:
  explicit SharedLatch(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  void lock() {
    take([&] {
      long free = 0;
      return state_.compare_exchange_strong(free, writer);
    }, "the memory store, read by other threads,");
  }
  void unlock() noexcept {
    state_.store(0);
    wake();
  }

  void lock_shared() {
    take([&] {
      for (long readers = state_.load(); readers != writer;)
        if (state_.compare_exchange_weak(readers, readers + 1)) return true;
      return false;
    }, "the memory store, held by another thread's write transaction,");
  }
  void unlock_shared() noexcept {
    if (state_.fetch_sub(1) == 1) wake();
  }

 private:
  static constexpr long writer = -1;

  // Takes the latch with try_take(), waiting up to the timeout. A waiter
  // counts itself in `waiting_` under the mutex before it checks again, and
  // a releaser looks at `waiting_` after it changed the state, so a release
  // between the check and the sleep is never missed (sequentially
  // consistent atomics).
  template <class TryTake>
  void take(TryTake try_take, const char* waiting_for) {
    if (try_take()) return;
    const auto deadline = std::chrono::steady_clock::now() + timeout_;
    std::unique_lock lock(mutex_);
    ++waiting_;
    const bool taken = changed_.wait_until(lock, deadline, try_take);
    --waiting_;
    if (!taken) throw_busy(waiting_for, timeout_);
  }

  void wake() noexcept {
    if (waiting_.load() == 0) return;
    std::lock_guard lock(mutex_);
    changed_.notify_all();
  }

  const std::chrono::milliseconds timeout_;
  std::atomic<long> state_{0};  // readers holding it, or `writer`
  std::atomic<int> waiting_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
};

}  // namespace crm::detail
