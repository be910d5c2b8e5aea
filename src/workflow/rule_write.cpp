// SPDX-License-Identifier: Apache-2.0
// A rule written back as canonical JSON, the form the store keeps: order,
// enabled and durations spelled out (on_failure only when not the default),
// so parse_rule() of it gives the same rule.
#include <string>
#include <utility>

#include "crm/json.hpp"
#include "crm/model/task.hpp"
#include "workflow/rule.hpp"

namespace crm::detail::workflow {

namespace {

using nlohmann::json;

json always() { return json{{"all", json::array()}}; }

json condition_json(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::always: return always();
    case Condition::Kind::all:
    case Condition::Kind::any: {
      json children = json::array();
      for (const auto& child : c.children) children.push_back(condition_json(child));
      return json{{c.kind == Condition::Kind::all ? "all" : "any", std::move(children)}};
    }
    case Condition::Kind::negate:
      return json{{"not", c.children.empty() ? always() : condition_json(c.children[0])}};
    case Condition::Kind::compare: break;
  }
  json leaf{{"field", c.field.text}, {"op", to_string(c.op)}};
  if (c.other)
    leaf["value"] = json{{"field", c.other->text}};
  else if (c.op != Op::empty && c.op != Op::changed)
    leaf["value"] = c.value;
  if (c.previous) leaf["previous"] = true;
  return leaf;
}

json action_json(const Action& a) {
  json out{{"action", to_string(a.kind)}};
  switch (a.kind) {
    case ActionKind::set:
      out["field"] = a.field.text;
      out["value"] = a.value;
      break;
    case ActionKind::add_tag:
      out["tag"] = a.tag;
      out["on"] = a.on_customer ? "customer" : "record";
      break;
    case ActionKind::set_stage: out["stage"] = a.stage; break;
    case ActionKind::create_task:
      out["subject"] = a.subject;
      if (!a.body.empty()) out["body"] = a.body;
      if (!a.owner.empty()) out["owner"] = a.owner;
      out["priority"] = to_string(a.priority);
      if (a.due_field)
        out["due_in"] = json{{"field", a.due_field->text}, {"offset", a.due_offset_ms}};
      else if (a.due_in_ms)
        out["due_in"] = *a.due_in_ms;
      if (a.remind_before_ms) out["remind_before"] = *a.remind_before_ms;
      break;
    case ActionKind::notify:
      out["topic"] = a.topic;
      if (!a.to.empty()) out["to"] = a.to;
      break;
    case ActionKind::assign: out["rules"] = json::parse(crm::to_json(a.assignment)).at("rules"); break;
    case ActionKind::start_approval:
      out["name"] = a.approval;
      out["approvers"] = a.approvers;
      out["lock"] = a.locked_fields;
      break;
  }
  return out;
}

}  // namespace

std::string to_json(const Rule& rule) {
  json trigger{{"on", to_string(rule.trigger.on)}, {"entity", to_string(rule.trigger.entity)}};
  if (rule.trigger.field) trigger["field"] = rule.trigger.field->text;
  if (rule.trigger.to) trigger["to"] = *rule.trigger.to;
  if (rule.trigger.from) trigger["from"] = *rule.trigger.from;
  if (rule.trigger.on == TriggerKind::time) trigger["offset"] = rule.trigger.offset_ms;
  json out{{"name", rule.name}, {"order", rule.order}, {"enabled", rule.enabled}, {"trigger", std::move(trigger)}};
  // Written only when it is not the default, so that a file whose rules all
  // fail their changes stays readable by a crm from before on_failure.
  if (rule.on_failure != FailurePolicy::fail) out["on_failure"] = to_string(rule.on_failure);
  if (rule.when.kind != Condition::Kind::always) out["when"] = condition_json(rule.when);
  json actions = json::array();
  for (const auto& a : rule.actions) actions.push_back(action_json(a));
  out["actions"] = std::move(actions);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace crm::detail::workflow
