// SPDX-License-Identifier: Apache-2.0
// crm::Engine's workflow calls: rules, timed actions and approvals, handed
// to the engine's workflow service (workflow_service.hpp) with the engine's
// own time. The listings of what the workflow stores are in listings.cpp.
#include "crm/engine.hpp"
#include "engine/engine_impl.hpp"

namespace crm {

WorkflowRule Engine::save_rule(std::string_view json) {
  return impl_->workflow->save_rule(json, impl_->options.clock->now());
}

void Engine::erase_rule(std::string_view name) { impl_->workflow->erase_rule(name); }

std::optional<WorkflowRule> Engine::find_rule(std::string_view name) const { return impl_->workflow->find_rule(name); }

RunDueReport Engine::run_due(Timestamp now, std::size_t limit) {
  if (limit == 0) detail::refuse("run_due limit", "must be at least 1");
  detail::check_time(now, "run_due now");
  return impl_->workflow->run_due(now, limit);
}

Approval Engine::request_approval(ApprovalRequest request) {
  return impl_->workflow->request_approval(std::move(request), impl_->options.clock->now());
}

Approval Engine::approve(Id approval, Version expected, std::string_view approver, std::string_view comment) {
  return impl_->workflow->decide(approval, expected, approver, comment, true, impl_->options.clock->now());
}

Approval Engine::reject(Id approval, Version expected, std::string_view approver, std::string_view comment) {
  return impl_->workflow->decide(approval, expected, approver, comment, false, impl_->options.clock->now());
}

}  // namespace crm
