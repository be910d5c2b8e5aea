// SPDX-License-Identifier: Apache-2.0
#pragma once
// Who holds a transaction. A transaction belongs to a thread, named by a
// serial number that is never reused (a std::thread::id is reused as soon as
// its thread ends, so a new thread would join the old one's transaction).
// A thread that ends while it holds transactions has them rolled back on its
// way out, never left for another thread to join.
//
// A ScopedOwner lets a thread act for another while that one is known to be
// idle: it is how a transaction is rolled back from a thread that does not
// own it (crm::Transaction destroyed elsewhere, the C API's free and close).

#include <cstdint>
#include <memory>
#include <mutex>

namespace crm::detail {

using OwnerId = std::uint64_t;  // 0 names nobody

namespace owner_detail {
// Defined once, in owner.cpp. Not inline variables: libcrm.so (which hides
// its symbols) would keep copies of its own, and over a shared libcrmcxx
// (BUILD_SHARED_LIBS=ON) the C API would ask a different thread_serial than
// the stores it calls. constinit: no initialisation to check on each use.
extern constinit thread_local OwnerId thread_serial;  // assigned on first use
extern constinit thread_local OwnerId acting_for;     // set by a ScopedOwner
OwnerId assign_serial() noexcept;
}  // namespace owner_detail

// The calling thread's serial, or the owner a ScopedOwner acts for. Never 0.
// Inline: every store call asks it (whether the caller holds the transaction).
inline OwnerId current_owner() noexcept {
  if (owner_detail::acting_for != 0) return owner_detail::acting_for;
  if (owner_detail::thread_serial != 0) return owner_detail::thread_serial;
  return owner_detail::assign_serial();
}

struct ThreadHooks;

// Acts for `owner` until destroyed; a no-op on the owner's own thread. While
// it acts, the owner's thread cannot run its end-of-thread rollbacks (it
// waits), so the two never roll back the same transaction at once.
class ScopedOwner {
 public:
  explicit ScopedOwner(OwnerId owner) noexcept;
  ~ScopedOwner();
  ScopedOwner(const ScopedOwner&) = delete;
  ScopedOwner& operator=(const ScopedOwner&) = delete;

 private:
  std::shared_ptr<ThreadHooks> hooks_;
  std::unique_lock<std::mutex> acting_;
  OwnerId previous_ = 0;
  bool active_ = false;
};

// Something that holds a transaction for an owner: told when the owner's
// thread ends still holding it, on that thread, so that it rolls back.
class HeldTransaction {
 public:
  virtual void owner_thread_ended() noexcept = 0;

 protected:
  ~HeldTransaction() = default;
};

// Registers `held` with the thread of `owner` until forget_at_exit(): if
// that thread ends first, held->owner_thread_ended() runs on it, the last
// registered first. Cheap on the owner's own thread (no shared lock).
void roll_back_at_exit(OwnerId owner, HeldTransaction* held);
void forget_at_exit(OwnerId owner, HeldTransaction* held) noexcept;

}  // namespace crm::detail
