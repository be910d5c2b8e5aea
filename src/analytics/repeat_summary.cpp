// SPDX-License-Identifier: Apache-2.0
// From the engine's PurchaseStats to the models' RepeatSummary.

#include <string>

#include "analytics/model_checks.hpp"
#include "crm/analytics/clv.hpp"

namespace crm::analytics {

RepeatSummary repeat_summary(const PurchaseStats& stats, Timestamp as_of, std::chrono::milliseconds period) {
  const auto customer = [&] { return "customer " + std::to_string(stats.customer_id) + ": "; };
  check_timestamp(as_of, "repeat_summary as_of");
  if (period.count() <= 0)
    detail::invalid("repeat_summary", "period " + std::to_string(period.count()) + " ms: must be positive");
  if (stats.purchases <= 0) detail::invalid("repeat_summary", customer() + "no purchases to summarise");
  if (stats.purchase_days < 1 || stats.purchase_days > stats.purchases)
    detail::invalid("repeat_summary", customer() + "purchase_days " + std::to_string(stats.purchase_days) +
                                          ": must be between 1 and purchases " + std::to_string(stats.purchases));
  if (stats.last_at < stats.first_at)
    detail::invalid("repeat_summary", customer() + "last_at " + to_iso8601(stats.last_at) + " is before first_at " +
                                          to_iso8601(stats.first_at));
  if (as_of < stats.last_at)
    detail::invalid("repeat_summary", customer() + "as_of " + to_iso8601(as_of) + " is before the last purchase " +
                                          to_iso8601(stats.last_at));

  const auto periods = [&](std::chrono::milliseconds d) {
    return static_cast<double>(d.count()) / static_cast<double>(period.count());
  };
  RepeatSummary s;
  s.frequency = static_cast<double>(stats.purchase_days - 1);
  s.age = periods(as_of - stats.first_at);
  if (stats.purchase_days > 1) {
    s.recency = periods(stats.last_at - stats.first_at);
    s.average_spend = static_cast<double>(stats.total_minor - stats.first_day_minor) / s.frequency;
  }
  return s;
}

}  // namespace crm::analytics
