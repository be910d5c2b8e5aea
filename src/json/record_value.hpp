// SPDX-License-Identifier: Apache-2.0
#pragma once
// Records as parsed JSON values, for code inside the library that reads or
// edits fields by name (workflow conditions and actions). Same spellings and
// checks as crm/json.hpp, which is built on these.

#include <nlohmann/json.hpp>

#include "crm/engine.hpp"

namespace crm::detail {

// The record's fields plus "id" and "version".
template <Record T>
nlohmann::json record_value(const T& record);

// Reads a record strictly, as from_json does; throws Errc::invalid_argument
// naming the field.
template <Record T>
T record_from_value(nlohmann::json document);

}  // namespace crm::detail
