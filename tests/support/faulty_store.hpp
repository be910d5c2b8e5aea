// SPDX-License-Identifier: Apache-2.0
#pragma once
// A store that fails on purpose: it passes every call to a real store, and
// its Nth write (insert, update or erase, counted from 1) throws a storage
// error instead, as a full disk would. For testing that multi-step
// operations leave nothing behind when a step fails.

#include <memory>

#include "crm/error.hpp"
#include "store/forwarding_store.hpp"

namespace crm::test {

class FaultyStore : public detail::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;

  // Fail the nth write from now on (0 = never); writes() counts from here.
  void fail_write(std::size_t nth) {
    fail_at_ = nth;
    writes_ = 0;
  }
  std::size_t writes() const { return writes_; }

  Id insert(std::string_view collection, const RecordWrite& record) override {
    before_write();
    return ForwardingStore::insert(collection, record);
  }
  Version update(std::string_view collection, Id id, Version expected, const RecordWrite& record) override {
    before_write();
    return ForwardingStore::update(collection, id, expected, record);
  }
  void erase(std::string_view collection, Id id, Version expected) override {
    before_write();
    ForwardingStore::erase(collection, id, expected);
  }

 private:
  void before_write() {
    if (++writes_ == fail_at_) throw Error(Errc::storage, "injected fault on write " + std::to_string(writes_));
  }

  std::size_t fail_at_ = 0;
  std::size_t writes_ = 0;
};

}  // namespace crm::test
