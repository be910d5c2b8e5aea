// SPDX-License-Identifier: Apache-2.0
// The analytics facade over an engine: which customers it reads, the reports'
// as-of defaults, basket rules over stored line items, and segment queries.

#include "crm/analytics/analytics.hpp"

#include <gtest/gtest.h>

#include <random>

#include "crm/error.hpp"
#include "support/engine_fixture.hpp"
#include "support/units.hpp"

namespace crm::test {
namespace {

using namespace crm::analytics;

const Timestamp day0 = from_millis(1'700'006'400'000);  // 2023-11-15T00:00:00Z

Timestamp on_day(std::int64_t day) { return day0 + std::chrono::milliseconds(day * day_ms + 12 * 3'600'000); }

class AnalyticsTest : public EngineTest {
 protected:
  Id customer(std::string name) { return engine->create(person(std::move(name))).id; }

  void buy(Id who, std::int64_t minor, std::int64_t day, std::string_view currency = "EUR") {
    auto p = purchase(who, Money::of(minor, currency));
    p.occurred_at = on_day(day);
    engine->create(p);
  }

  void buy_items(Id who, std::vector<std::string> skus, std::int64_t day) {
    Interaction p = purchase(who, Money::of(0, "EUR"));
    p.amount.reset();  // the engine totals the items
    for (auto& sku : skus) p.items.push_back({.sku = std::move(sku), .quantity = 1, .unit_price = Money::of(100, "EUR")});
    p.occurred_at = on_day(day);
    engine->create(p);
  }

  // Five customers whose RFM scores are easy to work out by hand (q = 5,
  // each customer one score step from the next in every dimension).
  std::vector<Id> five_customers() {
    std::vector<Id> ids;
    for (int n = 1; n <= 5; ++n) {
      ids.push_back(customer("C" + std::to_string(n)));
      for (int k = 0; k < n; ++k) buy(ids.back(), 1000 * n, 10 * n + k);  // later, more often, more
    }
    return ids;
  }
};

TEST_P(AnalyticsTest, PopulationIsTheCurrencyMostCustomersBoughtIn) {
  const Id a = customer("A"), b = customer("B"), c = customer("C");
  buy(a, 100, 0, "USD");
  buy(b, 100, 0, "EUR");
  buy(c, 100, 0, "EUR");
  buy(c, 100, 1, "USD");
  buy(c, 100, 1, "GBP");
  // EUR and USD both have two customers: the first code wins the tie.
  const auto chosen = purchase_population(*engine);
  EXPECT_EQ(chosen.currency.code(), "EUR");
  ASSERT_EQ(chosen.customers.size(), 2U);
  EXPECT_EQ(chosen.customers[0].customer_id, b);  // customer id order
  EXPECT_EQ(purchase_population(*engine, "GBP").customers.size(), 1U);
  EXPECT_EQ(error_of([&] { purchase_population(*engine, "JPY"); }).code, Errc::not_found);
  EXPECT_EQ(error_of([&] { purchase_population(*engine, "EURO"); }).code, Errc::invalid_argument);
}

TEST_P(AnalyticsTest, NoPurchasesIsNotFound) {
  customer("A");
  EXPECT_EQ(error_of([&] { purchase_population(*engine); }).code, Errc::not_found);
}

TEST_P(AnalyticsTest, RfmReportIsMeasuredAtTheLatestPurchaseUnlessToldOtherwise) {
  const auto ids = five_customers();
  const auto population = purchase_population(*engine);
  const auto report = rfm_report(population, {});
  EXPECT_EQ(report.summary.cuts.as_of, on_day(54));  // C5's last purchase
  // C1 is worst in every dimension, C5 best: scores 1..5 in order.
  const auto& segments = report.summary.segments;
  const auto count_of = [&](std::string_view name) {
    for (const auto& [segment, n] : segments)
      if (segment == name) return n;
    return std::size_t{0};
  };
  EXPECT_EQ(count_of("champions"), 1U);  // C5: R5 F5
  EXPECT_EQ(count_of("loyal"), 1U);      // C4: R4 F4
  EXPECT_EQ(count_of("need attention"), 1U);  // C3: R3 F3
  EXPECT_EQ(count_of("hibernating"), 1U);     // C2: R2 F2
  EXPECT_EQ(count_of("lost"), 1U);            // C1: R1 F1
  const auto later = rfm_report(population, {.as_of = on_day(100)});
  EXPECT_EQ(later.summary.cuts.as_of, on_day(100));
}

TEST_P(AnalyticsTest, ValueReportCountsQuadrantsAndLifecycleStages) {
  five_customers();
  const auto report = value_report(purchase_population(*engine), {});
  EXPECT_EQ(report.customers, 5U);
  // Medians: 3 purchases, 3000 minor a purchase; C4 and C5 are above both.
  EXPECT_EQ(report.matrix.customers[static_cast<std::size_t>(ValueQuadrant::best)], 2U);
  EXPECT_EQ(report.matrix.customers[static_cast<std::size_t>(ValueQuadrant::uncertain)], 3U);
  // As of day 54 every customer started within 90 days: all new.
  EXPECT_EQ(report.stages[static_cast<std::size_t>(PurchaseStage::new_buyer)], 5U);
  const auto year_later = value_report(purchase_population(*engine), {.as_of = on_day(54 + 400)});
  EXPECT_EQ(year_later.stages[static_cast<std::size_t>(PurchaseStage::churned)], 5U);
}

TEST_P(AnalyticsTest, BasketRulesComeFromStoredLineItemsInTheWindow) {
  const Id a = customer("A");
  buy_items(a, {"bread", "milk"}, 0);
  buy_items(a, {"bread", "milk", "eggs"}, 1);
  buy_items(a, {"bread"}, 2);
  buy_items(a, {"milk", "eggs"}, 3);
  buy(a, 500, 4);  // no line items: not a basket
  const auto all = basket_report(*engine, {.options = {.min_support = 0.5, .min_confidence = 0.5}});
  EXPECT_EQ(all.baskets, 4U);
  // bread -> milk: both in 2 of 4 baskets, bread in 3: confidence 2/3,
  // milk in 3 of 4: lift (2/3) / (3/4) = 8/9.
  const auto rule = std::find_if(all.rules.begin(), all.rules.end(), [](const AssociationRule& r) {
    return r.antecedent == std::vector<std::string>{"bread"} && r.consequent == std::vector<std::string>{"milk"};
  });
  ASSERT_NE(rule, all.rules.end());
  EXPECT_DOUBLE_EQ(rule->support, 0.5);
  EXPECT_DOUBLE_EQ(rule->confidence, 2.0 / 3);
  EXPECT_NEAR(rule->lift, 8.0 / 9, 1e-12);

  const auto window = basket_report(*engine, {.options = {.min_support = 0.5}, .from = on_day(1), .to = on_day(3)});
  EXPECT_EQ(window.baskets, 2U);  // days 1 and 2
}

TEST_P(AnalyticsTest, ClvReportFitsTheModelsAndValuesEveryCustomer) {
  // Customers who buy at their own rate, with irregular gaps, and stop.
  std::mt19937_64 random(7);
  std::gamma_distribution<double> rates(0.8, 1.0 / 20);  // purchases a day
  for (int n = 0; n < 150; ++n) {
    const Id c = customer("C" + std::to_string(n));
    std::exponential_distribution<double> gap(rates(random) + 1e-3);
    double day = static_cast<double>(random() % 100);
    for (int k = 0; k == 0 || (random() % 4 != 0 && day < 300); ++k, day += gap(random))
      buy(c, 500 + static_cast<std::int64_t>(random() % 5000), static_cast<std::int64_t>(day));
  }
  const auto population = purchase_population(*engine);
  const auto report = clv_report(population, {.clv = {.horizon_periods = 26}, .top = 5});
  EXPECT_EQ(report.customers, 150U);
  EXPECT_GT(report.repeat_customers, 50U);
  EXPECT_GT(report.purchases.params.r, 0);
  EXPECT_GT(report.spend.params.p, 0);
  ASSERT_EQ(report.top.size(), 5U);
  EXPECT_GE(report.top[0].clv, report.top[4].clv);
  std::size_t banded = 0;
  for (auto n : report.churn_risk_bands) banded += n;
  EXPECT_EQ(banded, 150U);
  // The top customer's entry is what customer_value() says about them.
  const auto& best = report.top[0];
  const auto stats = std::find_if(population.customers.begin(), population.customers.end(),
                                  [&](const PurchaseStats& s) { return s.customer_id == best.customer_id; });
  ASSERT_NE(stats, population.customers.end());
  EXPECT_DOUBLE_EQ(customer_value(report, *stats).clv, best.clv);
  EXPECT_EQ(error_of([&] { clv_report(population, {.period = std::chrono::milliseconds(0)}); }).code,
            Errc::invalid_argument);
}

TEST_P(AnalyticsTest, SegmentQueriesFilterAndPage) {
  const auto ids = five_customers();
  auto tagged = engine->get<Customer>(ids[3]);
  tagged.tags = {"VIP"};
  engine->update(tagged);

  const auto champions = segment(*engine, {.segments = {"champions", "loyal"}});
  ASSERT_EQ(champions.items.size(), 2U);
  EXPECT_EQ(champions.items[0].customer_id, ids[3]);
  EXPECT_EQ(champions.items[0].rfm.segment, "loyal");
  EXPECT_EQ(champions.items[1].rfm.segment, "champions");

  const auto vip = segment(*engine, {.segments = {"champions", "loyal"}, .tags = {"vip"}});
  ASSERT_EQ(vip.items.size(), 1U);
  EXPECT_EQ(vip.items[0].customer_id, ids[3]);

  const auto few = segment(*engine, {.max_purchases = 2, .r = ScoreRange{1, 2}});
  ASSERT_EQ(few.items.size(), 2U);
  EXPECT_EQ(few.items[1].customer_id, ids[1]);

  std::vector<Id> paged;
  SegmentQuery query{.limit = 2};
  do {
    const auto page = segment(*engine, query);
    for (const auto& m : page.items) paged.push_back(m.customer_id);
    query.cursor = page.next_cursor;
  } while (!query.cursor.empty());
  EXPECT_EQ(paged, ids);

  EXPECT_EQ(error_of([&] { segment(*engine, {.segments = {"nobody"}}); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { segment(*engine, {.r = ScoreRange{0, 9}}); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { segment(*engine, {.cursor = "x"}); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { segment(*engine, {.limit = 0}); }).code, Errc::invalid_argument);
}

// The bounds every face takes from the library (docs/RELIABILITY.md,
// "Bounds"): the library refuses out-of-range values itself, naming the field.
TEST_P(AnalyticsTest, MeasuredAtIsTheLatestPurchaseOrALaterAsOf) {
  five_customers();
  const auto population = purchase_population(*engine);
  EXPECT_EQ(measured_at(population, std::nullopt), on_day(54));
  EXPECT_EQ(measured_at(population, on_day(54)), on_day(54));
  EXPECT_EQ(measured_at(population, on_day(60)), on_day(60));
  const auto before = error_of([&] { measured_at(population, on_day(53), "rfm query.as_of"); });
  EXPECT_EQ(before.code, Errc::invalid_argument);
  EXPECT_TRUE(before.message.starts_with("rfm query.as_of: " + to_iso8601(on_day(53)) +
                                         " is before the latest purchase in EUR (" + to_iso8601(on_day(54)) + ")"))
      << before.message;
  const auto epoch = error_of([&] { measured_at(population, Timestamp{}, "--as-of"); });
  EXPECT_EQ(epoch.code, Errc::invalid_argument);
  EXPECT_EQ(epoch.message.rfind("--as-of: 1970-01-01T00:00:00.000Z is the epoch", 0), 0U) << epoch.message;
  const auto outside = error_of([&] { measured_at(population, max_timestamp + std::chrono::milliseconds(1)); });
  EXPECT_EQ(outside.message.rfind("as_of: ", 0), 0U) << outside.message;
  // The reports read their as_of the same way, naming their own field.
  EXPECT_EQ(error_of([&] { rfm_report(population, {.as_of = on_day(53)}); }).message.rfind("rfm report.as_of: ", 0), 0U);
  EXPECT_EQ(error_of([&] { value_report(population, {.as_of = on_day(53)}); }).message.rfind("value report.as_of: ", 0),
            0U);
  EXPECT_EQ(error_of([&] { clv_report(population, {.as_of = on_day(53)}); }).message.rfind("clv report.as_of: ", 0),
            0U);
  SegmentQuery query;
  query.rfm.as_of = on_day(53);
  EXPECT_EQ(error_of([&] { segment(*engine, query); }).message.rfind("segment query.rfm.as_of: ", 0), 0U);
}

TEST_P(AnalyticsTest, ClvReportRefusesAHorizonOrPeriodPastTheLibrarysBounds) {
  five_customers();
  const auto population = purchase_population(*engine);
  const auto horizon = error_of(
      [&] { clv_report(population, {.clv = {.horizon_periods = clv_max_horizon_periods + 1}}); });
  EXPECT_EQ(horizon.code, Errc::invalid_argument);
  EXPECT_EQ(horizon.message, "clv report.clv.horizon_periods: 10001 is outside 1..10000");
  EXPECT_EQ(error_of([&] { clv_report(population, {.clv = {.horizon_periods = 1'000'000'000}}); }).code,
            Errc::invalid_argument);
  const auto period = error_of([&] { clv_report(population, {.period = max_span + std::chrono::milliseconds(1)}); });
  EXPECT_EQ(period.code, Errc::invalid_argument);
  EXPECT_EQ(period.message.rfind("clv report.period: ", 0), 0U) << period.message;
  EXPECT_NE(period.message.find("longer than max_span"), std::string::npos) << period.message;
}

TEST(AnalyticsBounds, LifecycleSpansAreAtMostMaxSpan) {
  EXPECT_NO_THROW(check_lifecycle_options({.new_within = std::chrono::days(1), .churned_after = max_span}));
  const auto churned = error_of([] {
    check_lifecycle_options({.churned_after = max_span + std::chrono::milliseconds(1)});
  });
  EXPECT_EQ(churned.code, Errc::invalid_argument);
  EXPECT_EQ(churned.message.rfind("lifecycle options.churned_after: ", 0), 0U) << churned.message;
  const auto within = error_of([] {
    check_lifecycle_options({.new_within = max_span + std::chrono::days(1), .churned_after = max_span});
  });
  EXPECT_EQ(within.message.rfind("lifecycle options.new_within: ", 0), 0U) << within.message;
}

TEST(AnalyticsBounds, CustomerLifetimeValueRefusesAHorizonPastTheBound) {
  const RepeatSummary one{.frequency = 2, .recency = 10, .age = 20, .average_spend = 500};
  const BgNbdParams bg{.r = 0.24, .alpha = 4.4, .a = 0.79, .b = 2.4};
  const GammaGammaParams gg{.p = 6.25, .q = 3.74, .gamma = 15.44};
  EXPECT_GT(customer_lifetime_value(bg, gg, one, {.horizon_periods = clv_max_horizon_periods}), 0);
  const auto past = error_of(
      [&] { customer_lifetime_value(bg, gg, one, {.horizon_periods = clv_max_horizon_periods + 1}); });
  EXPECT_EQ(past.code, Errc::invalid_argument);
  EXPECT_NE(past.message.find("horizon_periods 10001: must be in 1..10000"), std::string::npos) << past.message;
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
