// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>

namespace crm {

// Record ids are assigned by the store, unique across every kind of record,
// and never reused. 0 means "none" (not stored yet, or no link).
using Id = std::int64_t;

// Optimistic concurrency: every write bumps a record's version; an update or
// erase that names an older version fails with Errc::conflict.
using Version = std::int64_t;

}  // namespace crm
