// SPDX-License-Identifier: Apache-2.0
// Fits BG/NBD and Gamma-Gamma to the CDNOW sample (2,357 customers of the
// cohort that first bought in Q1 1997) over the 39-week calibration period
// of [FHL05a] and [FHL05b], and checks the published estimates.

#include <gtest/gtest.h>

#include "support/shared_data.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "crm/analytics/clv.hpp"
#include "crm/money.hpp"

namespace crm::analytics {
namespace {

using namespace std::chrono;

constexpr auto one_week = duration_cast<milliseconds>(days{7});

// Week 1 starts on 1997-01-01; 39 weeks = 273 days end on 1997-09-30, the
// last calibration day. T is measured to its start, as in the published
// data (customer 4, first purchase on 1 January: T = 272/7 = 38.86 weeks).
Timestamp day(int y, unsigned m, unsigned d) { return Timestamp{sys_days{year{y} / month{m} / d}}; }
const Timestamp calibration_end = day(1997, 9, 30);

struct Cdnow {
  std::size_t rows = 0;
  std::vector<PurchaseStats> stats;         // calibration period, by sample id
  std::vector<RepeatSummary> customers;     // the same, as at calibration_end, in weeks
  std::vector<int> holdout_days;            // purchase days in weeks 40-78
  std::vector<std::int64_t> holdout_cents;  // spent in weeks 40-78
};

// Columns: master id, sample id, date YYYYMMDD, number of CDs, dollars. One
// PurchaseStats per customer from the rows up to calibration_end; several
// rows on one day are one purchase day (one transaction of the models).
// The file lists each customer's rows in date order, and every customer
// first bought in the first quarter of 1997, so each has calibration stats.
constexpr char cdnow_sample[] = "cdnow/CDNOW_sample.txt";
using CdnowFitTest = crm::test::SharedDataTest<cdnow_sample>;

Cdnow load() {
  std::ifstream in(crm::test::shared_data(cdnow_sample));
  EXPECT_TRUE(in.good()) << "cannot open " << crm::test::shared_data(cdnow_sample);
  std::map<std::int64_t, PurchaseStats> stats;
  std::map<std::int64_t, std::set<std::int64_t>> holdout_days;
  std::map<std::int64_t, std::int64_t> holdout_cents;
  Cdnow out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::int64_t master = 0, sample = 0, cds = 0;
    std::string date, dollars;
    if (!(fields >> master >> sample >> date >> cds >> dollars)) continue;
    ++out.rows;
    const Timestamp at = day(std::stoi(date.substr(0, 4)), static_cast<unsigned>(std::stoi(date.substr(4, 2))),
                             static_cast<unsigned>(std::stoi(date.substr(6, 2))));
    const std::int64_t cents = parse_money(dollars, "USD").minor;
    if (at > calibration_end) {
      holdout_days[sample].insert(utc_day(at));
      holdout_cents[sample] += cents;
      continue;
    }
    auto [it, fresh] = stats.try_emplace(sample);
    PurchaseStats& s = it->second;
    if (fresh) {
      s.customer_id = sample;
      s.currency = Currency::of("USD");
      s.first_at = at;
    }
    s.purchases += 1;
    s.total_minor += cents;
    if (at == s.first_at) s.first_day_minor += cents;
    if (fresh || utc_day(at) != utc_day(s.last_at)) s.purchase_days += 1;  // rows come in date order
    s.last_at = at;
  }
  for (const auto& [id, s] : stats) {
    out.stats.push_back(s);
    out.customers.push_back(repeat_summary(s, calibration_end, one_week));
    out.holdout_days.push_back(static_cast<int>(holdout_days[id].size()));
    out.holdout_cents.push_back(holdout_cents[id]);
  }
  return out;
}

const Cdnow& cdnow() {
  static const Cdnow data = load();
  return data;
}

TEST_F(CdnowFitTest, CalibrationPeriodHasThePublishedCustomers) {
  const auto& data = cdnow();
  EXPECT_EQ(data.rows, 6919U);
  EXPECT_EQ(data.customers.size(), 2357U);
  std::size_t repeaters = 0;
  for (const auto& c : data.customers) repeaters += c.frequency > 0 ? 1 : 0;
  EXPECT_EQ(repeaters, 946U);
  // Customer 0001 (master 00004): purchases on 1 Jan, 18 Jan and 2 Aug 1997.
  EXPECT_EQ(data.customers[0].frequency, 2);
  EXPECT_NEAR(data.customers[0].recency, 213.0 / 7, 1e-12);
  EXPECT_NEAR(data.customers[0].age, 272.0 / 7, 1e-12);
  EXPECT_NEAR(data.customers[0].average_spend, (2973 + 1496) / 2.0, 1e-9);
}

// The published estimates are rounded; a fit that reproduces them lies
// within half a unit of their last digit (0.0005 for r = 0.243: 0.2%), far
// inside the 2% the brief allowed.
void expect_published(double fitted, double published, double last_digit, const char* name) {
  EXPECT_NEAR(fitted, published, last_digit / 2) << name;
  ::testing::Test::RecordProperty(name, std::to_string(fitted));
}

// [FHL05a], the CDNOW estimates: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426,
// LL = -9582.4.
TEST_F(CdnowFitTest, BgNbdReproducesThePublishedEstimates) {
  const auto fit = fit_bg_nbd(cdnow().customers);
  EXPECT_TRUE(fit.converged);
  EXPECT_EQ(fit.customers, 2357U);
  expect_published(fit.params.r, 0.243, 0.001, "r");
  expect_published(fit.params.alpha, 4.414, 0.001, "alpha");
  expect_published(fit.params.a, 0.793, 0.001, "a");
  expect_published(fit.params.b, 2.426, 0.001, "b");
  expect_published(fit.log_likelihood, -9582.4, 0.1, "log_likelihood");
}

// [FHL05b], over the 946 customers with repeat purchases: p = 6.25,
// q = 3.74, gamma = 15.44 dollars. Spend here is in cents, so the fitted
// gamma is in cents and is divided by 100 to compare; p and q have no unit.
TEST_F(CdnowFitTest, GammaGammaReproducesThePublishedEstimates) {
  const auto fit = fit_gamma_gamma(cdnow().customers);
  EXPECT_TRUE(fit.converged);
  EXPECT_EQ(fit.customers, 946U);
  constexpr double cents_per_dollar = 100;
  expect_published(fit.params.p, 6.25, 0.01, "p");
  expect_published(fit.params.q, 3.74, 0.01, "q");
  expect_published(fit.params.gamma / cents_per_dollar, 15.44, 0.01, "gamma_dollars");
}

// The searches are scaled by the data (alpha by the mean age, gamma by the
// mean spend), so the same customers in other units give the same fit with
// alpha and gamma converted: days instead of weeks, dollars instead of cents.
TEST_F(CdnowFitTest, FitsDoNotDependOnTheUnits) {
  const auto& weeks_cents = cdnow().customers;
  std::vector<RepeatSummary> days_dollars;
  for (auto s : weeks_cents) {
    s.recency *= 7;
    s.age *= 7;
    s.average_spend /= 100;
    days_dollars.push_back(s);
  }
  const auto bg_weeks = fit_bg_nbd(weeks_cents), bg_days = fit_bg_nbd(days_dollars);
  EXPECT_TRUE(bg_days.converged);
  EXPECT_NEAR(bg_days.params.r, bg_weeks.params.r, 1e-4 * bg_weeks.params.r);
  EXPECT_NEAR(bg_days.params.alpha, 7 * bg_weeks.params.alpha, 1e-4 * 7 * bg_weeks.params.alpha);
  EXPECT_NEAR(bg_days.params.a, bg_weeks.params.a, 1e-4 * bg_weeks.params.a);
  EXPECT_NEAR(bg_days.params.b, bg_weeks.params.b, 1e-4 * bg_weeks.params.b);

  const auto gg_cents = fit_gamma_gamma(weeks_cents), gg_dollars = fit_gamma_gamma(days_dollars);
  EXPECT_TRUE(gg_dollars.converged);
  EXPECT_NEAR(gg_dollars.params.p, gg_cents.params.p, 1e-4 * gg_cents.params.p);
  EXPECT_NEAR(gg_dollars.params.q, gg_cents.params.q, 1e-4 * gg_cents.params.q);
  EXPECT_NEAR(gg_dollars.params.gamma, gg_cents.params.gamma / 100, 1e-4 * gg_cents.params.gamma / 100);
  // A density of spend in dollars is 100 times one in cents, per customer.
  EXPECT_NEAR(gg_dollars.log_likelihood, gg_cents.log_likelihood + 946 * std::log(100.0), 1e-6);
  ::testing::Test::RecordProperty("gamma_gamma_log_likelihood_dollars", std::to_string(gg_dollars.log_likelihood));
}

// The example of docs/ANALYTICS.md, on CDNOW: fit both models to the
// calibration period, then forecast and value each customer.
TEST_F(CdnowFitTest, ForecastsTheHoldoutAndRanksCustomersByValue) {
  const std::vector<PurchaseStats>& stats = cdnow().stats;
  const Timestamp as_of = calibration_end;

  std::vector<RepeatSummary> base;
  for (const PurchaseStats& s : stats) base.push_back(repeat_summary(s, as_of, std::chrono::days{7}));
  const BgNbdFit purchases = fit_bg_nbd(base);
  const GammaGammaFit spend = fit_gamma_gamma(base);
  const ClvOptions year{.horizon_periods = 52, .discount_rate = 0.0018, .margin = 0.3};  // ~10% a year
  std::vector<double> forecast, value, risk;
  for (const RepeatSummary& c : base) {
    forecast.push_back(expected_purchases(purchases.params, c, 39));  // weeks 40-78
    value.push_back(customer_lifetime_value(purchases.params, spend.params, c, year));
    risk.push_back(churn_risk(purchases.params, c));
  }

  // The summed conditional forecast is within 15% of the purchase days
  // actually seen in weeks 40-78 (1,653 forecast for 1,882: 12% under).
  double forecast_total = 0, actual_total = 0;
  for (std::size_t i = 0; i < base.size(); ++i) {
    forecast_total += forecast[i];
    actual_total += cdnow().holdout_days[i];
  }
  EXPECT_EQ(actual_total, 1882);
  EXPECT_NEAR(forecast_total, actual_total, 0.15 * actual_total);

  // The tenth of customers with the highest value spend far more than a
  // tenth of the holdout's money (measured: half of it).
  std::vector<std::size_t> order(base.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t l, std::size_t r) { return value[l] > value[r]; });
  double top_decile = 0, all = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto cents = static_cast<double>(cdnow().holdout_cents[order[k]]);
    all += cents;
    if (k < order.size() / 10) top_decile += cents;
  }
  EXPECT_GT(top_decile / all, 0.4);
  ::testing::Test::RecordProperty("forecast_total", std::to_string(forecast_total));
  ::testing::Test::RecordProperty("top_decile_share", std::to_string(top_decile / all));

  // Churn risk is 0 for customers with no repeat purchase and in [0, 1].
  for (std::size_t i = 0; i < base.size(); ++i) {
    EXPECT_GE(risk[i], 0);
    EXPECT_LE(risk[i], 1);
    if (base[i].frequency == 0) {
      EXPECT_EQ(risk[i], 0);
    }
  }
}

}  // namespace
}  // namespace crm::analytics
