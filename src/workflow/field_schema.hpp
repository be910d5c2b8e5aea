// SPDX-License-Identifier: Apache-2.0
#pragma once
// The fields a rule may name, per entity. Derived from Layout<T>
// (engine/layout.hpp) by each member's C++ type, so a field added to a record
// is usable in rules with no second list to keep in step.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "workflow/rule.hpp"

namespace crm::detail::workflow {

enum class FieldKind : std::uint8_t {
  text,         // std::string
  integer,      // integral types, Id, Version
  boolean,      // bool
  timestamp,    // crm::Timestamp, as integer milliseconds
  enumeration,  // an enum with crm::EnumNames, as one of its names
  money,        // {"minor": integer, "currency": "GBP"}; parts "minor" and "currency"
  text_list,    // std::vector<std::string>, crm::Tags
  attributes,   // crm::Attributes; parts "attributes.<key>" are `scalar`
  scalar,       // an attribute's value: a string, number, boolean or {"timestamp": ms}
  other,        // addresses, consents, line items…: only `empty` / `changed` apply
};
std::string_view to_string(FieldKind kind);
// 'text', for messages: escaped and cut as every quoted value (text/quote.hpp).
std::string in_quotes(std::string_view text);

struct Field {
  std::string_view name{};
  FieldKind kind = FieldKind::other;
  bool optional = false;                       // std::optional<…>: JSON null when unset
  std::string_view enum_what{};                // enumeration: "deal status"
  std::vector<std::string_view> enum_names{};  // enumeration: the accepted spellings
};

// The fields of one entity's records: "id", "version", then Layout<T> order.
// The tables are built once and live for the program; pointers stay valid.
const std::vector<Field>& fields_of(Entity entity);
const Field* find_field(Entity entity, std::string_view name);  // null when unknown
// Records with a customer_id: interaction, opportunity, task. Their rules
// may name "customer.<field>".
bool has_customer(Entity entity);

// What a checked path reads.
struct PathType {
  const Field* field = nullptr;  // the top-level field on its record
  FieldKind kind = FieldKind::other;
  bool nullable = false;  // may be null or absent: optional fields, their parts, attributes
  bool whole = true;      // the field itself, not a part ("amount", not "amount.minor")
};

// Splits `text` into a FieldPath and checks it against `entity`'s fields
// (and its customer's, for "customer.x"). Throws Errc::invalid_argument with
// the problem only ("'customer.tire' is not a customer field"); the caller
// adds the rule and the place.
std::pair<FieldPath, PathType> check_path(Entity entity, std::string_view text);

}  // namespace crm::detail::workflow
