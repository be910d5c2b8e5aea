// SPDX-License-Identifier: Apache-2.0
// crm::Engine's listings: one page of records per query (crm/engine_queries.hpp),
// each following one store index, plus the reads of the statistics the
// engine keeps (lead outcomes, purchase statistics).
#include <algorithm>

#include "crm/engine.hpp"
#include "engine/cursor.hpp"
#include "engine/each_stored.hpp"
#include "engine/engine_impl.hpp"
#include "engine/lead_outcomes.hpp"

namespace crm {

namespace index = detail::index;

namespace {

void check_limit(std::size_t limit) {
  if (limit == 0 || limit > max_page_size)
    detail::refuse("limit", std::to_string(limit) + " is outside 1.." + std::to_string(max_page_size));
}

// Listings accept one filter at a time; say so rather than ignore the others.
void check_one_filter(std::initializer_list<bool> filters, std::string_view query) {
  if (std::count(filters.begin(), filters.end(), true) > 1)
    detail::refuse(query, "give at most one filter (each listing follows one index)");
}

template <class T>
Page<T> read_page(const Store& store, Scan scan, const std::string& cursor, std::size_t limit) {
  check_limit(limit);
  if (!cursor.empty()) scan.after = detail::cursor_bytes(cursor);
  scan.limit = limit;
  const auto result = store.scan(scan);
  Page<T> page;
  page.items.reserve(result.records.size());
  for (const auto& stored : result.records) {
    // A damaged record is named, not fatal: the rest of the page is good.
    try {
      page.items.push_back(detail::decode<T>(stored));
    } catch (const Error& e) {
      if (e.code() != Errc::corrupt) throw;
      page.damaged.push_back(stored.id);
    }
  }
  page.next_cursor = detail::cursor_text(result.cursor);
  return page;
}

}  // namespace

Page<Customer> Engine::list(const CustomerQuery& q) const {
  check_one_filter({q.name_prefix.has_value(), q.owner.has_value(), q.stage.has_value(), q.tag.has_value(),
                    q.organisation_id.has_value()},
                   "customer query");
  Scan scan = detail::by_id<Customer>();
  if (q.name_prefix) scan = detail::by_index(index::customer_name, fold_case(*q.name_prefix));
  if (q.owner) scan = detail::by_index(index::customer_owner, detail::text_key(*q.owner));
  if (q.stage) scan = detail::by_index(index::customer_stage, detail::number_key(static_cast<std::int64_t>(*q.stage)));
  if (q.tag) scan = detail::by_index(index::customer_tag, detail::text_key(fold_case(*q.tag)));
  if (q.organisation_id) scan = detail::by_index(index::customer_organisation, detail::number_key(*q.organisation_id));
  return read_page<Customer>(*impl_->store, std::move(scan), q.cursor, q.limit);
}

Page<Interaction> Engine::list(const InteractionQuery& q) const {
  const int given = (q.customer_id != 0) + (q.lead_id != 0) + (q.opportunity_id != 0);
  if (given > 1) detail::refuse("interaction query", "give at most one of customer_id, lead_id, opportunity_id");
  if (given == 0) return read_page<Interaction>(*impl_->store, detail::by_id<Interaction>(), q.cursor, q.limit);
  Scan scan = q.customer_id != 0 ? detail::by_index(index::interaction_customer, detail::number_key(q.customer_id))
              : q.lead_id != 0   ? detail::by_index(index::interaction_lead, detail::number_key(q.lead_id))
                                 : detail::by_index(index::interaction_opportunity, detail::number_key(q.opportunity_id));
  scan.descending = true;  // newest first
  return read_page<Interaction>(*impl_->store, std::move(scan), q.cursor, q.limit);
}

Page<Lead> Engine::list(const LeadQuery& q) const {
  check_one_filter({q.status.has_value(), q.owner.has_value(), q.email.has_value(), q.phone.has_value(),
                    q.name_prefix.has_value(), q.assignment_rule.has_value()},
                   "lead query");
  Scan scan = detail::by_id<Lead>();
  if (q.status) scan = detail::by_index(index::lead_status, detail::number_key(static_cast<std::int64_t>(*q.status)));
  if (q.owner) scan = detail::by_index(index::lead_owner, detail::text_key(*q.owner));
  if (q.email) scan = detail::by_index(index::lead_email, detail::text_key(normalize_email(*q.email)));
  if (q.phone)
    scan = detail::by_index(index::lead_phone, detail::text_key(normalize_phone(*q.phone, impl_->options.default_region,
                                                                              PhoneCheck::possible)));
  if (q.name_prefix) scan = detail::by_index(index::lead_name, fold_case(*q.name_prefix));
  if (q.assignment_rule) {
    scan = detail::by_index(index::lead_assignment, detail::text_key(*q.assignment_rule));
    scan.descending = true;
  }
  return read_page<Lead>(*impl_->store, std::move(scan), q.cursor, q.limit);
}

Page<Opportunity> Engine::list(const OpportunityQuery& q) const {
  if (q.stage && !q.pipeline) detail::refuse("opportunity query", "a stage needs its pipeline");
  check_one_filter({q.customer_id.has_value(), q.owner.has_value(), q.status.has_value(), q.pipeline.has_value()},
                   "opportunity query");
  Scan scan = detail::by_id<Opportunity>();
  if (q.customer_id) scan = detail::by_index(index::opportunity_customer, detail::number_key(*q.customer_id));
  if (q.owner) scan = detail::by_index(index::opportunity_owner, detail::text_key(*q.owner));
  if (q.status)
    scan = detail::by_index(index::opportunity_status, detail::number_key(static_cast<std::int64_t>(*q.status)));
  if (q.pipeline) {
    // Deals are stored under the pipeline's own spelling of both names.
    const auto pipeline = find_pipeline(*q.pipeline);
    const auto* stage = pipeline && q.stage ? pipeline->find_stage(*q.stage) : nullptr;
    std::string prefix = detail::text_key(pipeline ? pipeline->name : *q.pipeline);
    if (q.stage) prefix += detail::text_key(stage ? stage->name : *q.stage);
    scan = detail::by_index(index::opportunity_stage, std::move(prefix));
  }
  return read_page<Opportunity>(*impl_->store, std::move(scan), q.cursor, q.limit);
}

Page<Pipeline> Engine::list(const PipelineQuery& q) const {
  return read_page<Pipeline>(*impl_->store, detail::by_id<Pipeline>(), q.cursor, q.limit);
}

Page<StageChange> Engine::list(const StageChangeQuery& q) const {
  Scan scan = q.opportunity_id != 0
                  ? detail::by_index(index::stage_change_opportunity, detail::number_key(q.opportunity_id))
                  : detail::by_index(index::stage_change_at, {});
  if (q.opportunity_id != 0 && q.since) detail::refuse("stage change query", "give opportunity_id or since, not both");
  // Every stored key is the time plus the entry's id, so the bare time sorts
  // just before the first entry at `since`.
  if (q.since) scan.after = detail::number_key(to_millis(*q.since));
  return read_page<StageChange>(*impl_->store, std::move(scan), q.cursor, q.limit);
}

OutcomeCounts Engine::lead_outcomes() const {
  OutcomeCounts counts;
  detail::each_stored(*impl_->store, detail::by_id<detail::FieldOutcomes>(), [&](const StoredRecord& stored) {
    auto record = detail::decode<detail::FieldOutcomes>(stored);
    if (record.field.empty())
      counts.total = record.values[""];
    else
      counts.by_field[record.field] = std::move(record.values);
  });
  return counts;
}

std::vector<PurchaseStats> Engine::purchase_stats(Id customer) const {
  return impl_->purchase_stats->of_customer(customer);
}

Page<PurchaseStats> Engine::list(const PurchaseStatsQuery& q) const {
  auto records = read_page<detail::PurchaseStatsRecord>(*impl_->store,
                                                        detail::by_index(index::purchase_stats_customer, {}),
                                                        q.cursor, q.limit);
  Page<PurchaseStats> page{.next_cursor = std::move(records.next_cursor), .damaged = std::move(records.damaged)};
  page.items.reserve(records.items.size());
  for (auto& record : records.items) page.items.push_back(record.stats);
  return page;
}

std::vector<std::pair<Currency, std::size_t>> Engine::purchase_currencies() const {
  return impl_->stats_cache->currencies();
}

std::vector<PurchaseStats> Engine::purchase_population(const Currency& currency) const {
  return impl_->stats_cache->population(currency);
}

Page<Task> Engine::list(const TaskQuery& q) const {
  const int ids = (q.customer_id != 0) + (q.lead_id != 0) + (q.opportunity_id != 0);
  if (ids > 1 || (ids == 1 && (q.owner || q.due_before)))
    detail::refuse("task query", "give an owner, or one of customer_id, lead_id, opportunity_id");
  if (ids == 1) {
    Scan scan = q.customer_id != 0 ? detail::by_index(index::task_customer, detail::number_key(q.customer_id))
                : q.lead_id != 0   ? detail::by_index(index::task_lead, detail::number_key(q.lead_id))
                                   : detail::by_index(index::task_opportunity, detail::number_key(q.opportunity_id));
    return read_page<Task>(*impl_->store, std::move(scan), q.cursor, q.limit);
  }
  const std::string status = detail::number_key(static_cast<std::int64_t>(q.status));
  auto page = read_page<Task>(*impl_->store,
                              q.owner ? detail::by_index(index::task_owner, detail::text_key(*q.owner) + status)
                                      : detail::by_index(index::task_due, status),
                              q.cursor, q.limit);
  if (q.due_before) {  // listed in due order: cut at the first that is not due before
    const auto late = std::find_if(page.items.begin(), page.items.end(),
                                   [&](const Task& t) { return !t.due_at || *t.due_at >= *q.due_before; });
    if (late != page.items.end()) {
      page.items.erase(late, page.items.end());
      page.next_cursor.clear();
    }
  }
  return page;
}

Page<WorkflowRule> Engine::list(const RuleQuery& q) const {
  return read_page<WorkflowRule>(*impl_->store, detail::by_id<WorkflowRule>(), q.cursor, q.limit);
}

Page<TimedAction> Engine::list(const TimedActionQuery& q) const {
  return read_page<TimedAction>(*impl_->store, detail::by_index(index::timer_due, {}), q.cursor, q.limit);
}

Page<RuleFiring> Engine::list(const FiringQuery& q) const {
  if (q.rule && (q.entity || q.record_id != 0)) detail::refuse("firing query", "give a rule or a record, not both");
  if (q.entity.has_value() != (q.record_id != 0)) detail::refuse("firing query", "a record needs entity and record_id");
  Scan scan = q.rule     ? detail::by_index(index::firing_rule, detail::text_key(*q.rule))
              : q.entity ? detail::by_index(index::firing_record,
                                          detail::text_key(*q.entity) + detail::number_key(q.record_id))
                         : detail::by_index(index::firing_at, {});
  return read_page<RuleFiring>(*impl_->store, std::move(scan), q.cursor, q.limit);
}

Page<Approval> Engine::list(const ApprovalQuery& q) const {
  if (q.entity.has_value() != (q.record_id != 0)) detail::refuse("approval query", "a record needs entity and record_id");
  check_one_filter({q.waiting_for.has_value(), q.entity.has_value(), q.status.has_value()}, "approval query");
  Scan scan = detail::by_id<Approval>();
  if (q.waiting_for) scan = detail::by_index(index::approval_waiting, detail::text_key(*q.waiting_for));
  if (q.entity) scan = detail::by_index(index::approval_record, detail::approval_record_key(*q.entity, q.record_id));
  if (q.status)
    scan = detail::by_index(index::approval_status, detail::number_key(static_cast<std::int64_t>(*q.status)));
  return read_page<Approval>(*impl_->store, std::move(scan), q.cursor, q.limit);
}

Page<Notification> Engine::list(const OutboxQuery& q) const {
  return read_page<Notification>(*impl_->store, detail::by_id<Notification>(), q.cursor, q.limit);
}

}  // namespace crm
