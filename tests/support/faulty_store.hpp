#pragma once
// A store that fails on purpose: it passes every call to a real store, and
// its Nth write (insert, update or erase, counted from 1) throws a storage
// error instead, as a full disk would. For testing that multi-step
// operations leave nothing behind when a step fails.

#include <memory>

#include "crm/error.hpp"
#include "crm/store/store.hpp"

namespace crm::test {

class FaultyStore : public Store {
 public:
  explicit FaultyStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  // Fail the nth write from now on (0 = never); writes() counts from here.
  void fail_write(std::size_t nth) {
    fail_at_ = nth;
    writes_ = 0;
  }
  std::size_t writes() const { return writes_; }

  void begin() override { inner_->begin(); }
  void commit() override { inner_->commit(); }
  void rollback() noexcept override { inner_->rollback(); }

  Id insert(std::string_view collection, const RecordWrite& record) override {
    before_write();
    return inner_->insert(collection, record);
  }
  Version update(std::string_view collection, Id id, Version expected, const RecordWrite& record) override {
    before_write();
    return inner_->update(collection, id, expected, record);
  }
  void erase(std::string_view collection, Id id, Version expected) override {
    before_write();
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
  void before_write() {
    if (++writes_ == fail_at_) throw Error(Errc::storage, "injected fault on write " + std::to_string(writes_));
  }

  std::unique_ptr<Store> inner_;
  std::size_t fail_at_ = 0;
  std::size_t writes_ = 0;
};

}  // namespace crm::test
