// SPDX-License-Identifier: Apache-2.0
// Fault injection: a full disk, an I/O error at any write of a transaction
// and a failing fsync (through fault_vfs, under the SQLite store). Each must
// give a clear crm::Error, leave the previous state intact, and the engine
// must keep working once the fault is gone.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include "crm/crm.hpp"
#include "reliability/fault_vfs.hpp"
#include "support/temp_dir.hpp"

namespace crm::test {
namespace {

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fault_vfs::install();
    fault_vfs::clear();
  }
  void TearDown() override { fault_vfs::clear(); }

  std::filesystem::path db_path() const { return dir_ / "crm.db"; }

  std::unique_ptr<Engine> open(SqliteOptions options = {}) {
    return std::make_unique<Engine>(std::make_unique<SqliteStore>(db_path(), options));
  }

  std::string integrity() {
    SQLite::Database file(db_path().string(), SQLite::OPEN_READONLY);
    return file.execAndGet("PRAGMA integrity_check").getString();
  }

 private:
  TempDir dir_;
};

// Customer n with `purchases` purchases of n cents, in one transaction.
void buy(Engine& engine, int n, int purchases = 2, std::size_t body_bytes = 0) {
  auto tx = engine.transaction();
  Customer customer;
  customer.display_name = "Buyer " + std::to_string(n);
  customer.external_id = "fault:" + std::to_string(n);
  const auto id = engine.create(std::move(customer)).id;
  for (int i = 0; i < purchases; ++i) {
    Interaction purchase;
    purchase.customer_id = id;
    purchase.kind = InteractionKind::purchase;
    purchase.amount = Money::of(n, "EUR");
    purchase.body = std::string(body_bytes, 'b');
    engine.create(std::move(purchase));
  }
  tx.commit();
}

// Everything a failed write could have touched: every customer and
// interaction with its version, and the purchase population in memory.
std::string state_of(const Engine& engine) {
  std::string state;
  for (std::string cursor;;) {
    const auto page = engine.list(CustomerQuery{.cursor = cursor, .limit = max_page_size});
    for (const auto& c : page.items) state += "c" + std::to_string(c.id) + "v" + std::to_string(c.version) + " ";
    if ((cursor = page.next_cursor).empty()) break;
  }
  for (std::string cursor;;) {
    const auto page = engine.list(InteractionQuery{.cursor = cursor, .limit = max_page_size});
    for (const auto& i : page.items) state += "i" + std::to_string(i.id) + "v" + std::to_string(i.version) + " ";
    if ((cursor = page.next_cursor).empty()) break;
  }
  for (const auto& s : engine.purchase_population(Currency::of("EUR")))
    state += "s" + std::to_string(s.customer_id) + ":" + std::to_string(s.purchases) + "/" +
             std::to_string(s.total_minor) + " ";
  return state;
}

void expect_storage_error(const std::function<void()>& write, const std::string& words) {
  try {
    write();
    ADD_FAILURE() << "the write succeeded despite the fault";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), Errc::storage) << e.what();
    if (std::getenv("CRM_SHOW_ERRORS") != nullptr) std::cout << "[ error    ] " << e.what() << "\n";
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST_F(FaultTest, AFullDiskFailsTheWriteChangesNothingAndTheEngineWorksOnceSpaceReturns) {
  auto engine = open();
  for (int n = 1; n <= 20; ++n) buy(*engine, n);
  const auto before = state_of(*engine);

  fault_vfs::set_free_space(16 * 1024);
  expect_storage_error(
      [&] {
        auto tx = engine->transaction();
        for (int n = 21; n <= 120; ++n) buy(*engine, n, 2, 1000);  // about 200 KB
        tx.commit();
      },
      "disk is full");
  EXPECT_EQ(state_of(*engine), before);
  EXPECT_TRUE(engine->find_customer_by_external_id("fault:20")) << "reads must go on while the disk is full";
  EXPECT_EQ(integrity(), "ok");
  EXPECT_EQ(state_of(*open()), before) << "a second engine on the file sees the same";

  fault_vfs::set_free_space(std::nullopt);
  {
    auto tx = engine->transaction();
    for (int n = 21; n <= 120; ++n) buy(*engine, n, 2, 1000);
    tx.commit();
  }
  EXPECT_EQ(engine->count<Customer>(), 120U);
  EXPECT_EQ(engine->purchase_population(Currency::of("EUR")).size(), 120U);
  const auto mended = engine->rebuild_purchase_stats();
  EXPECT_EQ(mended.added + mended.corrected + mended.removed, 0U);
}

TEST_F(FaultTest, AnIoErrorAtAnyWriteOfATransactionChangesNothing) {
  auto engine = open();
  buy(*engine, 1);
  // How many file writes one such transaction makes (its pages in the WAL).
  fault_vfs::clear();
  buy(*engine, 2);
  const auto writes = fault_vfs::writes();
  ASSERT_GT(writes, 1);

  int n = 3;
  for (std::int64_t nth = 1; nth <= writes; ++nth) {
    const auto before = state_of(*engine);
    fault_vfs::fail_write(nth);
    expect_storage_error([&] { buy(*engine, n); }, "I/O error");
    EXPECT_EQ(state_of(*engine), before) << "write " << nth << " of " << writes << " failed";
    fault_vfs::clear();
    ASSERT_NO_THROW(buy(*engine, n++)) << "the engine must work on after write " << nth << " failed";
  }
  EXPECT_EQ(integrity(), "ok");
  std::cout << "[ info     ] failed each of the " << writes << " writes of a transaction in turn\n";
  auto reopened = open();
  EXPECT_EQ(reopened->count<Customer>(), static_cast<std::size_t>(n - 1));
  EXPECT_EQ(state_of(*reopened), state_of(*engine));
}

TEST_F(FaultTest, AFailedFsyncFailsTheCommitAndTheEngineWorksOnceSyncsSucceed) {
  auto engine = open({.durability = SqliteOptions::Durability::full});
  buy(*engine, 1);
  const auto before = state_of(*engine);

  fault_vfs::fail_syncs(true);
  expect_storage_error([&] { buy(*engine, 2); }, "I/O error");
  EXPECT_EQ(state_of(*engine), before);
  EXPECT_FALSE(engine->find_customer_by_external_id("fault:2"));

  // A crash now leaves the files as they are. The failed transaction's
  // pages did reach the OS, so SQLite's recovery may bring it back; it must
  // then be whole.
  fault_vfs::fail_syncs(false);
  {
    TempDir crashed;
    for (const std::string suffix : {"", "-wal"})
      std::filesystem::copy_file(db_path().string() + suffix, crashed / ("crm.db" + suffix));
    Engine recovered(std::make_unique<SqliteStore>(crashed / "crm.db"));
    if (const auto customer = recovered.find_customer_by_external_id("fault:2")) {
      EXPECT_EQ(recovered.count<Interaction>(), 4U);
      EXPECT_EQ(recovered.purchase_stats(customer->id).at(0).total_minor, 4);
    } else {
      EXPECT_EQ(state_of(recovered), before);
    }
  }

  buy(*engine, 2);
  EXPECT_TRUE(engine->find_customer_by_external_id("fault:2"));
  EXPECT_EQ(integrity(), "ok");
}

TEST_F(FaultTest, AFullDiskFailsASingleCallOutsideATransactionAndChangesNothing) {
  auto engine = open();
  buy(*engine, 1);
  const auto before = state_of(*engine);
  Interaction note;
  note.customer_id = engine->find_customer_by_external_id("fault:1")->id;
  note.kind = InteractionKind::note;
  note.body = std::string(limits::long_text, 'x');

  fault_vfs::set_free_space(0);
  expect_storage_error([&] { engine->create(note); }, "disk is full");
  EXPECT_EQ(state_of(*engine), before);

  fault_vfs::set_free_space(std::nullopt);
  EXPECT_EQ(engine->create(note).body.size(), limits::long_text);
}

// The documented rule (docs/RELIABILITY.md, C_API.md): a logical failure
// inside a transaction leaves it usable, a storage failure aborts it,
// because SQLite may already have rolled it back. Every later call in it
// then fails, naming the earlier error, until it is rolled back.
TEST_F(FaultTest, AStorageErrorInsideATransactionAbortsItUntilItIsRolledBack) {
  auto engine = open({.page_cache_mib = 1});  // a small cache spills pages to the file before commit
  buy(*engine, 1);
  const auto before = state_of(*engine);
  fault_vfs::set_free_space(64 * 1024);
  {
    auto tx = engine->transaction();
    bool failed = false;
    for (int n = 2; n < 200 && !failed; ++n) {
      try {
        buy(*engine, n, 2, 20000);
      } catch (const Error& e) {
        ASSERT_EQ(e.code(), Errc::storage) << e.what();
        failed = true;
      }
    }
    ASSERT_TRUE(failed) << "the disk never filled inside the transaction";
    fault_vfs::set_free_space(std::nullopt);
    Customer later;
    later.display_name = "Later";
    expect_storage_error([&] { engine->create(later); }, "aborted by an earlier storage error");
    expect_storage_error([&] { tx.commit(); }, "aborted by an earlier storage error");
  }
  EXPECT_EQ(state_of(*engine), before);
  buy(*engine, 500);  // the next transaction works
  EXPECT_TRUE(engine->find_customer_by_external_id("fault:500"));
  EXPECT_EQ(integrity(), "ok");
}

}  // namespace
}  // namespace crm::test
