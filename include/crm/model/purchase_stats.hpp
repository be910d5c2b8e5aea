// SPDX-License-Identifier: Apache-2.0
#pragma once
// Per-customer purchase statistics: what every analytic in crm/analytics
// reads instead of the purchase history (docs/ANALYTICS.md).
//
// The engine keeps one PurchaseStats per (customer, currency) in the same
// transaction as every purchase it writes, updates or erases, so they are
// always current; Engine::rebuild_purchase_stats() recomputes them from the
// history and must find nothing to change. A purchase is an interaction of
// kind purchase with a customer and an amount; refunds are not netted off.
// Days are UTC calendar days.

#include <cstddef>
#include <cstdint>

#include "crm/id.hpp"
#include "crm/money.hpp"
#include "crm/time.hpp"

namespace crm {

struct PurchaseStats {
  Id customer_id = 0;
  Currency currency{};
  std::int64_t purchases = 0;       // purchases in this currency
  std::int64_t purchase_days = 0;   // distinct UTC days with at least one of them
  std::int64_t total_minor = 0;     // their amounts summed, in minor units
  std::int64_t first_day_minor = 0; // spent on the first purchase day (repeat spend = total - this)
  Timestamp first_at{};             // the earliest purchase
  Timestamp last_at{};              // the latest purchase

  Money total() const { return Money{total_minor, currency}; }
  // Mean spend per purchase, in minor units (a statistic: not rounded).
  double average_minor() const {
    return purchases == 0 ? 0.0 : static_cast<double>(total_minor) / static_cast<double>(purchases);
  }
  // Purchase days after the first, the repeat transactions of BG/NBD.
  std::int64_t repeat_days() const { return purchase_days > 0 ? purchase_days - 1 : 0; }

  friend bool operator==(const PurchaseStats&, const PurchaseStats&) = default;
};

// What Engine::rebuild_purchase_stats() found and mended.
struct PurchaseStatsRebuild {
  std::size_t purchases = 0;  // purchases read from the history
  std::size_t stats = 0;      // (customer, currency) statistics it computed
  std::size_t added = 0;      // missing from the store
  std::size_t corrected = 0;  // stored with other values
  std::size_t removed = 0;    // stored without any purchase behind them
};

// The UTC day a time falls in, as days since 1970-01-01 (negative before).
constexpr std::int64_t utc_day(Timestamp t) {
  constexpr std::int64_t ms_per_day = 86'400'000;
  const std::int64_t ms = to_millis(t);
  return ms >= 0 ? ms / ms_per_day : -((-ms + ms_per_day - 1) / ms_per_day);
}

}  // namespace crm
