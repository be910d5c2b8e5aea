// SPDX-License-Identifier: Apache-2.0
// The storage contract for transactions and threads, run against every
// backend: a transaction belongs to the thread that began it and to nothing
// that can be reused; one its thread abandons is rolled back, never joined;
// no wait for the write slot lasts longer than the store's busy timeout.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <optional>
#include <thread>
#include <vector>

#include "crm/error.hpp"
#include "store/records.hpp"
#include "support/backends.hpp"
#include "support/bounded.hpp"
#include "support/errors.hpp"

namespace crm::test {
namespace {

using namespace std::chrono_literals;

// A write transaction (holding one uncommitted record) on a thread of its
// own, from construction until destruction.
class HeldElsewhere {
 public:
  explicit HeldElsewhere(Store& store)
      : thread_([this, &store] {
          Transaction tx(store);
          store.insert("thing", record("uncommitted"));
          holding_.set_value();
          release_.get_future().wait();
        }) {
    holding_.get_future().wait();
  }
  ~HeldElsewhere() {
    release_.set_value();
    thread_.join();
  }
  HeldElsewhere(const HeldElsewhere&) = delete;
  HeldElsewhere& operator=(const HeldElsewhere&) = delete;

 private:
  std::promise<void> holding_, release_;
  std::thread thread_;  // last: starts once the promises exist
};

class TransactionThreads : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override { store = GetParam().open(dir); }

  std::size_t committed_things() {
    std::size_t n = 0;
    // Counted from a thread of its own, which holds no transaction.
    EXPECT_TRUE(finishes([&] { n = store->count("thing"); }));
    return n;
  }

  TempDir dir;
  std::unique_ptr<Store> store;
};

TEST_P(TransactionThreads, AThreadThatEndsHoldingATransactionHasItRolledBack) {
  std::thread([&] {
    store->begin();
    store->insert("thing", record("abandoned", {{"thing.code", "A"}}));
  }).join();

  ASSERT_TRUE(finishes([&] { store->insert("thing", record("after", {{"thing.code", "A"}})); }))
      << "a write after the thread ended waits for its transaction";
  EXPECT_EQ(committed_things(), 1U);
  EXPECT_TRUE(store->find("thing.code", "A"));
}

TEST_P(TransactionThreads, ANewThreadNeverJoinsATransactionLeftByAnEndedThread) {
  // Linux hands a new thread the id of one that ended: before thread ids
  // stopped naming transactions, the second thread joined the first one's
  // transaction and its write, reported done, never reached the store.
  for (int round = 0; round < 8; ++round) {
    std::thread([&] {
      store->begin();
      store->insert("thing", record("abandoned"));
    }).join();
    bool wrote = false;
    std::thread([&] {
      store->insert("thing", record("kept"));
      wrote = true;
    }).join();
    ASSERT_TRUE(wrote);
    ASSERT_EQ(committed_things(), static_cast<std::size_t>(round + 1)) << "round " << round;
  }
}

TEST_P(TransactionThreads, ATransactionEndedOnAnotherThreadIsRolledBackAsItsOwner) {
  std::optional<Transaction> handed_over;
  std::thread([&] {
    handed_over.emplace(*store);
    store->insert("thing", record("never committed"));
  }).join();
  std::thread([&] { handed_over.reset(); }).join();  // destroyed on a thread that does not own it

  ASSERT_TRUE(finishes([&] { store->insert("thing", record("after")); }));
  EXPECT_EQ(committed_things(), 1U);
}

TEST_P(TransactionThreads, CommitOnAThreadThatDoesNotOwnTheTransactionIsRefused) {
  std::optional<Transaction> tx;
  std::thread([&] {
    tx.emplace(*store);
    store->insert("thing", record("a"));
  }).join();
  Failure failure;
  std::thread([&] { failure = error_of([&] { tx->commit(); }); }).join();
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_NE(failure.message.find("another thread"), std::string::npos) << failure.message;
  tx.reset();
  EXPECT_EQ(committed_things(), 0U);
}

TEST_P(TransactionThreads, WaitingForTheWriteSlotEndsInBusyAfterTheTimeout) {
  TempDir other_dir;
  auto timed = GetParam().open_with_busy_timeout(other_dir, 100ms);
  Failure begin_failure, insert_failure;
  bool bounded = false;
  {
    const HeldElsewhere holder(*timed);
    bounded = finishes([&] {
      begin_failure = error_of([&] { timed->begin(); });
      insert_failure = error_of([&] { timed->insert("thing", record("waits")); });
    });
  }
  ASSERT_TRUE(bounded);
  EXPECT_EQ(begin_failure.code, Errc::busy) << begin_failure.message;
  EXPECT_EQ(insert_failure.code, Errc::busy) << insert_failure.message;
  EXPECT_NE(begin_failure.message.find("100 ms"), std::string::npos) << begin_failure.message;
  EXPECT_EQ(timed->count("thing"), 0U);  // the holder rolled back
}

TEST_P(TransactionThreads, AReadWhileAnotherThreadWritesNeverWaitsPastTheTimeout) {
  TempDir other_dir;
  auto timed = GetParam().open_with_busy_timeout(other_dir, 100ms);
  const Id id = timed->insert("thing", record("committed"));
  // The SQLite store answers from the last commit; the memory store, whose
  // readers wait for the writer, gives up with Errc::busy.
  std::optional<std::string> body;
  std::optional<Errc> failed;
  bool bounded = false;
  {
    const HeldElsewhere holder(*timed);
    bounded = finishes([&] {
      try {
        body = timed->get("thing", id)->body;
      } catch (const Error& e) {
        failed = e.code();
      }
    });
  }
  ASSERT_TRUE(bounded);
  if (failed)
    EXPECT_EQ(*failed, Errc::busy);
  else
    EXPECT_EQ(body, "committed");
}

INSTANTIATE_TEST_SUITE_P(Backends, TransactionThreads, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
