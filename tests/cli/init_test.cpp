// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

TEST_F(CliTest, InitCreatesTheFileAndSaysWhatItHolds) {
  const auto out = crm_ok({"init"});
  EXPECT_TRUE(std::filesystem::exists(db_));
  EXPECT_NE(out.find(db_.string() + " (created)"), std::string::npos) << out;
  EXPECT_NE(out.find("schema version 1"), std::string::npos) << out;
  EXPECT_NE(out.find("customers      0"), std::string::npos) << out;
}

TEST_F(CliTest, InitOnAnExistingFileOpensItAndCountsItsRecords) {
  crm_ok({"init"});
  crm_ok({"customer", "add", "--name", "Ada Lovelace"});
  const auto info = json::parse(crm_ok({"--json", "init"}));
  EXPECT_EQ(info["created"], false);
  EXPECT_EQ(info["schema_version"], 1);
  EXPECT_EQ(info["counts"]["customers"], 1);
  EXPECT_EQ(info["counts"]["interactions"], 0);
  EXPECT_EQ(info["path"], db_.string());
}

TEST_F(CliTest, InitRefusesAFileThatIsNotACrmDatabaseAndLeavesItAlone) {
  std::ofstream(db_) << "shopping list: tea, mugs\n";
  const auto result = crm({"init"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  std::ifstream in(db_);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "shopping list: tea, mugs");
}

TEST_F(CliTest, CommandsOtherThanInitRefuseAMissingDatabaseAndCreateNothing) {
  const auto result = crm({"customer", "list"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "crm: error: database '" + db_.string() + "' does not exist (create it with: crm --db " +
                            db_.string() + " init)\n");
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliTest, AnUnknownRegionIsRefusedBeforeAnyFileIsCreated) {
  const auto result = crm({"--region", "XX", "init"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "crm: error: region 'XX': not a region libphonenumber knows (use ISO 3166, e.g. GB)\n");
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliTest, APageCacheOutsideItsRangeIsRefusedBeforeAnyFileIsCreated) {
  const auto result = crm({"--page-cache-mib", "-5", "init"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "crm: error: sqlite store: page_cache_mib -5 is not between 0 and 1048576\n");
  EXPECT_FALSE(std::filesystem::exists(db_));
}

TEST_F(CliTest, ALargerPageCacheOpensTheSameRecords) {
  crm_ok({"--page-cache-mib", "64", "init"});
  crm_ok({"--page-cache-mib", "64", "customer", "add", "--name", "Ada Lovelace"});
  const auto info = json::parse(crm_ok({"--json", "init"}));
  EXPECT_EQ(info["counts"]["customers"], 1);
}

}  // namespace
}  // namespace crm::test
