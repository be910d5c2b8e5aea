// SPDX-License-Identifier: Apache-2.0
#pragma once
// Tokens stored beside data that engines keep in memory (the workflow rules,
// the purchase statistics): every change writes a new one, so an engine
// tells its copy is current by comparing one stored number.

#include <cstdint>
#include <random>

namespace crm::detail {

// A random token, never 0 (the token of "nothing written yet").
inline std::uint64_t fresh_token() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return random() | 1;
}

}  // namespace crm::detail
