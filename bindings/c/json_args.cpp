// SPDX-License-Identifier: Apache-2.0
// Strict JSON arguments and JSON results for the pipeline calls.
#include "json_args.hpp"

#include <algorithm>
#include <limits>

#include "guard.hpp"
#include "json/read_json.hpp"
#include "text/quote.hpp"

namespace crm::c_api {

// crm.h states the bounds as plain numbers for C hosts.
static_assert(CRM_JSON_MAX_DEPTH == limits::json_depth);
static_assert(CRM_ERROR_MESSAGE_MAX == limits::error_message);

namespace {

std::string type_name(const json& value) { return value.type_name(); }

// "a string", "an object": for messages about a value of the wrong type.
std::string article(const json& value) {
  const std::string name = type_name(value);
  return (name.front() == 'a' || name.front() == 'o' ? "an " : "a ") + name;
}

void check_keys(const json& doc, const std::string& what, std::initializer_list<std::string_view> keys) {
  if (!doc.is_object()) throw Error(Errc::invalid_argument, what + ": expected an object, not " + article(doc));
  for (const auto& [key, value] : doc.items()) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      throw Error(Errc::invalid_argument, what + ": unknown key " + detail::quote(key));
  }
}

// Depth, repeated keys and malformed JSON are refused by the one reader.
json parse(const char* text, const std::string& what) {
  if (text == nullptr) return json::object();
  return detail::read_json(text, what);
}

}  // namespace

JsonArgs::JsonArgs(const char* text, std::string what, std::initializer_list<std::string_view> keys)
    : doc_(parse(text, what)), what_(std::move(what)) {
  check_keys(doc_, what_, keys);
}

JsonArgs::JsonArgs(const json& value, std::string what, std::initializer_list<std::string_view> keys)
    : doc_(value), what_(std::move(what)) {
  check_keys(doc_, what_, keys);
}

const json* JsonArgs::find(std::string_view key) const {
  const auto it = doc_.find(key);
  return it == doc_.end() || it->is_null() ? nullptr : &*it;
}

bool JsonArgs::has(std::string_view key) const { return find(key) != nullptr; }

void JsonArgs::refuse(std::string_view key, const std::string& why) const {
  throw Error(Errc::invalid_argument, what_ + "." + std::string(key) + ": " + why);
}

std::optional<std::int64_t> JsonArgs::integer(std::string_view key) const {
  const json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) refuse(key, "expected an integer, not " + article(*value));
  if (!value->is_number_integer() ||
      (value->is_number_unsigned() &&
       value->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())))
    refuse(key, "expected a 64-bit integer, not " + detail::shown(*value));
  return value->get<std::int64_t>();
}

std::optional<bool> JsonArgs::boolean(std::string_view key) const {
  const json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_boolean()) refuse(key, "expected true or false, not " + article(*value));
  return value->get<bool>();
}

std::optional<std::string> JsonArgs::text(std::string_view key) const {
  const json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) refuse(key, "expected a string, not " + article(*value));
  return value->get<std::string>();
}

std::optional<Timestamp> JsonArgs::time(std::string_view key) const {
  const auto ms = integer(key);
  if (!ms) return std::nullopt;
  const Timestamp t = from_millis(*ms);
  if (!is_supported(t)) check_timestamp(t, what_ + "." + std::string(key));  // throws, naming the key
  return t;
}

std::optional<double> JsonArgs::number(std::string_view key) const {
  const json* value = find(key);
  if (value == nullptr) return std::nullopt;
  if (!value->is_number()) refuse(key, "expected a number, not " + article(*value));
  return value->get<double>();
}

std::optional<std::int64_t> JsonArgs::integer_in(std::string_view key, std::int64_t lo, std::int64_t hi) const {
  const auto value = integer(key);
  if (value && (*value < lo || *value > hi))
    refuse(key, "expected an integer in " + std::to_string(lo) + ".." + std::to_string(hi) + ", not " +
                    std::to_string(*value));
  return value;
}

const json* JsonArgs::array(std::string_view key) const {
  const json* value = find(key);
  if (value != nullptr && !value->is_array()) refuse(key, "expected an array, not " + article(*value));
  return value;
}

std::optional<std::vector<std::string>> JsonArgs::texts(std::string_view key) const {
  const json* value = array(key);
  if (value == nullptr) return std::nullopt;
  std::vector<std::string> result;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& element = (*value)[i];
    if (!element.is_string())
      refuse(std::string(key) + "[" + std::to_string(i) + "]", "expected a string, not " + article(element));
    result.push_back(element.get<std::string>());
  }
  return result;
}

std::vector<JsonArgs> JsonArgs::objects(std::string_view key, std::initializer_list<std::string_view> keys) const {
  std::vector<JsonArgs> result;
  const json* value = array(key);
  if (value == nullptr) return result;
  for (std::size_t i = 0; i < value->size(); ++i)
    result.emplace_back((*value)[i], what_ + "." + std::string(key) + "[" + std::to_string(i) + "]", keys);
  return result;
}

const json* JsonArgs::object(std::string_view key) const {
  const json* value = find(key);
  if (value != nullptr && !value->is_object()) refuse(key, "expected an object, not " + article(*value));
  return value;
}

json money_json(const Money& money) {
  return detail::make_object("minor", money.minor, "currency", std::string(money.currency.code()));
}

char* emit_json(json document) {
  try {
    return copy_string(detail::dump_and_release(document));
  } catch (const json::type_error&) {  // only text that is not UTF-8 fails to dump
    throw Error(Errc::invalid_argument, "a text field of the result is not valid UTF-8");
  }
}

}  // namespace crm::c_api
