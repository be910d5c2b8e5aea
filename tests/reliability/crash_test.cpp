// SPDX-License-Identifier: Apache-2.0
// Crash safety: a writer process (crash_writer.cpp) commits numbered
// transactions and is killed with SIGKILL at a random moment, many times
// over one file. After every kill the file must pass SQLite's integrity
// check, open, hold every transaction the writer reported committed (at
// most the one in flight besides), and no part of any other.
//
// CRM_CRASH_ROUNDS sets the number of kills (default 25; longer runs are
// documented in docs/RELIABILITY.md).
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "crm/crm.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace crm::test {
namespace {

int rounds() {
  const char* text = std::getenv("CRM_CRASH_ROUNDS");
  return text != nullptr && std::atoi(text) > 0 ? std::atoi(text) : 25;
}

// Starts the writer on `db` with its standard output in `out`.
pid_t start_writer(const std::filesystem::path& db, const std::filesystem::path& out, bool full) {
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args{CRM_CRASH_WRITER, db.string()};
  if (full) args.emplace_back("--full");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, CRM_CRASH_WRITER, &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  return spawned == 0 ? pid : -1;
}

// The last transaction number the writer printed, 0 if none.
std::int64_t last_reported(const std::filesystem::path& out) {
  std::ifstream in(out);
  std::int64_t last = 0;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) last = std::stoll(line);  // each line is one write(): whole or absent
  return last;
}

std::string integrity(const std::filesystem::path& db) {
  SQLite::Database file(db.string(), SQLite::OPEN_READONLY);
  return file.execAndGet("PRAGMA integrity_check").getString();
}

// Transactions first..last each whole: the customer, two purchases of n
// cents, and statistics that say so.
void expect_whole(const Engine& engine, std::int64_t first, std::int64_t last) {
  for (std::int64_t n = first; n <= last; ++n) {
    const auto customer = engine.find_customer_by_external_id("crash:" + std::to_string(n));
    ASSERT_TRUE(customer) << "transaction " << n << " is missing";
    const auto bought = engine.list(InteractionQuery{.customer_id = customer->id, .limit = 10}).items;
    ASSERT_EQ(bought.size(), 2U) << "transaction " << n;
    for (const auto& p : bought) EXPECT_EQ(p.amount, Money::of(n, "EUR")) << "transaction " << n;
    const auto stats = engine.purchase_stats(customer->id);
    ASSERT_EQ(stats.size(), 1U) << "transaction " << n;
    EXPECT_EQ(stats[0].total_minor, 2 * n) << "transaction " << n;
  }
}

TEST(CrashTest, EveryReportedCommitSurvivesSigkillAndNothingIsHalfWritten) {
  TempDir dir;
  const auto db = dir / "crm.db";
  const auto out = dir / "writer.out";
  std::mt19937 random(20261202);
  std::int64_t checked = 0;  // transactions 1..checked were checked whole
  std::int64_t kills_mid_write = 0;
  for (int round = 0; round < rounds(); ++round) {
    const pid_t writer = start_writer(db, out, round % 2 == 1);
    ASSERT_GT(writer, 0) << "cannot start " << CRM_CRASH_WRITER;
    // Long enough for the first rounds to create the file and commit some.
    std::this_thread::sleep_for(std::chrono::milliseconds(round == 0 ? 400 : 20 + random() % 150));
    ASSERT_EQ(kill(writer, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(writer, &status, 0), writer);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << ": the writer ended by itself (status " << status << ")";

    // Killed before its first commit, the writer reported nothing new.
    const std::int64_t reported = std::max(last_reported(out), checked);
    ASSERT_EQ(integrity(db), "ok") << "round " << round;
    Engine engine(std::make_unique<SqliteStore>(db));
    const auto customers = static_cast<std::int64_t>(engine.count<Customer>());
    // Every reported commit is there; at most the one being reported besides.
    ASSERT_GE(customers, reported) << "round " << round << ": a reported commit was lost";
    ASSERT_LE(customers, reported + 1) << "round " << round;
    kills_mid_write += customers == reported + 1 ? 1 : 0;
    // No half transaction: exactly two purchases per customer in all.
    ASSERT_EQ(engine.count<Interaction>(), static_cast<std::size_t>(2 * customers)) << "round " << round;
    expect_whole(engine, checked + 1, customers);
    checked = customers;
    const auto mended = engine.rebuild_purchase_stats();
    EXPECT_EQ(mended.added + mended.corrected + mended.removed, 0U) << "round " << round;
  }
  EXPECT_GT(checked, rounds()) << "the writer committed too little to test anything";
  std::cout << "[ info     ] " << rounds() << " kills, " << checked << " transactions; " << kills_mid_write
            << " kills fell between a commit and its report\n";
}

}  // namespace
}  // namespace crm::test
