// SPDX-License-Identifier: Apache-2.0
#include "crm/limits.hpp"
#include "model/validate.hpp"

namespace crm::detail {

void validate(Task& t, const WriteContext& context) {
  check_enum(t.status, "task.status");
  check_enum(t.priority, "task.priority");
  check_required(t.subject, "task.subject", limits::medium_text);
  check_multiline(t.body, "task.body", limits::long_text);
  check_text(t.owner, "task.owner", limits::short_text);
  check_time(t.due_at, "task.due_at");
  check_time(t.remind_at, "task.remind_at");
  if (t.remind_at && t.due_at && *t.remind_at > *t.due_at) refuse("task.remind_at", "later than due_at");
  check_reference(t.customer_id, "task.customer_id");
  check_reference(t.lead_id, "task.lead_id");
  check_reference(t.opportunity_id, "task.opportunity_id");
  check_text(t.rule, "task.rule", limits::short_text);
  if (t.status == TaskStatus::open)
    t.completed_at.reset();
  else if (!t.completed_at)
    t.completed_at = context.now;
  check_time(t.completed_at, "task.completed_at");
  check_time(t.created_at, "task.created_at");
  check_time(t.updated_at, "task.updated_at");
}

}  // namespace crm::detail
