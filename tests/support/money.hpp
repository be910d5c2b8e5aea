// SPDX-License-Identifier: Apache-2.0
#pragma once
// Money in tests: short constructors, and failures that read "12.50 EUR"
// instead of bytes.

#include <cstdint>
#include <ostream>

#include "crm/money.hpp"

namespace crm {
inline void PrintTo(const Money& m, std::ostream* out) { *out << to_string(m); }
}  // namespace crm

namespace crm::test {
inline Money eur(std::int64_t minor) { return Money::of(minor, "EUR"); }
}  // namespace crm::test
