// SPDX-License-Identifier: Apache-2.0
#include "workflow/field_schema.hpp"

#include <array>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "engine/layout.hpp"
#include "text/quote.hpp"

namespace crm::detail::workflow {

namespace {

template <class T>
constexpr bool is_optional = false;
template <class T>
constexpr bool is_optional<std::optional<T>> = true;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires {
  EnumNames<E>::names;
};

// One member's kind, from its C++ type. bool is tested before the other
// integral types; an enum without EnumNames has no spelling, so it is `other`.
template <class T>
Field describe(std::string_view name) {
  Field field{name};
  if constexpr (is_optional<T>) {
    field = describe<typename T::value_type>(name);
    field.optional = true;
  } else if constexpr (std::is_same_v<T, std::string>) {
    field.kind = FieldKind::text;
  } else if constexpr (std::is_same_v<T, bool>) {
    field.kind = FieldKind::boolean;
  } else if constexpr (std::is_integral_v<T>) {
    field.kind = FieldKind::integer;
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    field.kind = FieldKind::timestamp;
  } else if constexpr (NamedEnum<T>) {
    field.kind = FieldKind::enumeration;
    field.enum_what = EnumNames<T>::what;
    for (const auto& entry : EnumNames<T>::names) field.enum_names.push_back(entry.second);
  } else if constexpr (std::is_same_v<T, Money>) {
    field.kind = FieldKind::money;
  } else if constexpr (std::is_same_v<T, std::vector<std::string>> || std::is_same_v<T, Tags>) {
    field.kind = FieldKind::text_list;
  } else if constexpr (std::is_same_v<T, Attributes>) {
    field.kind = FieldKind::attributes;
  }
  return field;
}

template <class T>
std::vector<Field> fields_for() {
  std::vector<Field> fields{Field{"id", FieldKind::integer}, Field{"version", FieldKind::integer}};
  T record{};
  std::size_t i = 0;
  std::apply(
      [&](auto&... member) {
        (fields.push_back(describe<std::remove_cvref_t<decltype(member)>>(Layout<T>::names[i++])), ...);
      },
      Layout<T>::fields(record));
  return fields;
}

const std::array<std::vector<Field>, entity_count>& tables() {
  static const std::array<std::vector<Field>, entity_count> all{
      fields_for<Customer>(), fields_for<Interaction>(), fields_for<Lead>(),
      fields_for<Opportunity>(), fields_for<Task>(),   fields_for<Approval>()};
  return all;
}

[[noreturn]] void refuse(const std::string& problem) { throw Error(Errc::invalid_argument, problem); }


std::string field_list(Entity entity) {
  std::string list;
  for (const auto& field : fields_of(entity)) {
    if (!list.empty()) list += ", ";
    list += field.name;
  }
  return list;
}

// Same rule as the engine applies on write (crm/attribute.hpp), so a rule
// cannot name an attribute no record can have.
bool valid_attribute_key(std::string_view key) {
  if (key.empty() || key.size() > limits::attribute_key) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(key[0])) return false;
  for (char c : key)
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '.' && c != '-') return false;
  return true;
}

std::vector<std::string> split(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto dot = text.find('.', start);
    parts.emplace_back(text.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

}  // namespace

// A rule's text reaches messages as every value does: escaped and cut.
std::string in_quotes(std::string_view text) { return quote(text); }

std::string_view to_string(FieldKind kind) {
  switch (kind) {
    case FieldKind::text: return "text";
    case FieldKind::integer: return "integer";
    case FieldKind::boolean: return "boolean";
    case FieldKind::timestamp: return "timestamp";
    case FieldKind::enumeration: return "enumeration";
    case FieldKind::money: return "money";
    case FieldKind::text_list: return "list";
    case FieldKind::attributes: return "attributes";
    case FieldKind::scalar: return "attribute value";
    case FieldKind::other: return "structured";
  }
  return "?";
}

const std::vector<Field>& fields_of(Entity entity) { return tables().at(static_cast<std::size_t>(entity)); }

const Field* find_field(Entity entity, std::string_view name) {
  for (const auto& field : fields_of(entity))
    if (field.name == name) return &field;
  return nullptr;
}

bool has_customer(Entity entity) { return find_field(entity, "customer_id") != nullptr; }

std::pair<FieldPath, PathType> check_path(Entity entity, std::string_view text) {
  FieldPath path{{}, false, std::string(text)};
  std::vector<std::string> parts = split(text);
  for (const auto& part : parts)
    if (part.empty())
      refuse(in_quotes(text) + " is not a field path (expected names joined by '.', e.g. amount.minor)");

  // "customer." reaches the record's customer; no record has a field of that name.
  if (parts[0] == "customer" && find_field(entity, "customer") == nullptr) {
    if (entity == Entity::customer && parts.size() > 1)
      refuse(in_quotes(text) + ": customer rules name their own fields directly (write " +
             in_quotes(text.substr(9)) + "); customer.<field> is for interaction, opportunity and task rules");
    if (!has_customer(entity))
      refuse(in_quotes(text) + ": " + std::string(to_string(entity)) +
             " records have no customer; customer.<field> works on interaction, opportunity and task rules only");
    if (parts.size() == 1) refuse("'customer' needs a field after it, e.g. customer.tier");
    parts.erase(parts.begin());
    path.on_customer = true;
    entity = Entity::customer;
  }

  const Field* field = find_field(entity, parts[0]);
  if (field == nullptr)
    refuse(in_quotes(text) + " is not " + (entity == Entity::interaction ? "an " : "a ") +
           std::string(to_string(entity)) + " field (fields: " + field_list(entity) + ")");
  PathType type{field, field->kind, field->optional, parts.size() == 1};

  if (parts.size() > 1) {
    const std::string name(field->name);
    if (field->kind == FieldKind::attributes) {
      // Keys may hold dots: everything after "attributes." is the key.
      std::string key = parts[1];
      for (std::size_t i = 2; i < parts.size(); ++i) key += "." + parts[i];
      if (!valid_attribute_key(key))
        refuse(in_quotes(text) + ": " + in_quotes(key) +
               " is not an attribute key (1-64 of A-Z a-z 0-9 _ . -, starting with a letter)");
      parts.resize(2);
      parts[1] = std::move(key);
      type.kind = FieldKind::scalar;
      type.nullable = true;
    } else if (field->kind == FieldKind::money) {
      if (parts.size() != 2 || (parts[1] != "minor" && parts[1] != "currency"))
        refuse(in_quotes(text) + ": money field '" + name + "' has only the parts " + name + ".minor and " + name +
               ".currency");
      type.kind = parts[1] == "minor" ? FieldKind::integer : FieldKind::text;
    } else {
      refuse(in_quotes(text) + ": '" + name + "' is a " + std::string(to_string(field->kind)) +
             " field and has no parts");
    }
  }
  path.parts = std::move(parts);
  return {std::move(path), type};
}

}  // namespace crm::detail::workflow
