// SPDX-License-Identifier: Apache-2.0
#pragma once
// The customer value matrix (Marcus 1998): purchase frequency against average
// spend per purchase, each split at a threshold (by default the population's
// median) into four quadrants (docs/ANALYTICS.md).
//
// Pure functions of their arguments. Frequencies and averages are statistics
// and held as double; totals stay integer minor units.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include "crm/enum_names.hpp"
#include "crm/model/purchase_stats.hpp"

namespace crm::analytics {

// Numeric values are part of the API (array indexes below): never renumber.
enum class ValueQuadrant : std::uint8_t {
  best = 0,       // frequent and high spend
  frequent = 1,   // frequent, low spend
  spender = 2,    // infrequent, high spend
  uncertain = 3,  // infrequent, low spend
};

struct ValueMatrixOptions {
  std::optional<double> frequency_threshold{};  // purchases; default: the population median
  std::optional<double> spend_threshold{};      // average spend in minor units; default: the median
};

struct ValueThresholds {
  double frequency = 0;
  double average_spend_minor = 0;

  friend bool operator==(const ValueThresholds&, const ValueThresholds&) = default;
};

// The thresholds to split at: each explicit one as given, otherwise the
// median over the population (the middle value; the mean of the two middle
// ones for even n). Throws Errc::invalid_argument for a non-finite explicit
// threshold, mixed currencies, or an empty population with a median to take.
ValueThresholds value_thresholds(std::span<const PurchaseStats> population, const ValueMatrixOptions& options);

// A customer's quadrant. "High" is strictly above the threshold, so a
// customer exactly at a median is low in that dimension.
ValueQuadrant value_quadrant(const ValueThresholds& thresholds, const PurchaseStats& customer);

struct ValueMatrix {
  ValueThresholds thresholds;
  std::array<std::size_t, 4> customers{};     // by ValueQuadrant
  std::array<std::int64_t, 4> total_minor{};  // their total spend, by ValueQuadrant

  friend bool operator==(const ValueMatrix&, const ValueMatrix&) = default;
};

// Thresholds, then customers and spend per quadrant. O(n log n) with a
// median to take, O(n) otherwise. Throws as value_thresholds, and
// Errc::invalid_argument if a quadrant's total overflows int64.
ValueMatrix value_matrix(std::span<const PurchaseStats> population, const ValueMatrixOptions& options);

}  // namespace crm::analytics

namespace crm {

template <>
struct EnumNames<analytics::ValueQuadrant> {
  static constexpr std::string_view what = "value quadrant";
  static constexpr std::array<std::pair<analytics::ValueQuadrant, std::string_view>, 4> names{{
      {analytics::ValueQuadrant::best, "best"},
      {analytics::ValueQuadrant::frequent, "frequent"},
      {analytics::ValueQuadrant::spender, "spender"},
      {analytics::ValueQuadrant::uncertain, "uncertain"},
  }};
};

}  // namespace crm
