// SPDX-License-Identifier: Apache-2.0
// Rules on changes: each trigger kind and each action, run by the engine in
// the transaction of the change, and logged.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

using nlohmann::json;
using std::chrono::hours;

class TriggerTest : public WorkflowTest {
 protected:
  Opportunity deal(Id customer = 0) {
    Opportunity o;
    o.name = "200 tills";
    o.stage = "Qualification";
    o.customer_id = customer;
    o.amount = Money::of(5'000'00, "EUR");
    o.owner = "alice";
    return engine->create(o);
  }
};

TEST_P(TriggerTest, CreatedFiresOnCreateOnly) {
  rule(R"({"name": "welcome", "trigger": {"on": "created", "entity": "customer"},
           "actions": [{"action": "add_tag", "tag": "new-signup"}]})");
  auto ada = engine->create(person("Ada"));
  ada = engine->get<Customer>(ada.id);
  EXPECT_EQ(ada.tags, Tags{"new-signup"});
  ada.tier = "gold";
  engine->update(ada);
  const auto log = firings("welcome");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].record_id, ada.id);
  EXPECT_EQ(log[0].outcome, FiringOutcome::ran);
  EXPECT_EQ(log[0].depth, 0);
  EXPECT_EQ(log[0].at, test_start);
}

TEST_P(TriggerTest, UpdatedFiresOnUpdateOnlyAndNotifiesWithTheRecord) {
  rule(R"({"name": "changed", "trigger": {"on": "updated", "entity": "customer"},
           "actions": [{"action": "notify", "topic": "customer.changed", "to": "crm-sync"}]})");
  auto ada = engine->create(person("Ada"));
  EXPECT_TRUE(outbox().empty());
  ada.tier = "gold";
  engine->update(ada);
  const auto notes = outbox();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].topic, "customer.changed");
  EXPECT_EQ(notes[0].to, "crm-sync");
  EXPECT_EQ(notes[0].rule, "changed");
  EXPECT_EQ(notes[0].entity, "customer");
  EXPECT_EQ(notes[0].record_id, ada.id);
  EXPECT_EQ(notes[0].key, "changed/customer/" + std::to_string(ada.id) + "/v2/0");
  EXPECT_EQ(json::parse(notes[0].payload).at("tier"), "gold");
}

TEST_P(TriggerTest, DeletedFiresOnEraseWithTheRecordAsItWas) {
  rule(R"({"name": "gone", "trigger": {"on": "deleted", "entity": "interaction"},
           "when": {"field": "kind", "op": "=", "value": "purchase"},
           "actions": [{"action": "notify", "topic": "purchase.voided"}]})");
  const auto ada = engine->create(person("Ada"));
  const auto sale = engine->create(purchase(ada.id, Money::of(12'00, "GBP")));
  const auto memo = engine->create(note(ada.id, "memo"));
  engine->erase<Interaction>(memo.id, memo.version);
  EXPECT_TRUE(outbox().empty()) << "not a purchase";
  engine->erase<Interaction>(sale.id, sale.version);
  const auto notes = outbox();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].record_id, sale.id);
  EXPECT_EQ(json::parse(notes[0].payload).at("amount").at("minor"), 1200);
}

TEST_P(TriggerTest, SavedFiresOnCreateAndUpdate) {
  rule(R"({"name": "audit", "trigger": {"on": "saved", "entity": "lead"},
           "actions": [{"action": "notify", "topic": "lead.saved"}]})");
  Lead lead;
  lead.display_name = "Grace";
  lead = engine->create(lead);
  lead.status = LeadStatus::working;
  lead = engine->update(lead);
  engine->erase<Lead>(lead.id, lead.version);
  EXPECT_EQ(outbox().size(), 2u);
}

TEST_P(TriggerTest, ChangedFiresWhenTheFieldTakesTheValue) {
  rule(R"({"name": "churn-call", "trigger": {"on": "changed", "entity": "customer", "field": "stage", "to": "at-risk"},
           "actions": [{"action": "create_task", "subject": "Call to keep", "owner": "call-centre",
                        "priority": "high", "due_in": "1d"}]})");
  auto ada = engine->create(person("Ada"));
  ada.stage = LifecycleStage::active;
  ada = engine->update(ada);
  EXPECT_TRUE(tasks_of("call-centre").empty());
  ada.stage = LifecycleStage::at_risk;
  ada = engine->update(ada);
  ada.tier = "gold";  // still at risk: no second task
  ada = engine->update(ada);
  const auto tasks = tasks_of("call-centre");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].customer_id, ada.id);
  EXPECT_EQ(tasks[0].priority, TaskPriority::high);
  EXPECT_EQ(tasks[0].due_at, test_start + hours(24));
  EXPECT_EQ(tasks[0].rule, "churn-call");
}

TEST_P(TriggerTest, ChangedFromNarrowsToThePreviousValue) {
  rule(R"({"name": "win-back", "trigger": {"on": "changed", "entity": "customer", "field": "stage",
                                            "from": "churned"},
           "actions": [{"action": "add_tag", "tag": "won-back"}]})");
  auto ada = engine->create(person("Ada"));
  ada.stage = LifecycleStage::churned;
  ada = engine->update(ada);
  EXPECT_TRUE(engine->get<Customer>(ada.id).tags.empty());
  ada.stage = LifecycleStage::active;
  engine->update(ada);
  EXPECT_EQ(engine->get<Customer>(ada.id).tags, Tags{"won-back"});
}

TEST_P(TriggerTest, AStageChangeOfADealFiresItsRule) {
  rule(R"({"name": "proposal-review", "trigger": {"on": "changed", "entity": "opportunity", "field": "stage",
                                                   "to": "Proposal"},
           "actions": [{"action": "create_task", "subject": "Review the proposal", "due_in": "2h"}]})");
  const auto d = deal();
  engine->move_stage(d.id, d.version, "Proposal", "alice");
  const auto tasks = engine->list(TaskQuery{.opportunity_id = d.id}).items;
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].owner, "alice") << "the deal's owner when the action names none";
  EXPECT_EQ(tasks[0].due_at, test_start + hours(2));
}

TEST_P(TriggerTest, ALoggedPurchaseOverAThresholdTagsItsCustomer) {
  rule(R"({"name": "big-spender", "trigger": {"on": "created", "entity": "interaction"},
           "when": {"all": [{"field": "kind", "op": "=", "value": "purchase"},
                            {"field": "amount.minor", "op": ">=", "value": 10000}]},
           "actions": [{"action": "add_tag", "tag": "big-spender", "on": "customer"},
                       {"action": "set_stage", "stage": "active"}]})");
  const auto ada = engine->create(person("Ada"));
  engine->create(purchase(ada.id, Money::of(50'00, "GBP")));
  EXPECT_TRUE(engine->get<Customer>(ada.id).tags.empty());
  EXPECT_EQ(engine->get<Customer>(ada.id).stage, LifecycleStage::prospect);
  engine->create(purchase(ada.id, Money::of(150'00, "GBP")));
  const auto after = engine->get<Customer>(ada.id);
  EXPECT_EQ(after.tags, Tags{"big-spender"});
  EXPECT_EQ(after.stage, LifecycleStage::active);
}

TEST_P(TriggerTest, ConditionsReadTheRecordsCustomer) {
  rule(R"({"name": "gold-deal", "trigger": {"on": "created", "entity": "opportunity"},
           "when": {"field": "customer.tier", "op": "in", "value": ["gold", "platinum"]},
           "actions": [{"action": "set", "field": "customer.owner", "value": "key-accounts"}]})");
  auto plain = engine->create(person("Plain"));
  auto gold = person("Gold");
  gold.tier = "gold";
  gold = engine->create(gold);
  deal(plain.id);
  deal(gold.id);
  deal(0);
  EXPECT_EQ(engine->get<Customer>(plain.id).owner, "");
  EXPECT_EQ(engine->get<Customer>(gold.id).owner, "key-accounts");
}

TEST_P(TriggerTest, SetChangesAFieldAndIsGuardedByItsCondition) {
  rule(R"({"name": "gold-tier", "trigger": {"on": "saved", "entity": "customer"},
           "when": {"all": [{"field": "loyalty_points", "op": ">=", "value": 1000},
                            {"field": "tier", "op": "!=", "value": "gold"}]},
           "actions": [{"action": "set", "field": "tier", "value": "gold"},
                       {"action": "set", "field": "attributes.upgraded", "value": true}]})");
  auto ada = person("Ada");
  ada.loyalty_points = 999;
  ada = engine->create(ada);
  EXPECT_EQ(engine->get<Customer>(ada.id).tier, "");
  ada.loyalty_points = 1000;
  engine->update(ada);
  const auto after = engine->get<Customer>(ada.id);
  EXPECT_EQ(after.tier, "gold");
  EXPECT_EQ(after.attributes.at("upgraded"), AttributeValue(true));
  EXPECT_EQ(firings("gold-tier").size(), 1u) << "its own change no longer matches";
}

TEST_P(TriggerTest, RulesFireInOrderThenName) {
  rule(R"({"name": "b", "order": 1, "trigger": {"on": "created", "entity": "customer"},
           "actions": [{"action": "notify", "topic": "b"}]})");
  rule(R"({"name": "a", "order": 1, "trigger": {"on": "created", "entity": "customer"},
           "actions": [{"action": "notify", "topic": "a"}]})");
  rule(R"({"name": "z", "order": 0, "trigger": {"on": "created", "entity": "customer"},
           "actions": [{"action": "notify", "topic": "z"}]})");
  engine->create(person("Ada"));
  std::vector<std::string> topics;
  for (const auto& n : outbox()) topics.push_back(n.topic);
  EXPECT_EQ(topics, (std::vector<std::string>{"z", "a", "b"}));
}

TEST_P(TriggerTest, AFailingActionRollsTheWholeChangeBack) {
  rule(R"({"name": "broken", "trigger": {"on": "created", "entity": "customer"},
           "actions": [{"action": "notify", "topic": "first"},
                       {"action": "create_task", "subject": "ok"},
                       {"action": "set", "field": "display_name", "value": ""}]})");
  const auto failure = error_of([&] { engine->create(person("Ada")); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_NE(failure.message.find("display_name"), std::string::npos) << failure.message;
  EXPECT_EQ(engine->count<Customer>(), 0u);
  EXPECT_EQ(engine->count<Task>(), 0u);
  EXPECT_TRUE(outbox().empty());
  EXPECT_TRUE(firings("broken").empty());
}

TEST_P(TriggerTest, AChainStopsAtTheDepthLimit) {
  // bronze -> silver -> gold -> platinum: three rules, each set off by the last.
  const char* steps[][3] = {{"one", "bronze", "silver"}, {"two", "silver", "gold"}, {"three", "gold", "platinum"}};
  for (const auto& [name, from, to] : steps)
    rule(std::string(R"({"name": ")") + name +
         R"(", "trigger": {"on": "changed", "entity": "customer", "field": "tier", "to": ")" + from +
         R"("}, "actions": [{"action": "set", "field": "tier", "value": ")" + to + R"("}]})");
  auto ada = person("Ada");
  ada.tier = "bronze";
  ada = engine->create(ada);
  EXPECT_EQ(engine->get<Customer>(ada.id).tier, "platinum");
  EXPECT_EQ(firings("three").at(0).depth, 2);

  TempDir other;
  Engine shallow(GetParam().open(other), EngineOptions{.default_region = "GB", .clock = clock, .workflow_depth_limit = 2});
  for (const auto& stored : engine->list(RuleQuery{}).items) shallow.save_rule(stored.definition);
  auto bea = person("Bea");
  bea.tier = "bronze";
  const auto failure = error_of([&] { shallow.create(bea); });
  EXPECT_EQ(failure.code, Errc::conflict);
  EXPECT_NE(failure.message.find("more than 2"), std::string::npos) << failure.message;
  EXPECT_EQ(shallow.count<Customer>(), 0u);
}

TEST_P(TriggerTest, ACycleIsRefusedWithThePathItTook) {
  rule(R"({"name": "a", "trigger": {"on": "changed", "entity": "customer", "field": "tier", "to": "gold"},
           "actions": [{"action": "set", "field": "tier", "value": "silver"}]})");
  rule(R"({"name": "b", "trigger": {"on": "changed", "entity": "customer", "field": "tier", "to": "silver"},
           "actions": [{"action": "set", "field": "tier", "value": "gold"}]})");
  auto ada = engine->create(person("Ada"));
  ada.tier = "gold";
  const auto failure = error_of([&] { engine->update(ada); });
  EXPECT_EQ(failure.code, Errc::conflict);
  const std::string id = std::to_string(ada.id);
  EXPECT_NE(failure.message.find("'a' on customer " + id + " -> 'b' on customer " + id + " -> 'a' on customer " + id),
            std::string::npos)
      << failure.message;
  EXPECT_EQ(engine->get<Customer>(ada.id).tier, "") << "rolled back";
}

TEST_P(TriggerTest, RulesAreStoredReplacedAndErasedByName) {
  const char* v1 = R"({"name": "Tagger", "trigger": {"on": "created", "entity": "customer"},
                       "actions": [{"action": "add_tag", "tag": "one"}]})";
  const char* v2 = R"({"name": "tagger", "trigger": {"on": "created", "entity": "customer"},
                       "actions": [{"action": "add_tag", "tag": "two"}]})";
  rule(v1);
  rule(v2);
  ASSERT_EQ(engine->list(RuleQuery{}).items.size(), 1u);
  EXPECT_EQ(engine->find_rule("TAGGER")->name, "tagger");
  reopen();
  EXPECT_EQ(engine->get<Customer>(engine->create(person("Ada")).id).tags, Tags{"two"});
  engine->erase_rule("Tagger");
  EXPECT_FALSE(engine->find_rule("tagger"));
  EXPECT_TRUE(engine->get<Customer>(engine->create(person("Bea")).id).tags.empty());
  EXPECT_EQ(error_of([&] { engine->erase_rule("tagger"); }).code, Errc::not_found);
}

TEST_P(TriggerTest, ABadRuleIsRefusedAndNothingIsStored) {
  const auto failure = error_of([&] {
    engine->save_rule(R"({"name": "typo", "trigger": {"on": "created", "entity": "customer"},
                          "when": {"field": "tire", "op": "=", "value": "gold"},
                          "actions": [{"action": "add_tag", "tag": "x"}]})");
  });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_NE(failure.message.find("rule 'typo'"), std::string::npos) << failure.message;
  EXPECT_NE(failure.message.find("tire"), std::string::npos) << failure.message;
  EXPECT_TRUE(engine->list(RuleQuery{}).items.empty());
}

TEST_P(TriggerTest, ARuleSavedInARolledBackTransactionNeverFires) {
  {
    auto tx = engine->transaction();
    rule(R"({"name": "ghost", "trigger": {"on": "created", "entity": "customer"},
             "actions": [{"action": "add_tag", "tag": "ghost"}]})");
    EXPECT_EQ(engine->get<Customer>(engine->create(person("Inside")).id).tags, Tags{"ghost"});
  }  // rolled back
  EXPECT_FALSE(engine->find_rule("ghost"));
  EXPECT_TRUE(engine->get<Customer>(engine->create(person("After")).id).tags.empty());
}

TEST_P(TriggerTest, TheFiringLogIsQueriedByRecord) {
  rule(R"({"name": "tag-deals", "trigger": {"on": "saved", "entity": "opportunity"},
           "when": {"field": "tags", "op": "empty"},
           "actions": [{"action": "add_tag", "tag": "seen"}]})");
  const auto a = deal();
  const auto b = deal();
  const auto of_a = engine->list(FiringQuery{.entity = "opportunity", .record_id = a.id}).items;
  ASSERT_EQ(of_a.size(), 1u);
  EXPECT_EQ(of_a[0].rule, "tag-deals");
  EXPECT_EQ(engine->list(FiringQuery{.entity = "opportunity", .record_id = b.id}).items.size(), 1u);
  EXPECT_EQ(engine->list(FiringQuery{}).items.size(), 2u);
  EXPECT_EQ(error_of([&] { engine->list(FiringQuery{.entity = "opportunity"}); }).code, Errc::invalid_argument);
}

TEST_P(TriggerTest, AssignPicksANewLeadsOwnerByAssignmentRules) {
  rule(R"({"name": "route-leads", "trigger": {"on": "created", "entity": "lead"},
           "when": {"field": "owner", "op": "empty"},
           "actions": [{"action": "assign", "rules": [
             {"name": "emea", "territory": "EMEA", "strategy": "round_robin",
              "team": [{"name": "ann"}, {"name": "bo"}]}]}]})");
  std::vector<std::string> owners;
  for (const char* territory : {"EMEA", "EMEA", "APAC", "EMEA"}) {
    Lead lead;
    lead.display_name = std::string("Lead in ") + territory;
    lead.territory = territory;
    const auto stored = engine->get<Lead>(engine->create(lead).id);
    owners.push_back(stored.owner);
    EXPECT_EQ(stored.assignment_rule, stored.owner.empty() ? "" : "emea");
  }
  EXPECT_EQ(owners, (std::vector<std::string>{"ann", "bo", "", "ann"})) << "APAC matches no assignment rule";

  const auto refused = [&](const std::string& text) { return error_of([&] { engine->save_rule(text); }).message; };
  EXPECT_NE(refused(R"({"name": "x", "trigger": {"on": "created", "entity": "customer"},
                        "actions": [{"action": "assign", "rules": []}]})")
                .find("lead rules only"),
            std::string::npos);
  EXPECT_NE(refused(R"({"name": "x", "trigger": {"on": "created", "entity": "lead"},
                        "actions": [{"action": "assign", "rules": [{"name": "r", "strategy": "lottery"}]}]})")
                .find("actions[0]: assignment rules: rules[0].strategy"),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, TriggerTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
