// SPDX-License-Identifier: Apache-2.0
// Writes return the record as stored, after the rules that fired in their
// own transaction: the host can go on updating what it got back without a
// version conflict (issue 21, defect 9).
#include <gtest/gtest.h>

#include <algorithm>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

bool has_tag(const Customer& c, const std::string& tag) {
  return std::find(c.tags.begin(), c.tags.end(), tag) != c.tags.end();
}

class StoredResultTest : public WorkflowTest {};

TEST_P(StoredResultTest, CreateReturnsTheRecordItsRulesChanged) {
  rule(R"({"name": "welcome", "trigger": {"on": "created", "entity": "customer"},
           "actions": [{"action": "add_tag", "tag": "new-signup"}]})");
  auto ada = engine->create(person("Ada"));
  EXPECT_EQ(ada.version, 2u);
  EXPECT_TRUE(has_tag(ada, "new-signup"));
  EXPECT_EQ(ada, engine->get<Customer>(ada.id));

  ada.tier = "gold";  // the host's next update, from what it got back
  ada = engine->update(ada);
  EXPECT_EQ(ada.version, 3u);
  EXPECT_EQ(engine->get<Customer>(ada.id).tier, "gold");
}

TEST_P(StoredResultTest, UpdateReturnsTheRecordItsRulesChanged) {
  rule(R"({"name": "gold-tier", "trigger": {"on": "saved", "entity": "customer"},
           "when": {"all": [{"field": "loyalty_points", "op": ">=", "value": 1000},
                            {"field": "tier", "op": "!=", "value": "gold"}]},
           "actions": [{"action": "set", "field": "tier", "value": "gold"}]})");
  auto ada = engine->create(person("Ada"));
  EXPECT_EQ(ada.version, 1u) << "no rule fired";
  ada.loyalty_points = 1000;
  ada = engine->update(ada);
  EXPECT_EQ(ada.tier, "gold");
  EXPECT_EQ(ada, engine->get<Customer>(ada.id));
  ada.display_name = "Ada L.";
  EXPECT_NO_THROW(engine->update(ada));
}

TEST_P(StoredResultTest, AChangeMadeFurtherDownTheChainIsReturnedToo) {
  // The customer's rule creates a task; the task's rule tags the customer.
  rule(R"({"name": "call", "trigger": {"on": "changed", "entity": "customer", "field": "stage", "to": "at-risk"},
           "actions": [{"action": "create_task", "subject": "Call to keep the customer"}]})");
  rule(R"({"name": "mark", "trigger": {"on": "created", "entity": "task"},
           "actions": [{"action": "add_tag", "tag": "called", "on": "customer"}]})");
  auto ada = engine->create(person("Ada"));
  ada.stage = LifecycleStage::at_risk;
  ada = engine->update(ada);
  EXPECT_TRUE(has_tag(ada, "called"));
  EXPECT_EQ(ada, engine->get<Customer>(ada.id));
}

TEST_P(StoredResultTest, ADealMovedByAStageRuleIsReturnedAsStored) {
  rule(R"({"name": "proposal", "trigger": {"on": "changed", "entity": "opportunity", "field": "stage",
                                           "to": "Proposal"},
           "actions": [{"action": "set", "field": "owner", "value": "closer"}]})");
  Opportunity o;
  o.name = "200 tills";
  o.stage = "Qualification";
  o.owner = "alice";
  o = engine->create(o);
  o = engine->move_stage(o.id, o.version, "Proposal");
  EXPECT_EQ(o.owner, "closer");
  EXPECT_EQ(o, engine->get<Opportunity>(o.id));
  EXPECT_NO_THROW(engine->close_won(o.id, o.version));
}

TEST_P(StoredResultTest, APurchaseWhoseRuleTagsItsCustomerIsReturnedUnchanged) {
  rule(R"({"name": "big", "trigger": {"on": "created", "entity": "interaction"},
           "actions": [{"action": "add_tag", "tag": "buyer", "on": "customer"}]})");
  const auto ada = engine->create(person("Ada"));
  const auto bought = engine->create(purchase(ada.id, Money::of(10'00, "EUR")));
  EXPECT_EQ(bought, engine->get<Interaction>(bought.id));
  EXPECT_TRUE(has_tag(engine->get<Customer>(ada.id), "buyer"));
}

INSTANTIATE_TEST_SUITE_P(Backends, StoredResultTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
