// SPDX-License-Identifier: Apache-2.0
// The crm tool next to another process that writes to the same file: reads
// never wait for the writer (the file is in WAL mode), and a write waits at
// most --busy-timeout milliseconds, then fails saying the file is busy.

#include <gtest/gtest.h>

#include <SQLiteCpp/Database.h>

#include <chrono>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

class BusyCliTest : public CliTest {
 protected:
  void SetUp() override {
    crm_ok({"init"});
    crm_ok({"customer", "add", "--name", "Ada Lovelace", "--phone", "020 7946 0018"});
  }

  // Another process's long write (an import, `crm demo`): it holds the file's write lock.
  SQLite::Database hold_write_lock() {
    SQLite::Database other(db_.string(), SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    return other;
  }
};

TEST_F(BusyCliTest, AFindAnswersWhileAnotherProcessHoldsTheWriteLock) {
  auto writer = hold_write_lock();
  const auto started = std::chrono::steady_clock::now();
  const auto result = crm({"--busy-timeout", "60000", "customer", "find", "--phone", "+44 20 7946 0018"});
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "Ada Lovelace")) << result.out;
  // Not a timing target: a read that waited for the lock would wait the full minute.
  EXPECT_LT(waited, std::chrono::seconds(30));
}

TEST_F(BusyCliTest, AWriteWaitsAtMostTheBusyTimeoutThenFailsBusy) {
  auto writer = hold_write_lock();
  const auto result = crm({"--busy-timeout", "200", "customer", "add", "--name", "Bob"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "busy")) << result.err;
  EXPECT_TRUE(contains(result.err, "200 ms")) << result.err;
}

TEST_F(BusyCliTest, ABusyTimeoutOutsideItsRangeIsRefused) {
  const auto result = crm({"--busy-timeout", "-1", "customer", "find", "--phone", "020 7946 0018"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "busy_timeout -1 ms is not between 0 and 86400000")) << result.err;
}

}  // namespace
}  // namespace crm::test
