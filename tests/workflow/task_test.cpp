// SPDX-License-Identifier: Apache-2.0
// Tasks: stored, validated, listed as "my day", overdue, per record, and
// reminded through the outbox.
#include <gtest/gtest.h>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

class TaskTest : public WorkflowTest {};

std::vector<std::string> subjects(const std::vector<Task>& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(t.subject);
  return out;
}

TEST_P(TaskTest, MyDayListsOpenTasksByDueTimeMostUrgentFirst) {
  const auto t0 = clock->now();
  engine->create(task("later", "ann", t0 + hours(2)));
  engine->create(task("soon, low", "ann", t0 + hours(1), TaskPriority::low));
  engine->create(task("soon, urgent", "ann", t0 + hours(1), TaskPriority::urgent));
  engine->create(task("some day", "ann"));
  engine->create(task("bob's", "bob", t0));
  auto finished = engine->create(task("finished", "ann", t0));
  finished.status = TaskStatus::done;
  engine->update(finished);

  EXPECT_EQ(subjects(tasks_of("ann")), (std::vector<std::string>{"soon, urgent", "soon, low", "later", "some day"}));
  EXPECT_EQ(subjects(tasks_of("ann", TaskStatus::done)), std::vector<std::string>{"finished"});
  const auto everyone = engine->list(TaskQuery{.limit = 10}).items;
  EXPECT_EQ(subjects(everyone),
            (std::vector<std::string>{"bob's", "soon, urgent", "soon, low", "later", "some day"}));
}

TEST_P(TaskTest, OverdueKeepsOnlyTasksDueBeforeTheGivenTime) {
  const auto t0 = clock->now();
  engine->create(task("yesterday", "ann", t0 - hours(24)));
  engine->create(task("an hour ago", "ann", t0 - hours(1)));
  engine->create(task("tomorrow", "ann", t0 + hours(24)));
  engine->create(task("undated", "ann"));
  const auto page = engine->list(TaskQuery{.owner = "ann", .due_before = t0, .limit = 10});
  EXPECT_EQ(subjects(page.items), (std::vector<std::string>{"yesterday", "an hour ago"}));
  EXPECT_TRUE(page.next_cursor.empty());
  // Paged one at a time, the cut still ends the listing.
  const auto first = engine->list(TaskQuery{.owner = "ann", .due_before = t0, .limit = 1});
  ASSERT_EQ(subjects(first.items), std::vector<std::string>{"yesterday"});
  const auto second =
      engine->list(TaskQuery{.owner = "ann", .due_before = t0, .cursor = first.next_cursor, .limit = 1});
  EXPECT_EQ(subjects(second.items), std::vector<std::string>{"an hour ago"});
  const auto third =
      engine->list(TaskQuery{.owner = "ann", .due_before = t0, .cursor = second.next_cursor, .limit = 1});
  EXPECT_TRUE(third.items.empty());
  EXPECT_TRUE(third.next_cursor.empty());
}

TEST_P(TaskTest, TasksBelongToTheirRecordsWhichCannotBeErasedUnderThem) {
  const auto ada = engine->create(person("Ada"));
  auto t = task("call Ada", "ann");
  t.customer_id = ada.id;
  const auto stored = engine->create(t);
  EXPECT_EQ(engine->list(TaskQuery{.customer_id = ada.id}).items, std::vector<Task>{stored});
  EXPECT_EQ(error_of([&] { engine->erase<Customer>(ada.id, ada.version); }).code, Errc::conflict);
  engine->erase<Task>(stored.id, stored.version);
  engine->erase<Customer>(ada.id, ada.version);
  EXPECT_EQ(engine->count<Customer>(), 0u);

  t.customer_id = 999;
  EXPECT_EQ(error_of([&] { engine->create(t); }).message, "task.customer_id: customer 999 not found");
}

TEST_P(TaskTest, IsValidatedAndStampedWhenCompleted) {
  EXPECT_EQ(error_of([&] { engine->create(task("", "ann")); }).code, Errc::invalid_argument);
  auto late_reminder = task("x", "ann", clock->now());
  late_reminder.remind_at = clock->now() + hours(1);
  EXPECT_EQ(error_of([&] { engine->create(late_reminder); }).message, "task.remind_at: later than due_at");
  EXPECT_EQ(engine->count<Task>(), 0u);

  auto t = engine->create(task("file report", "ann"));
  EXPECT_FALSE(t.completed_at);
  clock->advance(hours(3));
  t.status = TaskStatus::done;
  t = engine->update(t);
  EXPECT_EQ(t.completed_at, clock->now());
  t.status = TaskStatus::open;
  EXPECT_FALSE(engine->update(t).completed_at) << "reopened";
}

TEST_P(TaskTest, ARemindedTaskPostsOneReminderAtItsTimeEvenAcrossARestart) {
  const auto t0 = clock->now();
  auto t = task("send quote", "ann", t0 + hours(2));
  t.remind_at = t0 + hours(1);
  const auto stored = engine->create(t);
  ASSERT_EQ(queued().size(), 1u);
  EXPECT_EQ(queued()[0].due_at, t0 + hours(1));

  EXPECT_EQ(engine->run_due(t0 + minutes(59)), RunDueReport{});
  reopen();
  EXPECT_EQ(engine->run_due(t0 + hours(1)), (RunDueReport{.ran = 1}));
  const auto notes = outbox();
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].topic, "task.reminder");
  EXPECT_EQ(notes[0].to, "ann");
  EXPECT_EQ(notes[0].record_id, stored.id);
  EXPECT_NE(notes[0].payload.find("send quote"), std::string::npos);
  EXPECT_TRUE(queued().empty());
  EXPECT_EQ(engine->run_due(t0 + hours(5)), RunDueReport{}) << "once";
}

TEST_P(TaskTest, ADoneTaskIsNotReminded) {
  const auto t0 = clock->now();
  auto t = task("send quote", "ann", t0 + hours(2));
  t.remind_at = t0 + hours(1);
  auto stored = engine->create(t);
  stored.status = TaskStatus::done;
  engine->update(stored);
  EXPECT_TRUE(queued().empty());
  EXPECT_EQ(engine->run_due(t0 + hours(3)), RunDueReport{});
  EXPECT_TRUE(outbox().empty());
}

TEST_P(TaskTest, MovingTheReminderMovesItsTimedAction) {
  const auto t0 = clock->now();
  auto t = task("send quote", "ann", t0 + hours(5));
  t.remind_at = t0 + hours(1);
  auto stored = engine->create(t);
  stored.remind_at = t0 + hours(4);
  engine->update(stored);
  ASSERT_EQ(queued().size(), 1u);
  EXPECT_EQ(queued()[0].due_at, t0 + hours(4));
  EXPECT_EQ(engine->run_due(t0 + hours(2)), RunDueReport{});
  EXPECT_EQ(engine->run_due(t0 + hours(4)), (RunDueReport{.ran = 1}));
}

TEST_P(TaskTest, AcknowledgedNotificationsLeaveTheOutbox) {
  const auto t0 = clock->now();
  for (int i = 0; i < 3; ++i) {
    auto t = task("task " + std::to_string(i), "ann", t0 + hours(2));
    t.remind_at = t0 + hours(1);
    engine->create(t);
  }
  engine->run_due(t0 + hours(1));
  auto notes = outbox();
  ASSERT_EQ(notes.size(), 3u);
  EXPECT_NE(notes[0].key, notes[1].key);
  engine->acknowledge(notes[1].id);
  engine->acknowledge(notes[1].id);  // again: already gone, not an error
  notes = outbox();
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[0].payload.find("task 1"), std::string::npos);
  EXPECT_EQ(notes[1].payload.find("task 1"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, TaskTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
