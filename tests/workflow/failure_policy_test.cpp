// SPDX-License-Identifier: Apache-2.0
// A rule whose action fails: the error names the rule and the action, and
// the rule's "on_failure" policy says whether the change fails with it
// ("fail", the default) or goes on without that rule's effects ("skip":
// logged as failed, a "rule.failed" notification in the outbox). Issue 21,
// defect 10.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

using nlohmann::json;
using days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

// The till's case: every purchase tags its customer and gives them the
// promotion's card number, which another customer already holds.
std::string promo(const std::string& policy = "") {
  return R"({"name": "promo", )" + (policy.empty() ? "" : R"("on_failure": ")" + policy + R"(", )") +
         R"("trigger": {"on": "created", "entity": "interaction"},
            "actions": [{"action": "add_tag", "tag": "promo", "on": "customer"},
                        {"action": "set", "field": "customer.external_id", "value": "PROMO"}]})";
}

class FailurePolicyTest : public WorkflowTest {
 protected:
  void SetUp() override {
    WorkflowTest::SetUp();
    auto holder = person("Holder");
    holder.external_id = "PROMO";
    holder_ = engine->create(holder);
    cashier_ = engine->create(person("Ada"));
  }

  Customer holder_, cashier_;
};

TEST_P(FailurePolicyTest, AFailingActionFailsTheChangeNamingTheRuleAndTheAction) {
  rule(promo());
  const auto failure = error_of([&] { engine->create(purchase(cashier_.id, Money::of(10'00, "EUR"))); });
  EXPECT_EQ(failure.code, Errc::already_exists) << "the action's own code";
  EXPECT_EQ(failure.message, "rule 'promo': actions[1] (set): customer.external_id 'PROMO' already belongs to record " +
                                 std::to_string(holder_.id));
  EXPECT_EQ(engine->count<Interaction>(), 0u);
  EXPECT_TRUE(engine->get<Customer>(cashier_.id).tags.empty());
}

TEST_P(FailurePolicyTest, AFailureFurtherDownTheChainIsNamedWhereItHappened) {
  rule(R"({"name": "follow-up", "trigger": {"on": "created", "entity": "interaction"},
           "actions": [{"action": "create_task", "subject": "Follow up"}]})");
  rule(R"({"name": "card", "trigger": {"on": "created", "entity": "task"},
           "actions": [{"action": "set", "field": "customer.external_id", "value": "PROMO"}]})");
  const auto failure = error_of([&] { engine->create(purchase(cashier_.id, Money::of(10'00, "EUR"))); });
  EXPECT_EQ(failure.code, Errc::already_exists);
  EXPECT_TRUE(failure.message.starts_with("rule 'card': actions[0] (set): customer.external_id 'PROMO'"))
      << failure.message;
}

TEST_P(FailurePolicyTest, SkipCommitsTheChangeWithoutTheRulesEffectsLogsItAndTellsTheHost) {
  rule(promo("skip"));
  rule(R"({"name": "thanks", "trigger": {"on": "created", "entity": "interaction"},
           "actions": [{"action": "notify", "topic": "thanks"}]})");
  const auto bought = engine->create(purchase(cashier_.id, Money::of(10'00, "EUR")));
  EXPECT_EQ(engine->count<Interaction>(), 1u) << "the till's purchase is kept";
  const auto ada = engine->get<Customer>(cashier_.id);
  EXPECT_TRUE(ada.tags.empty()) << "the rule's first action is undone with its failing second";
  EXPECT_EQ(ada.external_id, "");
  EXPECT_EQ(ada.version, cashier_.version);

  const auto log = firings("promo");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].outcome, FiringOutcome::failed);
  EXPECT_EQ(log[0].entity, "interaction");
  EXPECT_EQ(log[0].record_id, bought.id);
  EXPECT_NE(log[0].detail.find("actions[1] (set): customer.external_id 'PROMO' already belongs"), std::string::npos)
      << log[0].detail;
  EXPECT_EQ(firings("thanks").at(0).outcome, FiringOutcome::ran) << "other rules still run";

  const auto notes = outbox();
  const auto failed = std::find_if(notes.begin(), notes.end(), [](const Notification& n) { return n.topic == "rule.failed"; });
  ASSERT_NE(failed, notes.end());
  EXPECT_EQ(failed->rule, "promo");
  EXPECT_EQ(failed->entity, "interaction");
  EXPECT_EQ(failed->record_id, bought.id);
  const auto payload = json::parse(failed->payload);
  EXPECT_EQ(payload["error"], log[0].detail);
  EXPECT_EQ(payload["record"]["id"], bought.id);
}

TEST_P(FailurePolicyTest, SkipInsideAFailingRuleKeepsTheOuterRulesEffects) {
  // "outer" (fail) creates a task; "inner" (skip) on that task fails: the
  // task stays, the inner rule's own change does not.
  rule(R"({"name": "outer", "trigger": {"on": "created", "entity": "interaction"},
           "actions": [{"action": "create_task", "subject": "Follow up"}]})");
  rule(R"({"name": "inner", "on_failure": "skip", "trigger": {"on": "created", "entity": "task"},
           "actions": [{"action": "add_tag", "tag": "tried", "on": "customer"},
                       {"action": "set", "field": "customer.external_id", "value": "PROMO"}]})");
  engine->create(purchase(cashier_.id, Money::of(10'00, "EUR")));
  EXPECT_EQ(engine->count<Task>(), 1u);
  EXPECT_TRUE(engine->get<Customer>(cashier_.id).tags.empty());
  EXPECT_EQ(firings("inner").at(0).outcome, FiringOutcome::failed);
  EXPECT_EQ(firings("inner").at(0).depth, 1);
  EXPECT_EQ(firings("outer").at(0).outcome, FiringOutcome::ran);
}

TEST_P(FailurePolicyTest, SkipDoesNotSwallowTheActionBudget) {
  TempDir other;
  Engine limited(GetParam().open(other),
                 EngineOptions{.default_region = "GB", .clock = clock, .workflow_action_limit = 3});
  limited.save_rule(R"({"name": "many", "on_failure": "skip", "trigger": {"on": "created", "entity": "customer"},
                        "actions": [{"action": "notify", "topic": "a"}, {"action": "notify", "topic": "b"},
                                    {"action": "notify", "topic": "c"}, {"action": "notify", "topic": "d"}]})");
  const auto failure = error_of([&] { limited.create(person("Bea")); });
  EXPECT_EQ(failure.code, Errc::conflict);
  EXPECT_NE(failure.message.find("more than 3 rule actions"), std::string::npos) << failure.message;
  EXPECT_EQ(limited.count<Customer>(), 0u);
}

TEST_P(FailurePolicyTest, AFailedTimedActionOfASkipRuleIsLoggedAndNotified) {
  rule(R"({"name": "late-card", "on_failure": "skip",
           "trigger": {"on": "time", "entity": "customer", "field": "created_at", "offset": "1d"},
           "actions": [{"action": "set", "field": "external_id", "value": "PROMO"}]})");
  rule(R"({"name": "late-fail", "trigger": {"on": "time", "entity": "customer", "field": "created_at", "offset": "1d"},
           "actions": [{"action": "set", "field": "external_id", "value": "PROMO"}]})");
  const auto bea = engine->create(person("Bea"));
  EXPECT_EQ(engine->run_due(clock->now() + days(2)), (RunDueReport{.failed = 2}));
  EXPECT_NE(firings("late-card").back().detail.find("rule 'late-card': actions[0] (set): customer.external_id"),
            std::string::npos)
      << firings("late-card").back().detail;
  std::vector<std::string> failed;
  for (const auto& n : outbox())
    if (n.topic == "rule.failed") failed.push_back(n.rule + " " + std::to_string(n.record_id));
  EXPECT_EQ(failed, std::vector<std::string>{"late-card " + std::to_string(bea.id)}) << "only the skip rule tells";
}

TEST_P(FailurePolicyTest, ThePolicyIsStoredAndAnUnknownOneIsRefused) {
  rule(promo("skip"));
  EXPECT_EQ(json::parse(engine->find_rule("promo")->definition)["on_failure"], "skip");
  rule(promo("fail"));
  EXPECT_FALSE(json::parse(engine->find_rule("promo")->definition).contains("on_failure")) << "the default is not written";
  const auto failure = error_of([&] { rule(promo("ignore")); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message,
            "rule 'promo': on_failure: \"ignore\" is not a failure policy (expected one of: fail, skip)");
}

INSTANTIATE_TEST_SUITE_P(Backends, FailurePolicyTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
