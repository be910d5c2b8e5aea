// SPDX-License-Identifier: Apache-2.0
#pragma once
// A customer's purchase lifecycle stage, from its PurchaseStats alone:
// new, growing, mature, declining or churned (docs/ANALYTICS.md). Not the
// LifecycleStage a user sets on a customer record: this one is derived.
//
// Rules, first match wins (recency = as_of - last_at):
//   churned    recency > churned_after
//   new        as_of - first_at <= new_within
//   declining  purchases == 1 (never came back), or
//              recency > declining_gap_factor * (last_at - first_at) / (purchases - 1)
//   growing    purchases < mature_purchases
//   mature     otherwise

#include <array>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <utility>

#include "crm/enum_names.hpp"
#include "crm/model/purchase_stats.hpp"
#include "crm/time.hpp"

namespace crm::analytics {

// Numeric values are part of the API: never renumber, only append.
enum class PurchaseStage : std::uint8_t { new_buyer = 0, growing = 1, mature = 2, declining = 3, churned = 4 };

// The longest span of time an analytics option takes (the lifecycle's
// new_within and churned_after, the CLV report's period): about 2,700 years,
// any real span, with room to add it to any supported time in ms. Every face
// takes this bound from here (crm.h's "..._days" keys, crm's --...-days).
inline constexpr std::chrono::days max_span{1'000'000};

struct LifecycleOptions {
  std::chrono::milliseconds new_within = std::chrono::days{90};
  std::chrono::milliseconds churned_after = std::chrono::days{365};
  std::int64_t mature_purchases = 5;
  double declining_gap_factor = 2.0;  // times the customer's own mean gap between purchases

  friend bool operator==(const LifecycleOptions&, const LifecycleOptions&) = default;
};

// Throws Errc::invalid_argument naming the field unless both durations are
// positive and at most max_span, new_within < churned_after, mature_purchases >= 2 and
// declining_gap_factor is finite and >= 1.
void check_lifecycle_options(const LifecycleOptions& options);

// The stage of one customer as of `as_of`, by the rules above. Checks the
// options; throws Errc::invalid_argument for as_of before last_at or outside
// the supported range of times, no purchases, or first_at after last_at.
PurchaseStage purchase_stage(const PurchaseStats& customer, Timestamp as_of, const LifecycleOptions& options = {});

}  // namespace crm::analytics

namespace crm {

template <>
struct EnumNames<analytics::PurchaseStage> {
  static constexpr std::string_view what = "purchase stage";
  static constexpr std::array<std::pair<analytics::PurchaseStage, std::string_view>, 5> names{{
      {analytics::PurchaseStage::new_buyer, "new"},
      {analytics::PurchaseStage::growing, "growing"},
      {analytics::PurchaseStage::mature, "mature"},
      {analytics::PurchaseStage::declining, "declining"},
      {analytics::PurchaseStage::churned, "churned"},
  }};
};

}  // namespace crm
