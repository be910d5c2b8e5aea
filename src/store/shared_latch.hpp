#pragma once
// A readers-writer lock for the memory store whose waits are bounded (a
// wait past the busy timeout is Errc::busy) and whose writer side may be
// released by a thread other than the one that took it: a transaction
// rolled back for its owner (store/owner.hpp) ends on another thread, which
// std::shared_mutex does not allow.

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>

#include "store/transaction_gate.hpp"

namespace crm::detail {

class SharedLatch {
 public:
  explicit SharedLatch(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  void lock() {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout_, [&] { return !writer_ && readers_ == 0; }))
      throw_busy("the memory store, read by other threads,", timeout_);
    writer_ = true;
  }
  void unlock() noexcept {
    {
      std::lock_guard lock(mutex_);
      writer_ = false;
    }
    changed_.notify_all();
  }

  void lock_shared() {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout_, [&] { return !writer_; }))
      throw_busy("the memory store, held by another thread's write transaction,", timeout_);
    ++readers_;
  }
  void unlock_shared() noexcept {
    bool last = false;
    {
      std::lock_guard lock(mutex_);
      last = --readers_ == 0;
    }
    if (last) changed_.notify_all();
  }

 private:
  const std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t readers_ = 0;
  bool writer_ = false;
};

}  // namespace crm::detail
