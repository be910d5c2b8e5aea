// SPDX-License-Identifier: Apache-2.0
#pragma once
// One table per enum gives its names for messages, JSON and the command line.
// A model header specialises EnumNames<E> with `what` (e.g. "channel") and
// `names`, listing every enumerator with its spelling.

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "crm/error.hpp"

namespace crm {

template <class E>
struct EnumNames;  // specialised next to each enum

namespace detail {
// Throws Errc::invalid_argument: "unknown <what> '<text>' (expected one of:
// <accepted>)", the text quoted as every value in a message is.
[[noreturn]] void refuse_enum(std::string_view what, std::string_view text, const std::string& accepted);
}  // namespace detail

template <class E>
constexpr bool is_known(E value) {
  for (const auto& [v, name] : EnumNames<E>::names)
    if (v == value) return true;
  return false;
}

// The spelling of value, or "?" for a value outside the enum (a bad cast).
template <class E>
constexpr std::string_view to_string(E value) {
  for (const auto& [v, name] : EnumNames<E>::names)
    if (v == value) return name;
  return "?";
}

// Parses a spelling; throws Errc::invalid_argument listing the accepted ones.
template <class E>
E parse_enum(std::string_view text) {
  for (const auto& [v, name] : EnumNames<E>::names)
    if (name == text) return v;
  std::string accepted;
  for (const auto& [v, name] : EnumNames<E>::names) {
    if (!accepted.empty()) accepted += ", ";
    accepted += name;
  }
  detail::refuse_enum(EnumNames<E>::what, text, accepted);
}

}  // namespace crm
