// Reading rules strictly, and writing them back. Every check happens here,
// at load, so a host learns of a mistyped field when it saves the rule, not
// when a change silently fails to match.
#include "workflow/rule.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <set>
#include <string>
#include <utility>

#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "crm/model/customer.hpp"
#include "crm/money.hpp"
#include "workflow/field_schema.hpp"

namespace crm::detail::workflow {

namespace {

using nlohmann::json;

constexpr std::size_t max_rule_bytes = std::size_t{1} << 20;
constexpr int max_nesting = 64;  // bounds the recursion of the condition reader
constexpr std::int64_t max_duration_ms = 1000LL * 366 * 24 * 3600 * 1000;  // 1000 years

template <class E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Entity, 5> entity_names{{{Entity::customer, "customer"},
                                         {Entity::interaction, "interaction"},
                                         {Entity::lead, "lead"},
                                         {Entity::opportunity, "opportunity"},
                                         {Entity::task, "task"}}};
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
constexpr Names<ActionKind, 5> action_names{{{ActionKind::set, "set"},
                                             {ActionKind::add_tag, "add_tag"},
                                             {ActionKind::set_stage, "set_stage"},
                                             {ActionKind::create_task, "create_task"},
                                             {ActionKind::notify, "notify"}}};

template <class E, std::size_t N>
std::string_view name_in(const Names<E, N>& names, E value) {
  for (const auto& [v, name] : names)
    if (v == value) return name;
  return "?";
}

template <class Range>
std::string joined(const Range& names) {
  std::string list;
  for (const auto& name : names) {
    if (!list.empty()) list += ", ";
    if constexpr (requires { name.second; })
      list += name.second;
    else
      list += name;
  }
  return list;
}

// A value as the rule wrote it, short enough for a message.
std::string shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return text;
}

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }
std::string sub(const std::string& place, std::string_view key) {
  return place.empty() ? std::string(key) : place + "." + std::string(key);
}
std::string item(const std::string& place, std::size_t index) { return place + "[" + std::to_string(index) + "]"; }

bool is_int64(const json& value) {
  return value.is_number_integer() &&
         (!value.is_number_unsigned() ||
          value.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
}

bool is_timestamp_object(const json& value) {
  return value.is_object() && value.size() == 1 && value.contains("timestamp") && is_int64(value["timestamp"]);
}

bool is_scalar(const json& value) {
  return value.is_string() || value.is_boolean() || value.is_number() || is_timestamp_object(value);
}

bool is_orderable(FieldKind kind) {
  return kind == FieldKind::text || kind == FieldKind::integer || kind == FieldKind::timestamp ||
         kind == FieldKind::scalar;
}

bool is_single_value(FieldKind kind) {
  return kind == FieldKind::text || kind == FieldKind::integer || kind == FieldKind::timestamp ||
         kind == FieldKind::boolean || kind == FieldKind::enumeration || kind == FieldKind::scalar;
}

// Fields only the engine writes.
constexpr std::array<std::string_view, 6> engine_owned{"id",         "version",      "created_at",
                                                       "updated_at", "completed_at", "closed_at"};

struct Typed {
  FieldPath path;
  PathType type;
};

// One parse: remembers the rule's name and entity for the messages and checks.
class Parser {
 public:
  Rule rule(const json& document);

 private:
  [[noreturn]] void fail(const std::string& place, const std::string& problem) const {
    const std::string who = name_.empty() ? "rule" : "rule '" + name_ + "'";
    throw Error(Errc::invalid_argument, who + ": " + (place.empty() ? "" : place + ": ") + problem);
  }

  void only_keys(const json& object, const std::string& place, std::initializer_list<std::string_view> allowed) const;
  const json& required(const json& object, const std::string& place, std::string_view key) const;
  std::string text(const json& value, const std::string& place, std::size_t limit, bool non_empty) const;
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
  void check_op(const Typed& field, Op op, const std::string& place) const;
  void check_reference(const Typed& field, Op op, const Typed& other, const std::string& place) const;
  void check_constant(const json& value, const Typed& field, const std::string& place, bool allow_null) const;
  void check_assignable(const json& value, const Typed& field, const std::string& place) const;
  void check_customer_reach(std::string_view what, const std::string& place) const;
  Action action(const json& value, const std::string& place) const;
  void create_task(const json& value, const std::string& place, Action& action) const;

  std::string name_{};
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

std::string Parser::text(const json& value, const std::string& place, std::size_t limit, bool non_empty) const {
  if (!value.is_string()) fail(place, "expected a string, got " + shown(value));
  const auto& s = value.get_ref<const std::string&>();
  if (non_empty && s.empty()) fail(place, "must not be empty");
  if (s.size() > limit)
    fail(place, std::to_string(s.size()) + " bytes, longer than the " + std::to_string(limit) + "-byte limit");
  return s;
}

bool Parser::boolean(const json& value, const std::string& place) const {
  if (!value.is_boolean()) fail(place, "expected true or false, got " + shown(value));
  return value.get<bool>();
}

std::int64_t Parser::duration(const json& value, const std::string& place) const {
  const std::string who = name_.empty() ? "rule" : "rule '" + name_ + "'";
  return parse_duration(value, who + ": " + place);
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
  only_keys(document, "", {"name", "order", "enabled", "trigger", "when", "actions"});

  if (const auto it = document.find("order"); it != document.end()) {
    if (!it->is_number_integer() || !is_int64(*it) ||
        it->get<std::int64_t>() < std::numeric_limits<std::int32_t>::min() ||
        it->get<std::int64_t>() > std::numeric_limits<std::int32_t>::max())
      fail("order", "expected an integer from -2147483648 to 2147483647, got " + shown(*it));
    result.order = static_cast<std::int32_t>(it->get<std::int64_t>());
  }
  if (const auto it = document.find("enabled"); it != document.end()) result.enabled = boolean(*it, "enabled");

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
  t.on = named(trigger_names, required(value, place, "on"), "trigger.on", "a trigger");
  t.entity = named(entity_names, required(value, place, "entity"), "trigger.entity", "an entity");
  entity_ = t.entity;
  const bool changed = t.on == TriggerKind::changed;
  const bool timed = t.on == TriggerKind::time;
  const std::string on(name_in(trigger_names, t.on));

  if (!changed && !timed && value.contains("field"))
    fail("trigger.field", "only changed and time triggers take a field (this is a " + on + " trigger)");
  for (const char* key : {"to", "from"})
    if (!changed && value.contains(key)) fail(sub(place, key), "only changed triggers take " + in_quotes(key));
  if (!timed && value.contains("offset")) fail("trigger.offset", "only time triggers take an offset");
  if (!changed && !timed) return t;

  if (!value.contains("field")) fail("trigger.field", "required for a " + on + " trigger");
  Typed field = timed ? timestamp_path(value["field"], "trigger.field") : path(value["field"], "trigger.field");
  // The customer does not change with its deals or tasks, nor is it scheduled with them.
  if (field.path.on_customer)
    fail("trigger.field", in_quotes(field.path.text) + ": a " + on + " trigger watches the " +
                              std::string(to_string(entity_)) + " itself; write a customer rule to watch " +
                              "customer fields");
  for (const char* key : {"to", "from"}) {
    if (!value.contains(key)) continue;
    check_assignable(value[key], field, sub(place, key));
    (std::string_view(key) == "to" ? t.to : t.from) = value[key];
  }
  if (value.contains("offset")) t.offset_ms = duration(value["offset"], "trigger.offset");
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
    Condition c;
    if (std::string_view(key) == "not") {
      c.kind = Condition::Kind::negate;
      c.children.push_back(condition(inner, sub(place, key)));
      return c;
    }
    c.kind = std::string_view(key) == "all" ? Condition::Kind::all : Condition::Kind::any;
    if (!inner.is_array()) fail(sub(place, key), "expected an array of conditions, got " + shown(inner));
    for (std::size_t i = 0; i < inner.size(); ++i) c.children.push_back(condition(inner[i], item(sub(place, key), i)));
    return c;
  }
  return leaf(value, place);
}

Condition Parser::leaf(const json& value, const std::string& place) const {
  only_keys(value, place, {"field", "op", "value", "previous"});
  Condition c;
  c.kind = Condition::Kind::compare;
  Typed field = path(required(value, place, "field"), sub(place, "field"));
  c.op = named(op_names, required(value, place, "op"), sub(place, "op"), "an operator");
  const std::string op(name_in(op_names, c.op));
  if (value.contains("previous")) c.previous = boolean(value["previous"], sub(place, "previous"));
  if (c.previous && field.path.on_customer)
    fail(sub(place, "previous"), "customer fields are read as they are now; 'previous' applies to the " +
                                     std::string(to_string(entity_)) + "'s own fields");
  c.field = field.path;
  if (c.previous) field.type.nullable = true;  // absent when the record was just created

  const std::string value_place = sub(place, "value");
  if (c.op == Op::empty || c.op == Op::changed) {
    if (value.contains("value")) fail(value_place, in_quotes(op) + " takes no value");
    if (c.op == Op::changed && c.previous)
      fail(sub(place, "previous"), "'changed' already compares the previous value with the new one");
    if (c.op == Op::changed && field.path.on_customer)
      fail(sub(place, "field"), in_quotes(field.path.text) + ": customer fields do not change with the " +
                                    std::string(to_string(entity_)) + "; 'changed' cannot watch them");
    return c;
  }
  check_op(field, c.op, sub(place, "op"));
  const json& operand = required(value, place, "value");

  if (operand.is_object() && operand.contains("field")) {
    if (c.op == Op::in) fail(value_place, "'in' takes an array of values, not a field reference");
    only_keys(operand, value_place, {"field"});
    Typed other = path(operand["field"], sub(value_place, "field"));
    check_reference(field, c.op, other, value_place);
    c.other = std::move(other.path);
    return c;
  }
  switch (c.op) {
    case Op::eq:
    case Op::ne: check_constant(operand, field, value_place, true); break;
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
      if (operand.is_boolean() || operand.is_null())
        fail(value_place, in_quotes(op) + " needs a number or a string, got " + shown(operand));
      check_constant(operand, field, value_place, false);
      break;
    case Op::in:
      if (!operand.is_array() || operand.empty())
        fail(value_place, "'in' takes a non-empty array of values, got " + shown(operand));
      for (std::size_t i = 0; i < operand.size(); ++i) check_constant(operand[i], field, item(value_place, i), true);
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

// Which operators a field's kind supports (empty and changed apply to all).
void Parser::check_op(const Typed& field, Op op, const std::string& place) const {
  const std::string& f = field.path.text;
  const std::string refused = in_quotes(name_in(op_names, op)) + " does not apply to " + in_quotes(f);
  const bool equality = op == Op::eq || op == Op::ne;
  const bool ordering = op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge;
  switch (field.type.kind) {
    case FieldKind::text:
    case FieldKind::scalar: return;
    case FieldKind::integer:
    case FieldKind::timestamp:
      if (op == Op::contains) fail(place, refused + " (a number; use =, !=, <, <=, >, >=, in, empty or changed)");
      return;
    case FieldKind::boolean:
    case FieldKind::enumeration:
      if (ordering || op == Op::contains)
        fail(place, refused + " (" + (field.type.kind == FieldKind::boolean ? "a boolean" : "an enumeration") +
                        "; use =, !=, in, empty or changed)");
      return;
    case FieldKind::money:
      if (equality && field.type.nullable) return;  // only against null: whether an amount is set
      fail(place, refused + " (money: compare " + f + ".minor or " + f + ".currency, or test it with empty)");
    case FieldKind::text_list:
      if (op == Op::contains) return;
      fail(place, refused + " (a list; use contains, empty or changed)");
    case FieldKind::attributes:
      fail(place, refused + " (name one attribute, e.g. attributes.vip; or use empty or changed)");
    case FieldKind::other: fail(place, refused + " (a structured field; only empty and changed apply)");
  }
}

void Parser::check_reference(const Typed& field, Op op, const Typed& other, const std::string& place) const {
  const FieldKind a = op == Op::contains && field.type.kind == FieldKind::text_list ? FieldKind::text : field.type.kind;
  const FieldKind b = other.type.kind;
  bool ok = false;
  if (!is_single_value(b))
    ok = false;
  else if (a == FieldKind::scalar || b == FieldKind::scalar)
    ok = true;
  else if (a == FieldKind::enumeration)
    ok = b == a && field.type.field->enum_what == other.type.field->enum_what;
  else
    ok = a == b;
  if (ok && (op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge)) ok = is_orderable(b);
  if (ok && op == Op::contains) ok = b == FieldKind::text || b == FieldKind::scalar || b == FieldKind::enumeration;
  if (!ok)
    fail(place, in_quotes(field.path.text) + " (" + std::string(to_string(field.type.kind)) +
                    ") cannot be compared by " + in_quotes(name_in(op_names, op)) + " with " +
                    in_quotes(other.path.text) + " (" + std::string(to_string(other.type.kind)) + ")");
}

// A constant compared with a single-valued field.
void Parser::check_constant(const json& value, const Typed& field, const std::string& place, bool allow_null) const {
  const std::string& f = field.path.text;
  if (value.is_null()) {
    if (allow_null && field.type.nullable) return;
    fail(place, in_quotes(f) + " is never null; null compares only with optional fields and attributes");
  }
  switch (field.type.kind) {
    case FieldKind::text:
      if (!value.is_string()) fail(place, in_quotes(f) + " is text: expected a string, got " + shown(value));
      return;
    case FieldKind::integer:
    case FieldKind::timestamp:
      if (!is_int64(value))
        fail(place, in_quotes(f) + (field.type.kind == FieldKind::integer ? " is an integer" : " is a timestamp") +
                        ": expected an integer" +
                        (field.type.kind == FieldKind::timestamp ? " of milliseconds since the epoch" : "") + ", got " +
                        shown(value));
      return;
    case FieldKind::boolean:
      if (!value.is_boolean()) fail(place, in_quotes(f) + " is a boolean: expected true or false, got " + shown(value));
      return;
    case FieldKind::enumeration: {
      const auto& names = field.type.field->enum_names;
      if (!value.is_string() ||
          std::find(names.begin(), names.end(), value.get_ref<const std::string&>()) == names.end())
        fail(place, shown(value) + " is not a " + std::string(field.type.field->enum_what) +
                        " (expected one of: " + joined(names) + ")");
      return;
    }
    case FieldKind::scalar:
      if (!is_scalar(value))
        fail(place, "attribute values are strings, numbers, booleans or {\"timestamp\": ms}, got " + shown(value));
      return;
    case FieldKind::money:
      fail(place, "compare money through " + f + ".minor or " + f + ".currency (only null compares with " + f + ")");
    case FieldKind::text_list:
    case FieldKind::attributes:
    case FieldKind::other: break;
  }
  fail(place, in_quotes(f) + " cannot be compared with a constant");
}

// A whole value stored into (or expected of) a field: set, trigger to / from.
void Parser::check_assignable(const json& value, const Typed& field, const std::string& place) const {
  const std::string& f = field.path.text;
  if (value.is_null()) {
    if (field.type.nullable) return;
    fail(place, in_quotes(f) + " cannot be null");
  }
  switch (field.type.kind) {
    case FieldKind::money: {
      if (!value.is_object() || value.size() != 2 || !value.contains("minor") || !value.contains("currency"))
        fail(place, in_quotes(f) + " is money: expected {\"minor\": integer, \"currency\": \"GBP\"}" +
                        (field.type.nullable ? " or null" : "") + ", got " + shown(value));
      if (!is_int64(value["minor"])) fail(sub(place, "minor"), "expected an integer, got " + shown(value["minor"]));
      const std::string code = text(value["currency"], sub(place, "currency"), limits::short_text, true);
      try {
        (void)Currency::of(code);
      } catch (const Error& e) {
        fail(sub(place, "currency"), e.what());
      }
      return;
    }
    case FieldKind::text_list:
      if (!value.is_array())
        fail(place, in_quotes(f) + " is a list: expected an array of strings, got " + shown(value));
      for (std::size_t i = 0; i < value.size(); ++i) (void)text(value[i], item(place, i), limits::medium_text, false);
      return;
    case FieldKind::attributes:
      fail(place, in_quotes(f) + " takes no whole value; name one attribute, e.g. attributes.vip");
    case FieldKind::other: fail(place, in_quotes(f) + " is a structured field and takes no value in rules");
    default: check_constant(value, field, place, true);
  }
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
      Typed field = path(required(value, place, "field"), sub(place, "field"));
      const std::string& f = field.path.text;
      const std::string_view top = field.type.field->name;
      if (std::find(engine_owned.begin(), engine_owned.end(), top) != engine_owned.end())
        fail(sub(place, "field"), in_quotes(f) + " is kept by the engine; rules cannot set it");
      if (field.type.kind == FieldKind::other)
        fail(sub(place, "field"), in_quotes(f) + " is a structured field; rules cannot set it");
      if (field.type.kind == FieldKind::attributes)
        fail(sub(place, "field"), "set one attribute at a time, e.g. attributes.vip");
      if (!field.type.whole && field.type.kind != FieldKind::scalar)
        fail(sub(place, "field"), "set the whole money field '" + std::string(top) +
                                      "' ({\"minor\": ..., \"currency\": ...}), not " + in_quotes(f));
      a.value = required(value, place, "value");
      check_assignable(a.value, field, sub(place, "value"));
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
  }
  return a;
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

// --- writing ----------------------------------------------------------------

json condition_json(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::always: return json{{"all", json::array()}};
    case Condition::Kind::all:
    case Condition::Kind::any: {
      json children = json::array();
      for (const auto& child : c.children) children.push_back(condition_json(child));
      return json{{c.kind == Condition::Kind::all ? "all" : "any", std::move(children)}};
    }
    case Condition::Kind::negate:
      return json{{"not", c.children.empty() ? json{{"all", json::array()}} : condition_json(c.children[0])}};
    case Condition::Kind::compare: break;
  }
  json leaf{{"field", c.field.text}, {"op", name_in(op_names, c.op)}};
  if (c.other)
    leaf["value"] = json{{"field", c.other->text}};
  else if (c.op != Op::empty && c.op != Op::changed)
    leaf["value"] = c.value;
  if (c.previous) leaf["previous"] = true;
  return leaf;
}

json action_json(const Action& a) {
  json out{{"action", name_in(action_names, a.kind)}};
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
  }
  return out;
}

// Refuses repeated keys (nlohmann would keep the last one silently) and
// nesting deep enough to exhaust the stack of the recursive readers.
class StrictKeys {
 public:
  bool operator()(int depth, json::parse_event_t event, json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (depth >= max_nesting)
          throw Error(Errc::invalid_argument, "rule: nested deeper than " + std::to_string(max_nesting) + " levels");
        if (event == json::parse_event_t::object_start) seen_.emplace_back();
        break;
      case json::parse_event_t::object_end: seen_.pop_back(); break;
      case json::parse_event_t::key:
        if (!seen_.back().insert(parsed.get<std::string>()).second)
          throw Error(Errc::invalid_argument,
                      "rule: key " + in_quotes(parsed.get<std::string>()) + " appears twice in one object");
        break;
      default: break;
    }
    return true;
  }

 private:
  std::vector<std::set<std::string>> seen_{};
};

}  // namespace

std::string_view to_string(Entity entity) { return name_in(entity_names, entity); }
std::string_view to_string(TriggerKind kind) { return name_in(trigger_names, kind); }
std::string_view to_string(Op op) { return name_in(op_names, op); }
std::string_view to_string(ActionKind kind) { return name_in(action_names, kind); }

std::int64_t parse_duration(const json& value, const std::string& where) {
  const auto refuse = [&](const std::string& problem) { throw Error(Errc::invalid_argument, where + ": " + problem); };
  const std::string expected =
      "expected a duration such as \"30s\", \"90m\", \"12h\", \"3d\" or \"2w\" (a leading '-' for before), "
      "or an integer of milliseconds";
  const std::string too_long = shown(value) + " is longer than 1000 years";
  if (value.is_number_integer()) {
    if (!is_int64(value)) refuse(too_long);
    const auto ms = value.get<std::int64_t>();
    if (ms > max_duration_ms || ms < -max_duration_ms) refuse(too_long);
    return ms;
  }
  if (!value.is_string()) refuse(expected + ", got " + shown(value));
  const std::string& text = value.get_ref<const std::string&>();
  const bool negative = !text.empty() && text[0] == '-';
  const std::size_t first = negative ? 1 : 0;
  std::int64_t count = 0;
  std::size_t i = first;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    count = count * 10 + (text[i] - '0');
    if (count > max_duration_ms) refuse(too_long);
  }
  if (i == first || i + 1 != text.size()) refuse(shown(value) + " is not a duration: " + expected);
  std::int64_t unit = 0;
  switch (text[i]) {
    case 's': unit = 1000; break;
    case 'm': unit = 60 * 1000; break;
    case 'h': unit = 3600 * 1000; break;
    case 'd': unit = 24 * 3600 * 1000; break;
    case 'w': unit = 7LL * 24 * 3600 * 1000; break;
    default: refuse(shown(value) + " is not a duration: unit must be s, m, h, d or w");
  }
  if (count > max_duration_ms / unit) refuse(too_long);
  return negative ? -count * unit : count * unit;
}

Rule parse_rule(std::string_view json_text) {
  if (json_text.size() > max_rule_bytes)
    throw Error(Errc::invalid_argument, "rule: " + std::to_string(json_text.size()) + " bytes, longer than the " +
                                            std::to_string(max_rule_bytes) + "-byte (1 MiB) limit");
  json document;
  try {
    document = json::parse(json_text.begin(), json_text.end(), StrictKeys{});
  } catch (const json::exception& e) {
    // nlohmann's message carries the line and column of the fault.
    throw Error(Errc::invalid_argument, std::string("rule: not valid JSON (or not valid UTF-8): ") + e.what());
  }
  return Parser{}.rule(document);
}

std::string to_json(const Rule& rule) {
  json trigger{{"on", to_string(rule.trigger.on)}, {"entity", to_string(rule.trigger.entity)}};
  if (rule.trigger.field) trigger["field"] = rule.trigger.field->text;
  if (rule.trigger.to) trigger["to"] = *rule.trigger.to;
  if (rule.trigger.from) trigger["from"] = *rule.trigger.from;
  if (rule.trigger.on == TriggerKind::time) trigger["offset"] = rule.trigger.offset_ms;
  json out{{"name", rule.name}, {"order", rule.order}, {"enabled", rule.enabled}, {"trigger", std::move(trigger)}};
  if (rule.when.kind != Condition::Kind::always) out["when"] = condition_json(rule.when);
  json actions = json::array();
  for (const auto& a : rule.actions) actions.push_back(action_json(a));
  out["actions"] = std::move(actions);
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace crm::detail::workflow
