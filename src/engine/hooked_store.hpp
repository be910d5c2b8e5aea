#pragma once
// A Store that forwards every call to the store the host gave the engine and
// tells a listener about the outermost transaction's end: just before its
// commit (still inside it: the listener may read and write), and after it
// committed or rolled back. The engine keeps in-memory state in step with
// what is durable through it (purchase_stats_cache.hpp).
//
// Only the thread that holds the write transaction calls begin, commit and
// rollback with effect (the store serialises writers), so the nesting depth
// needs no lock of its own.

#include <atomic>
#include <memory>
#include <thread>

#include "crm/store/store.hpp"

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

class HookedStore final : public Store {
 public:
  explicit HookedStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  void listen(TransactionListener* listener) { listener_ = listener; }

  // Whether the calling thread holds the write transaction.
  bool in_transaction() const { return owner_.load() == std::this_thread::get_id(); }

  void begin() override;
  void commit() override;
  void rollback() noexcept override;

  Id insert(std::string_view collection, const RecordWrite& record) override {
    return inner_->insert(collection, record);
  }
  Version update(std::string_view collection, Id id, Version expected, const RecordWrite& record) override {
    return inner_->update(collection, id, expected, record);
  }
  void erase(std::string_view collection, Id id, Version expected) override {
    inner_->erase(collection, id, expected);
  }
  std::optional<StoredRecord> get(std::string_view collection, Id id) const override {
    return inner_->get(collection, id);
  }
  std::optional<Id> find(std::string_view index, std::string_view key) const override {
    return inner_->find(index, key);
  }
  ScanResult scan(const Scan& scan) const override { return inner_->scan(scan); }
  std::size_t count(std::string_view collection) const override { return inner_->count(collection); }

 private:
  void leave() noexcept;

  std::unique_ptr<Store> inner_;
  TransactionListener* listener_ = nullptr;
  int depth_ = 0;                       // of the held transaction; 0 when none
  std::atomic<std::thread::id> owner_;  // the thread holding it; none when depth_ is 0
};

}  // namespace crm::detail
