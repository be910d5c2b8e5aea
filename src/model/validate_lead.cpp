// SPDX-License-Identifier: Apache-2.0
#include "crm/limits.hpp"
#include "model/validate.hpp"

namespace crm::detail {

void validate(Lead& l, const WriteContext& context) {
  check_enum(l.status, "lead.status");
  check_text(l.given_name, "lead.given_name", limits::short_text);
  check_text(l.family_name, "lead.family_name", limits::short_text);
  check_text(l.company, "lead.company", limits::short_text);
  check_text(l.display_name, "lead.display_name", limits::short_text);
  if (l.display_name.empty()) l.display_name = joined_name(l.given_name, l.family_name);
  if (l.display_name.empty()) l.display_name = l.company;
  check_required(l.display_name, "lead.display_name", limits::short_text);

  check_text(l.job_title, "lead.job_title", limits::short_text);
  if (!l.email.empty()) check_email(l.email, "lead.email");
  check_text(l.phone, "lead.phone", limits::phone_input);
  if (!l.phone.empty()) check_phone(l.phone, "lead.phone", context);
  check_text(l.source, "lead.source", limits::short_text);
  check_text(l.industry, "lead.industry", limits::short_text);
  check_text(l.territory, "lead.territory", limits::short_text);
  check_text(l.status_reason, "lead.status_reason", limits::medium_text);
  if (l.status == LeadStatus::disqualified && l.status_reason.empty())
    refuse("lead.status_reason", "required when the lead is disqualified");
  check_range(l.score, "lead.score", 0, 100);
  check_text(l.owner, "lead.owner", limits::short_text);
  check_tags(l.tags, "lead.tags");
  check_attributes(l.attributes, "lead.attributes");
  check_text(l.external_id, "lead.external_id", limits::short_text);
  check_reference(l.converted_customer_id, "lead.converted_customer_id");
  check_reference(l.converted_opportunity_id, "lead.converted_opportunity_id");
  if (l.status == LeadStatus::converted && l.converted_customer_id == 0)
    refuse("lead.converted_customer_id", "required when the lead is converted");
  check_text(l.assignment_rule, "lead.assignment_rule", limits::short_text);
  check_time(l.assigned_at, "lead.assigned_at");
  check_time(l.created_at, "lead.created_at");
  check_time(l.updated_at, "lead.updated_at");
}

}  // namespace crm::detail
