// SPDX-License-Identifier: Apache-2.0
#pragma once
// An engine over each backend with helpers for workflow tests: save a rule,
// read the outbox, the firing log and the queued timed actions.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/engine_fixture.hpp"

namespace crm::test {

class WorkflowTest : public EngineTest {
 protected:
  void rule(const std::string& json) { engine->save_rule(json); }

  std::vector<Notification> outbox() { return engine->list(OutboxQuery{.limit = 1000}).items; }
  std::vector<RuleFiring> firings(std::string rule_name) {
    return engine->list(FiringQuery{.rule = std::move(rule_name), .limit = 1000}).items;
  }
  std::vector<TimedAction> queued() { return engine->list(TimedActionQuery{.limit = 1000}).items; }
  std::vector<Task> tasks_of(std::string owner, TaskStatus status = TaskStatus::open) {
    return engine->list(TaskQuery{.owner = std::move(owner), .status = status, .limit = 1000}).items;
  }

  static Task task(std::string subject, std::string owner, std::optional<Timestamp> due = {},
                   TaskPriority priority = TaskPriority::normal) {
    Task t;
    t.subject = std::move(subject);
    t.owner = std::move(owner);
    t.due_at = due;
    t.priority = priority;
    return t;
  }
};

}  // namespace crm::test
