// SPDX-License-Identifier: Apache-2.0
#pragma once
// A Store that forwards every call to the store the host gave the engine and
// tells a listener about the outermost transaction's end: just before its
// commit (still inside it: the listener may read and write), and after it
// committed or rolled back. The engine keeps in-memory state in step with
// what is durable through it (purchase_stats_cache.hpp).
//
// Only the owner that holds the write transaction calls begin, commit and
// rollback with effect (the store serialises writers), so the nesting depth
// needs no lock of its own. Owners are thread serials (store/owner.hpp): a
// thread that ends holding the transaction has it rolled back here first,
// so the listener hears of it, then in the store.

#include <atomic>

#include "store/forwarding_store.hpp"
#include "store/owner.hpp"

namespace crm::detail {

// Told about the end of each outermost transaction. after_commit may run
// while the next transaction has begun on another thread: state that belongs
// to a transaction must be taken out of the listener in before_commit or
// before_rollback, which run while the transaction is still held.
class TransactionListener {
 public:
  virtual ~TransactionListener() = default;
  // Inside the transaction, before it commits. Throwing rolls the
  // transaction back (before_rollback is called first) and fails the commit.
  virtual void before_commit() = 0;
  // After every before_commit that returned: whether the commit took effect
  // (a commit that fails has rolled back).
  virtual void after_commit(bool committed) noexcept = 0;
  // Inside the transaction, before it is rolled back.
  virtual void before_rollback() noexcept = 0;
};

class HookedStore final : public ForwardingStore, public HeldTransaction {
 public:
  using ForwardingStore::ForwardingStore;
  ~HookedStore() override;
  HookedStore(const HookedStore&) = delete;
  HookedStore& operator=(const HookedStore&) = delete;

  void listen(TransactionListener* listener) { listener_ = listener; }

  // Whether the calling thread (or the owner it acts for) holds the write transaction.
  bool in_transaction() const { return owner_.load() == current_owner(); }

  void begin() override;
  void commit() override;
  void rollback() noexcept override;

  void owner_thread_ended() noexcept override;

 private:
  void leave() noexcept;

  TransactionListener* listener_ = nullptr;
  int depth_ = 0;                   // of the held transaction; 0 when none
  std::atomic<OwnerId> owner_{0};   // the owner holding it; 0 when depth_ is 0
};

}  // namespace crm::detail
