// SPDX-License-Identifier: Apache-2.0
#include "model/field_rules.hpp"

#include <unicode/uloc.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include "crm/error.hpp"
#include "crm/limits.hpp"
#include "text/quote.hpp"
#include "text/utf8.hpp"

namespace crm::detail {

namespace {

// Runs a normaliser and puts the field's name in front of its message.
template <class F>
auto in_field(std::string_view field, F&& normalise) {
  try {
    return normalise();
  } catch (const Error& e) {
    throw Error(e.code(), std::string(field) + ": " + e.what());
  }
}

bool is_identifier(std::string_view key) {
  if (key.empty() || !std::isalpha(static_cast<unsigned char>(key.front()))) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
}

}  // namespace

void refuse(std::string_view field, const std::string& problem) {
  throw Error(Errc::invalid_argument, std::string(field) + ": " + problem);
}

std::string indexed(std::string_view field, std::size_t index) {
  return std::string(field) + "[" + std::to_string(index) + "]";
}

void check_text(std::string& value, std::string_view field, std::size_t max_bytes) {
  value = clean_text(field, value, {max_bytes, false});
}

void check_multiline(std::string& value, std::string_view field, std::size_t max_bytes) {
  value = clean_text(field, value, {max_bytes, true});
}

void check_required(std::string& value, std::string_view field, std::size_t max_bytes) {
  check_text(value, field, max_bytes);
  if (value.empty()) refuse(field, "required");
}

void check_phone(std::string& value, std::string_view field, const WriteContext& context) {
  value = in_field(field, [&] { return normalize_phone(value, context.region, context.phone_check); });
}

void check_email(std::string& value, std::string_view field) {
  value = in_field(field, [&] { return normalize_email(value); });
}

void check_country(std::string& value, std::string_view field) {
  check_text(value, field, 2);
  if (value.empty()) return;
  std::transform(value.begin(), value.end(), value.begin(), [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  for (const char* const* code = uloc_getISOCountries(); *code != nullptr; ++code)
    if (value == *code) return;
  refuse(field, quote(value) + " is not an ISO 3166-1 alpha-2 country code");
}

void check_tags(Tags& tags, std::string_view field) {
  if (tags.size() > limits::tags) refuse(field, "more than " + std::to_string(limits::tags) + " tags");
  Tags clean;
  for (const auto& tag : tags) {
    std::string t = tag;
    check_required(t, field, limits::short_text);
    clean.insert(fold_case(t));
  }
  tags = std::move(clean);
}

void check_attributes(Attributes& attributes, std::string_view field) {
  if (attributes.size() > limits::attributes)
    refuse(field, "more than " + std::to_string(limits::attributes) + " attributes");
  for (auto& [key, value] : attributes) {
    const std::string name = std::string(field) + "." + key;
    if (key.size() > limits::attribute_key || !is_identifier(key))
      refuse(field, "key " + quote(key) + " must be 1-64 characters of letters, digits, _ . - starting with a letter");
    if (auto* text = std::get_if<std::string>(&value)) check_multiline(*text, name, limits::attribute_string);
    if (auto* number = std::get_if<double>(&value); number && !std::isfinite(*number))
      refuse(name, "must be a finite number");
    if (auto* time = std::get_if<Timestamp>(&value)) check_time(*time, name);
  }
}

void check_money(const Money& value, std::string_view field, bool allow_negative) {
  if (value.currency.empty()) refuse(field, "amount " + std::to_string(value.minor) + " has no currency");
  if (!allow_negative && value.minor < 0) refuse(field, "must not be negative (" + to_string(value) + ")");
}

void check_reference(Id id, std::string_view field) {
  if (id < 0) refuse(field, "id " + std::to_string(id) + " is negative");
}

void check_range(std::int64_t value, std::string_view field, std::int64_t min, std::int64_t max) {
  if (value < min || value > max)
    refuse(field, std::to_string(value) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
}

void check_time(Timestamp value, std::string_view field) {
  if (!is_supported(value)) check_timestamp(value, field);  // throws, naming the field
}

void check_time(const std::optional<Timestamp>& value, std::string_view field) {
  if (value) check_time(*value, field);
}

}  // namespace crm::detail
