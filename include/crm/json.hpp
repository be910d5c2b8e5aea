// SPDX-License-Identifier: Apache-2.0
#pragma once
// Whole records as JSON, so a host (the C API, the command line, a script)
// can pass every field at once instead of one setter per field.
//
// A record is one object whose keys are its field names ("display_name",
// "phones"…) plus "id" and "version". Reading is strict: an unknown key, a
// value of the wrong type or out of range, or malformed JSON throws
// crm::Error(Errc::invalid_argument) naming the field; a missing key keeps
// the field's default, so {"display_name": "Ada"} is a whole customer.
// Reading only decodes: the engine validates and normalises on write.
//
// Spellings: enums by name ("in-person"); timestamps as integer milliseconds
// since the epoch, in the supported range (time.hpp; outside it "field
// 'due_at': … is outside the supported range …"); money as {"minor": 1799, "currency": "GBP"}; an absent
// optional as null; consents as {"email": {"granted": true, "at": …,
// "source": "pos"}}; an attribute of type timestamp as {"timestamp": ms}.

#include <string>
#include <string_view>

#include "crm/analytics/analytics.hpp"
#include "crm/engine.hpp"
#include "crm/pipeline/assignment.hpp"
#include "crm/pipeline/reports.hpp"

namespace crm {

template <Record T>
std::string to_json(const T& record);

template <Record T>
T from_json(std::string_view json);

// {"items": [...], "next_cursor": "...", "damaged": [ids]}: damaged names
// the records the page left out because they cannot be read (Page::damaged).
template <Record T>
std::string to_json(const Page<T>& page);

// Engine::check()'s report: {"records": n, "damaged": [{"collection", "id",
// "problem"}]}.
std::string to_json(const CheckReport& report);

// A stage-history entry: {"id", "opportunity_id", "pipeline", "from_stage",
// "to_stage", "status", "amount", "probability", "owner", "at", "by"}.
std::string to_json(const StageChange& entry);

// Lead assignment rules (crm/pipeline/assignment.hpp) as
// {"rules": [{"name", "territory", "industry", "source", "strategy",
// "owner", "team": [{"name", "capacity"}]}]}, read strictly and validated;
// errors start with `origin` and say where ("rules[0].strategy: ...").
AssignmentRules assignment_rules_from_json(std::string_view json, std::string_view origin = "assignment rules");
std::string to_json(const AssignmentRules& rules);

// Reports as one JSON object each, in the spellings above: field names as
// in crm/pipeline/reports.hpp, an absent statistic (a rate, a median) as null.
std::string to_json(const Funnel& report);
std::string to_json(const Forecast& report);
std::string to_json(const SalesCycle& report);
std::string to_json(const PipelineSnapshot& report);

// Workflow (crm/workflow/workflow.hpp). A field that holds JSON the library
// wrote (a rule's definition, a notification's payload) is that JSON value,
// not a string. Log and queue entries are never updated: they carry an id
// and no version.
//   rule:         {"id", "version", "name", "definition": {rule}, "saved_at"}
//   firing:       {"id", "rule", "entity", "record_id", "at", "outcome", "detail", "depth"}
//   timed action: {"id", "rule", "entity", "record_id", "due_at", "queued_at"}
//   notification: {"id", "key", "topic", "to", "rule", "entity", "record_id",
//                  "payload": {record}, "created_at"}
//   run_due:      {"ran", "skipped", "failed", "more"}
std::string to_json(const WorkflowRule& rule);
std::string to_json(const RuleFiring& firing);
std::string to_json(const TimedAction& action);
std::string to_json(const Notification& notification);
std::string to_json(const RunDueReport& report);
// Pages of them: {"items": [...], "next_cursor": "...", "damaged": [ids]}.
std::string to_json(const Page<WorkflowRule>& page);
std::string to_json(const Page<RuleFiring>& page);
std::string to_json(const Page<TimedAction>& page);
std::string to_json(const Page<Notification>& page);

// Analytics (crm/analytics/analytics.hpp; keys in docs/ANALYTICS.md). Money
// in minor units of the report's currency ("total_minor"), times in ms,
// statistics as numbers.
//   stats:   {"customer_id", "currency", "purchases", "purchase_days",
//             "total_minor", "first_day_minor", "average_minor", "first_at", "last_at"}
//   rebuild: {"purchases", "stats", "added", "corrected", "removed"}
//   rfm:     {"currency", "as_of", "scores", "customers", "cuts": {"recency_ms",
//             "frequency", "monetary_minor"}, "segments": [{"name", "customers"}],
//             "score_counts": {"r", "f", "m"}}
//   value:   {"currency", "as_of", "customers", "thresholds": {"frequency",
//             "average_spend_minor"}, "quadrants": [{"quadrant", "customers",
//             "total_minor"}], "stages": [{"stage", "customers"}]}
//   clv:     {"currency", "as_of", "period_days", "horizon_periods",
//             "discount_rate", "margin", "customers", "repeat_customers",
//             "bg_nbd": {"r", "alpha", "a", "b", fit}, "gamma_gamma": {"p", "q",
//             "gamma_minor", fit}, "total_clv_minor", "churn_risk_bands", "top":
//             [{"customer_id", "frequency", "recency", "age", "average_spend_minor",
//             "p_alive", "churn_risk", "expected_purchases",
//             "expected_average_spend_minor", "clv_minor"}]}; fit is
//             "log_likelihood", "customers", "iterations", "converged"
//   basket:  {"baskets", "items", "itemsets", "rules": [{"antecedent",
//             "consequent", "baskets", "support", "confidence", "lift"}]}
//   segment: {"items": [stats + "r", "f", "m", "segment", "quadrant", "stage"], "next_cursor"}
std::string to_json(const PurchaseStats& stats);
std::string to_json(const std::vector<PurchaseStats>& stats);
std::string to_json(const PurchaseStatsRebuild& rebuild);
std::string to_json(const analytics::RfmReport& report);
std::string to_json(const analytics::ValueReport& report);
std::string to_json(const analytics::ClvReport& report);
std::string to_json(const analytics::BasketReport& report);
std::string to_json(const Page<analytics::SegmentMember>& page);

}  // namespace crm
