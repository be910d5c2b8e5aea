// SPDX-License-Identifier: Apache-2.0
#include "crm/analytics/analytics.hpp"

namespace crm::analytics {

RfmReport rfm_report(const Population& population, RfmOptions options) {
  options.as_of = options.as_of == Timestamp{} ? latest_purchase(population)
                                               : measured_at(population, options.as_of, "rfm report.as_of");
  return {population.currency, rfm_summary(population.customers, options)};
}

ValueReport value_report(const Population& population, const ValueReportOptions& options) {
  check_lifecycle_options(options.lifecycle);
  ValueReport report{.currency = population.currency,
                     .as_of = options.as_of == Timestamp{}
                                  ? latest_purchase(population)
                                  : measured_at(population, options.as_of, "value report.as_of"),
                     .customers = population.customers.size(),
                     .matrix = value_matrix(population.customers, options.matrix)};
  for (const auto& customer : population.customers)
    ++report.stages[static_cast<std::size_t>(purchase_stage(customer, report.as_of, options.lifecycle))];
  return report;
}

}  // namespace crm::analytics
