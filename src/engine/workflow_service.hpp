// SPDX-License-Identifier: Apache-2.0
#pragma once
// The workflow as the engine sees it: the change hook every write calls
// (change_hook.hpp) plus the calls crm::Engine forwards (rules, timed
// actions, approvals). The engine owns this interface and knows nothing
// else of the workflow; src/workflow implements it (the Runner) and
// supplies make_workflow(). The runner calls the engine back only through
// its public calls, which join the transaction in progress.

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "crm/model/approval.hpp"
#include "crm/model/workflow_records.hpp"
#include "crm/store/store.hpp"
#include "engine/change_hook.hpp"

namespace crm {
class Engine;
}

namespace crm::detail {

class WorkflowService : public ChangeHook {
 public:
  // Engine::save_rule, erase_rule, find_rule (docs/WORKFLOW.md).
  virtual WorkflowRule save_rule(std::string_view json, Timestamp now) = 0;
  virtual void erase_rule(std::string_view name) = 0;
  virtual std::optional<WorkflowRule> find_rule(std::string_view name) const = 0;
  // Engine::run_due, after the engine checked its arguments.
  virtual RunDueReport run_due(Timestamp now, std::size_t limit) = 0;
  // Engine::request_approval, approve (approve true) and reject.
  virtual Approval request_approval(ApprovalRequest request, Timestamp now) = 0;
  virtual Approval decide(Id approval, Version expected, std::string_view approver, std::string_view comment,
                          bool approve, Timestamp now) = 0;
};

// The workflow of `engine`, over the engine's store (src/workflow/runner.cpp).
std::unique_ptr<WorkflowService> make_workflow(Store& store, Engine& engine, std::size_t depth_limit,
                                               std::size_t action_limit);

}  // namespace crm::detail
