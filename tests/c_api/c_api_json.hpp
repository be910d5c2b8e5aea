// SPDX-License-Identifier: Apache-2.0
#pragma once
// The JSON documents the C API returns, parsed as a host would parse them.

#include <nlohmann/json.hpp>

#include "c_api_fixture.hpp"

namespace crm_c_test {

// Parses a string the library returned and frees it; null parses to null.
inline nlohmann::json take(char* raw) {
  String owned(raw);
  return raw == nullptr ? nlohmann::json() : nlohmann::json::parse(raw);
}

}  // namespace crm_c_test
