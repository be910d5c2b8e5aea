// SPDX-License-Identifier: Apache-2.0
#pragma once
// A token stored with the workflow rules and replaced by every change to
// them, in the same transaction. The engine keeps the rules parsed in memory
// and re-reads them when the stored token differs from the one it parsed
// them under: after another engine changed them, or a transaction that
// changed them rolled back.

#include <cstdint>

#include "crm/id.hpp"

namespace crm::detail {

struct RuleSetStamp {
  Id id = 0;
  Version version = 0;
  std::uint64_t token = 0;
};

}  // namespace crm::detail
