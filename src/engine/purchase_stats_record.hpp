// SPDX-License-Identifier: Apache-2.0
#pragma once
// PurchaseStats as stored: one record per (customer, currency), listed by
// customer under index::purchase_stats_customer. A marker record says the
// statistics have been built for this file (a database written before they
// existed gets them built when an engine first opens it) and carries a token
// that every transaction changing them replaces (purchase_stats_cache.hpp).

#include <cstdint>

#include "crm/model/purchase_stats.hpp"
#include "crm/id.hpp"

namespace crm::detail {

struct PurchaseStatsRecord {
  Id id = 0;
  Version version = 0;
  PurchaseStats stats{};
};

struct PurchaseStatsMarker {
  Id id = 0;
  Version version = 0;
  std::int64_t format = 1;
  std::uint64_t token = 0;  // 0 in a marker written before tokens existed
};

}  // namespace crm::detail
