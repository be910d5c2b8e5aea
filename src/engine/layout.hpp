// SPDX-License-Identifier: Apache-2.0
#pragma once
// The stored layout of each record type: its fields in storage order.
// Bodies are msgpack arrays of these fields (see record_codec.cpp). The order
// IS the file format: append new fields at the end, never reorder or remove.
// A body written before a field existed decodes with that field's default.
// id and version are not in the body: the store keeps them.
//
// `names` spells each field, in the same order, for JSON (src/json/).

#include <array>
#include <string_view>
#include <tuple>
#include <utility>

#include "crm/model/approval.hpp"
#include "crm/model/customer.hpp"
#include "crm/model/interaction.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/model/records.hpp"
#include "crm/model/stage_change.hpp"
#include "crm/model/task.hpp"
#include "crm/model/workflow_records.hpp"
#include "engine/lead_outcomes.hpp"
#include "engine/purchase_stats_record.hpp"
#include "engine/rule_set_stamp.hpp"

namespace crm::detail {

template <class T>
struct Layout;

template <>
struct Layout<Address> {
  static auto fields(auto& a) {
    return std::tie(a.label, a.line1, a.line2, a.city, a.region, a.postal_code, a.country);
  }
  static constexpr std::array<std::string_view, 7> names{"label",  "line1",       "line2",  "city",
                                                         "region", "postal_code", "country"};
};

template <>
struct Layout<Consent> {
  static auto fields(auto& c) { return std::tie(c.granted, c.at, c.source); }
  static constexpr std::array<std::string_view, 3> names{"granted", "at", "source"};
};

template <>
struct Layout<LineItem> {
  static auto fields(auto& i) { return std::tie(i.sku, i.description, i.quantity, i.unit_price); }
  static constexpr std::array<std::string_view, 4> names{"sku", "description", "quantity", "unit_price"};
};

template <>
struct Layout<Customer> {
  static constexpr const char* collection = "customer";
  static auto fields(auto& c) {
    return std::tie(c.kind, c.organisation_id, c.display_name, c.given_name, c.family_name, c.emails, c.phones,
                    c.addresses, c.tags, c.attributes, c.stage, c.tier, c.owner, c.credit_limit, c.loyalty_points,
                    c.consents, c.external_id, c.created_at, c.updated_at);
  }
  static constexpr std::array<std::string_view, 19> names{
      "kind",  "organisation_id", "display_name", "given_name",   "family_name",    "emails",      "phones",
      "addresses", "tags",        "attributes",   "stage",        "tier",           "owner",       "credit_limit",
      "loyalty_points", "consents", "external_id", "created_at",  "updated_at"};
};

template <>
struct Layout<Interaction> {
  static constexpr const char* collection = "interaction";
  static auto fields(auto& i) {
    return std::tie(i.customer_id, i.lead_id, i.opportunity_id, i.channel, i.direction, i.kind, i.subject, i.body,
                    i.outcome, i.occurred_at, i.amount, i.items, i.attributes, i.created_at);
  }
  static constexpr std::array<std::string_view, 14> names{
      "customer_id", "lead_id",     "opportunity_id", "channel", "direction", "kind",       "subject",
      "body",        "outcome",     "occurred_at",    "amount",  "items",     "attributes", "created_at"};
};

template <>
struct Layout<Lead> {
  static constexpr const char* collection = "lead";
  static auto fields(auto& l) {
    return std::tie(l.display_name, l.given_name, l.family_name, l.company, l.job_title, l.email, l.phone, l.source,
                    l.industry, l.territory, l.status, l.status_reason, l.score, l.owner, l.tags, l.attributes,
                    l.external_id, l.converted_customer_id, l.converted_opportunity_id, l.created_at, l.updated_at,
                    l.assignment_rule, l.assigned_at);
  }
  static constexpr std::array<std::string_view, 23> names{
      "display_name", "given_name", "family_name",   "company",    "job_title",   "email",
      "phone",        "source",     "industry",      "territory",  "status",      "status_reason",
      "score",        "owner",      "tags",          "attributes", "external_id", "converted_customer_id",
      "converted_opportunity_id", "created_at", "updated_at", "assignment_rule", "assigned_at"};
};

template <>
struct Layout<Opportunity> {
  static constexpr const char* collection = "opportunity";
  static auto fields(auto& o) {
    return std::tie(o.name, o.customer_id, o.lead_id, o.pipeline, o.stage, o.amount, o.expected_close,
                    o.probability, o.status, o.lost_reason, o.closed_at, o.owner, o.tags, o.attributes,
                    o.external_id, o.created_at, o.updated_at);
  }
  static constexpr std::array<std::string_view, 17> names{
      "name",   "customer_id", "lead_id", "pipeline",   "stage",       "amount",     "expected_close",
      "probability", "status", "lost_reason", "closed_at", "owner",    "tags",       "attributes",
      "external_id", "created_at", "updated_at"};
};

template <>
struct Layout<PipelineStage> {
  static auto fields(auto& s) { return std::tie(s.name, s.probability, s.category); }
  static constexpr std::array<std::string_view, 3> names{"name", "probability", "category"};
};

template <>
struct Layout<Pipeline> {
  static constexpr const char* collection = "pipeline";
  static auto fields(auto& p) { return std::tie(p.name, p.stages, p.created_at, p.updated_at); }
  static constexpr std::array<std::string_view, 4> names{"name", "stages", "created_at", "updated_at"};
};

template <>
struct Layout<StageChange> {
  static constexpr const char* collection = "stage_change";
  static auto fields(auto& c) {
    return std::tie(c.opportunity_id, c.pipeline, c.from_stage, c.to_stage, c.status, c.amount, c.probability,
                    c.owner, c.at, c.by);
  }
  static constexpr std::array<std::string_view, 10> names{"opportunity_id", "pipeline", "from_stage", "to_stage",
                                                          "status", "amount", "probability", "owner", "at", "by"};
};

template <>
struct Layout<Task> {
  static constexpr const char* collection = "task";
  static auto fields(auto& t) {
    return std::tie(t.subject, t.body, t.owner, t.due_at, t.remind_at, t.priority, t.status, t.customer_id,
                    t.lead_id, t.opportunity_id, t.rule, t.completed_at, t.created_at, t.updated_at);
  }
  static constexpr std::array<std::string_view, 14> names{
      "subject", "body",    "owner",          "due_at", "remind_at",    "priority",   "status",
      "customer_id", "lead_id", "opportunity_id", "rule", "completed_at", "created_at", "updated_at"};
};

template <>
struct Layout<ApprovalDecision> {
  static auto fields(auto& d) { return std::tie(d.approver, d.approved, d.comment, d.at); }
  static constexpr std::array<std::string_view, 4> names{"approver", "approved", "comment", "at"};
};

template <>
struct Layout<Approval> {
  static constexpr const char* collection = "approval";
  static auto fields(auto& a) {
    return std::tie(a.name, a.entity, a.record_id, a.approvers, a.locked_fields, a.status, a.decisions,
                    a.requested_by, a.rule, a.waiting_for, a.created_at, a.decided_at, a.updated_at);
  }
  static constexpr std::array<std::string_view, 13> names{
      "name",         "entity", "record_id",   "approvers",  "locked_fields", "status",    "decisions",
      "requested_by", "rule",   "waiting_for", "created_at", "decided_at",    "updated_at"};
};

template <>
struct Layout<WorkflowRule> {
  static constexpr const char* collection = "workflow_rule";
  static auto fields(auto& r) { return std::tie(r.name, r.definition, r.saved_at); }
  static constexpr std::array<std::string_view, 3> names{"name", "definition", "saved_at"};
};

template <>
struct Layout<RuleSetStamp> {
  static constexpr const char* collection = "workflow_rule_set";
  static auto fields(auto& s) { return std::tie(s.token); }
  static constexpr std::array<std::string_view, 1> names{"token"};
};

template <>
struct Layout<RuleFiring> {
  static constexpr const char* collection = "workflow_firing";
  static auto fields(auto& f) {
    return std::tie(f.rule, f.entity, f.record_id, f.at, f.outcome, f.detail, f.depth);
  }
  static constexpr std::array<std::string_view, 7> names{"rule",    "entity", "record_id", "at",
                                                         "outcome", "detail", "depth"};
};

template <>
struct Layout<TimedAction> {
  static constexpr const char* collection = "workflow_timer";
  static auto fields(auto& t) { return std::tie(t.rule, t.entity, t.record_id, t.due_at, t.queued_at); }
  static constexpr std::array<std::string_view, 5> names{"rule", "entity", "record_id", "due_at", "queued_at"};
};

template <>
struct Layout<Notification> {
  static constexpr const char* collection = "workflow_outbox";
  static auto fields(auto& n) {
    return std::tie(n.key, n.topic, n.to, n.rule, n.entity, n.record_id, n.payload, n.created_at);
  }
  static constexpr std::array<std::string_view, 8> names{"key",    "topic",     "to",      "rule",
                                                         "entity", "record_id", "payload", "created_at"};
};

template <>
struct Layout<Tally> {
  static auto fields(auto& t) { return std::tie(t.won, t.lost); }
  static constexpr std::array<std::string_view, 2> names{"won", "lost"};
};

template <>
struct Layout<FieldOutcomes> {
  static constexpr const char* collection = "lead_outcome";
  static auto fields(auto& f) { return std::tie(f.field, f.values); }
  static constexpr std::array<std::string_view, 2> names{"field", "values"};
};

template <>
struct Layout<PurchaseStatsRecord> {
  static constexpr const char* collection = "purchase_stats";
  static auto fields(auto& r) {
    auto& s = r.stats;
    return std::tie(s.customer_id, s.currency, s.purchases, s.purchase_days, s.total_minor, s.first_day_minor,
                    s.first_at, s.last_at);
  }
  static constexpr std::array<std::string_view, 8> names{"customer_id",   "currency",        "purchases",
                                                         "purchase_days", "total_minor",     "first_day_minor",
                                                         "first_at",      "last_at"};
};

template <>
struct Layout<PurchaseStatsMarker> {
  static constexpr const char* collection = "purchase_stats_built";
  static auto fields(auto& m) { return std::tie(m.format, m.token); }
  static constexpr std::array<std::string_view, 2> names{"format", "token"};
};

// The types stored as an array of their fields (records and their parts).
template <class T>
concept HasLayout = requires(T& t) { Layout<T>::fields(t); };

// Every field has a name and every name a field.
template <class T>
constexpr bool names_match_fields() {
  return std::tuple_size_v<decltype(Layout<T>::fields(std::declval<T&>()))> == Layout<T>::names.size();
}
static_assert(names_match_fields<Address>() && names_match_fields<Consent>() && names_match_fields<LineItem>() &&
              names_match_fields<Customer>() && names_match_fields<Interaction>() && names_match_fields<Lead>() &&
              names_match_fields<Opportunity>() && names_match_fields<PipelineStage>() &&
              names_match_fields<Pipeline>() && names_match_fields<StageChange>() &&
              names_match_fields<Task>() && names_match_fields<WorkflowRule>() &&
              names_match_fields<RuleFiring>() && names_match_fields<TimedAction>() &&
              names_match_fields<Notification>() && names_match_fields<Approval>() &&
              names_match_fields<ApprovalDecision>());

// Every record type has a layout: its collection and its fields.
#define CRM_CHECK_LAYOUT(T) static_assert(requires { Layout<T>::collection; }, #T " has no Layout");
CRM_FOR_EACH_RECORD(CRM_CHECK_LAYOUT)
#undef CRM_CHECK_LAYOUT

}  // namespace crm::detail
