// SPDX-License-Identifier: Apache-2.0
// A damaged file through the crm tool: listings keep the readable records
// and warn about the others on stderr, `crm check` names every damaged
// record and exits 3, and a file whose schema is damaged is refused.
// The file is filled in process and damaged with SQL; crm runs as a user runs it.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>

#include <crm/engine.hpp>
#include <crm/store/sqlite_store.hpp>

#include <algorithm>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

class CheckCliTest : public CliTest {
 protected:
  // 300 customers in the file, written in process (300 crm runs would be slow).
  void SetUp() override {
    Engine engine(std::make_unique<SqliteStore>(db_, SqliteOptions{.durability = SqliteOptions::Durability::normal}),
                  {.default_region = "GB"});
    auto tx = engine.transaction();
    for (int i = 0; i < 300; ++i) {
      Customer c;
      c.display_name = "Customer " + std::to_string(i);
      ids.push_back(engine.create(std::move(c)).id);
    }
    tx.commit();
  }

  void sql(const std::string& statement) const {
    SQLite::Database db(db_.string(), SQLite::OPEN_READWRITE);
    db.exec(statement);
  }

  void damage(Id id) const { sql("UPDATE records SET body = X'C1DEADBEEF' WHERE id = " + std::to_string(id)); }

  std::vector<Id> ids;
};

TEST_F(CheckCliTest, CheckOfAHealthyFileSaysSoAndExitsZero) {
  const auto out = crm_ok({"check"});
  EXPECT_TRUE(contains(out, "no damage")) << out;
  const auto report = json::parse(crm_ok({"--json", "check"}));
  EXPECT_EQ(report["damaged"], json::array());
  EXPECT_GE(report["records"].get<long long>(), 300);
}

TEST_F(CheckCliTest, CheckNamesTheDamagedRecordAndExitsThree) {
  damage(ids[99]);
  const auto result = crm({"check"});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_TRUE(contains(result.out, "customer " + std::to_string(ids[99]))) << result.out;
  EXPECT_TRUE(contains(result.out, "1 damaged record")) << result.out;

  const auto as_json = crm({"--json", "check"});
  EXPECT_EQ(as_json.exit_code, 3) << as_json.err;
  const auto report = json::parse(as_json.out);
  ASSERT_EQ(report["damaged"].size(), 1U) << as_json.out;
  EXPECT_EQ(report["damaged"][0]["collection"], "customer");
  EXPECT_EQ(report["damaged"][0]["id"], ids[99]);
}

TEST_F(CheckCliTest, AListingShowsTheReadableCustomersAndWarnsAboutTheDamagedOne) {
  damage(ids[99]);
  const auto result = crm({"customer", "list", "--limit", "1000"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "Customer 98\n") || contains(result.out, "Customer 98 ")) << result.out;
  EXPECT_FALSE(contains(result.out, "Customer 99 ")) << result.out;
  EXPECT_TRUE(contains(result.out, "Customer 299")) << result.out;
  EXPECT_TRUE(contains(result.err, "warning")) << result.err;
  EXPECT_TRUE(contains(result.err, std::to_string(ids[99]))) << result.err;

  const auto as_json = crm({"--json", "customer", "list", "--limit", "1000"});
  EXPECT_EQ(as_json.exit_code, 0) << as_json.err;
  const auto page = json::parse(as_json.out);
  EXPECT_EQ(page["items"].size(), 299U);
  EXPECT_EQ(page["damaged"], json::array({ids[99]}));
}

TEST_F(CheckCliTest, ShowingTheDamagedCustomerFailsNamingIt) {
  damage(ids[99]);
  const auto result = crm({"customer", "show", std::to_string(ids[99])});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "customer " + std::to_string(ids[99]) + ":")) << result.err;
}

// Every kind of record the demo writes (rules, tasks, deals and their
// history, purchases and their statistics, the outbox…) reads back whole.
TEST(CheckDemoCliTest, CheckOfTheDemoDataFindsNoDamage) {
  TempDir dir;
  const auto db = (dir / "demo.db").string();
  const auto demo = run_crm({"--db", db, "demo", "--customers", "60"}, dir.path());
  ASSERT_EQ(demo.exit_code, 0) << demo.err;
  const auto result = run_crm({"--db", db, "check"}, dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "no damage")) << result.out;
}

TEST_F(CheckCliTest, AFileWithADamagedSchemaVersionIsRefused) {
  sql("PRAGMA user_version = -1");
  const auto result = crm({"check"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "schema version -1")) << result.err;
}

}  // namespace
}  // namespace crm::test
