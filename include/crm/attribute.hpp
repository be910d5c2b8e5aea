// SPDX-License-Identifier: Apache-2.0
#pragma once
// Custom attributes: small typed values a host attaches to records without a
// schema change ("shoe_size" = 42, "vip_since" = a timestamp).

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <variant>

#include "crm/time.hpp"

namespace crm {

// The order of the alternatives is part of the storage format: only append.
using AttributeValue = std::variant<std::monostate, bool, std::int64_t, double, std::string, Timestamp>;

// Keys are identifiers: 1-64 bytes of [A-Za-z0-9_.-], starting with a letter.
using Attributes = std::map<std::string, AttributeValue, std::less<>>;

// Tags are kept trimmed, NFC-normalised and case-folded, so "VIP" and "vip"
// are one tag; the set keeps them unique and sorted.
using Tags = std::set<std::string, std::less<>>;

}  // namespace crm
