// SPDX-License-Identifier: Apache-2.0
// crm <record> rm ID [--version V] and crm pipeline rm NAME: every record type
// can be erased from the tool; a refused erase (unknown id, stale version, a
// record others still refer to) exits 1, names why and changes nothing.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

class EraseCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }

  std::string add(std::vector<std::string> args) {
    args.insert(args.begin(), "--json");
    return std::to_string(id_of(crm_ok(args)));
  }
};

TEST_F(EraseCliTest, ErasesACustomerAtTheVersionJustRead) {
  const auto id = add({"customer", "add", "--name", "Ada", "--phone", "020 7946 0018"});
  EXPECT_EQ(crm_ok({"customer", "rm", id}), "erased customer " + id + "\n");
  expect_refused({"customer", "show", id}, "crm: error: customer " + id + ": not found\n");
}

TEST_F(EraseCliTest, ErasesAtTheVersionGivenAndRefusesAStaleOne) {
  const auto id = add({"customer", "add", "--name", "Ada"});
  crm_ok({"customer", "update", id, "--tier", "gold"});  // now at version 2
  expect_refused({"customer", "rm", id, "--version", "1"},
                 "crm: error: customer " + id + ": version 1 is stale (stored version is 2); reload and retry\n");
  const auto out = json::parse(crm_ok({"--json", "customer", "rm", id, "--version", "2"}));
  EXPECT_EQ(out, (json{{"erased", "customer"}, {"id", std::stoll(id)}, {"version", 2}}));
}

TEST_F(EraseCliTest, RefusesAnUnknownIdAndACustomerWithInteractions) {
  expect_refused({"customer", "rm", "42"}, "crm: error: customer 42: not found\n");
  const auto id = add({"customer", "add", "--name", "Ada"});
  const auto call = add({"log", "--customer", id, "--kind", "call"});
  crm_ok({"customer", "show", id});  // the next open after the first interaction notes the statistics built
  expect_refused({"customer", "rm", id}, "crm: error: customer " + id + ": still has interactions\n");

  EXPECT_EQ(crm_ok({"interaction", "rm", call}), "erased interaction " + call + "\n");
  crm_ok({"customer", "rm", id});
}

TEST_F(EraseCliTest, ErasesALeadADealAndATask) {
  const auto lead = add({"lead", "add", "--name", "Ada", "--company", "Engines Ltd"});
  const auto deal = add({"opp", "add", "--name", "Boiler", "--stage", "prospecting"});
  const auto task = add({"task", "add", "--subject", "Call back"});
  EXPECT_EQ(crm_ok({"lead", "rm", lead}), "erased lead " + lead + "\n");
  EXPECT_EQ(crm_ok({"opp", "rm", deal}), "erased opportunity " + deal + "\n");
  EXPECT_EQ(crm_ok({"task", "rm", task}), "erased task " + task + "\n");
  expect_refused({"opp", "show", deal}, "crm: error: opportunity " + deal + ": not found\n");
  expect_refused({"task", "rm", task}, "crm: error: task " + task + ": not found\n");
}

TEST_F(EraseCliTest, ErasesAPipelineByNameOnceNoDealUsesIt) {
  // The sales import stores the pipeline "sales" and puts its deals in it.
  const auto imported = crm({"--json", "import", "sales", (std::filesystem::path(CRM_CLI_TEST_DATA) / "sales").string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  expect_refused({"pipeline", "rm", "SALES"}, "crm: error: pipeline 'sales': still has deals\n");

  const auto deals = json::parse(crm_ok({"--json", "opp", "list", "--pipeline", "sales", "--limit", "1000"}));
  ASSERT_FALSE(deals["items"].empty());
  for (const auto& deal : deals["items"]) crm_ok({"opp", "rm", std::to_string(deal["id"].get<long long>())});

  const auto stored = json::parse(crm_ok({"--json", "pipeline", "show", "sales"}));
  const auto version = stored["version"].get<long long>();
  const auto id = std::to_string(stored["id"].get<long long>());
  expect_refused({"pipeline", "rm", "sales", "--version", std::to_string(version + 1)},
                 "crm: error: pipeline " + id + ": version " + std::to_string(version + 1) +
                     " is stale (stored version is " + std::to_string(version) + "); reload and retry\n");
  EXPECT_EQ(crm_ok({"pipeline", "rm", "sales", "--version", std::to_string(version)}), "erased pipeline sales\n");
  expect_refused({"pipeline", "show", "sales"}, "crm: error: no pipeline named 'sales'\n");
}

TEST_F(EraseCliTest, TheBuiltInDefaultPipelineHasNothingToErase) {
  expect_refused({"pipeline", "rm", "default"}, "crm: error: no stored pipeline named 'default'\n");
  expect_refused({"pipeline", "rm", "nope"}, "crm: error: no stored pipeline named 'nope'\n");
}

}  // namespace
}  // namespace crm::test
