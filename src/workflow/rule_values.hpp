// SPDX-License-Identifier: Apache-2.0
#pragma once
// Shared by the rule reader (rule_parse.cpp) and the checks of the values a
// rule compares with or stores into a field (rule_values.cpp): how a refusal
// names the rule and the place in it, and the checks themselves. Internal to
// src/workflow/.

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "workflow/field_schema.hpp"
#include "workflow/rule.hpp"

namespace crm::detail::workflow {

// A checked field path and what it reads.
struct Typed {
  FieldPath path;
  PathType type;
};

// The refusals of one rule. Each throws Errc::invalid_argument naming the
// rule, once its name is read, and the place in it:
// "rule 'r': when.all[1].value: 'tier' is text: expected a string, got 5".
class Refusals {
 public:
  [[noreturn]] void fail(const std::string& place, const std::string& problem) const;
  // A string of at most `limit` bytes, and not empty when `non_empty`.
  std::string text(const nlohmann::json& value, const std::string& place, std::size_t limit, bool non_empty) const;
  // "rule 'name'", or "rule" before the name is read: the head of every message.
  std::string who() const;

 protected:
  std::string name_{};
};

// A value as the rule wrote it, cut short enough for a message.
std::string shown(const nlohmann::json& value);
std::string sub(const std::string& place, std::string_view key);  // "trigger" + "on": "trigger.on"
std::string item(const std::string& place, std::size_t index);    // "actions[2]"

// "a, b, c", from names or from (value, name) pairs.
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

// An integer that fits std::int64_t (nlohmann keeps large ones unsigned).
bool is_int64(const nlohmann::json& value);

// Which operators apply to the field's kind (empty and changed apply to all).
void check_op(const Refusals& rule, const Typed& field, Op op, const std::string& place);
// Whether `field` can be compared by `op` with the field `other`.
void check_reference(const Refusals& rule, const Typed& field, Op op, const Typed& other, const std::string& place);
// A constant compared with a single-valued field; null only when `allow_null`
// and the field is nullable.
void check_constant(const Refusals& rule, const nlohmann::json& value, const Typed& field, const std::string& place,
                    bool allow_null);
// A whole value stored into (or expected of) a field: set, trigger to / from.
void check_assignable(const Refusals& rule, const nlohmann::json& value, const Typed& field,
                      const std::string& place);

}  // namespace crm::detail::workflow
