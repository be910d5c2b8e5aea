// SPDX-License-Identifier: Apache-2.0
// Reading rules strictly: the JSON, then the rule's structure (trigger,
// conditions, actions); rule_values.cpp checks the values in it against the
// fields they meet. Every check happens at load, so a host learns of a
// mistyped field when it saves the rule, not when a change silently fails to
// match. rule_write.cpp writes rules back.
#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <utility>

#include "crm/error.hpp"
#include "crm/json.hpp"
#include "crm/limits.hpp"
#include "crm/model/customer.hpp"
#include "json/json_release.hpp"
#include "json/read_json.hpp"
#include "workflow/field_schema.hpp"
#include "workflow/rule.hpp"
#include "workflow/rule_values.hpp"

namespace crm::detail::workflow {

namespace {

using nlohmann::json;

constexpr std::size_t max_rule_bytes = std::size_t{1} << 20;

template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Entity, entity_count> entity_names{{{Entity::customer, "customer"},
                                                    {Entity::interaction, "interaction"},
                                                    {Entity::lead, "lead"},
                                                    {Entity::opportunity, "opportunity"},
                                                    {Entity::task, "task"},
                                                    {Entity::approval, "approval"}}};
constexpr Names<TriggerKind, 6> trigger_names{{{TriggerKind::created, "created"},
                                               {TriggerKind::updated, "updated"},
                                               {TriggerKind::deleted, "deleted"},
                                               {TriggerKind::saved, "saved"},
                                               {TriggerKind::changed, "changed"},
                                               {TriggerKind::time, "time"}}};
constexpr Names<Op, 10> op_names{{{Op::eq, "="},
                                  {Op::ne, "!="},
                                  {Op::lt, "<"},
                                  {Op::le, "<="},
                                  {Op::gt, ">"},
                                  {Op::ge, ">="},
                                  {Op::in, "in"},
                                  {Op::contains, "contains"},
                                  {Op::empty, "empty"},
                                  {Op::changed, "changed"}}};
constexpr Names<ActionKind, 7> action_names{{{ActionKind::set, "set"},
                                             {ActionKind::add_tag, "add_tag"},
                                             {ActionKind::set_stage, "set_stage"},
                                             {ActionKind::create_task, "create_task"},
                                             {ActionKind::notify, "notify"},
                                             {ActionKind::start_approval, "start_approval"},
                                             {ActionKind::assign, "assign"}}};
constexpr Names<FailurePolicy, 2> failure_names{{{FailurePolicy::fail, "fail"}, {FailurePolicy::skip, "skip"}}};

template <class E, std::size_t N>
std::string_view name_in(const Names<E, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "?";
}

// Fields only the engine writes.
constexpr std::array<std::string_view, 6> engine_owned{"id",         "version",      "created_at",
                                                       "updated_at", "completed_at", "closed_at"};

// One parse: remembers the rule's name (in Refusals, for the messages) and
// its entity (for the field paths).
class Parser : Refusals {
 public:
  Rule rule(const json& document);

 private:
  void only_keys(const json& object, const std::string& place, std::initializer_list<std::string_view> allowed) const;
  const json& required(const json& object, const std::string& place, std::string_view key) const;
  bool boolean(const json& value, const std::string& place) const;
  std::int64_t duration(const json& value, const std::string& place) const;
  template <class E, std::size_t N>
  E named(const Names<E, N>& names, const json& value, const std::string& place, std::string_view what) const;
  template <class E>
  E enum_value(const json& value, const std::string& place) const;
  Typed path(const json& value, const std::string& place) const;
  Typed timestamp_path(const json& value, const std::string& place) const;

  Trigger trigger(const json& value);
  Condition condition(const json& value, const std::string& place) const;
  Condition leaf(const json& value, const std::string& place) const;
  void check_customer_reach(std::string_view what, const std::string& place) const;
  Action action(const json& value, const std::string& place) const;
  void create_task(const json& value, const std::string& place, Action& action) const;
  void start_approval(const json& value, const std::string& place, Action& action) const;

  Entity entity_ = Entity::customer;
};

void Parser::only_keys(const json& object, const std::string& place,
                       std::initializer_list<std::string_view> allowed) const {
  if (!object.is_object()) fail(place, "expected an object, got " + shown(object));
  for (const auto& [key, value] : object.items())
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      fail(place, "unknown key " + in_quotes(key) + " (expected: " + joined(allowed) + ")");
}

const json& Parser::required(const json& object, const std::string& place, std::string_view key) const {
  const auto it = object.find(key);
  if (it == object.end()) fail(sub(place, key), "required");
  return *it;
}

bool Parser::boolean(const json& value, const std::string& place) const {
  if (!value.is_boolean()) fail(place, "expected true or false, got " + shown(value));
  return value.get<bool>();
}

std::int64_t Parser::duration(const json& value, const std::string& place) const {
  return parse_duration(value, who() + ": " + place);
}

template <class E, std::size_t N>
E Parser::named(const Names<E, N>& names, const json& value, const std::string& place, std::string_view what) const {
  if (value.is_string())
    for (const auto& [v, name] : names)
      if (name == value.get_ref<const std::string&>()) return v;
  fail(place, shown(value) + " is not " + std::string(what) + " (expected one of: " + joined(names) + ")");
}

template <class E>
E Parser::enum_value(const json& value, const std::string& place) const {
  const std::string name = text(value, place, limits::short_text, true);
  try {
    return parse_enum<E>(name);
  } catch (const Error& e) {
    fail(place, e.what());
  }
}

Typed Parser::path(const json& value, const std::string& place) const {
  if (!value.is_string()) fail(place, "expected a field path string, got " + shown(value));
  try {
    auto [p, type] = check_path(entity_, value.get_ref<const std::string&>());
    return {std::move(p), type};
  } catch (const Error& e) {
    fail(place, e.what());
  }
}

Typed Parser::timestamp_path(const json& value, const std::string& place) const {
  Typed field = path(value, place);
  if (field.type.kind != FieldKind::timestamp) {
    std::vector<std::string_view> timestamps;
    for (const auto& f : fields_of(entity_))
      if (f.kind == FieldKind::timestamp) timestamps.push_back(f.name);
    fail(place, in_quotes(field.path.text) + " is a " + std::string(to_string(field.type.kind)) +
                    " field, not a timestamp (" + std::string(to_string(entity_)) +
                    " timestamps: " + joined(timestamps) + ")");
  }
  return field;
}

Rule Parser::rule(const json& document) {
  if (!document.is_object()) fail("", "expected a JSON object, got " + shown(document));
  Rule result;
  // The name first, so that every later message names the rule.
  result.name = text(required(document, "", "name"), "name", limits::short_text, true);
  name_ = result.name;
  only_keys(document, "", {"name", "order", "enabled", "on_failure", "trigger", "when", "actions"});

  if (const auto it = document.find("order"); it != document.end()) {
    if (!it->is_number_integer() || !is_int64(*it) ||
        it->get<std::int64_t>() < std::numeric_limits<std::int32_t>::min() ||
        it->get<std::int64_t>() > std::numeric_limits<std::int32_t>::max())
      fail("order", "expected an integer from -2147483648 to 2147483647, got " + shown(*it));
    result.order = static_cast<std::int32_t>(it->get<std::int64_t>());
  }
  if (const auto it = document.find("enabled"); it != document.end()) result.enabled = boolean(*it, "enabled");
  if (const auto it = document.find("on_failure"); it != document.end())
    result.on_failure = named(failure_names, *it, "on_failure", "a failure policy");

  result.trigger = trigger(required(document, "", "trigger"));
  if (const auto it = document.find("when"); it != document.end()) result.when = condition(*it, "when");

  const json& actions = required(document, "", "actions");
  if (!actions.is_array() || actions.empty()) fail("actions", "expected a non-empty array of actions");
  for (std::size_t i = 0; i < actions.size(); ++i) result.actions.push_back(action(actions[i], item("actions", i)));
  return result;
}

// --- trigger ----------------------------------------------------------------

Trigger Parser::trigger(const json& value) {
  const std::string place = "trigger";
  only_keys(value, place, {"on", "entity", "field", "to", "from", "offset"});
  Trigger t;
  t.on = named(trigger_names, required(value, place, "on"), sub(place, "on"), "a trigger");
  t.entity = named(entity_names, required(value, place, "entity"), sub(place, "entity"), "an entity");
  entity_ = t.entity;
  const bool changed = t.on == TriggerKind::changed;
  const bool timed = t.on == TriggerKind::time;
  const std::string on(to_string(t.on));
  const std::string field_place = sub(place, "field");
  const std::string offset_place = sub(place, "offset");

  if (!changed && !timed && value.contains("field"))
    fail(field_place, "only changed and time triggers take a field (this is a " + on + " trigger)");
  for (const char* key : {"to", "from"})
    if (!changed && value.contains(key)) fail(sub(place, key), "only changed triggers take " + in_quotes(key));
  if (!timed && value.contains("offset")) fail(offset_place, "only time triggers take an offset");
  if (!changed && !timed) return t;

  if (!value.contains("field")) fail(field_place, "required for a " + on + " trigger");
  Typed field = timed ? timestamp_path(value["field"], field_place) : path(value["field"], field_place);
  // The customer does not change with its deals or tasks, nor is it scheduled with them.
  if (field.path.on_customer)
    fail(field_place, in_quotes(field.path.text) + ": a " + on + " trigger watches the " +
                          std::string(to_string(entity_)) + " itself; write a customer rule to watch " +
                          "customer fields");
  for (const char* key : {"to", "from"}) {
    if (!value.contains(key)) continue;
    check_assignable(*this, value[key], field, sub(place, key));
    (std::string_view(key) == "to" ? t.to : t.from) = value[key];
  }
  if (value.contains("offset")) t.offset_ms = duration(value["offset"], offset_place);
  t.field = std::move(field.path);
  return t;
}

// --- conditions -------------------------------------------------------------

Condition Parser::condition(const json& value, const std::string& place) const {
  if (!value.is_object())
    fail(place,
         "expected a condition object: {\"all\": [...]}, {\"any\": [...]}, {\"not\": {...}} or "
         "{\"field\": ..., \"op\": ..., \"value\": ...}, got " +
             shown(value));
  for (const char* key : {"all", "any", "not"}) {
    if (!value.contains(key)) continue;
    if (value.size() != 1) fail(place, in_quotes(key) + " must be the only key of its object");
    const json& inner = value[key];
    const std::string inner_place = sub(place, key);
    Condition c;
    if (std::string_view(key) == "not") {
      c.kind = Condition::Kind::negate;
      c.children.push_back(condition(inner, inner_place));
      return c;
    }
    c.kind = std::string_view(key) == "all" ? Condition::Kind::all : Condition::Kind::any;
    if (!inner.is_array()) fail(inner_place, "expected an array of conditions, got " + shown(inner));
    for (std::size_t i = 0; i < inner.size(); ++i) c.children.push_back(condition(inner[i], item(inner_place, i)));
    return c;
  }
  return leaf(value, place);
}

Condition Parser::leaf(const json& value, const std::string& place) const {
  only_keys(value, place, {"field", "op", "value", "previous"});
  Condition c;
  c.kind = Condition::Kind::compare;
  const std::string field_place = sub(place, "field");
  const std::string previous_place = sub(place, "previous");
  Typed field = path(required(value, place, "field"), field_place);
  c.op = named(op_names, required(value, place, "op"), sub(place, "op"), "an operator");
  const std::string op(to_string(c.op));
  if (value.contains("previous")) c.previous = boolean(value["previous"], previous_place);
  if (c.previous && field.path.on_customer)
    fail(previous_place, "customer fields are read as they are now; 'previous' applies to the " +
                             std::string(to_string(entity_)) + "'s own fields");
  c.field = field.path;
  if (c.previous) field.type.nullable = true;  // absent when the record was just created

  const std::string value_place = sub(place, "value");
  if (c.op == Op::empty || c.op == Op::changed) {
    if (value.contains("value")) fail(value_place, in_quotes(op) + " takes no value");
    if (c.op == Op::changed && c.previous)
      fail(previous_place, "'changed' already compares the previous value with the new one");
    if (c.op == Op::changed && field.path.on_customer)
      fail(field_place, in_quotes(field.path.text) + ": customer fields do not change with the " +
                            std::string(to_string(entity_)) + "; 'changed' cannot watch them");
    return c;
  }
  check_op(*this, field, c.op, sub(place, "op"));
  const json& operand = required(value, place, "value");

  if (operand.is_object() && operand.contains("field")) {
    if (c.op == Op::in) fail(value_place, "'in' takes an array of values, not a field reference");
    only_keys(operand, value_place, {"field"});
    Typed other = path(operand["field"], sub(value_place, "field"));
    check_reference(*this, field, c.op, other, value_place);
    c.other = std::move(other.path);
    return c;
  }
  switch (c.op) {
    case Op::eq:
    case Op::ne: check_constant(*this, operand, field, value_place, true); break;
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      if (operand.is_boolean() || operand.is_null())
        fail(value_place, in_quotes(op) + " needs a number or a string, got " + shown(operand));
      check_constant(*this, operand, field, value_place, false);
      break;
    case Op::in:
      if (!operand.is_array() || operand.empty())
        fail(value_place, "'in' takes a non-empty array of values, got " + shown(operand));
      for (std::size_t i = 0; i < operand.size(); ++i)
        check_constant(*this, operand[i], field, item(value_place, i), true);
      break;
    case Op::contains:
      if (!operand.is_string()) fail(value_place, "'contains' takes a string, got " + shown(operand));
      break;
    case Op::empty:
    case Op::changed: break;
  }
  c.value = operand;
  return c;
}

// --- actions ----------------------------------------------------------------

void Parser::check_customer_reach(std::string_view what, const std::string& place) const {
  if (entity_ != Entity::customer && !has_customer(entity_))
    fail(place, std::string(what) + " needs a customer; " + std::string(to_string(entity_)) +
                    " records have none (customer, interaction, opportunity and task rules only)");
}

Action Parser::action(const json& value, const std::string& place) const {
  if (!value.is_object()) fail(place, "expected an action object, got " + shown(value));
  Action a;
  a.kind = named(action_names, required(value, place, "action"), sub(place, "action"), "an action");
  switch (a.kind) {
    case ActionKind::set: {
      only_keys(value, place, {"action", "field", "value"});
      const std::string field_place = sub(place, "field");
      Typed field = path(required(value, place, "field"), field_place);
      const std::string& f = field.path.text;
      const std::string_view top = field.type.field->name;
      if (entity_ == Entity::approval && !field.path.on_customer)
        fail(field_place, "approvals change only by approve and reject; rules cannot set their fields");
      if (std::find(engine_owned.begin(), engine_owned.end(), top) != engine_owned.end())
        fail(field_place, in_quotes(f) + " is kept by the engine; rules cannot set it");
      if (field.type.kind == FieldKind::other)
        fail(field_place, in_quotes(f) + " is a structured field; rules cannot set it");
      if (field.type.kind == FieldKind::attributes)
        fail(field_place, "set one attribute at a time, e.g. attributes.vip");
      if (!field.type.whole && field.type.kind != FieldKind::scalar)
        fail(field_place, "set the whole money field '" + std::string(top) +
                              "' ({\"minor\": ..., \"currency\": ...}), not " + in_quotes(f));
      a.value = required(value, place, "value");
      check_assignable(*this, a.value, field, sub(place, "value"));
      a.field = std::move(field.path);
      return a;
    }
    case ActionKind::add_tag: {
      only_keys(value, place, {"action", "tag", "on"});
      a.tag = text(required(value, place, "tag"), sub(place, "tag"), limits::short_text, true);
      static constexpr Names<bool, 2> targets{{{false, "record"}, {true, "customer"}}};
      const bool on_customer = value.contains("on") && named(targets, value["on"], sub(place, "on"), "a tag target");
      if (on_customer) {
        check_customer_reach("\"on\": \"customer\"", sub(place, "on"));
        a.on_customer = entity_ != Entity::customer;  // a customer's own tags are the record's
      } else if (const Field* tags = find_field(entity_, "tags");
                 tags == nullptr || tags->kind != FieldKind::text_list) {
        fail(place, std::string(to_string(entity_)) + " records have no tags" +
                        (has_customer(entity_) ? " (add \"on\": \"customer\" to tag its customer)" : ""));
      }
      return a;
    }
    case ActionKind::set_stage:
      only_keys(value, place, {"action", "stage"});
      check_customer_reach("set_stage", sub(place, "action"));
      a.stage = text(required(value, place, "stage"), sub(place, "stage"), limits::short_text, true);
      (void)enum_value<LifecycleStage>(value["stage"], sub(place, "stage"));
      return a;
    case ActionKind::create_task: create_task(value, place, a); return a;
    case ActionKind::notify:
      only_keys(value, place, {"action", "topic", "to"});
      a.topic = text(required(value, place, "topic"), sub(place, "topic"), limits::short_text, true);
      if (value.contains("to")) a.to = text(value["to"], sub(place, "to"), limits::short_text, false);
      return a;
    case ActionKind::start_approval: start_approval(value, place, a); return a;
    case ActionKind::assign:
      only_keys(value, place, {"action", "rules"});
      if (entity_ != Entity::lead) fail(sub(place, "action"), "assign picks a lead's owner: lead rules only");
      try {
        a.assignment = assignment_rules_from_json(json{{"rules", required(value, place, "rules")}}.dump());
      } catch (const Error& e) {
        fail(place, e.what());
      }
      return a;
  }
  return a;
}

void Parser::start_approval(const json& value, const std::string& place, Action& a) const {
  only_keys(value, place, {"action", "name", "approvers", "lock"});
  if (entity_ == Entity::approval) fail(sub(place, "action"), "an approval cannot itself be approved");
  a.approval = text(required(value, place, "name"), sub(place, "name"), limits::short_text, true);
  const auto names = [&](const char* key, bool required_list) {
    std::vector<std::string> out;
    const std::string list_place = sub(place, key);
    if (!value.contains(key)) {
      if (required_list) fail(list_place, "required");
      return out;
    }
    const json& list = value[key];
    if (!list.is_array() || (required_list && list.empty()))
      fail(list_place, std::string(required_list ? "a non-empty" : "an") + " array of names, got " + shown(list));
    for (std::size_t i = 0; i < list.size(); ++i) out.push_back(text(list[i], item(list_place, i), limits::short_text, true));
    return out;
  };
  a.approvers = names("approvers", true);
  a.locked_fields = names("lock", false);
  for (std::size_t i = 0; i < a.locked_fields.size(); ++i) {
    const Field* field = find_field(entity_, a.locked_fields[i]);
    if (field == nullptr || field->name == "id" || field->name == "version")
      fail(item(sub(place, "lock"), i), in_quotes(a.locked_fields[i]) + " is not a field of " +
                                             std::string(to_string(entity_)) + " that can change");
  }
}

void Parser::create_task(const json& value, const std::string& place, Action& a) const {
  only_keys(value, place, {"action", "subject", "body", "owner", "priority", "due_in", "remind_before"});
  a.subject = text(required(value, place, "subject"), sub(place, "subject"), limits::medium_text, true);
  if (value.contains("body")) a.body = text(value["body"], sub(place, "body"), limits::long_text, false);
  if (value.contains("owner")) a.owner = text(value["owner"], sub(place, "owner"), limits::short_text, false);
  if (value.contains("priority")) a.priority = enum_value<TaskPriority>(value["priority"], sub(place, "priority"));
  if (value.contains("due_in")) {
    const json& due = value["due_in"];
    const std::string due_place = sub(place, "due_in");
    if (due.is_object()) {
      only_keys(due, due_place, {"field", "offset"});
      a.due_field = timestamp_path(required(due, due_place, "field"), sub(due_place, "field")).path;
      if (due.contains("offset")) a.due_offset_ms = duration(due["offset"], sub(due_place, "offset"));
    } else {
      a.due_in_ms = duration(due, due_place);
    }
  }
  if (value.contains("remind_before")) {
    const std::string remind_place = sub(place, "remind_before");
    if (!value.contains("due_in")) fail(remind_place, "a reminder needs a due time: give due_in too");
    a.remind_before_ms = duration(value["remind_before"], remind_place);
    // The engine refuses a task reminded after it is due.
    if (*a.remind_before_ms < 0) fail(remind_place, "must not be negative (the reminder comes before the due time)");
  }
}

}  // namespace

std::string_view to_string(Entity entity) { return name_in(entity_names, entity); }

std::optional<Entity> entity_named(std::string_view name) {
  for (const auto& [entity, spelling] : entity_names)
    if (spelling == name) return entity;
  return std::nullopt;
}
std::string_view to_string(TriggerKind kind) { return name_in(trigger_names, kind); }
std::string_view to_string(Op op) { return name_in(op_names, op); }
std::string_view to_string(ActionKind kind) { return name_in(action_names, kind); }
std::string_view to_string(FailurePolicy policy) { return name_in(failure_names, policy); }

Rule parse_rule(std::string_view json_text) {
  if (json_text.size() > max_rule_bytes)
    throw Error(Errc::invalid_argument, "rule: " + std::to_string(json_text.size()) + " bytes, longer than the " +
                                            std::to_string(max_rule_bytes) + "-byte (1 MiB) limit");
  // Repeated keys, nesting beyond limits::json_depth (which bounds the
  // recursion of the condition reader) and malformed JSON are refused here.
  json document = read_json(json_text, "rule");
  const detail::ReleaseOnExit release(document);  // nlohmann's destructor allocates (json_release.hpp)
  return Parser{}.rule(document);
}

}  // namespace crm::detail::workflow
