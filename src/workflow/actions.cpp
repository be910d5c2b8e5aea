// SPDX-License-Identifier: Apache-2.0
// What rules do. Every action that changes a record goes through the
// engine's public calls, so it is validated like a host's change, joins the
// transaction under way, and fires rules of its own.

#include <functional>

#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "engine/layout.hpp"
#include "engine/record_keys.hpp"
#include "json/record_value.hpp"
#include "workflow/chain.hpp"
#include "workflow/runner.hpp"

namespace crm::detail::workflow {

namespace {

using nlohmann::json;
using Edit = std::function<bool(json&)>;  // changes a record's JSON; false when there was nothing to change

template <class T>
void edit_record(Engine& engine, Id id, const Edit& edit) {
  json document = record_value(engine.get<T>(id));
  if (!edit(document)) return;
  engine.update(record_from_value<T>(std::move(document)));
  count_rule_edit();
}

void edit(Engine& engine, Entity entity, Id id, const Edit& change) {
  switch (entity) {
    case Entity::customer: return edit_record<Customer>(engine, id, change);
    case Entity::interaction: return edit_record<Interaction>(engine, id, change);
    case Entity::lead: return edit_record<Lead>(engine, id, change);
    case Entity::opportunity: return edit_record<Opportunity>(engine, id, change);
    case Entity::task: return edit_record<Task>(engine, id, change);
    case Entity::approval: throw Error(Errc::invalid_argument, "workflow: approvals change only by approve and reject");
  }
}

// Sets the value at a path (the record's own part of it), creating the
// attribute object's key when needed.
bool set_path(json& document, const std::vector<std::string>& parts, const json& value) {
  json* at = &document;
  for (const auto& part : parts) at = &(*at)[part];
  if (*at == value) return false;
  *at = value;
  return true;
}

Id id_field(const json& record, const char* field) {
  const auto it = record.find(field);
  return it != record.end() && it->is_number_integer() ? it->get<Id>() : 0;
}

// What a task made by a rule is about: the record, or for an approval, the approved record.
void link(Task& task, Entity entity, Id id, const json& record, Id customer_id) {
  task.customer_id = customer_id;
  if (entity == Entity::approval) {
    const std::string of = record.value("entity", std::string());
    const Id approved = id_field(record, "record_id");
    if (of == "customer") task.customer_id = approved;
    if (of == "lead") task.lead_id = approved;
    if (of == "opportunity") task.opportunity_id = approved;
    return;
  }
  task.lead_id = entity == Entity::lead ? id : id_field(record, "lead_id");
  task.opportunity_id = entity == Entity::opportunity ? id : id_field(record, "opportunity_id");
}

// Who a notification or task goes to when the rule names nobody: the
// record's owner, or whoever asked for an approval.
std::string owner_of(const json& record) {
  const auto owner = record.value("owner", std::string());
  return !owner.empty() ? owner : record.value("requested_by", std::string());
}

// Sums outside the supported range fail the action (crm::add), never wrap.
std::optional<Timestamp> task_due(const Action& action, const Subject& subject, Timestamp now) {
  using std::chrono::milliseconds;
  if (action.due_in_ms) return crm::add(now, milliseconds(*action.due_in_ms), "create_task due_in");
  if (!action.due_field) return std::nullopt;
  const auto* value = resolve(*action.due_field, subject);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return crm::add(from_millis(value->get<std::int64_t>()), milliseconds(action.due_offset_ms),
                  "create_task due_in " + action.due_field->text + " + offset");
}

}  // namespace

std::string Runner::Change::firing_key(std::string_view rule) const {
  return std::string(rule) + "/" + std::string(to_string(entity)) + "/" + std::to_string(id) + "/" + cause;
}

void Runner::run_action(const Rule& rule, std::size_t index, const Change& change, const Subject& subject) {
  const Action& action = rule.actions[index];
  const Entity target = action.on_customer || action.field.on_customer ? Entity::customer : change.entity;
  const Id target_id = target == change.entity ? change.id : change.customer_id;
  const json& record = *subject.after;

  switch (action.kind) {
    case ActionKind::set:
      if (target_id == 0) return;  // "customer.x" on a record without a customer: nothing to set
      return edit(engine_, target, target_id,
                  [&](json& document) { return set_path(document, action.field.parts, action.value); });

    case ActionKind::add_tag:
      if (target_id == 0) return;
      return edit(engine_, target, target_id, [&](json& document) {
        const std::string tag = fold_case(action.tag);
        for (const auto& held : document["tags"])
          if (held.is_string() && fold_case(held.get<std::string>()) == tag) return false;
        document["tags"].push_back(action.tag);
        return true;
      });

    case ActionKind::set_stage:
      if (change.customer_id == 0) return;
      return edit(engine_, Entity::customer, change.customer_id, [&](json& document) {
        return set_path(document, {"stage"}, action.stage);
      });

    case ActionKind::create_task: {
      Task task;
      task.subject = action.subject;
      task.body = action.body;
      task.owner = !action.owner.empty() ? action.owner : owner_of(record);
      task.priority = action.priority;
      task.due_at = task_due(action, subject, change.now);
      if (task.due_at && action.remind_before_ms)
        task.remind_at = crm::add(*task.due_at, -std::chrono::milliseconds(*action.remind_before_ms),
                                  "create_task remind_before");
      link(task, change.entity, change.id, record, change.customer_id);
      task.rule = rule.name;
      engine_.create(std::move(task));
      return;
    }

    case ActionKind::notify:
      return notify(change.firing_key(rule.name) + "/" + std::to_string(index), action.topic,
                    !action.to.empty() ? action.to : owner_of(record), rule.name, change, record.dump());

    case ActionKind::assign:
      if (assign_lead(engine_, change.id, action.assignment))  // no matching rule: the lead keeps its owner
        count_rule_edit();
      return;

    case ActionKind::start_approval: {
      const std::string entity(to_string(change.entity));
      if (has_pending(entity, change.id, action.approval)) return;  // asked already
      request_approval(ApprovalRequest{.name = action.approval,
                                       .entity = entity,
                                       .record_id = change.id,
                                       .approvers = action.approvers,
                                       .locked_fields = action.locked_fields,
                                       .requested_by = owner_of(record)},
                       rule.name, change.now);
      return;
    }
  }
}

void Runner::notify(std::string key, std::string topic, std::string to, std::string_view rule,
                    const Change& change, std::string payload) {
  // The same key again (a timed action run twice after a crash) is the
  // same notification: keep the first.
  if (store_.find(index::outbox_key, key)) return;
  Notification note{.key = std::move(key),
                    .topic = std::move(topic),
                    .to = std::move(to),
                    .rule = std::string(rule),
                    .entity = std::string(to_string(change.entity)),
                    .record_id = change.id,
                    .payload = std::move(payload),
                    .created_at = change.now};
  store_.insert(Layout<Notification>::collection, record_write(note));
}

void Runner::notify_failure(const Rule& rule, const Change& change, const json& record, std::string_view error) {
  notify(change.firing_key(rule.name) + "/failed", "rule.failed", owner_of(record), rule.name, change,
         json{{"error", error}, {"record", record}}.dump(-1, ' ', false, json::error_handler_t::replace));
}

FiringOutcome Runner::remind(const Change& change, const json& task, std::string& detail) {
  const bool open = task.value("status", std::string()) == "open";
  const auto remind_at = task.find("remind_at");
  if (!open || remind_at == task.end() || !remind_at->is_number_integer() ||
      "t" + std::to_string(remind_at->get<std::int64_t>()) != change.cause) {
    detail = open ? "the reminder time changed" : "the task is no longer open";
    return FiringOutcome::skipped;
  }
  notify("reminder/task/" + std::to_string(change.id) + "/" + change.cause, "task.reminder",
         task.value("owner", std::string()), "", change, task.dump());
  return FiringOutcome::ran;
}

}  // namespace crm::detail::workflow
