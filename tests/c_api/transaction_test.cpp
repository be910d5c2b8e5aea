// SPDX-License-Identifier: Apache-2.0
// Transactions through the C API, as a host with threads uses them: a
// transaction belongs to the thread that began it and to nothing reused;
// one left open by an ended thread, freed on another thread or open when
// the engine closes is rolled back; no call waits without bound.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "c_api/c_api_fixture.hpp"
#include "support/bounded.hpp"
#include "support/temp_dir.hpp"

namespace crm_c_test {
namespace {

using crm::test::finishes;

class CApiTransactions : public testing::Test {
 protected:
  void SetUp() override { engine = open_file(); }

  Engine open_file(std::int64_t busy_timeout_ms = -1) {
    crm_options options;
    crm_options_init(&options, sizeof options);
    options.path = path.c_str();
    options.default_region = "GB";
    options.durability = CRM_DURABILITY_NORMAL;
#ifndef CRM_TEST_OLD_OPTIONS
    if (busy_timeout_ms >= 0) options.busy_timeout_ms = busy_timeout_ms;
#endif
    crm_engine* raw = nullptr;
    EXPECT_EQ(crm_engine_open(&options, &raw), CRM_OK) << message();
    return Engine(raw);
  }

  static crm_status create(crm_engine* e, const std::string& name) {
    crm_customer* raw = nullptr;
    crm_customer_new(&raw);
    Customer customer(raw);
    crm_customer_set_name(raw, name.c_str());
    return crm_customer_create(e, raw);
  }

  // What reached the file, read by an engine of its own.
  std::vector<std::string> stored_names() {
    Engine reader = open_file();
    crm_page* raw = nullptr;
    EXPECT_EQ(crm_customer_list(reader.get(), nullptr, nullptr, 1000, &raw), CRM_OK) << message();
    Page page(raw);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < crm_page_size(raw); ++i) names.emplace_back(crm_customer_name(crm_page_customer(raw, i)));
    return names;
  }

  crm::test::TempDir dir;
  std::string path = (dir / "crm.db").string();
  Engine engine;
};

TEST_F(CApiTransactions, AThreadThatEndsWithATransactionOpenHasItRolledBackNotJoined) {
  // The outside test's case: the next threads got the ended thread's id,
  // joined its transaction, and their writes returned CRM_OK and were lost.
  crm_transaction* left_open = nullptr;
  std::thread([&] {
    ASSERT_EQ(crm_transaction_begin(engine.get(), &left_open), CRM_OK);
    ASSERT_EQ(create(engine.get(), "abandoned"), CRM_OK);
  }).join();
  std::vector<crm_status> statuses;
  for (int i = 0; i < 8; ++i) {
    ASSERT_TRUE(finishes([&] {
      std::thread([&] { statuses.push_back(create(engine.get(), "kept " + std::to_string(i))); }).join();
    }));
  }
  EXPECT_EQ(statuses, std::vector<crm_status>(8, CRM_OK));
  ASSERT_TRUE(finishes([&] { crm_transaction_free(left_open); }));
  engine.reset();
  const auto names = stored_names();
  EXPECT_EQ(names.size(), 8U);
  EXPECT_EQ(std::count(names.begin(), names.end(), "abandoned"), 0);
}

TEST_F(CApiTransactions, FreeingAnOpenTransactionOnAnotherThreadRollsItBackForItsOwner) {
  // Python's garbage collector frees a dropped Transaction on whichever
  // thread it runs: it used to leave the transaction open, and every other
  // writer waited for it forever.
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK);
  ASSERT_EQ(create(engine.get(), "rolled back"), CRM_OK);
  std::thread([&] { crm_transaction_free(raw); }).join();

  crm_status other = CRM_INTERNAL;
  ASSERT_TRUE(finishes([&] { std::thread([&] { other = create(engine.get(), "other thread"); }).join(); }));
  EXPECT_EQ(other, CRM_OK) << message();
  EXPECT_EQ(create(engine.get(), "owner thread"), CRM_OK) << message();  // its own, not the freed one's
  engine.reset();
  EXPECT_EQ(stored_names(), (std::vector<std::string>{"other thread", "owner thread"}));
}

TEST_F(CApiTransactions, ClosingWhileThisThreadHoldsATransactionAnotherWaitsForDoesNotDeadlock) {
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK);
  Transaction tx(raw);
  ASSERT_EQ(create(engine.get(), "in the closed transaction"), CRM_OK);
  std::promise<void> started;
  std::atomic<crm_status> waiter_status{CRM_INTERNAL};
  std::thread waiter([&] {
    started.set_value();
    waiter_status = create(engine.get(), "waiter");  // waits for this thread's transaction
  });
  started.get_future().wait();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let it reach the write slot

  crm_status closed = CRM_INTERNAL;
  const bool bounded = finishes([&] { closed = crm_engine_close(engine.get()); });
  if (!bounded) waiter.detach(); else waiter.join();
  ASSERT_TRUE(bounded);
  EXPECT_EQ(closed, CRM_OK) << message();
  // The waiter got the write slot once close rolled the transaction back,
  // or found the engine closed: either way it is not stuck.
  EXPECT_TRUE(waiter_status == CRM_OK || waiter_status == CRM_CLOSED) << waiter_status;
  EXPECT_EQ(crm_transaction_commit(raw), CRM_CLOSED);
  EXPECT_NE(message().find("closed"), std::string::npos) << message();
  const auto names = stored_names();
  EXPECT_EQ(std::count(names.begin(), names.end(), "in the closed transaction"), 0);
}

TEST_F(CApiTransactions, ClosingRollsBackATransactionAnIdleThreadHolds) {
  crm_transaction* raw = nullptr;
  std::promise<void> began, closed;
  std::thread owner([&] {  // alive and idle while the engine closes
    EXPECT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK);
    EXPECT_EQ(create(engine.get(), "never committed"), CRM_OK);
    began.set_value();
    closed.get_future().wait();
    EXPECT_EQ(crm_transaction_commit(raw), CRM_CLOSED);
  });
  began.get_future().wait();
  const bool bounded = finishes([&] { EXPECT_EQ(crm_engine_close(engine.get()), CRM_OK) << message(); });
  closed.set_value();
  owner.join();
  ASSERT_TRUE(bounded);
  crm_transaction_free(raw);
  EXPECT_TRUE(stored_names().empty());
}

#ifndef CRM_TEST_OLD_OPTIONS
TEST_F(CApiTransactions, WaitingForTheWriteSlotEndsInCrmBusyAfterTheBusyTimeout) {
  Engine timed = open_file(100);
  std::promise<void> holding, release;
  std::thread holder([&] {
    crm_transaction* raw = nullptr;
    ASSERT_EQ(crm_transaction_begin(timed.get(), &raw), CRM_OK);
    Transaction tx(raw);
    holding.set_value();
    release.get_future().wait();
  });
  holding.get_future().wait();
  crm_status waited = CRM_OK;
  std::string said;
  const bool bounded = finishes([&] {
    waited = create(timed.get(), "waits");
    said = message();
  });
  release.set_value();
  holder.join();
  ASSERT_TRUE(bounded);
  EXPECT_EQ(waited, CRM_BUSY);
  EXPECT_NE(said.find("100 ms"), std::string::npos) << said;
  EXPECT_STREQ(crm_status_name(CRM_BUSY), "CRM_BUSY");
}

TEST_F(CApiTransactions, ABusyTimeoutOutsideItsRangeIsRefused) {
  for (const std::int64_t bad : {std::int64_t{-1}, std::int64_t{86'400'001}}) {
    crm_options options;
    crm_options_init(&options, sizeof options);
    options.busy_timeout_ms = bad;
    crm_engine* raw = nullptr;
    EXPECT_EQ(crm_engine_open(&options, &raw), CRM_INVALID_ARGUMENT) << bad;
    EXPECT_NE(message().find("busy_timeout"), std::string::npos) << message();
    EXPECT_EQ(raw, nullptr);
  }
}
#endif

TEST_F(CApiTransactions, RollingBackAnOuterTransactionEndsTheOnesNestedInIt) {
  crm_transaction *outer = nullptr, *inner = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &outer), CRM_OK);
  ASSERT_EQ(create(engine.get(), "outer"), CRM_OK);
  ASSERT_EQ(crm_transaction_begin(engine.get(), &inner), CRM_OK);
  ASSERT_EQ(create(engine.get(), "inner"), CRM_OK);
  EXPECT_EQ(crm_transaction_commit(outer), CRM_INVALID_ARGUMENT);  // the inner one is open
  EXPECT_EQ(crm_transaction_rollback(outer), CRM_OK) << message();
  EXPECT_EQ(crm_transaction_commit(inner), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("nested"), std::string::npos) << message();
  crm_transaction_free(inner);
  crm_transaction_free(outer);
  EXPECT_EQ(create(engine.get(), "after"), CRM_OK);
  engine.reset();
  EXPECT_EQ(stored_names(), std::vector<std::string>{"after"});
}

TEST_F(CApiTransactions, RollbackFromAnotherThreadActsForTheOwner) {
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK);
  Transaction tx(raw);
  ASSERT_EQ(create(engine.get(), "rolled back"), CRM_OK);
  crm_status from_other = CRM_INTERNAL;
  std::thread([&] { from_other = crm_transaction_rollback(raw); }).join();
  EXPECT_EQ(from_other, CRM_OK);
  EXPECT_EQ(create(engine.get(), "after"), CRM_OK);
  engine.reset();
  EXPECT_EQ(stored_names(), std::vector<std::string>{"after"});
}

}  // namespace
}  // namespace crm_c_test
