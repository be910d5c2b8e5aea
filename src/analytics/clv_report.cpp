// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "crm/analytics/analytics.hpp"
#include "crm/error.hpp"

namespace crm::analytics {

namespace {

void check(const ClvReportOptions& options) {
  if (options.period <= std::chrono::milliseconds::zero())
    throw Error(Errc::invalid_argument, "clv report.period: must be positive");
  if (options.period > max_span)
    throw Error(Errc::invalid_argument, "clv report.period: " + std::to_string(options.period.count()) +
                                            " ms is longer than max_span (" +
                                            std::to_string(max_span.count()) + " days)");
  if (options.clv.horizon_periods < 1 || options.clv.horizon_periods > clv_max_horizon_periods)
    throw Error(Errc::invalid_argument, "clv report.clv.horizon_periods: " +
                                            std::to_string(options.clv.horizon_periods) + " is outside 1.." +
                                            std::to_string(clv_max_horizon_periods));
  if (options.top > max_page_size)
    throw Error(Errc::invalid_argument,
                "clv report.top: " + std::to_string(options.top) + " is more than " + std::to_string(max_page_size));
  check_timestamp(options.as_of, "clv report.as_of");
}

std::size_t risk_band(double risk) { return std::min<std::size_t>(4, static_cast<std::size_t>(std::max(0.0, risk) * 5)); }

}  // namespace

CustomerValue customer_value(const ClvReport& report, const PurchaseStats& customer) {
  CustomerValue value{.customer_id = customer.customer_id,
                      .summary = repeat_summary(customer, report.as_of, report.period)};
  value.p_alive = p_alive(report.purchases.params, value.summary);
  value.churn_risk = 1.0 - value.p_alive;
  value.expected_purchases = expected_purchases(report.purchases.params, value.summary, report.clv.horizon_periods);
  value.expected_average_spend = expected_average_spend(report.spend.params, value.summary);
  value.clv = customer_lifetime_value(report.purchases.params, report.spend.params, value.summary, report.clv);
  return value;
}

ClvReport clv_report(const Population& population, const ClvReportOptions& options) {
  check(options);
  const Timestamp as_of = options.as_of == Timestamp{} ? latest_purchase(population)
                                                       : measured_at(population, options.as_of, "clv report.as_of");
  ClvReport report{.currency = population.currency,
                   .as_of = as_of,
                   .period = options.period,
                   .clv = options.clv,
                   .customers = population.customers.size()};
  std::vector<RepeatSummary> summaries;
  summaries.reserve(population.customers.size());
  for (const auto& customer : population.customers) {
    summaries.push_back(repeat_summary(customer, as_of, options.period));
    if (summaries.back().frequency > 0) ++report.repeat_customers;
  }
  report.purchases = fit_bg_nbd(summaries);
  report.spend = fit_gamma_gamma(summaries);

  std::vector<CustomerValue> values;
  values.reserve(population.customers.size());
  for (const auto& customer : population.customers) {
    values.push_back(customer_value(report, customer));
    report.total_clv += values.back().clv;
    ++report.churn_risk_bands[risk_band(values.back().churn_risk)];
  }
  const auto top = std::min(options.top, values.size());
  std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(top), values.end(),
                    [](const CustomerValue& a, const CustomerValue& b) {
                      return a.clv != b.clv ? a.clv > b.clv : a.customer_id < b.customer_id;
                    });
  report.top.assign(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(top));
  return report;
}

}  // namespace crm::analytics
