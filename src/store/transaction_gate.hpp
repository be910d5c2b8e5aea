#pragma once
// Writer admission shared by the backends: one thread at a time holds the
// gate, from its outermost begin() to the matching commit() or rollback();
// begin() on another thread waits. Nested begin() calls on the holding thread
// only deepen the level (the backend makes each level a savepoint).

#include <atomic>
#include <cstddef>
#include <mutex>
#include <thread>

#include "crm/error.hpp"

namespace crm::detail {

class TransactionGate {
 public:
  bool held() const noexcept { return owner_.load(std::memory_order_acquire) == std::this_thread::get_id(); }

  // The current level of the holding thread: 1 for the outermost transaction.
  std::size_t depth() const noexcept { return depth_; }

  // Enters one level and returns it; level 1 means the gate was just acquired.
  std::size_t enter() {
    if (!held()) {
      mutex_.lock();
      owner_.store(std::this_thread::get_id(), std::memory_order_release);
      doomed_ = false;
    }
    return ++depth_;
  }

  // Leaves the current level; at level 1 the gate is released.
  void leave() noexcept {
    if (--depth_ == 0) {
      owner_.store(std::thread::id{}, std::memory_order_release);
      mutex_.unlock();
    }
  }

  // Throws unless the calling thread holds the gate (commit without begin).
  void require_held(const char* operation) const {
    if (!held()) throw Error(Errc::invalid_argument, std::string(operation) + " without a transaction on this thread");
  }

  // After a storage error the backend may have lost the transaction; every
  // later call in it fails until the outermost level is rolled back.
  void doom() noexcept { doomed_ = true; }
  bool doomed() const noexcept { return doomed_; }
  void throw_if_doomed() const {
    if (doomed_) throw Error(Errc::storage, "the transaction was aborted by an earlier storage error; roll it back");
  }

 private:
  std::mutex mutex_;
  std::atomic<std::thread::id> owner_{};
  std::size_t depth_ = 0;  // touched only by the holder
  bool doomed_ = false;    // touched only by the holder
};

}  // namespace crm::detail
