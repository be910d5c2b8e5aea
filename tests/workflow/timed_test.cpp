// SPDX-License-Identifier: Apache-2.0
// Time rules: queued when a record is saved, kept across a restart, run by
// run_due() when due, skipped when their conditions no longer hold.
#include <gtest/gtest.h>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

using std::chrono::hours;
using days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

class TimedTest : public WorkflowTest {
 protected:
  void SetUp() override {
    WorkflowTest::SetUp();
    rule(R"({"name": "chase", "trigger": {"on": "time", "entity": "opportunity", "field": "expected_close",
                                          "offset": "3d"},
             "when": {"field": "status", "op": "=", "value": "open"},
             "actions": [{"action": "create_task", "subject": "Chase the overdue deal", "priority": "urgent",
                          "due_in": "4h"}]})");
  }

  Opportunity deal(Timestamp close) {
    Opportunity o;
    o.name = "200 tills";
    o.stage = "Proposal";
    o.owner = "alice";
    o.expected_close = close;
    return engine->create(o);
  }
};

TEST_P(TimedTest, ADealStillOpenThreeDaysAfterItsCloseDateGetsAChaseTaskAcrossARestart) {
  const auto t0 = clock->now();
  const auto d = deal(t0 + days(10));
  auto timers = queued();
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].rule, "chase");
  EXPECT_EQ(timers[0].entity, "opportunity");
  EXPECT_EQ(timers[0].record_id, d.id);
  EXPECT_EQ(timers[0].due_at, t0 + days(13));
  const auto log = firings("chase");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].outcome, FiringOutcome::queued);

  EXPECT_EQ(engine->run_due(t0 + days(13) - hours(1)), RunDueReport{});
  reopen();
  EXPECT_EQ(engine->run_due(t0 + days(13)), (RunDueReport{.ran = 1}));
  const auto tasks = tasks_of("alice");
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].subject, "Chase the overdue deal");
  EXPECT_EQ(tasks[0].opportunity_id, d.id);
  EXPECT_EQ(tasks[0].due_at, t0 + days(13) + hours(4)) << "due_in counts from the run, not the clock";
  EXPECT_TRUE(queued().empty());
  EXPECT_EQ(firings("chase").back().outcome, FiringOutcome::ran);
}

TEST_P(TimedTest, ADealClosedBeforeTheTimeDropsItsAction) {
  const auto t0 = clock->now();
  const auto d = deal(t0 + days(1));
  engine->close_won(d.id, d.version);
  EXPECT_TRUE(queued().empty()) << "its conditions stopped holding";
  EXPECT_EQ(engine->run_due(t0 + days(5)), RunDueReport{});
  EXPECT_TRUE(tasks_of("alice").empty());
}

TEST_P(TimedTest, AnActionWhoseConditionsNoLongerHoldWhenDueIsSkippedAndLogged) {
  // The condition reads the customer, which changes without the deal changing.
  rule(R"({"name": "nurture", "trigger": {"on": "time", "entity": "opportunity", "field": "created_at",
                                            "offset": "7d"},
           "when": {"field": "customer.stage", "op": "=", "value": "active"},
           "actions": [{"action": "notify", "topic": "nurture"}]})");
  const auto t0 = clock->now();
  auto ada = person("Ada");
  ada.stage = LifecycleStage::active;
  ada = engine->create(ada);
  Opportunity o;
  o.name = "renewal";
  o.stage = "Proposal";
  o.customer_id = ada.id;
  engine->create(o);
  ada.stage = LifecycleStage::churned;
  engine->update(ada);
  EXPECT_EQ(engine->run_due(t0 + days(7)), (RunDueReport{.skipped = 1}));
  EXPECT_TRUE(outbox().empty());
  const auto last = firings("nurture").back();
  EXPECT_EQ(last.outcome, FiringOutcome::skipped);
  EXPECT_EQ(last.detail, "its conditions no longer hold");
}

TEST_P(TimedTest, MovingTheFieldMovesTheOneQueuedAction) {
  const auto t0 = clock->now();
  auto d = deal(t0 + days(1));
  d.expected_close = t0 + days(20);
  d = engine->update(d);
  auto timers = queued();
  ASSERT_EQ(timers.size(), 1u);
  EXPECT_EQ(timers[0].due_at, t0 + days(23));
  d.expected_close.reset();
  engine->update(d);
  EXPECT_TRUE(queued().empty()) << "no close date, nothing to count from";
}

TEST_P(TimedTest, AnErasedRecordOrRuleIsSkipped) {
  const auto t0 = clock->now();
  const auto gone = deal(t0 + days(1));
  deal(t0 + days(2));
  engine->erase<Opportunity>(gone.id, gone.version);
  EXPECT_EQ(queued().size(), 1u) << "erasing the record drops its action";
  engine->erase_rule("chase");
  EXPECT_EQ(engine->run_due(t0 + days(30)), (RunDueReport{.skipped = 1}));
  EXPECT_EQ(firings("chase").back().detail, "the rule was erased");
}

TEST_P(TimedTest, RunDueStopsAtItsLimitAndSaysMoreAreDue) {
  const auto t0 = clock->now();
  for (int i = 0; i < 5; ++i) deal(t0 + days(i));
  EXPECT_EQ(engine->run_due(t0 + days(30), 3), (RunDueReport{.ran = 3, .more = true}));
  EXPECT_EQ(engine->run_due(t0 + days(30), 3), (RunDueReport{.ran = 2}));
  EXPECT_EQ(tasks_of("alice").size(), 5u);
}

TEST_P(TimedTest, AFailingTimedActionIsUndoneLoggedAndNotRetried) {
  rule(R"({"name": "rename", "trigger": {"on": "time", "entity": "customer", "field": "created_at", "offset": "1h"},
           "actions": [{"action": "notify", "topic": "renamed"},
                       {"action": "set", "field": "display_name", "value": ""}]})");
  const auto t0 = clock->now();
  const auto ada = engine->create(person("Ada"));
  EXPECT_EQ(engine->run_due(t0 + hours(1)), (RunDueReport{.failed = 1}));
  EXPECT_EQ(engine->get<Customer>(ada.id).display_name, "Ada");
  EXPECT_TRUE(outbox().empty()) << "the notify before the failure was undone too";
  const auto last = firings("rename").back();
  EXPECT_EQ(last.outcome, FiringOutcome::failed);
  EXPECT_NE(last.detail.find("display_name"), std::string::npos) << last.detail;
  EXPECT_EQ(engine->run_due(t0 + hours(2)), RunDueReport{});
}

TEST_P(TimedTest, ANegativeOffsetRunsBeforeTheTime) {
  rule(R"({"name": "due-tomorrow", "trigger": {"on": "time", "entity": "task", "field": "due_at", "offset": "-1d"},
           "when": {"field": "status", "op": "=", "value": "open"},
           "actions": [{"action": "notify", "topic": "task.due-tomorrow"}]})");
  const auto t0 = clock->now();
  engine->create(task("submit tender", "ann", t0 + days(3)));
  EXPECT_EQ(engine->run_due(t0 + days(2) - hours(1)), RunDueReport{});
  EXPECT_EQ(engine->run_due(t0 + days(2)), (RunDueReport{.ran = 1}));
  ASSERT_EQ(outbox().size(), 1u);
  EXPECT_EQ(outbox()[0].topic, "task.due-tomorrow");
}

INSTANTIATE_TEST_SUITE_P(Backends, TimedTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
