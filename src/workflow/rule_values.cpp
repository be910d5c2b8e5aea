// SPDX-License-Identifier: Apache-2.0
// The values in a rule, checked against the kind of the field they meet:
// constants in conditions, field references, values to set, trigger to / from,
// and durations. Also how a refusal names the rule and the place in it.
#include "workflow/rule_values.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "crm/money.hpp"
#include "text/quote.hpp"

namespace crm::detail::workflow {

namespace {

using nlohmann::json;

constexpr std::int64_t max_duration_ms = 1000LL * 366 * 24 * 3600 * 1000;  // 1000 years

bool is_timestamp_object(const json& value) {
  return value.is_object() && value.size() == 1 && value.contains("timestamp") && is_int64(value["timestamp"]);
}

bool is_scalar(const json& value) {
  return value.is_string() || value.is_boolean() || value.is_number() || is_timestamp_object(value);
}

// A time a rule would write into a record must be one the record accepts.
void check_time_value(const Refusals& rule, const json& value, const Typed& field, const std::string& place) {
  const json* ms = field.type.kind == FieldKind::timestamp && is_int64(value) ? &value
                   : field.type.kind == FieldKind::scalar && is_timestamp_object(value) ? &value["timestamp"]
                                                                                        : nullptr;
  if (ms == nullptr) return;
  const Timestamp t = from_millis(ms->get<std::int64_t>());
  if (is_supported(t)) return;
  try {
    check_timestamp(t, in_quotes(field.path.text));
  } catch (const Error& e) {
    rule.fail(place, e.what());
  }
}

bool is_ordering(Op op) { return op == Op::lt || op == Op::le || op == Op::gt || op == Op::ge; }

bool is_orderable(FieldKind kind) {
  return kind == FieldKind::text || kind == FieldKind::integer || kind == FieldKind::timestamp ||
         kind == FieldKind::scalar;
}

bool is_single_value(FieldKind kind) {
  return kind == FieldKind::text || kind == FieldKind::integer || kind == FieldKind::timestamp ||
         kind == FieldKind::boolean || kind == FieldKind::enumeration || kind == FieldKind::scalar;
}

}  // namespace

// --- messages ---------------------------------------------------------------

std::string Refusals::who() const { return name_.empty() ? "rule" : "rule " + in_quotes(name_); }

void Refusals::fail(const std::string& place, const std::string& problem) const {
  throw Error(Errc::invalid_argument, who() + ": " + (place.empty() ? "" : place + ": ") + problem);
}

std::string Refusals::text(const json& value, const std::string& place, std::size_t limit, bool non_empty) const {
  if (!value.is_string()) fail(place, "expected a string, got " + shown(value));
  const auto& s = value.get_ref<const std::string&>();
  if (non_empty && s.empty()) fail(place, "must not be empty");
  if (s.size() > limit)
    fail(place, std::to_string(s.size()) + " bytes, longer than the " + std::to_string(limit) + "-byte limit");
  return s;
}

// Cut never inside a character, DEL and C1 escaped (JSON leaves them as
// they are), as every value in a message (text/quote.hpp).
std::string shown(const json& value) {
  const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  if (escape_into(out, text, text.size() > 40 ? 37 : text.size(), false) < text.size()) out += "...";
  return out;
}

std::string sub(const std::string& place, std::string_view key) {
  return place.empty() ? std::string(key) : place + "." + std::string(key);
}

std::string item(const std::string& place, std::size_t index) { return place + "[" + std::to_string(index) + "]"; }

// --- values -----------------------------------------------------------------

bool is_int64(const json& value) {
  return value.is_number_integer() &&
         (!value.is_number_unsigned() ||
          value.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
}

void check_op(const Refusals& rule, const Typed& field, Op op, const std::string& place) {
  const std::string& f = field.path.text;
  const std::string refused = in_quotes(to_string(op)) + " does not apply to " + in_quotes(f);
  switch (field.type.kind) {
    case FieldKind::text:
    case FieldKind::scalar: return;
    case FieldKind::integer:
    case FieldKind::timestamp:
      if (op == Op::contains)
        rule.fail(place, refused + " (a number; use =, !=, <, <=, >, >=, in, empty or changed)");
      return;
    case FieldKind::boolean:
    case FieldKind::enumeration:
      if (is_ordering(op) || op == Op::contains)
        rule.fail(place, refused + " (" + (field.type.kind == FieldKind::boolean ? "a boolean" : "an enumeration") +
                             "; use =, !=, in, empty or changed)");
      return;
    case FieldKind::money:
      // Only against null: whether an amount is set.
      if ((op == Op::eq || op == Op::ne) && field.type.nullable) return;
      rule.fail(place, refused + " (money: compare " + f + ".minor or " + f + ".currency, or test it with empty)");
    case FieldKind::text_list:
      if (op == Op::contains) return;
      rule.fail(place, refused + " (a list; use contains, empty or changed)");
    case FieldKind::attributes:
      rule.fail(place, refused + " (name one attribute, e.g. attributes.vip; or use empty or changed)");
    case FieldKind::other: rule.fail(place, refused + " (a structured field; only empty and changed apply)");
  }
}

void check_reference(const Refusals& rule, const Typed& field, Op op, const Typed& other, const std::string& place) {
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
  if (ok && is_ordering(op)) ok = is_orderable(b);
  if (ok && op == Op::contains) ok = b == FieldKind::text || b == FieldKind::scalar || b == FieldKind::enumeration;
  if (!ok)
    rule.fail(place, in_quotes(field.path.text) + " (" + std::string(to_string(field.type.kind)) +
                         ") cannot be compared by " + in_quotes(to_string(op)) + " with " +
                         in_quotes(other.path.text) + " (" + std::string(to_string(other.type.kind)) + ")");
}

void check_constant(const Refusals& rule, const json& value, const Typed& field, const std::string& place,
                    bool allow_null) {
  const std::string& f = field.path.text;
  if (value.is_null()) {
    if (allow_null && field.type.nullable) return;
    rule.fail(place, in_quotes(f) + " is never null; null compares only with optional fields and attributes");
  }
  switch (field.type.kind) {
    case FieldKind::text:
      if (!value.is_string()) rule.fail(place, in_quotes(f) + " is text: expected a string, got " + shown(value));
      return;
    case FieldKind::integer:
    case FieldKind::timestamp:
      if (!is_int64(value))
        rule.fail(place, in_quotes(f) +
                             (field.type.kind == FieldKind::integer ? " is an integer" : " is a timestamp") +
                             ": expected an integer" +
                             (field.type.kind == FieldKind::timestamp ? " of milliseconds since the epoch" : "") +
                             ", got " + shown(value));
      return;
    case FieldKind::boolean:
      if (!value.is_boolean())
        rule.fail(place, in_quotes(f) + " is a boolean: expected true or false, got " + shown(value));
      return;
    case FieldKind::enumeration: {
      const auto& names = field.type.field->enum_names;
      if (!value.is_string() ||
          std::find(names.begin(), names.end(), value.get_ref<const std::string&>()) == names.end())
        rule.fail(place, shown(value) + " is not a " + std::string(field.type.field->enum_what) +
                             " (expected one of: " + joined(names) + ")");
      return;
    }
    case FieldKind::scalar:
      if (!is_scalar(value))
        rule.fail(place, "attribute values are strings, numbers, booleans or {\"timestamp\": ms}, got " + shown(value));
      return;
    case FieldKind::money:
      rule.fail(place,
                "compare money through " + f + ".minor or " + f + ".currency (only null compares with " + f + ")");
    case FieldKind::text_list:
    case FieldKind::attributes:
    case FieldKind::other: break;
  }
  rule.fail(place, in_quotes(f) + " cannot be compared with a constant");
}

void check_assignable(const Refusals& rule, const json& value, const Typed& field, const std::string& place) {
  const std::string& f = field.path.text;
  if (value.is_null()) {
    if (field.type.nullable) return;
    rule.fail(place, in_quotes(f) + " cannot be null");
  }
  switch (field.type.kind) {
    case FieldKind::money: {
      if (!value.is_object() || value.size() != 2 || !value.contains("minor") || !value.contains("currency"))
        rule.fail(place, in_quotes(f) + " is money: expected {\"minor\": integer, \"currency\": \"GBP\"}" +
                             (field.type.nullable ? " or null" : "") + ", got " + shown(value));
      if (!is_int64(value["minor"]))
        rule.fail(sub(place, "minor"), "expected an integer, got " + shown(value["minor"]));
      const std::string currency_place = sub(place, "currency");
      const std::string code = rule.text(value["currency"], currency_place, limits::short_text, true);
      try {
        (void)Currency::of(code);
      } catch (const Error& e) {
        rule.fail(currency_place, e.what());
      }
      return;
    }
    case FieldKind::text_list:
      if (!value.is_array())
        rule.fail(place, in_quotes(f) + " is a list: expected an array of strings, got " + shown(value));
      for (std::size_t i = 0; i < value.size(); ++i)
        (void)rule.text(value[i], item(place, i), limits::medium_text, false);
      return;
    case FieldKind::attributes:
      rule.fail(place, in_quotes(f) + " takes no whole value; name one attribute, e.g. attributes.vip");
    case FieldKind::other: rule.fail(place, in_quotes(f) + " is a structured field and takes no value in rules");
    default:
      check_constant(rule, value, field, place, true);
      check_time_value(rule, value, field, place);
  }
}

// --- durations --------------------------------------------------------------

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

}  // namespace crm::detail::workflow
