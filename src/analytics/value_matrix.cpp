// SPDX-License-Identifier: Apache-2.0
// The customer value matrix. Medians, not means, split the population by
// default: purchase counts and spend are skewed, most customers fall below a
// mean, and one large account would move it.
#include "crm/analytics/value_matrix.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "crm/error.hpp"
#include "model/field_rules.hpp"
#include "text/quote.hpp"

namespace crm::analytics {

namespace {

using crm::detail::refuse;  // Errc::invalid_argument, "field: problem"

// The middle value, or the mean of the two middle ones; values non-empty.
double median(std::vector<double> values) {
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

double threshold(const std::optional<double>& given, std::span<const PurchaseStats> population, const char* field,
                 double (*value)(const PurchaseStats&)) {
  if (given) {
    if (!std::isfinite(*given)) refuse(std::string("value matrix.") + field, "must be a finite number");
    return *given;
  }
  if (population.empty())
    refuse(std::string("value matrix.") + field, "no population to take the median of; give the threshold");
  std::vector<double> values;
  values.reserve(population.size());
  for (const PurchaseStats& customer : population) values.push_back(value(customer));
  return median(std::move(values));
}

void check_one_currency(std::span<const PurchaseStats> population) {
  for (std::size_t i = 0; i < population.size(); ++i)
    if (population[i].currency != population[0].currency)
      refuse("value matrix population[" + std::to_string(i) + "].currency",
             crm::detail::quote(population[i].currency.code()) + " differs from population[0]'s " +
                 crm::detail::quote(population[0].currency.code()) + "; spend compares within one currency");
}

}  // namespace

ValueThresholds value_thresholds(std::span<const PurchaseStats> population, const ValueMatrixOptions& options) {
  check_one_currency(population);
  return ValueThresholds{
      .frequency = threshold(options.frequency_threshold, population, "frequency_threshold",
                             [](const PurchaseStats& c) { return static_cast<double>(c.purchases); }),
      .average_spend_minor = threshold(options.spend_threshold, population, "spend_threshold",
                                       [](const PurchaseStats& c) { return c.average_minor(); }),
  };
}

ValueQuadrant value_quadrant(const ValueThresholds& thresholds, const PurchaseStats& customer) {
  const bool frequent = static_cast<double>(customer.purchases) > thresholds.frequency;
  const bool spends = customer.average_minor() > thresholds.average_spend_minor;
  if (frequent) return spends ? ValueQuadrant::best : ValueQuadrant::frequent;
  return spends ? ValueQuadrant::spender : ValueQuadrant::uncertain;
}

ValueMatrix value_matrix(std::span<const PurchaseStats> population, const ValueMatrixOptions& options) {
  ValueMatrix matrix;
  matrix.thresholds = value_thresholds(population, options);
  for (const PurchaseStats& customer : population) {
    const ValueQuadrant quadrant = value_quadrant(matrix.thresholds, customer);
    const auto at = static_cast<std::size_t>(quadrant);
    ++matrix.customers[at];
    if (__builtin_add_overflow(matrix.total_minor[at], customer.total_minor, &matrix.total_minor[at]))
      refuse("value matrix.total_minor[" + std::string(crm::to_string(quadrant)) + "]", "overflows a 64-bit integer");
  }
  return matrix;
}

}  // namespace crm::analytics
