// SPDX-License-Identifier: Apache-2.0
#pragma once
// An engine over each backend, with a manual clock and region GB, plus small
// builders for valid records that tests then change one field at a time.

#include <gtest/gtest.h>

#include "crm/engine.hpp"
#include "support/backends.hpp"
#include "support/errors.hpp"

namespace crm::test {

inline constexpr Timestamp test_start = from_millis(1'700'000'000'000);  // 2023-11-14T22:13:20Z

class EngineTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { open(); }

  void open() { start(GetParam().open(dir)); }

  // Closes the engine and opens a new one over what its store kept.
  void reopen() {
    auto* memory = dynamic_cast<MemoryStore*>(store_);
    if (memory != nullptr) memory->save_snapshot(dir / "engine.snapshot");
    engine.reset();
    start(memory != nullptr ? MemoryStore::load_snapshot(dir / "engine.snapshot") : GetParam().open(dir));
  }

  void start(std::unique_ptr<Store> store) {
    engine.reset();
    store_ = store.get();
    engine = std::make_unique<Engine>(std::move(store), EngineOptions{.default_region = "GB", .clock = clock});
  }

  static Customer person(std::string name, std::string phone = {}) {
    Customer c;
    c.display_name = std::move(name);
    if (!phone.empty()) c.phones = {std::move(phone)};
    return c;
  }

  static Customer organisation(std::string name) {
    Customer c;
    c.kind = PartyKind::organisation;
    c.display_name = std::move(name);
    return c;
  }

  static Interaction note(Id customer, std::string subject, Timestamp at = {}) {
    Interaction i;
    i.customer_id = customer;
    i.kind = InteractionKind::note;
    i.subject = std::move(subject);
    i.occurred_at = at;
    return i;
  }

  static Interaction purchase(Id customer, Money amount) {
    Interaction i;
    i.customer_id = customer;
    i.channel = Channel::pos;
    i.kind = InteractionKind::purchase;
    i.amount = amount;
    return i;
  }

  TempDir dir;
  std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test_start);
  std::unique_ptr<Engine> engine;

 private:
  Store* store_ = nullptr;  // owned by engine
};

}  // namespace crm::test
