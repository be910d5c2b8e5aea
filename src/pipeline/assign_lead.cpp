// SPDX-License-Identifier: Apache-2.0
#include "crm/engine.hpp"
#include "crm/pipeline/assignment.hpp"
#include "pipeline/each_page.hpp"

namespace crm {

std::optional<AssignmentDecision> assign_lead(Engine& engine, Id lead_id, const AssignmentRules& rules) {
  validate(rules);
  auto tx = engine.transaction();  // the state read below cannot change before the write
  Lead lead = engine.get<Lead>(lead_id);
  AssignmentState state;
  state.last_owner = [&](std::string_view rule) -> std::optional<std::string> {
    auto page = engine.list(LeadQuery{.assignment_rule = std::string(rule), .limit = 1});
    require_whole(page);  // a damaged last lead would restart the rotation
    if (page.items.empty()) return std::nullopt;
    return page.items.front().owner;
  };
  state.open_leads = [&](std::string_view owner) {
    std::size_t open = 0;
    detail::each_page(engine, LeadQuery{.owner = std::string(owner)}, [&](const Lead& l) {
      open += l.id != lead.id && (l.status == LeadStatus::new_lead || l.status == LeadStatus::working);
    });
    return open;
  };
  auto decision = decide_assignment(lead, rules, state);
  if (!decision) return std::nullopt;
  lead.owner = decision->owner;
  lead.assignment_rule = decision->rule;
  lead.assigned_at = engine.options().clock->now();
  engine.update(std::move(lead));
  tx.commit();
  return decision;
}

}  // namespace crm
