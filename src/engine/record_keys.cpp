// SPDX-License-Identifier: Apache-2.0
#include "engine/record_keys.hpp"

#include <limits>

#include "crm/normalize.hpp"
#include "engine/record_codec.hpp"

namespace crm::detail {

namespace {

void add(std::vector<IndexKey>& keys, std::string_view index, std::string key) {
  keys.push_back({std::string(index), std::move(key)});
}

// Indexes only what is set: an empty owner or external id has no entry.
void add_text(std::vector<IndexKey>& keys, std::string_view index, const std::string& text) {
  if (!text.empty()) add(keys, index, text_key(text));
}

void add_reference(std::vector<IndexKey>& keys, std::string_view index, Id id, Timestamp at) {
  if (id != 0) add(keys, index, number_key(id) + number_key(to_millis(at)));
}

}  // namespace

std::string text_key(std::string_view text) {
  std::string key(text);
  key.push_back('\0');
  return key;
}

std::string number_key(std::int64_t value) {
  auto bits = static_cast<std::uint64_t>(value) ^ (std::uint64_t{1} << 63);
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, bits >>= 8) key[static_cast<std::size_t>(i)] = static_cast<char>(bits & 0xff);
  return key;
}

RecordWrite record_write(const Customer& c) {
  RecordWrite w{encode(c), {}, {}};
  if (!c.external_id.empty()) add(w.unique_keys, index::customer_external_id, c.external_id);
  for (const auto& phone : c.phones) add(w.unique_keys, index::customer_phone, phone);
  for (const auto& email : c.emails) add(w.unique_keys, index::customer_email, email);
  add(w.sorted_keys, index::customer_name, text_key(fold_case(c.display_name)));
  add_text(w.sorted_keys, index::customer_owner, c.owner);
  add(w.sorted_keys, index::customer_stage, number_key(static_cast<std::int64_t>(c.stage)));
  for (const auto& tag : c.tags) add_text(w.sorted_keys, index::customer_tag, tag);
  if (c.organisation_id != 0) add(w.sorted_keys, index::customer_organisation, number_key(c.organisation_id));
  return w;
}

RecordWrite record_write(const Interaction& i) {
  RecordWrite w{encode(i), {}, {}};
  add_reference(w.sorted_keys, index::interaction_customer, i.customer_id, i.occurred_at);
  add_reference(w.sorted_keys, index::interaction_lead, i.lead_id, i.occurred_at);
  add_reference(w.sorted_keys, index::interaction_opportunity, i.opportunity_id, i.occurred_at);
  return w;
}

RecordWrite record_write(const Lead& l) {
  RecordWrite w{encode(l), {}, {}};
  if (!l.external_id.empty()) add(w.unique_keys, index::lead_external_id, l.external_id);
  add(w.sorted_keys, index::lead_status, number_key(static_cast<std::int64_t>(l.status)));
  add_text(w.sorted_keys, index::lead_owner, l.owner);
  add_text(w.sorted_keys, index::lead_email, l.email);
  add_text(w.sorted_keys, index::lead_phone, l.phone);
  add(w.sorted_keys, index::lead_name, text_key(fold_case(l.display_name)));
  if (l.assigned_at) add(w.sorted_keys, index::lead_assignment, text_key(l.assignment_rule) + number_key(to_millis(*l.assigned_at)));
  return w;
}

RecordWrite record_write(const Opportunity& o) {
  RecordWrite w{encode(o), {}, {}};
  if (!o.external_id.empty()) add(w.unique_keys, index::opportunity_external_id, o.external_id);
  add_reference(w.sorted_keys, index::opportunity_customer, o.customer_id, o.created_at);
  add_text(w.sorted_keys, index::opportunity_owner, o.owner);
  add(w.sorted_keys, index::opportunity_stage, text_key(o.pipeline) + text_key(o.stage));
  add(w.sorted_keys, index::opportunity_status, number_key(static_cast<std::int64_t>(o.status)));
  return w;
}

RecordWrite record_write(const Pipeline& p) {
  RecordWrite w{encode(p), {}, {}};
  add(w.unique_keys, index::pipeline_name, fold_case(p.name));
  return w;
}

RecordWrite record_write(const FieldOutcomes& f) {
  RecordWrite w{encode(f), {}, {}};
  add(w.unique_keys, index::lead_outcome_field, text_key(f.field));
  return w;
}

std::string task_due_key(TaskStatus status, std::optional<Timestamp> due, TaskPriority priority) {
  return number_key(static_cast<std::int64_t>(status)) +
         number_key(due ? to_millis(*due) : std::numeric_limits<std::int64_t>::max()) +
         number_key(-static_cast<std::int64_t>(priority));
}

RecordWrite record_write(const Task& t) {
  RecordWrite w{encode(t), {}, {}};
  const std::string due = task_due_key(t.status, t.due_at, t.priority);
  add(w.sorted_keys, index::task_owner, text_key(t.owner) + due);
  add(w.sorted_keys, index::task_due, due);
  add_reference(w.sorted_keys, index::task_customer, t.customer_id, t.created_at);
  add_reference(w.sorted_keys, index::task_lead, t.lead_id, t.created_at);
  add_reference(w.sorted_keys, index::task_opportunity, t.opportunity_id, t.created_at);
  return w;
}

RecordWrite record_write(const WorkflowRule& r) {
  RecordWrite w{encode(r), {}, {}};
  add(w.unique_keys, index::workflow_rule_name, fold_case(r.name));
  return w;
}

RecordWrite record_write(const RuleSetStamp& s) { return {encode(s), {}, {}}; }

RecordWrite record_write(const PurchaseStatsRecord& s) {
  RecordWrite w{encode(s), {}, {}};
  add(w.sorted_keys, index::purchase_stats_customer, purchase_stats_key(s.stats.customer_id, s.stats.currency.code()));
  return w;
}

RecordWrite record_write(const PurchaseStatsMarker& m) { return {encode(m), {}, {}}; }

std::string purchase_stats_key(Id customer, std::string_view currency) {
  return currency.empty() ? number_key(customer) : number_key(customer) + text_key(currency);
}

RecordWrite record_write(const RuleFiring& f) {
  RecordWrite w{encode(f), {}, {}};
  const std::string at = number_key(to_millis(f.at));
  add(w.sorted_keys, index::firing_rule, text_key(f.rule) + at);
  add(w.sorted_keys, index::firing_record, text_key(f.entity) + number_key(f.record_id) + at);
  add(w.sorted_keys, index::firing_at, at);
  return w;
}

std::string timer_key(std::string_view rule, std::string_view entity, Id record) {
  return text_key(rule) + text_key(entity) + number_key(record);
}

RecordWrite record_write(const TimedAction& t) {
  RecordWrite w{encode(t), {}, {}};
  add(w.unique_keys, index::timer_key, timer_key(t.rule, t.entity, t.record_id));
  add(w.sorted_keys, index::timer_due, number_key(to_millis(t.due_at)));
  return w;
}

RecordWrite record_write(const Notification& n) {
  RecordWrite w{encode(n), {}, {}};
  add(w.unique_keys, index::outbox_key, n.key);
  return w;
}

std::string approval_record_key(std::string_view entity, Id record) {
  return text_key(entity) + number_key(record);
}

std::string approval_record_key(std::string_view entity, Id record, ApprovalStatus status) {
  return approval_record_key(entity, record) + number_key(static_cast<std::int64_t>(status));
}

RecordWrite record_write(const Approval& a) {
  RecordWrite w{encode(a), {}, {}};
  add(w.sorted_keys, index::approval_record, approval_record_key(a.entity, a.record_id, a.status));
  if (a.status == ApprovalStatus::pending) add(w.sorted_keys, index::approval_waiting, text_key(a.waiting_for));
  add(w.sorted_keys, index::approval_status, number_key(static_cast<std::int64_t>(a.status)));
  return w;
}

RecordWrite record_write(const StageChange& c) {
  RecordWrite w{encode(c), {}, {}};
  add_reference(w.sorted_keys, index::stage_change_opportunity, c.opportunity_id, c.at);
  add(w.sorted_keys, index::stage_change_at, number_key(to_millis(c.at)));
  return w;
}

}  // namespace crm::detail
