// SPDX-License-Identifier: Apache-2.0
// The customer value matrix (crm/analytics/value_matrix.hpp) on small
// populations split by hand.
#include "crm/analytics/value_matrix.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <ostream>
#include <vector>

#include "support/errors.hpp"

namespace crm::analytics {

// Failures print the quadrant's name (gtest finds PrintTo by argument lookup).
static void PrintTo(ValueQuadrant quadrant, std::ostream* out) { *out << crm::to_string(quadrant); }

namespace {

using test::error_of;
using testing::HasSubstr;

PurchaseStats buyer(Id id, std::int64_t purchases, std::int64_t total_minor, std::string_view currency = "EUR") {
  PurchaseStats stats;
  stats.customer_id = id;
  stats.currency = Currency::of(currency);
  stats.purchases = purchases;
  stats.purchase_days = purchases;
  stats.total_minor = total_minor;
  return stats;
}

// Five customers (odd n):
//        purchases  total   average
//   c1       1      50.00    50.00
//   c2       2      20.00    10.00
//   c3       3      90.00    30.00
//   c4       5     100.00    20.00
//   c5       8     400.00    50.00
// Median purchases: 1 2 [3] 5 8 -> 3. Median average: 10 20 [30] 50 50 -> 30.00.
// High is strictly above: c4, c5 frequent; c1, c5 high spend; c3 sits on
// both medians and is low in both.
//   best c5 (400.00), frequent c4 (100.00), spender c1 (50.00),
//   uncertain c2, c3 (20.00 + 90.00).
std::vector<PurchaseStats> five_shoppers() {
  return {buyer(1, 1, 5'000), buyer(2, 2, 2'000), buyer(3, 3, 9'000), buyer(4, 5, 10'000), buyer(5, 8, 40'000)};
}

// Four customers (even n):
//        purchases  total   average
//   d1       1      10.00    10.00
//   d2       2      60.00    30.00
//   d3       4      80.00    20.00
//   d4       6     300.00    50.00
// Median purchases: (2 + 4) / 2 = 3. Median average: (20 + 30) / 2 = 25.00.
//   d1 uncertain, d2 spender, d3 frequent, d4 best.
std::vector<PurchaseStats> four_shoppers() {
  return {buyer(1, 1, 1'000), buyer(2, 2, 6'000), buyer(3, 4, 8'000), buyer(4, 6, 30'000)};
}

TEST(ValueMatrixTest, AnOddPopulationSplitsAtItsMiddleValues) {
  const auto population = five_shoppers();
  const ValueThresholds thresholds = value_thresholds(population, {});
  EXPECT_EQ(thresholds, (ValueThresholds{3.0, 3'000.0}));
  EXPECT_EQ(value_quadrant(thresholds, population[0]), ValueQuadrant::spender);
  EXPECT_EQ(value_quadrant(thresholds, population[1]), ValueQuadrant::uncertain);
  EXPECT_EQ(value_quadrant(thresholds, population[2]), ValueQuadrant::uncertain);
  EXPECT_EQ(value_quadrant(thresholds, population[3]), ValueQuadrant::frequent);
  EXPECT_EQ(value_quadrant(thresholds, population[4]), ValueQuadrant::best);
}

TEST(ValueMatrixTest, CountsCustomersAndSpendPerQuadrant) {
  const ValueMatrix matrix = value_matrix(five_shoppers(), {});
  EXPECT_EQ(matrix.thresholds, (ValueThresholds{3.0, 3'000.0}));
  // Indexed best, frequent, spender, uncertain.
  EXPECT_EQ(matrix.customers, (std::array<std::size_t, 4>{1, 1, 1, 2}));
  EXPECT_EQ(matrix.total_minor, (std::array<std::int64_t, 4>{40'000, 10'000, 5'000, 11'000}));
}

TEST(ValueMatrixTest, AnEvenPopulationSplitsAtTheMeanOfItsTwoMiddleValues) {
  const ValueMatrix matrix = value_matrix(four_shoppers(), {});
  EXPECT_EQ(matrix.thresholds, (ValueThresholds{3.0, 2'500.0}));
  EXPECT_EQ(matrix.customers, (std::array<std::size_t, 4>{1, 1, 1, 1}));
  EXPECT_EQ(matrix.total_minor, (std::array<std::int64_t, 4>{30'000, 8'000, 6'000, 1'000}));
}

TEST(ValueMatrixTest, AnEvenMedianCanFallBetweenWholeCounts) {
  // Purchases 1 2 | 3 6: the median 2.5 makes 3 purchases frequent.
  const std::vector<PurchaseStats> population{buyer(1, 1, 100), buyer(2, 2, 200), buyer(3, 3, 300),
                                              buyer(4, 6, 600)};
  const ValueThresholds thresholds = value_thresholds(population, {});
  EXPECT_EQ(thresholds.frequency, 2.5);
  EXPECT_EQ(thresholds.average_spend_minor, 100.0);  // everyone averages 1.00
  EXPECT_EQ(value_quadrant(thresholds, population[2]), ValueQuadrant::frequent);
  EXPECT_EQ(value_quadrant(thresholds, population[1]), ValueQuadrant::uncertain);
}

TEST(ValueMatrixTest, ExactlyAtAThresholdIsLow) {
  const ValueThresholds thresholds{2.0, 1'500.0};
  EXPECT_EQ(value_quadrant(thresholds, buyer(1, 2, 3'000)), ValueQuadrant::uncertain);  // 2 and 15.00: both on the line
  EXPECT_EQ(value_quadrant(thresholds, buyer(1, 3, 4'500)), ValueQuadrant::frequent);   // 3 above, 15.00 on the line
  EXPECT_EQ(value_quadrant(thresholds, buyer(1, 2, 3'002)), ValueQuadrant::spender);    // 15.01 above
  EXPECT_EQ(value_quadrant(thresholds, buyer(1, 3, 4'503)), ValueQuadrant::best);
}

TEST(ValueMatrixTest, ExplicitThresholdsReplaceTheMedians) {
  // Every repeat buyer is frequent; spend still splits at its median 30.00.
  const ValueMatrix frequency_given = value_matrix(five_shoppers(), {.frequency_threshold = 1.0});
  EXPECT_EQ(frequency_given.thresholds, (ValueThresholds{1.0, 3'000.0}));
  // c5 best; c2, c3, c4 frequent; c1 spender; no one uncertain.
  EXPECT_EQ(frequency_given.customers, (std::array<std::size_t, 4>{1, 3, 1, 0}));

  const ValueMatrix both_given = value_matrix(five_shoppers(), {.frequency_threshold = 4.0, .spend_threshold = 0.0});
  EXPECT_EQ(both_given.thresholds, (ValueThresholds{4.0, 0.0}));
  // Everyone spends above 0: c4, c5 best, c1..c3 spender.
  EXPECT_EQ(both_given.customers, (std::array<std::size_t, 4>{2, 0, 3, 0}));
}

TEST(ValueMatrixTest, AnEmptyPopulationNeedsExplicitThresholds) {
  const ValueMatrix matrix = value_matrix({}, {.frequency_threshold = 2.0, .spend_threshold = 1'000.0});
  EXPECT_EQ(matrix, (ValueMatrix{.thresholds = {2.0, 1'000.0}, .customers = {}, .total_minor = {}}));

  const auto neither = error_of([] { value_matrix({}, {}); });
  EXPECT_EQ(neither.code, Errc::invalid_argument);
  EXPECT_THAT(neither.message, HasSubstr("value matrix.frequency_threshold: no population to take the median of"));
  const auto spend_missing = error_of([] { value_thresholds({}, {.frequency_threshold = 2.0}); });
  EXPECT_EQ(spend_missing.code, Errc::invalid_argument);
  EXPECT_THAT(spend_missing.message, HasSubstr("value matrix.spend_threshold: no population"));
}

TEST(ValueMatrixTest, RefusesANonFiniteThreshold) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_EQ(error_of([&] { value_matrix(five_shoppers(), {.frequency_threshold = nan}); }).message,
            "value matrix.frequency_threshold: must be a finite number");
  EXPECT_EQ(error_of([&] { value_matrix(five_shoppers(), {.spend_threshold = inf}); }).message,
            "value matrix.spend_threshold: must be a finite number");
}

TEST(ValueMatrixTest, RefusesMixedCurrencies) {
  auto population = five_shoppers();
  population[2].currency = Currency::of("GBP");
  const auto failure = error_of([&] { value_matrix(population, {}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("value matrix population[2].currency: 'GBP' differs from population[0]'s 'EUR'"));
}

TEST(ValueMatrixTest, RefusesATotalBeyondInt64) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max() / 2 + 1;
  const std::vector<PurchaseStats> population{buyer(1, 1, big), buyer(2, 1, big)};
  const auto failure = error_of([&] { value_matrix(population, {.frequency_threshold = 5.0, .spend_threshold = 0.0}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "value matrix.total_minor[spender]: overflows a 64-bit integer");
}

TEST(ValueMatrixTest, QuadrantsHaveTheirDocumentedNames) {
  EXPECT_EQ(to_string(ValueQuadrant::best), "best");
  EXPECT_EQ(to_string(ValueQuadrant::frequent), "frequent");
  EXPECT_EQ(to_string(ValueQuadrant::spender), "spender");
  EXPECT_EQ(to_string(ValueQuadrant::uncertain), "uncertain");
  for (const auto& [value, name] : EnumNames<ValueQuadrant>::names) EXPECT_EQ(parse_enum<ValueQuadrant>(name), value);
  EXPECT_THAT(error_of([] { parse_enum<ValueQuadrant>("whale"); }).message, HasSubstr("unknown value quadrant 'whale'"));
}

}  // namespace
}  // namespace crm::analytics
