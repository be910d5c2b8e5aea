// SPDX-License-Identifier: Apache-2.0
// The rule work budget: one change may set off at most
// EngineOptions::workflow_action_limit rule actions, counted across the
// whole chain it starts. Rules that fan out (each action creating a record
// that fires more rules) fail the change, naming the rule chain, instead of
// running for minutes under the write lock.
#include <gtest/gtest.h>

#include <string>

#include "workflow/workflow_fixture.hpp"

namespace crm::test {
namespace {

class WorkBudgetTest : public WorkflowTest {
 protected:
  // A rule on tasks of one priority that creates `count` tasks of the next.
  static std::string fan(const std::string& name, const std::string& from, const std::string& to, int count) {
    std::string actions;
    for (int i = 0; i < count; ++i)
      actions += std::string(i ? "," : "") + R"({"action": "create_task", "subject": "t", "priority": ")" + to + "\"}";
    return R"({"name": ")" + name + R"(", "trigger": {"on": "created", "entity": "task"},
               "when": {"field": "priority", "op": "=", "value": ")" + from + R"("}, "actions": [)" + actions + "]}";
  }

  // low -> 5 normal -> 5 high each -> 5 urgent each: 155 actions for one task.
  void three_generations(Engine& e) {
    e.save_rule(fan("fan-low", "low", "normal", 5));
    e.save_rule(fan("fan-normal", "normal", "high", 5));
    e.save_rule(fan("fan-high", "high", "urgent", 5));
  }

  std::unique_ptr<Engine> engine_with_limit(TempDir& where, std::size_t limit) {
    return std::make_unique<Engine>(GetParam().open(where),
                                    EngineOptions{.default_region = "GB", .clock = clock, .workflow_action_limit = limit});
  }
};

TEST_P(WorkBudgetTest, ChangesWithinTheBudgetRunEveryAction) {
  three_generations(*engine);
  engine->create(task("seed", "ann", {}, TaskPriority::low));
  EXPECT_EQ(engine->count<Task>(), 1u + 5 + 25 + 125);
}

TEST_P(WorkBudgetTest, AChangeThatSetsOffMoreActionsThanTheLimitFailsWholeNamingTheChain) {
  TempDir other;
  auto limited = engine_with_limit(other, 99);
  three_generations(*limited);
  const auto failure = error_of([&] { limited->create(task("seed", "ann", {}, TaskPriority::low)); });
  EXPECT_EQ(failure.code, Errc::conflict);
  // Depth first, each of fan-low's actions costs 31 (itself, 5 of fan-normal,
  // 25 of fan-high); the 100th action is fan-high's last under the fourth.
  EXPECT_NE(failure.message.find("more than 99 rule actions"), std::string::npos) << failure.message;
  const auto low = failure.message.find("'fan-low' on task");
  const auto normal = failure.message.find("-> 'fan-normal' on task");
  const auto high = failure.message.find("-> 'fan-high' on task");
  EXPECT_TRUE(low != std::string::npos && low < normal && normal < high && high != std::string::npos)
      << failure.message;
  EXPECT_NE(failure.message.find("actions[4] (create_task)"), std::string::npos) << failure.message;
  EXPECT_EQ(limited->count<Task>(), 0u) << "nothing written";
  EXPECT_TRUE(limited->list(FiringQuery{}).items.empty());

  // The budget is per change: the next change starts from zero.
  limited->erase_rule("fan-high");
  limited->create(task("seed", "ann", {}, TaskPriority::low));
  EXPECT_EQ(limited->count<Task>(), 1u + 5 + 25);
}

TEST_P(WorkBudgetTest, TheDefaultStopsTheFanOutOfTheIssue) {
  // Issue 21: 4 rules of 20 create_task actions, each set off by the tasks
  // the one before made, had one new customer create 20 + 400 + 8,000 +
  // 160,000 = 168,420 tasks in 127 s. The default budget stops it at its
  // 2,001st action, and nothing of it is kept.
  EXPECT_EQ(engine->options().workflow_action_limit, 2000u);
  std::string actions;
  for (int i = 0; i < 20; ++i)
    actions += std::string(i ? "," : "") + R"({"action": "create_task", "subject": "t", "priority": "low"})";
  rule(R"({"name": "gen1", "trigger": {"on": "created", "entity": "customer"}, "actions": [)" + actions + "]}");
  rule(fan("gen2", "low", "normal", 20));
  rule(fan("gen3", "normal", "high", 20));
  rule(fan("gen4", "high", "urgent", 20));
  const auto failure = error_of([&] { engine->create(person("Ada")); });
  EXPECT_EQ(failure.code, Errc::conflict);
  EXPECT_NE(failure.message.find("more than 2000 rule actions"), std::string::npos) << failure.message;
  EXPECT_NE(failure.message.find("'gen1' on customer"), std::string::npos) << failure.message;
  EXPECT_EQ(engine->count<Customer>(), 0u);
  EXPECT_EQ(engine->count<Task>(), 0u);
}

TEST_P(WorkBudgetTest, ALimitOfZeroIsRefused) {
  TempDir other;
  const auto failure = error_of([&] { engine_with_limit(other, 0); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_NE(failure.message.find("workflow_action_limit"), std::string::npos) << failure.message;
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkBudgetTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
