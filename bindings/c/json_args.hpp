// SPDX-License-Identifier: Apache-2.0
#pragma once
// JSON arguments and results of the C API's pipeline and workflow calls.
// Arguments are read strictly, as records are (include/crm/json.hpp):
// malformed JSON, an unknown key or a value of the wrong type is
// Errc::invalid_argument naming the key ("funnel query.window.to: expected an
// integer"). Results are built as nlohmann::json and written out once, at the
// end of a call.
//
// Every document here is released (json/json_release.hpp) rather than left
// to nlohmann's destructor, which needs memory of its own: a call that runs
// out of memory near a document then returns CRM_OUT_OF_MEMORY instead of
// ending the host in std::terminate.

#include <crm/crm.hpp>
#include <crm/json.hpp>

#include <nlohmann/json.hpp>

#include "json/json_release.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm::c_api {

using nlohmann::json;

// One JSON object argument; `what` names it in messages ("funnel query").
class JsonArgs {
 public:
  // Parses text (NULL reads as {}) and refuses keys outside `keys`.
  JsonArgs(const char* text, std::string what, std::initializer_list<std::string_view> keys);
  // A nested object, read under the same rules.
  JsonArgs(const json& value, std::string what, std::initializer_list<std::string_view> keys);
  JsonArgs(const JsonArgs&) = default;
  JsonArgs(JsonArgs&&) noexcept = default;
  JsonArgs& operator=(const JsonArgs&) = delete;
  JsonArgs& operator=(JsonArgs&&) = delete;
  ~JsonArgs() { detail::release(doc_); }

  bool has(std::string_view key) const;  // present and not null
  std::optional<std::int64_t> integer(std::string_view key) const;
  std::optional<bool> boolean(std::string_view key) const;
  std::optional<std::string> text(std::string_view key) const;
  // Integer ms since the epoch in the supported range (time.hpp); outside it
  // "<what>.<key>: … is outside the supported range …".
  std::optional<Timestamp> time(std::string_view key) const;
  std::optional<double> number(std::string_view key) const;   // any finite JSON number
  // An integer in lo..hi ("<what>.<key>: expected an integer in lo..hi, not …").
  std::optional<std::int64_t> integer_in(std::string_view key, std::int64_t lo, std::int64_t hi) const;
  // An array of strings; elements of another type are named "<key>[i]".
  std::optional<std::vector<std::string>> texts(std::string_view key) const;
  // An array of objects, each read under `keys` as "<what>.<key>[i]"
  // (empty when absent or null).
  std::vector<JsonArgs> objects(std::string_view key, std::initializer_list<std::string_view> keys) const;
  // The value under key when it is an object (nullopt when absent or null).
  const json* object(std::string_view key) const;
  // The value under key when it is an array (nullptr when absent or null).
  const json* array(std::string_view key) const;

  // An enum by its spelling (crm::parse_enum), or fallback when absent.
  template <class E>
  E enumeration(std::string_view key, E fallback) const {
    const auto spelling = text(key);
    if (!spelling) return fallback;
    try {
      return parse_enum<E>(*spelling);
    } catch (const Error& e) {
      refuse(key, e.what());
    }
  }

  // Throws Errc::invalid_argument: "<what>.<key>: <why>".
  [[noreturn]] void refuse(std::string_view key, const std::string& why) const;
  const std::string& what() const { return what_; }

 private:
  const json* find(std::string_view key) const;
  json doc_;
  std::string what_;
};

// Result spellings, the same as records': money {"minor", "currency"}, times
// in ms, absent optionals as null.
json money_json(const Money& money);

// A whole record, spelt as crm::to_json spells it.
template <Record T>
json record_json(const T& record) {
  return detail::parse_json(crm::to_json(record));
}

using detail::make_object;
using detail::put;

// Appends `item` to the array `list`; if that fails, `item` is released.
inline void append(json& list, json item) {
  const detail::ReleaseOnThrow release(item);
  list.push_back(std::move(item));
}

// The document as text the caller frees with crm_string_free(). Takes the
// document and releases it, whether writing it succeeded or not.
char* emit_json(json document);

}  // namespace crm::c_api
