// SPDX-License-Identifier: Apache-2.0
// Mistakes on the command line itself: exit code 2, one line on stderr.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

void expect_usage_error(const CliResult& result, const std::string& message) {
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, message);
}

TEST_F(CliTest, HelpExitsZeroAndListsTheCommands) {
  const auto result = crm({"--help"});
  EXPECT_EQ(result.exit_code, 0);
  for (const char* command : {"init", "customer", "log", "lead", "opp", "pipeline", "import", "demo"})
    EXPECT_NE(result.out.find(command), std::string::npos) << command;
}

// The version CMake's project() names (CRM_TEST_PROJECT_VERSION), alone on
// stdout; no database is opened or created for it.
TEST_F(CliTest, VersionPrintsTheProjectVersionAndExitsZero) {
  const auto result = crm({"--version"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, std::string("crm ") + CRM_TEST_PROJECT_VERSION + "\n");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(snapshot(), "no database");
}

TEST_F(CliTest, AnUnknownCommandIsAUsageError) {
  expect_usage_error(crm({"frobnicate"}), "crm: error: unknown command 'frobnicate' (see: crm --help)\n");
}

TEST_F(CliTest, AnUnknownSubcommandNamesItsGroupForHelp) {
  expect_usage_error(crm({"customer", "frobnicate"}),
                     "crm: error: unknown command 'frobnicate' (see: crm customer --help)\n");
}

TEST_F(CliTest, AMissingRequiredArgumentIsAUsageError) {
  crm_ok({"init"});
  expect_usage_error(crm({"customer", "show"}), "crm: error: id is required (see: crm customer show --help)\n");
}

TEST_F(CliTest, AnIdThatIsNotANumberIsAUsageError) {
  crm_ok({"init"});
  const auto result = crm({"customer", "show", "abc"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
}

TEST_F(CliTest, ALimitOutOfRangeIsAUsageError) {
  crm_ok({"init"});
  expect_usage_error(crm({"customer", "list", "--limit", "0"}),
                     "crm: error: --limit: Value 0 not in range 1 to 1000 (see: crm customer list --help)\n");
}

TEST_F(CliTest, FromJsonWithFieldOptionsIsAUsageError) {
  crm_ok({"init"});
  expect_usage_error(crm({"customer", "add", "--from-json", "{}", "--name", "Ada"}),
                     "crm: error: --name excludes --from-json (see: crm customer add --help)\n");
}

TEST_F(CliTest, FindNeedsExactlyOneKey) {
  crm_ok({"init"});
  const auto result = crm({"customer", "find"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--phone"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace crm::test
