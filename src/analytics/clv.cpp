// SPDX-License-Identifier: Apache-2.0
// Customer lifetime value: BG/NBD purchases times Gamma-Gamma spend.

#include <cmath>
#include <string>

#include "analytics/model_checks.hpp"
#include "crm/analytics/clv.hpp"

namespace crm::analytics {

double customer_lifetime_value(const BgNbdParams& purchases, const GammaGammaParams& spend,
                               const RepeatSummary& customer, const ClvOptions& options) {
  if (options.horizon_periods < 1 || options.horizon_periods > clv_max_horizon_periods)
    detail::invalid("customer_lifetime_value", "horizon_periods " + std::to_string(options.horizon_periods) +
                                                   ": must be in 1.." + std::to_string(clv_max_horizon_periods));
  if (!(std::isfinite(options.discount_rate) && options.discount_rate >= 0))
    detail::invalid("customer_lifetime_value",
                    "discount_rate " + detail::number(options.discount_rate) + ": must be >= 0");
  if (!(options.margin > 0 && options.margin <= 1))
    detail::invalid("customer_lifetime_value", "margin " + detail::number(options.margin) + ": must be in (0, 1]");

  const double mean_spend = expected_average_spend(spend, customer);
  // Undiscounted, the sum telescopes to E[Y(H)]: one evaluation of eq. 10, not H.
  if (options.discount_rate == 0)
    return options.margin * mean_spend * expected_purchases(purchases, customer, options.horizon_periods);
  // Each period's expected purchases E[Y(k)] - E[Y(k-1)], discounted at its end.
  const double factor = 1.0 / (1.0 + options.discount_rate);
  double discount = 1.0, before = 0.0, purchases_value = 0.0;
  for (int k = 1; k <= options.horizon_periods; ++k) {
    const double cumulative = expected_purchases(purchases, customer, k);
    discount *= factor;
    purchases_value += (cumulative - before) * discount;
    before = cumulative;
  }
  return options.margin * mean_spend * purchases_value;
}

}  // namespace crm::analytics
