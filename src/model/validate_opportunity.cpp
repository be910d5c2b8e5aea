// SPDX-License-Identifier: Apache-2.0
#include "crm/limits.hpp"
#include "model/validate.hpp"

namespace crm::detail {

void validate(Opportunity& o, const WriteContext& context) {
  check_enum(o.status, "opportunity.status");
  check_required(o.name, "opportunity.name", limits::short_text);
  check_reference(o.customer_id, "opportunity.customer_id");
  check_reference(o.lead_id, "opportunity.lead_id");
  check_required(o.pipeline, "opportunity.pipeline", limits::short_text);
  check_required(o.stage, "opportunity.stage", limits::short_text);
  if (o.amount) check_money(*o.amount, "opportunity.amount", false);
  check_range(o.probability, "opportunity.probability", 0, 100);
  check_text(o.lost_reason, "opportunity.lost_reason", limits::medium_text);
  if (o.status == DealStatus::lost && o.lost_reason.empty())
    refuse("opportunity.lost_reason", "required when the deal is lost");
  if (o.status == DealStatus::open)
    o.closed_at.reset();
  else if (!o.closed_at)
    o.closed_at = context.now;
  check_time(o.expected_close, "opportunity.expected_close");
  check_time(o.closed_at, "opportunity.closed_at");
  check_time(o.created_at, "opportunity.created_at");
  check_time(o.updated_at, "opportunity.updated_at");
  check_text(o.owner, "opportunity.owner", limits::short_text);
  check_tags(o.tags, "opportunity.tags");
  check_attributes(o.attributes, "opportunity.attributes");
  check_text(o.external_id, "opportunity.external_id", limits::short_text);
}

}  // namespace crm::detail
