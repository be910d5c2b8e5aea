// SPDX-License-Identifier: Apache-2.0
// The store wrapper that tells the engine's in-memory state about the end of
// each outermost transaction, and only of those.

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "crm/store/memory_store.hpp"
#include "engine/hooked_store.hpp"

namespace crm::test {
namespace {

class RecordingListener : public detail::TransactionListener {
 public:
  void before_commit() override {
    events.push_back("before_commit");
    if (fail) throw std::runtime_error("refused");
  }
  void after_commit(bool committed) noexcept override { events.push_back(committed ? "committed" : "failed"); }
  void before_rollback() noexcept override { events.push_back("before_rollback"); }

  std::vector<std::string> events;
  bool fail = false;
};

class HookedStoreTest : public testing::Test {
 protected:
  HookedStoreTest() { store.listen(&listener); }

  Id insert() { return store.insert("thing", RecordWrite{.body = "x"}); }

  detail::HookedStore store{std::make_unique<MemoryStore>()};
  RecordingListener listener;
};

TEST_F(HookedStoreTest, TellsOfTheOutermostCommitOnlyBeforeAndAfterIt) {
  store.begin();
  store.begin();
  insert();
  store.commit();  // nested: hands its write on
  EXPECT_TRUE(listener.events.empty());
  EXPECT_TRUE(store.in_transaction());
  store.commit();
  EXPECT_EQ(listener.events, (std::vector<std::string>{"before_commit", "committed"}));
  EXPECT_FALSE(store.in_transaction());
  EXPECT_EQ(store.count("thing"), 1U);
}

TEST_F(HookedStoreTest, ANestedRollbackIsNotTheEndOfTheTransaction) {
  store.begin();
  insert();
  store.begin();
  insert();
  store.rollback();
  EXPECT_TRUE(listener.events.empty());
  store.rollback();
  EXPECT_EQ(listener.events, (std::vector<std::string>{"before_rollback"}));
  EXPECT_FALSE(store.in_transaction());
  EXPECT_EQ(store.count("thing"), 0U);
}

TEST_F(HookedStoreTest, AListenerThatRefusesTheCommitRollsItBack) {
  listener.fail = true;
  store.begin();
  insert();
  EXPECT_THROW(store.commit(), std::runtime_error);
  EXPECT_EQ(listener.events, (std::vector<std::string>{"before_commit", "before_rollback"}));
  EXPECT_FALSE(store.in_transaction());
  EXPECT_EQ(store.count("thing"), 0U);
  // The store is free for the next transaction.
  listener.fail = false;
  store.begin();
  insert();
  store.commit();
  EXPECT_EQ(store.count("thing"), 1U);
}

TEST_F(HookedStoreTest, OnlyTheThreadHoldingTheTransactionIsInIt) {
  store.begin();
  bool other_thread_in_it = true;
  std::thread([&] { other_thread_in_it = store.in_transaction(); }).join();
  EXPECT_FALSE(other_thread_in_it);
  EXPECT_TRUE(store.in_transaction());
  store.rollback();
}

TEST_F(HookedStoreTest, AWriteOutsideATransactionTellsNothing) {
  insert();
  EXPECT_TRUE(listener.events.empty());
  EXPECT_EQ(store.count("thing"), 1U);
}

}  // namespace
}  // namespace crm::test
