// SPDX-License-Identifier: Apache-2.0
// Evaluating conditions and triggers against records as JSON values
// (detail::record_value). Rules were checked at load, so evaluation never
// throws: a value of an unexpected type simply does not match.
#include "workflow/rule.hpp"

#include <algorithm>
#include <string>

namespace crm::detail::workflow {

namespace {

using nlohmann::json;

const json null_value{};

// Attributes store timestamps as {"timestamp": ms}; rules compare them as ms.
const json& plain(const json& value) {
  if (value.is_object() && value.size() == 1) {
    const auto it = value.find("timestamp");
    if (it != value.end() && it->is_number_integer()) return *it;
  }
  return value;
}

// Absent compares as null. nlohmann compares numbers numerically across
// integer, unsigned and floating representations.
bool equal(const json* a, const json* b) { return plain(a ? *a : null_value) == plain(b ? *b : null_value); }

bool is_empty(const json* value) {
  if (value == nullptr || value->is_null()) return true;
  if (value->is_string()) return value->get_ref<const std::string&>().empty();
  if (value->is_array() || value->is_object()) return value->empty();
  return false;
}

// Numbers with numbers, strings with strings (bytewise); anything else is false.
bool ordered(const json* a, const json* b, Op op) {
  if (a == nullptr || b == nullptr) return false;
  const json& left = plain(*a);
  const json& right = plain(*b);
  int order = 0;
  if (left.is_number() && right.is_number()) {
    order = left < right ? -1 : (right < left ? 1 : 0);
  } else if (left.is_string() && right.is_string()) {
    const int c = left.get_ref<const std::string&>().compare(right.get_ref<const std::string&>());
    order = c < 0 ? -1 : (c > 0 ? 1 : 0);
  } else {
    return false;
  }
  switch (op) {
    case Op::lt: return order < 0;
    case Op::le: return order <= 0;
    case Op::gt: return order > 0;
    case Op::ge: return order >= 0;
    default: return false;
  }
}

// Text: substring. List: an element equals the operand.
bool contains(const json* haystack, const json* needle) {
  if (haystack == nullptr || needle == nullptr) return false;
  if (haystack->is_string() && needle->is_string())
    return haystack->get_ref<const std::string&>().find(needle->get_ref<const std::string&>()) != std::string::npos;
  if (haystack->is_array())
    return std::any_of(haystack->begin(), haystack->end(), [&](const json& item) { return equal(&item, needle); });
  return false;
}

// On create (no record before) a field counts as changed when it holds a value.
bool differs(const FieldPath& path, const Subject& subject) {
  const json* after = resolve(path, subject, false);
  if (subject.before == nullptr || subject.before->is_null()) return !is_empty(after);
  return !equal(after, resolve(path, subject, true));
}

bool compare(const Condition& c, const Subject& subject) {
  const json* left = resolve(c.field, subject, c.previous);
  const json* right = c.other ? resolve(*c.other, subject, false) : &c.value;
  switch (c.op) {
    case Op::eq: return equal(left, right);
    case Op::ne: return !equal(left, right);
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge: return ordered(left, right, c.op);
    case Op::in:
      return c.value.is_array() &&
             std::any_of(c.value.begin(), c.value.end(), [&](const json& item) { return equal(left, &item); });
    case Op::contains: return contains(left, right);
    case Op::empty: return is_empty(left);
    case Op::changed: return differs(c.field, subject);
  }
  return false;
}

}  // namespace

const json* resolve(const FieldPath& path, const Subject& subject, bool previous) {
  // The customer is read as it is now: a change to a deal leaves it as it was.
  const json* at = path.on_customer ? subject.customer : (previous ? subject.before : subject.after);
  for (const auto& part : path.parts) {
    if (at == nullptr || !at->is_object()) return nullptr;
    const auto it = at->find(part);
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

bool holds(const Condition& condition, const Subject& subject) {
  const auto child_holds = [&](const Condition& child) { return holds(child, subject); };
  switch (condition.kind) {
    case Condition::Kind::always: return true;
    case Condition::Kind::all: return std::all_of(condition.children.begin(), condition.children.end(), child_holds);
    case Condition::Kind::any: return std::any_of(condition.children.begin(), condition.children.end(), child_holds);
    case Condition::Kind::negate: return condition.children.size() == 1 && !holds(condition.children[0], subject);
    case Condition::Kind::compare: return compare(condition, subject);
  }
  return false;
}

bool trigger_matches(const Trigger& trigger, const Subject& subject) {
  if (trigger.on != TriggerKind::changed || !trigger.field) return true;
  if (!differs(*trigger.field, subject)) return false;
  if (trigger.to && !equal(resolve(*trigger.field, subject, false), &*trigger.to)) return false;
  if (trigger.from && !equal(resolve(*trigger.field, subject, true), &*trigger.from)) return false;
  return true;
}

}  // namespace crm::detail::workflow
