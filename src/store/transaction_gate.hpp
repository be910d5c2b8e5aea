// SPDX-License-Identifier: Apache-2.0
#pragma once
// Writer admission shared by the backends: one owner at a time holds the
// gate, from its outermost begin() to the matching commit() or rollback();
// begin() for another owner waits, at most the store's busy timeout. Nested
// begin() calls by the holder only deepen the level (the backend makes each
// level a savepoint).
//
// Owners are never-reused thread serials (store/owner.hpp), not thread ids.
// If the holder's thread ends still holding the gate, the backend's
// `abandon` callback runs on that thread and must roll back every level of
// the caller's transaction (it runs for the holder in roll_back_holder too).

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>
#include <utility>

#include "crm/error.hpp"
#include "store/bounded_wait.hpp"
#include "store/owner.hpp"

namespace crm::detail {

// The words of every "busy" error, so both backends say the same thing.
[[noreturn]] void throw_busy(std::string_view waiting_for, std::chrono::milliseconds timeout);

// Checks a busy timeout given by a host: 0 (do not wait) up to one day.
void check_busy_timeout(std::chrono::milliseconds timeout, std::string_view option);

class TransactionGate final : public HeldTransaction {
 public:
  TransactionGate(std::chrono::milliseconds busy_timeout, std::function<void()> abandon)
      : busy_timeout_(busy_timeout), abandon_(std::move(abandon)) {}
  ~TransactionGate() {
    if (const OwnerId owner = owner_.load(); owner != 0) forget_at_exit(owner, this);
  }
  TransactionGate(const TransactionGate&) = delete;
  TransactionGate& operator=(const TransactionGate&) = delete;

  bool held() const noexcept { return owner_.load(std::memory_order_acquire) == current_owner(); }
  // The holder, or 0.
  OwnerId owner() const noexcept { return owner_.load(std::memory_order_acquire); }

  // The current level of the holder: 1 for the outermost transaction.
  std::size_t depth() const noexcept { return depth_; }

  // Enters one level and returns it; level 1 means the gate was just
  // acquired. Throws Errc::busy when another owner holds it past the timeout.
  std::size_t enter() {
    const OwnerId me = current_owner();
    if (owner_.load(std::memory_order_acquire) == me) return ++depth_;
    const bool taken = waits_.until(busy_timeout_, [&] {
      OwnerId none = 0;
      return owner_.compare_exchange_strong(none, me);
    });
    if (!taken) throw_busy("the write transaction, held by another thread,", busy_timeout_);
    depth_ = 1;
    doomed_ = false;
    try {
      roll_back_at_exit(me, this);
    } catch (...) {
      release();
      throw;
    }
    return depth_;
  }

  // Leaves the current level; at level 1 the gate is released.
  void leave() noexcept {
    if (--depth_ == 0) {
      forget_at_exit(owner_.load(std::memory_order_relaxed), this);
      release();
    }
  }

  // Throws unless the caller holds the gate (commit without begin).
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

  // Rolls back every level of whoever holds the gate, acting for it: for a
  // store being destroyed with a transaction left open.
  void roll_back_holder() noexcept {
    if (const OwnerId holder = owner(); holder != 0) {
      ScopedOwner as(holder);
      abandon_();
    }
  }

  void owner_thread_ended() noexcept override { abandon_(); }

 private:
  void release() noexcept {
    owner_.store(0);
    waits_.wake();
  }

  const std::chrono::milliseconds busy_timeout_;
  const std::function<void()> abandon_;
  std::atomic<OwnerId> owner_{0};
  BoundedWait waits_;
  std::size_t depth_ = 0;  // touched only by the holder
  bool doomed_ = false;    // touched only by the holder
};

}  // namespace crm::detail
