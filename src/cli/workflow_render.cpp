// SPDX-License-Identifier: Apache-2.0
// Tables of the workflow: tasks, rules, the firing log, the outbox and approvals.
#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <utility>

#include "render.hpp"

namespace crm::cli {

namespace {

using nlohmann::json;

std::string time_text(const std::optional<Timestamp>& t) { return t ? short_time(*t) : ""; }

// "customer 3": a record by its entity and id.
std::string record_text(const std::string& entity, Id id) { return id == 0 ? "" : entity + " " + std::to_string(id); }

// "customer 3, deal 5": what a task is about.
std::string about(const Task& t) {
  std::string out;
  for (const auto& [entity, id] : {std::pair{"customer", t.customer_id}, std::pair{"lead", t.lead_id},
                                   std::pair{"deal", t.opportunity_id}})
    if (id != 0) out += (out.empty() ? "" : ", ") + record_text(entity, id);
  return out;
}

// "+1d", "-12h", "+90s": a stored offset in the largest unit that divides it.
std::string offset_text(std::int64_t ms) {
  constexpr std::array<std::pair<std::int64_t, const char*>, 5> units{
      {{604'800'000, "w"}, {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1'000, "s"}}};
  const std::string sign = ms < 0 ? "-" : "+";
  for (const auto& [size, unit] : units)
    if (ms != 0 && ms % size == 0) return sign + std::to_string(std::llabs(ms / size)) + unit;
  return sign + std::to_string(std::llabs(ms)) + "ms";
}

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// "changed customer.stage to at-risk", "time task.due_at +1d", from a
// rule's canonical definition (docs/WORKFLOW.md).
std::string trigger_text(const json& trigger) {
  std::string out = trigger.value("on", "") + " " + trigger.value("entity", "");
  if (trigger.contains("field")) out += "." + trigger["field"].get<std::string>();
  if (trigger.contains("from")) out += " from " + value_text(trigger["from"]);
  if (trigger.contains("to")) out += " to " + value_text(trigger["to"]);
  if (trigger.contains("offset")) out += " " + offset_text(trigger["offset"].get<std::int64_t>());
  return out;
}

}  // namespace

Table table_of(const std::vector<Task>& tasks) {
  Table table({{"id", true}, {"due (UTC)"}, {"priority"}, {"status"}, {"subject"}, {"owner"}, {"about"}});
  for (const auto& t : tasks)
    table.add({std::to_string(t.id), time_text(t.due_at), std::string(to_string(t.priority)),
               std::string(to_string(t.status)), t.subject, t.owner, about(t)});
  return table;
}

Table table_of(const std::vector<WorkflowRule>& rules) {
  Table table({{"name"},
               {"trigger", false, 60},
               {"actions", true},
               {"order", true},
               {"enabled"},
               {"on failure"},
               {"saved (UTC)"}});
  for (const auto& r : rules) {
    const json definition = json::parse(r.definition);
    table.add({r.name, trigger_text(definition.at("trigger")), std::to_string(definition.at("actions").size()),
               std::to_string(definition.value("order", 0)), definition.value("enabled", true) ? "yes" : "no",
               definition.value("on_failure", std::string("fail")), short_time(r.saved_at)});
  }
  return table;
}

Table table_of(const std::vector<RuleFiring>& firings) {
  Table table({{"when (UTC)"}, {"rule"}, {"record"}, {"outcome"}, {"depth", true}, {"detail", false, 60}});
  for (const auto& f : firings)
    table.add({short_time(f.at), f.rule.empty() ? "(task reminder)" : f.rule, record_text(f.entity, f.record_id),
               std::string(to_string(f.outcome)), std::to_string(f.depth), f.detail});
  return table;
}

Table table_of(const std::vector<Notification>& notifications) {
  Table table({{"id", true}, {"created (UTC)"}, {"topic"}, {"to"}, {"rule"}, {"record"}});
  for (const auto& n : notifications)
    table.add({std::to_string(n.id), short_time(n.created_at), n.topic, n.to,
               n.rule.empty() ? "(task reminder)" : n.rule, record_text(n.entity, n.record_id)});
  return table;
}

Table table_of(const std::vector<Approval>& approvals) {
  Table table({{"id", true}, {"name"}, {"record"}, {"status"}, {"waiting for"}, {"approvers"}, {"requested by"},
               {"requested (UTC)"}});
  for (const auto& a : approvals) {
    std::string approvers;
    for (const auto& approver : a.approvers) approvers += (approvers.empty() ? "" : ", ") + approver;
    table.add({std::to_string(a.id), a.name, record_text(a.entity, a.record_id), std::string(to_string(a.status)),
               a.waiting_for, approvers, a.requested_by, short_time(a.created_at)});
  }
  return table;
}

}  // namespace crm::cli
