// SPDX-License-Identifier: Apache-2.0
#pragma once
// The indexes the engine keeps in the store, and how their keys are spelled.
// Every key that a query builds must be built here too, so that writes and
// reads agree byte for byte.

#include <string>
#include <string_view>

#include "crm/model/approval.hpp"
#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/model/records.hpp"
#include "crm/model/stage_change.hpp"
#include "crm/model/task.hpp"
#include "crm/store/store.hpp"
#include "crm/model/workflow_records.hpp"
#include "engine/lead_outcomes.hpp"
#include "engine/purchase_stats_record.hpp"
#include "engine/rule_set_stamp.hpp"

namespace crm::detail {

// Index names. Unique indexes map a key to one record; sorted indexes list
// records in key order.
namespace index {
inline constexpr std::string_view customer_external_id = "customer.external_id";  // unique
inline constexpr std::string_view customer_phone = "customer.phone";              // unique, E.164
inline constexpr std::string_view customer_email = "customer.email";              // unique
inline constexpr std::string_view customer_name = "customer.name";                // folded display name
inline constexpr std::string_view customer_owner = "customer.owner";
inline constexpr std::string_view customer_stage = "customer.stage";
inline constexpr std::string_view customer_tag = "customer.tag";
inline constexpr std::string_view customer_organisation = "customer.organisation";  // members of an organisation
inline constexpr std::string_view interaction_customer = "interaction.customer";    // (customer, occurred_at)
inline constexpr std::string_view interaction_lead = "interaction.lead";            // (lead, occurred_at)
inline constexpr std::string_view interaction_opportunity = "interaction.opportunity";
inline constexpr std::string_view lead_external_id = "lead.external_id";  // unique
inline constexpr std::string_view lead_status = "lead.status";
inline constexpr std::string_view lead_owner = "lead.owner";
inline constexpr std::string_view lead_email = "lead.email";
inline constexpr std::string_view lead_phone = "lead.phone";
inline constexpr std::string_view lead_name = "lead.name";              // folded display name
inline constexpr std::string_view lead_assignment = "lead.assignment";  // (rule, assigned_at)
inline constexpr std::string_view opportunity_external_id = "opportunity.external_id";  // unique
inline constexpr std::string_view opportunity_customer = "opportunity.customer";
inline constexpr std::string_view opportunity_owner = "opportunity.owner";
inline constexpr std::string_view opportunity_stage = "opportunity.stage";  // (pipeline, stage)
inline constexpr std::string_view opportunity_status = "opportunity.status";
inline constexpr std::string_view pipeline_name = "pipeline.name";                   // unique, folded
inline constexpr std::string_view stage_change_opportunity = "stage_change.opportunity";  // (opportunity, at)
inline constexpr std::string_view stage_change_at = "stage_change.at";
inline constexpr std::string_view lead_outcome_field = "lead_outcome.field";  // unique
inline constexpr std::string_view task_owner = "task.owner";  // (owner, status, due, priority high first)
inline constexpr std::string_view task_due = "task.due";      // (status, due, priority high first)
inline constexpr std::string_view task_customer = "task.customer";
inline constexpr std::string_view task_lead = "task.lead";
inline constexpr std::string_view task_opportunity = "task.opportunity";
inline constexpr std::string_view workflow_rule_name = "workflow_rule.name";  // unique, folded
inline constexpr std::string_view firing_rule = "workflow_firing.rule";      // (rule, at)
inline constexpr std::string_view firing_record = "workflow_firing.record";  // (entity, record, at)
inline constexpr std::string_view firing_at = "workflow_firing.at";
inline constexpr std::string_view timer_key = "workflow_timer.key";  // unique (rule, entity, record)
inline constexpr std::string_view timer_due = "workflow_timer.due";
inline constexpr std::string_view outbox_key = "workflow_outbox.key";  // unique
inline constexpr std::string_view approval_record = "approval.record";  // (entity, record, status)
inline constexpr std::string_view approval_waiting = "approval.waiting_for";  // pending only
inline constexpr std::string_view approval_status = "approval.status";
inline constexpr std::string_view purchase_stats_customer = "purchase_stats.customer";  // (customer, currency)
}  // namespace index

// Key parts that sort like their values: text ends in a NUL (text never
// holds one), numbers are big-endian with the sign bit flipped.
std::string text_key(std::string_view text);
std::string number_key(std::int64_t value);

// The body and index entries stored for a record.
RecordWrite record_write(const Customer& c);
RecordWrite record_write(const Interaction& i);
RecordWrite record_write(const Lead& l);
RecordWrite record_write(const Opportunity& o);
RecordWrite record_write(const Pipeline& p);
RecordWrite record_write(const StageChange& c);
RecordWrite record_write(const FieldOutcomes& f);
RecordWrite record_write(const Task& t);
RecordWrite record_write(const WorkflowRule& r);
RecordWrite record_write(const RuleSetStamp& s);
RecordWrite record_write(const RuleFiring& f);
RecordWrite record_write(const TimedAction& t);
RecordWrite record_write(const Notification& n);
RecordWrite record_write(const Approval& a);
RecordWrite record_write(const PurchaseStatsRecord& s);
RecordWrite record_write(const PurchaseStatsMarker& m);

// Every record type has its own record_write(), its index keys.
#define CRM_CHECK_KEYS(T)                                                                            \
  static_assert(requires(RecordWrite (*of)(const T&)) { of = &record_write; }, #T " has no record_write()");
CRM_FOR_EACH_RECORD(CRM_CHECK_KEYS)
#undef CRM_CHECK_KEYS

// A customer's statistics in one currency; with no currency, all of them.
std::string purchase_stats_key(Id customer, std::string_view currency = {});

// The approvals of one record, and of one record with one status.
std::string approval_record_key(std::string_view entity, Id record);
std::string approval_record_key(std::string_view entity, Id record, ApprovalStatus status);

// The one timed action a rule may have queued for a record.
std::string timer_key(std::string_view rule, std::string_view entity, Id record);

// A task's place in the due-order indexes after its owner: its status, due
// time (none sorts last) and priority, the most urgent first.
std::string task_due_key(TaskStatus status, std::optional<Timestamp> due, TaskPriority priority);

}  // namespace crm::detail
