// SPDX-License-Identifier: Apache-2.0
// Workflow time arithmetic refuses rather than wraps: a time rule's offset, a
// created task's due_in or due field and offset, and its reminder are added
// with crm::add, so a sum outside 0001-01-01T00:00:00.000Z ..
// 9999-12-31T23:59:59.999Z fails the change with Errc::invalid_argument
// naming the rule, instead of wrapping into a date in the distant past that
// fires at once. Times in rules (values to set) and run_due's `now` are
// checked as records' are.
#include <gmock/gmock.h>

#include <limits>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

using testing::HasSubstr;
using days = std::chrono::duration<std::int64_t, std::ratio<86400>>;

constexpr Timestamp first_supported = from_millis(-62'135'596'800'000);  // 0001-01-01T00:00:00.000Z
constexpr Timestamp last_supported = from_millis(253'402'300'799'999);   // 9999-12-31T23:59:59.999Z
constexpr Timestamp largest = from_millis(std::numeric_limits<std::int64_t>::max());

class WorkflowTimeRangeTest : public WorkflowTest {
 protected:
  void escalation(const std::string& offset) {
    rule(R"({"name": "escalate", "trigger": {"on": "time", "entity": "task", "field": "due_at", "offset": ")" +
         offset + R"("}, "when": {"field": "status", "op": "=", "value": "open"},
             "actions": [{"action": "notify", "topic": "task.escalated", "to": "team-lead"}]})");
  }
};

TEST_P(WorkflowTimeRangeTest, AnEscalationOfATaskDueAtTheLargestTimestampNeverFiresAtOnce) {
  escalation("1d");
  // Today's defect: due_at + 1 day wrapped to a date in the distant past,
  // and the escalation fired on the next run.
  const auto failure = error_of([&] { engine->create(task("Call Ada", "ann", largest)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("task.due_at: 9223372036854775807 ms since the epoch is outside"));
  EXPECT_TRUE(queued().empty());
  EXPECT_EQ(engine->run_due(clock->now()), RunDueReport{});
  EXPECT_TRUE(outbox().empty());
  EXPECT_TRUE(tasks_of("ann").empty());
}

TEST_P(WorkflowTimeRangeTest, AnEscalationPastTheLastSupportedTimeFailsTheChangeNamingTheRule) {
  escalation("1d");
  const auto failure = error_of([&] { engine->create(task("Call Ada", "ann", last_supported)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message,
              HasSubstr("rule 'escalate': trigger due_at + offset: 9999-12-31T23:59:59.999Z + 86400000 ms is outside "
                        "the supported range 0001-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z"));
  EXPECT_TRUE(tasks_of("ann").empty());
  EXPECT_TRUE(queued().empty());
}

TEST_P(WorkflowTimeRangeTest, ANegativeOffsetBeforeTheFirstSupportedTimeFailsTheChange) {
  escalation("-1d");
  const auto failure = error_of([&] { engine->create(task("Call Ada", "ann", first_supported)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("0001-01-01T00:00:00.000Z + -86400000 ms is outside"));
  EXPECT_TRUE(tasks_of("ann").empty());
}

TEST_P(WorkflowTimeRangeTest, AnEscalationInsideTheRangeStillRuns) {
  escalation("1d");
  const Timestamp due = last_supported - days(1);
  engine->create(task("Call Ada", "ann", due));
  ASSERT_EQ(queued().size(), 1u);
  EXPECT_EQ(queued()[0].due_at, last_supported);
  EXPECT_EQ(engine->run_due(last_supported), (RunDueReport{.ran = 1}));
  ASSERT_EQ(outbox().size(), 1u);
  EXPECT_EQ(outbox()[0].topic, "task.escalated");
}

TEST_P(WorkflowTimeRangeTest, ACreatedTaskDueBeyondTheRangeFailsTheChange) {
  rule(R"({"name": "follow-up", "trigger": {"on": "created", "entity": "customer"},
           "actions": [{"action": "create_task", "subject": "Welcome call", "owner": "ann", "due_in": "60d"}]})");
  clock->set(last_supported - days(30));
  const auto failure = error_of([&] { engine->create(person("Ada")); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  // The rule and action are named by the workflow's own error wrapping; the
  // failing sum names the action's field.
  EXPECT_THAT(failure.message, HasSubstr("create_task due_in: 9999-12-01T23:59:59.999Z + 5184000000 ms is outside"));
  EXPECT_TRUE(engine->list(CustomerQuery{}).items.empty());
  EXPECT_TRUE(tasks_of("ann").empty());
}

TEST_P(WorkflowTimeRangeTest, ATaskDueFromAFieldAndItsReminderAreAddedWithinTheRange) {
  rule(R"({"name": "prepare", "trigger": {"on": "created", "entity": "interaction"},
           "actions": [{"action": "create_task", "subject": "Prepare", "owner": "ann",
                        "due_in": {"field": "occurred_at", "offset": "-2d"}, "remind_before": "1d"}]})");
  const Id ada = engine->create(person("Ada")).id;
  auto meeting = note(ada, "Seminar", first_supported + days(2) + std::chrono::hours(1));
  meeting.kind = InteractionKind::meeting;
  const auto failure = error_of([&] { engine->create(meeting); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message,
              HasSubstr("create_task remind_before: 0001-01-01T01:00:00.000Z + -86400000 ms is outside"));
  EXPECT_TRUE(tasks_of("ann").empty());
}

TEST_P(WorkflowTimeRangeTest, ARuleSettingATimeOutsideTheRangeIsRefusedWhenSaved) {
  const auto failure = error_of([&] {
    rule(R"({"name": "someday", "trigger": {"on": "created", "entity": "task"},
             "actions": [{"action": "set", "field": "due_at", "value": 9223372036854775807}]})");
  });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("rule 'someday'"));
  EXPECT_THAT(failure.message, HasSubstr("9223372036854775807 ms since the epoch is outside the supported range"));
  EXPECT_FALSE(engine->find_rule("someday"));
}

TEST_P(WorkflowTimeRangeTest, RunDueRefusesANowOutsideTheRangeAndRunsNothing) {
  escalation("1d");
  engine->create(task("Call Ada", "ann", clock->now()));
  const auto failure = error_of([&] { engine->run_due(largest); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(queued().size(), 1u);
  EXPECT_TRUE(outbox().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkflowTimeRangeTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
