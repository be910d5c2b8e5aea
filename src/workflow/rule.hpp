// SPDX-License-Identifier: Apache-2.0
#pragma once
// Workflow rules, parsed and checked. A rule is JSON (docs/WORKFLOW.md):
//
//   {"name": "won-deal-thanks", "order": 10, "enabled": true,
//    "trigger": {"on": "changed", "entity": "opportunity", "field": "status", "to": "won"},
//    "when": {"all": [{"field": "amount.minor", "op": ">=", "value": 100000},
//                     {"field": "customer.tier", "op": "in", "value": ["gold", "silver"]}]},
//    "actions": [{"action": "create_task", "subject": "Thank the customer", "owner": "ann", "due_in": "2d"}]}
//
// parse_rule() reads it strictly and checks every field path against the
// entity's fields (field_schema.hpp): an unknown key, field, operator or
// action, or a value of the wrong type is refused with Errc::invalid_argument
// and a message naming the rule and the place
// ("rule 'won-deal-thanks': when.all[1].field: 'customer.tire' is not a customer field").

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crm/model/task.hpp"
#include "crm/pipeline/assignment.hpp"

namespace crm::detail::workflow {

// The record kinds rules can watch.
enum class Entity : std::uint8_t { customer, interaction, lead, opportunity, task, approval };
inline constexpr std::size_t entity_count = 6;
std::string_view to_string(Entity entity);
// The entity with this name ("opportunity"), or nothing.
std::optional<Entity> entity_named(std::string_view name);

enum class TriggerKind : std::uint8_t {
  created,  // a record of the entity was created
  updated,  // ... updated (any field)
  deleted,  // ... erased
  saved,    // created or updated
  changed,  // updated (or created) and `field` differs from before; `to` / `from` narrow it
  time,     // `offset` after (negative: before) the time in `field`, see below
};

// A field path: "display_name", "amount.minor", "attributes.vip",
// "customer.tier" (the record's customer, for interactions, deals and
// tasks). Parts are the JSON keys of crm/json.hpp.
// Parts are relative to the record read: "customer.tier" is {"tier"} with
// on_customer set; "attributes.a.b" is {"attributes", "a.b"} (attribute keys
// may hold dots).
struct FieldPath {
  std::vector<std::string> parts{};
  bool on_customer = false;  // the first part was "customer." on a record that has a customer_id
  std::string text{};        // as written in the rule, for messages

  friend bool operator==(const FieldPath&, const FieldPath&) = default;
};

struct Trigger {
  TriggerKind on = TriggerKind::saved;
  Entity entity = Entity::customer;
  std::optional<FieldPath> field{};       // changed (required), time (required, a timestamp field)
  std::optional<nlohmann::json> to{};     // changed: the new value must equal this
  std::optional<nlohmann::json> from{};   // changed: the previous value must equal this
  std::int64_t offset_ms = 0;             // time: due = field + offset ("3d", "-1h", "90m", or integer ms)

  friend bool operator==(const Trigger&, const Trigger&) = default;
};
std::string_view to_string(TriggerKind kind);  // "changed"

enum class Op : std::uint8_t { eq, ne, lt, le, gt, ge, in, contains, empty, changed };
std::string_view to_string(Op op);  // "=", "!=", "<", …, "in", "contains", "empty", "changed"

// A condition tree. Leaves compare one field with a value; "previous": true
// reads the field as it was before the change (null on create).
struct Condition {
  enum class Kind : std::uint8_t { always, all, any, negate, compare };
  Kind kind = Kind::always;
  std::vector<Condition> children{};  // all, any: any number; negate: exactly one

  FieldPath field{};
  bool previous = false;
  Op op = Op::eq;
  // The operand: a JSON constant, or another field when `other` is set
  // ({"field": "customer.credit_limit.minor"} in the rule). Unused for empty / changed.
  // `other` is read from the record after the change (or its customer).
  nlohmann::json value{};
  std::optional<FieldPath> other{};

  friend bool operator==(const Condition&, const Condition&) = default;
};

enum class ActionKind : std::uint8_t { set, add_tag, set_stage, create_task, notify, start_approval, assign };
std::string_view to_string(ActionKind kind);  // "set", "add_tag", …

struct Action {
  ActionKind kind = ActionKind::set;
  // set: the field (may be "customer.x") and its new value, checked against the field's type.
  FieldPath field{};
  nlohmann::json value{};
  // add_tag: the tag; on_customer when "on": "customer" (default: the record itself, which must have tags).
  std::string tag{};
  bool on_customer = false;
  // set_stage: the customer's lifecycle stage, by name ("at-risk").
  std::string stage{};
  // create_task: linked to the record (and its customer); due = now + due_in, or the
  // record's `due_field` + due_offset_ms when given; remind = due - remind_before_ms.
  std::string subject{};
  std::string body{};
  std::string owner{};  // empty: the record's owner
  TaskPriority priority = TaskPriority::normal;
  std::optional<std::int64_t> due_in_ms{};
  std::optional<FieldPath> due_field{};
  std::int64_t due_offset_ms = 0;
  std::optional<std::int64_t> remind_before_ms{};
  // notify: an outbox entry for the host.
  std::string topic{};
  std::string to{};
  // start_approval: of the record, unless one of that name is pending already.
  std::string approval{};
  std::vector<std::string> approvers{};
  std::vector<std::string> locked_fields{};
  // assign (lead rules): the owner chosen by lead assignment rules (crm/pipeline/assignment.hpp).
  AssignmentRules assignment{};

  friend bool operator==(const Action&, const Action&) = default;
};

// What a failing action does to the change that fired its rule.
enum class FailurePolicy : std::uint8_t {
  fail,  // the change fails with the action's error, naming the rule and action (the default)
  skip,  // the rule's effects are undone, its firing is logged as failed and a
         // "rule.failed" notification enqueued; the change goes on without them
};
std::string_view to_string(FailurePolicy policy);  // "fail", "skip"

struct Rule {
  std::string name{};  // required; unique case-insensitively; at most 256 bytes
  std::int32_t order = 0;  // rules matching one change fire in (order, name) order
  bool enabled = true;
  FailurePolicy on_failure = FailurePolicy::fail;
  Trigger trigger{};
  Condition when{};  // "when" may be omitted: always
  std::vector<Action> actions{};  // at least one

  friend bool operator==(const Rule&, const Rule&) = default;
};

// Reads and checks one rule. Throws Errc::invalid_argument as described above.
Rule parse_rule(std::string_view json_text);
// The rule written back as canonical JSON (parse_rule(to_json(r)) == r in effect).
std::string to_json(const Rule& rule);

// What a condition reads: the record after and before the change (as
// detail::record_value() writes them; null when absent) and its customer.
struct Subject {
  const nlohmann::json* after = nullptr;
  const nlohmann::json* before = nullptr;
  const nlohmann::json* customer = nullptr;
};

// The value at a path, or nullptr when absent (an unset optional is JSON null
// and counts as present-but-null; a missing attribute is absent).
const nlohmann::json* resolve(const FieldPath& path, const Subject& subject, bool previous = false);

bool holds(const Condition& condition, const Subject& subject);

// True when the change matches the trigger's field part: for `changed`, the
// field differs between before and after and meets `to` / `from`. Other
// trigger kinds always match here (the kind itself is checked by the caller).
bool trigger_matches(const Trigger& trigger, const Subject& subject);

// "3d", "-12h", "90m", "30s" or an integer of milliseconds.
// Units s, m, h, d, w; at most 1000 years either way, so adding it to a
// timestamp cannot overflow. Throws Errc::invalid_argument as "<where>: <problem>".
std::int64_t parse_duration(const nlohmann::json& value, const std::string& where);

}  // namespace crm::detail::workflow
