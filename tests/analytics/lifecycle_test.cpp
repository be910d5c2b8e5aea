// SPDX-License-Identifier: Apache-2.0
// Purchase lifecycle stages (crm/analytics/lifecycle.hpp): each stage, and
// each rule exactly at its threshold and one millisecond past it.
#include "crm/analytics/lifecycle.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <ostream>
#include <vector>

#include "support/errors.hpp"

namespace crm::analytics {

// Failures print the stage's name (gtest finds PrintTo by argument lookup).
static void PrintTo(PurchaseStage stage, std::ostream* out) { *out << crm::to_string(stage); }

namespace {

using std::chrono::days;
using std::chrono::milliseconds;
using test::error_of;
using testing::HasSubstr;

const Timestamp today = from_millis(0) + days{1000};

// A customer with `purchases` purchases, the first `first_ago` and the last
// `last_ago` before today.
PurchaseStats buyer(std::int64_t purchases, milliseconds first_ago, milliseconds last_ago) {
  PurchaseStats stats;
  stats.customer_id = 1;
  stats.currency = Currency::of("EUR");
  stats.purchases = purchases;
  stats.purchase_days = purchases;
  stats.total_minor = purchases * 1'000;
  stats.first_at = today - first_ago;
  stats.last_at = today - last_ago;
  return stats;
}

PurchaseStats once(milliseconds ago) { return buyer(1, ago, ago); }

// Default options: new within 90 days, churned after 365, mature from 5
// purchases, declining after twice the customer's mean gap.

TEST(LifecycleTest, ChurnedAfterAYearOfSilence) {
  EXPECT_EQ(purchase_stage(buyer(12, days{800}, days{365} + milliseconds{1}), today), PurchaseStage::churned);
  // Exactly 365 days is not yet churned: 12 purchases over 435 days is a mean
  // gap of 435 / 11 = 39.5 days, and 365 > 2 x 39.5, so declining.
  EXPECT_EQ(purchase_stage(buyer(12, days{800}, days{365}), today), PurchaseStage::declining);
}

TEST(LifecycleTest, NewWithinNinetyDaysOfTheFirstPurchase) {
  EXPECT_EQ(purchase_stage(once(days{0}), today), PurchaseStage::new_buyer);
  EXPECT_EQ(purchase_stage(once(days{90}), today), PurchaseStage::new_buyer);
  // A day past, a one-time buyer has not come back: declining.
  EXPECT_EQ(purchase_stage(once(days{90} + milliseconds{1}), today), PurchaseStage::declining);
  // New is about the first purchase, however many followed.
  EXPECT_EQ(purchase_stage(buyer(7, days{90}, days{1}), today), PurchaseStage::new_buyer);
  EXPECT_EQ(purchase_stage(buyer(7, days{91}, days{1}), today), PurchaseStage::mature);
}

TEST(LifecycleTest, AOneTimeBuyerIsDecliningUntilChurned) {
  EXPECT_EQ(purchase_stage(once(days{200}), today), PurchaseStage::declining);
  EXPECT_EQ(purchase_stage(once(days{365}), today), PurchaseStage::declining);
  EXPECT_EQ(purchase_stage(once(days{365} + milliseconds{1}), today), PurchaseStage::churned);
}

TEST(LifecycleTest, DecliningWhenSilentLongerThanTwiceTheMeanGap) {
  // 3 purchases from 200 to 100 days ago: mean gap 100 / 2 = 50 days, so the
  // customer declines after 2 x 50 = 100 days of silence, exactly now.
  const PurchaseStats customer = buyer(3, days{200}, days{100});
  EXPECT_EQ(purchase_stage(customer, today), PurchaseStage::growing);
  EXPECT_EQ(purchase_stage(customer, today + milliseconds{1}), PurchaseStage::declining);
  // A factor of 3 gives the same customer 150 days.
  const LifecycleOptions patient{.declining_gap_factor = 3.0};
  EXPECT_EQ(purchase_stage(customer, today + days{50}, patient), PurchaseStage::growing);
  EXPECT_EQ(purchase_stage(customer, today + days{50} + milliseconds{1}, patient), PurchaseStage::declining);
}

TEST(LifecycleTest, PurchasesAllAtOnceDeclineAtTheFirstSilence) {
  // Two purchases at the same moment 100 days ago: a mean gap of 0.
  EXPECT_EQ(purchase_stage(buyer(2, days{100}, days{100}), today), PurchaseStage::declining);
  EXPECT_EQ(purchase_stage(buyer(2, days{100}, days{100}), today - days{100}, {}), PurchaseStage::new_buyer);
}

TEST(LifecycleTest, GrowingBelowAndMatureFromFivePurchases) {
  // 200 days of history, last purchase 10 days ago: nowhere near declining.
  EXPECT_EQ(purchase_stage(buyer(2, days{200}, days{10}), today), PurchaseStage::growing);
  EXPECT_EQ(purchase_stage(buyer(4, days{200}, days{10}), today), PurchaseStage::growing);
  EXPECT_EQ(purchase_stage(buyer(5, days{200}, days{10}), today), PurchaseStage::mature);
  // 20 purchases over 190 days: a mean gap of 10 days, silent for 10.
  EXPECT_EQ(purchase_stage(buyer(20, days{200}, days{10}), today), PurchaseStage::mature);
  // 39 purchases over 190 days: a gap of 5 days, so 10 days of silence is
  // exactly twice it, still mature; with 40 the gap is shorter: declining.
  EXPECT_EQ(purchase_stage(buyer(39, days{200}, days{10}), today), PurchaseStage::mature);
  EXPECT_EQ(purchase_stage(buyer(40, days{200}, days{10}), today), PurchaseStage::declining);
  EXPECT_EQ(purchase_stage(buyer(5, days{200}, days{10}), today, {.mature_purchases = 6}), PurchaseStage::growing);
}

TEST(LifecycleTest, OptionsMoveTheThresholds) {
  const LifecycleOptions quick{.new_within = days{7}, .churned_after = days{30}};
  EXPECT_EQ(purchase_stage(once(days{7}), today, quick), PurchaseStage::new_buyer);
  EXPECT_EQ(purchase_stage(once(days{8}), today, quick), PurchaseStage::declining);
  EXPECT_EQ(purchase_stage(once(days{30} + milliseconds{1}), today, quick), PurchaseStage::churned);
}

TEST(LifecycleTest, RefusesAsOfBeforeTheLastPurchase) {
  const auto failure = error_of([] { purchase_stage(once(days{0}), today - milliseconds{1}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "customer.last_at: 1972-09-27T00:00:00.000Z is after as_of 1972-09-26T23:59:59.999Z");
}

TEST(LifecycleTest, RefusesACustomerWithoutPurchasesOrWithTimesReversed) {
  const auto none = error_of([] { purchase_stage(buyer(0, days{1}, days{1}), today); });
  EXPECT_EQ(none.code, Errc::invalid_argument);
  EXPECT_THAT(none.message, HasSubstr("customer.purchases: 0"));
  const auto reversed = error_of([] { purchase_stage(buyer(2, days{1}, days{2}), today); });
  EXPECT_EQ(reversed.code, Errc::invalid_argument);
  EXPECT_THAT(reversed.message, HasSubstr("customer.first_at: "));
}

TEST(LifecycleTest, RefusesBadOptionsNamingTheField) {
  struct Case {
    LifecycleOptions options;
    std::string message;
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Case> cases{
      {{.new_within = milliseconds{0}}, "lifecycle options.new_within: must be positive, not 0 ms"},
      {{.new_within = milliseconds{-5}}, "lifecycle options.new_within: must be positive, not -5 ms"},
      {{.churned_after = milliseconds{0}}, "lifecycle options.churned_after: must be positive, not 0 ms"},
      {{.new_within = days{30}, .churned_after = days{30}},
       "lifecycle options.new_within: 2592000000 ms must be shorter than churned_after 2592000000 ms"},
      {{.new_within = days{400}}, "lifecycle options.new_within: 34560000000 ms must be shorter than churned_after"},
      {{.mature_purchases = 1}, "lifecycle options.mature_purchases: must be 2 or more, not 1"},
      {{.declining_gap_factor = 0.5}, "lifecycle options.declining_gap_factor: must be a finite number 1 or more"},
      {{.declining_gap_factor = nan}, "lifecycle options.declining_gap_factor: must be a finite number 1 or more"},
      {{.declining_gap_factor = std::numeric_limits<double>::infinity()},
       "lifecycle options.declining_gap_factor: must be a finite number 1 or more"},
  };
  for (const Case& c : cases) {
    const auto checked = error_of([&] { check_lifecycle_options(c.options); });
    EXPECT_EQ(checked.code, Errc::invalid_argument) << c.message;
    EXPECT_EQ(checked.message.substr(0, c.message.size()), c.message) << checked.message;
    // purchase_stage checks them too.
    EXPECT_EQ(error_of([&] { purchase_stage(once(days{1}), today, c.options); }).message, checked.message);
  }
  // The edges that are allowed.
  EXPECT_NO_THROW(check_lifecycle_options({}));
  EXPECT_NO_THROW(check_lifecycle_options({.new_within = milliseconds{1},
                                           .churned_after = milliseconds{2},
                                           .mature_purchases = 2,
                                           .declining_gap_factor = 1.0}));
}

TEST(LifecycleTest, StagesHaveTheirDocumentedNames) {
  EXPECT_EQ(to_string(PurchaseStage::new_buyer), "new");
  EXPECT_EQ(to_string(PurchaseStage::growing), "growing");
  EXPECT_EQ(to_string(PurchaseStage::mature), "mature");
  EXPECT_EQ(to_string(PurchaseStage::declining), "declining");
  EXPECT_EQ(to_string(PurchaseStage::churned), "churned");
  for (const auto& [value, name] : EnumNames<PurchaseStage>::names) EXPECT_EQ(parse_enum<PurchaseStage>(name), value);
}

}  // namespace
}  // namespace crm::analytics
