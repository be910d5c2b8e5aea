// SPDX-License-Identifier: Apache-2.0
#pragma once
// A Store that passes every call to another store it owns: the base of
// wrappers that change a few calls and forward the rest (the engine's
// HookedStore, the tests' FaultyStore).

#include <memory>
#include <utility>

#include "crm/store/store.hpp"

namespace crm::detail {

class ForwardingStore : public Store {
 public:
  explicit ForwardingStore(std::unique_ptr<Store> inner) : inner_(std::move(inner)) {}

  void begin() override { inner_->begin(); }
  void commit() override { inner_->commit(); }
  void rollback() noexcept override { inner_->rollback(); }

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

 protected:
  Store& inner() { return *inner_; }

 private:
  std::unique_ptr<Store> inner_;
};

}  // namespace crm::detail
