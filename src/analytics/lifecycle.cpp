// SPDX-License-Identifier: Apache-2.0
// Purchase lifecycle stages. "Declining" measures silence against the
// customer's own rhythm (its mean gap between purchases), so a quarterly
// buyer is not flagged after a month while a weekly one is.
#include "crm/analytics/lifecycle.hpp"

#include <cmath>
#include <string>

#include "crm/error.hpp"
#include "model/field_rules.hpp"

namespace crm::analytics {

namespace {

using crm::detail::refuse;  // Errc::invalid_argument, "field: problem"

std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

// ISO 8601 for years 1..9999, raw ms beyond (where the calendar would not fit).
std::string when(Timestamp t) {
  constexpr std::int64_t year_1 = -62'135'596'800'000;      // 0001-01-01T00:00:00Z
  constexpr std::int64_t year_10000 = 253'402'300'800'000;  // 10000-01-01T00:00:00Z
  const std::int64_t at = to_millis(t);
  return at >= year_1 && at < year_10000 ? to_iso8601(t) : std::to_string(at) + " ms";
}

}  // namespace

void check_lifecycle_options(const LifecycleOptions& options) {
  if (options.new_within.count() <= 0)
    refuse("lifecycle options.new_within", "must be positive, not " + ms(options.new_within));
  if (options.churned_after.count() <= 0)
    refuse("lifecycle options.churned_after", "must be positive, not " + ms(options.churned_after));
  if (options.new_within > max_span)
    refuse("lifecycle options.new_within", ms(options.new_within) + " is longer than max_span " + ms(max_span));
  if (options.churned_after > max_span)
    refuse("lifecycle options.churned_after", ms(options.churned_after) + " is longer than max_span " + ms(max_span));
  if (options.new_within >= options.churned_after)
    refuse("lifecycle options.new_within",
           ms(options.new_within) + " must be shorter than churned_after " + ms(options.churned_after));
  if (options.mature_purchases < 2)
    refuse("lifecycle options.mature_purchases", "must be 2 or more, not " + std::to_string(options.mature_purchases));
  if (!std::isfinite(options.declining_gap_factor) || options.declining_gap_factor < 1)
    refuse("lifecycle options.declining_gap_factor",
           "must be a finite number 1 or more, not " + std::to_string(options.declining_gap_factor));
}

PurchaseStage purchase_stage(const PurchaseStats& customer, Timestamp as_of, const LifecycleOptions& options) {
  check_lifecycle_options(options);
  check_timestamp(as_of, "lifecycle as_of");
  if (customer.purchases < 1)
    refuse("customer.purchases", std::to_string(customer.purchases) + ": a customer without purchases has no stage");
  if (customer.first_at > customer.last_at)
    refuse("customer.first_at", when(customer.first_at) + " is after last_at " + when(customer.last_at));
  if (customer.last_at > as_of)
    refuse("customer.last_at", when(customer.last_at) + " is after as_of " + when(as_of));

  // Differences in long double cannot overflow, and stay exact for any
  // realistic times even where long double is only a double (< 2^53 ms).
  const auto since = [&](Timestamp t) {
    return static_cast<long double>(to_millis(as_of)) - static_cast<long double>(to_millis(t));
  };
  const long double recency = since(customer.last_at);
  if (recency > static_cast<long double>(options.churned_after.count())) return PurchaseStage::churned;
  if (since(customer.first_at) <= static_cast<long double>(options.new_within.count())) return PurchaseStage::new_buyer;
  if (customer.purchases == 1) return PurchaseStage::declining;
  // recency > factor * span / (purchases - 1), multiplied out so an exact
  // boundary stays exact.
  const long double span = static_cast<long double>(to_millis(customer.last_at)) -
                           static_cast<long double>(to_millis(customer.first_at));
  if (recency * static_cast<long double>(customer.purchases - 1) >
      static_cast<long double>(options.declining_gap_factor) * span)
    return PurchaseStage::declining;
  return customer.purchases < options.mature_purchases ? PurchaseStage::growing : PurchaseStage::mature;
}

}  // namespace crm::analytics
