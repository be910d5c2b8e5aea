// SPDX-License-Identifier: Apache-2.0
// What rules do to the command line's writes (issue 21, defects 5, 9, 10):
// --json prints the record as stored after its rules, a failing rule names
// itself and its action, "on_failure" round-trips through `crm rule`, and
// --workflow-action-limit bounds the actions one change sets off.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

constexpr const char* welcome_rule = R"({"name": "welcome", "trigger": {"on": "created", "entity": "customer"},
  "actions": [{"action": "add_tag", "tag": "new-signup"}]})";

constexpr const char* gold_rule = R"({"name": "gold", "trigger": {"on": "changed", "entity": "customer",
  "field": "tier", "to": "gold"}, "actions": [{"action": "add_tag", "tag": "vip"}]})";

constexpr const char* three_notes = R"({"name": "notes", "trigger": {"on": "created", "entity": "customer"},
  "actions": [{"action": "notify", "topic": "a"}, {"action": "notify", "topic": "b"},
              {"action": "notify", "topic": "c"}]})";

std::string promo_rule(const std::string& policy) {
  return R"({"name": "promo", "on_failure": ")" + policy + R"(",
    "trigger": {"on": "created", "entity": "interaction"},
    "actions": [{"action": "set", "field": "customer.external_id", "value": "PROMO"}]})";
}

class RuleOutcomeCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }

  json run_json(std::vector<std::string> command) const {
    command.insert(command.begin(), "--json");
    return json::parse(crm_ok(command));
  }
};

TEST_F(RuleOutcomeCliTest, AddAndUpdatePrintTheRecordAsItsRulesLeftIt) {
  crm_ok({"rule", "add", "-"}, welcome_rule);
  crm_ok({"rule", "add", "-"}, gold_rule);
  const auto added = run_json({"customer", "add", "--name", "Ada"});
  EXPECT_EQ(added["version"], 2);
  EXPECT_EQ(added["tags"], json({"new-signup"}));
  const auto id = std::to_string(added["id"].get<long long>());
  const auto updated = run_json({"customer", "update", id, "--tier", "gold"});
  EXPECT_EQ(updated["version"], 4);
  EXPECT_EQ(updated["tags"], json({"new-signup", "vip"}));
  EXPECT_EQ(updated, run_json({"customer", "show", id}));
}

TEST_F(RuleOutcomeCliTest, AFailingRuleNamesItselfAndItsActionAndWritesNothing) {
  crm_ok({"customer", "add", "--name", "Holder", "--external-id", "PROMO"});
  crm_ok({"customer", "add", "--name", "Ada"});
  crm_ok({"rule", "add", "-"}, promo_rule("fail"));
  expect_refused({"log", "--customer", "2", "--channel", "pos", "--amount", "10", "--currency", "EUR"},
                 "crm: error: rule 'promo': actions[0] (set): customer.external_id 'PROMO' already belongs to "
                 "record 1\n");

  crm_ok({"rule", "add", "-"}, promo_rule("skip"));
  crm_ok({"log", "--customer", "2", "--channel", "pos", "--amount", "10", "--currency", "EUR"});
  const auto notes = run_json({"outbox"})["items"];
  ASSERT_EQ(notes.size(), 1U) << notes;
  EXPECT_EQ(notes[0]["topic"], "rule.failed");
  const auto firings = run_json({"firings", "--rule", "promo"})["items"];
  ASSERT_EQ(firings.size(), 1U) << firings;
  EXPECT_EQ(firings[0]["outcome"], "failed");
}

TEST_F(RuleOutcomeCliTest, OnFailureRoundTripsThroughRuleAddShowAndList) {
  crm_ok({"rule", "add", "-"}, promo_rule("skip"));
  EXPECT_EQ(run_json({"rule", "show", "promo"})["definition"]["on_failure"], "skip");
  EXPECT_TRUE(contains(crm_ok({"rule", "show", "promo"}), "\"on_failure\": \"skip\"")) << "the text form too";
  EXPECT_EQ(run_json({"rule", "list"})["items"][0]["definition"]["on_failure"], "skip");
  const auto table = crm_ok({"rule", "list"});
  EXPECT_TRUE(contains(table, "on failure")) << table;
  EXPECT_TRUE(contains(table, " skip ")) << table;
  const auto bad = crm({"rule", "add", "-"}, promo_rule("maybe"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(contains(bad.err, "rule 'promo': on_failure: \"maybe\" is not a failure policy")) << bad.err;
}

TEST_F(RuleOutcomeCliTest, WorkflowActionLimitBoundsTheActionsOneChangeSetsOff) {
  crm_ok({"rule", "add", "-"}, three_notes);
  const auto before = snapshot();
  const auto result = crm({"--workflow-action-limit", "2", "customer", "add", "--name", "Ada"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_TRUE(result.err.starts_with("crm: error: workflow: the change set off more than 2 rule actions"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "rule chain: 'notes' on customer")) << result.err;
  EXPECT_EQ(snapshot(), before) << "nothing written";

  EXPECT_EQ(crm({"--workflow-action-limit", "0", "customer", "list"}).exit_code, 2);
  EXPECT_EQ(crm({"--workflow-action-limit", "-1", "customer", "list"}).exit_code, 2);
  crm_ok({"customer", "add", "--name", "Ada"});  // the default, 2000
  EXPECT_TRUE(contains(crm({"--help"}).out, "--workflow-action-limit")) << "listed in the help";
}

}  // namespace
}  // namespace crm::test
