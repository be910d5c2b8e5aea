// SPDX-License-Identifier: Apache-2.0
// The analytics measure at the latest purchase when no as-of time is given,
// so one purchase dated far in the future would make every other customer
// look churned. Such a purchase is refused when written (its time is outside
// the supported range), and every report refuses an as-of time or window
// outside 0001-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z, naming it.

#include <gmock/gmock.h>

#include <limits>

#include "crm/analytics/analytics.hpp"
#include "crm/error.hpp"
#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

using namespace crm::analytics;
using testing::HasSubstr;

const Timestamp bought_from = from_millis(1'700'006'400'000);             // 2023-11-15T00:00:00Z
constexpr Timestamp year_81000 = from_millis(2'493'945'936'000'000);  // 81000-01-01
constexpr Timestamp year_10000 = from_millis(253'402'300'800'000);    // one ms after 9999-12-31T23:59:59.999Z
constexpr Timestamp year_0 = from_millis(-62'135'596'800'001);        // one ms before 0001-01-01

class AnalyticsTimeRangeTest : public EngineTest {
 protected:
  Interaction bought(Id who, Timestamp at) {
    auto p = purchase(who, Money::of(1000, "EUR"));
    p.occurred_at = at;
    return p;
  }

  // Five customers buying a few days apart, the last on day 40.
  std::vector<Id> five_customers() {
    std::vector<Id> ids;
    for (int n = 1; n <= 5; ++n) {
      ids.push_back(engine->create(person("C" + std::to_string(n))).id);
      for (int k = 0; k < n; ++k) engine->create(bought(ids.back(), bought_from + std::chrono::days(5 * n + k)));
    }
    return ids;
  }

  static std::size_t churned(const ValueReport& report) {
    return report.stages[static_cast<std::size_t>(PurchaseStage::churned)];
  }
};

TEST_P(AnalyticsTimeRangeTest, APurchaseInTheYear81000IsRefusedSoNoOtherCustomerLooksChurned) {
  const auto ids = five_customers();
  const auto before = value_report(purchase_population(*engine), {});
  ASSERT_EQ(churned(before), 0U);

  const auto failure = error_of([&] { engine->create(bought(ids[0], year_81000)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("interaction.occurred_at: 2493945936000000 ms since the epoch is outside"));

  const auto population = purchase_population(*engine);
  EXPECT_EQ(latest_purchase(population), bought_from + std::chrono::days(29));
  const auto after = value_report(population, {});
  EXPECT_EQ(after.as_of, before.as_of);
  EXPECT_EQ(churned(after), 0U);
  EXPECT_EQ(after.stages, before.stages);
}

TEST_P(AnalyticsTimeRangeTest, EveryReportRefusesAnAsOfOutsideTheRange) {
  five_customers();
  const auto population = purchase_population(*engine);
  const auto refused = [](auto&& call, const std::string& field) {
    const auto failure = error_of(call);
    EXPECT_EQ(failure.code, Errc::invalid_argument) << field;
    EXPECT_THAT(failure.message, HasSubstr(field + ": ")) << field;
    EXPECT_THAT(failure.message, HasSubstr("outside the supported range")) << field;
  };
  refused([&] { rfm_report(population, {.as_of = year_81000}); }, "rfm report.as_of");
  refused([&] { rfm_cuts(population.customers, year_10000); }, "rfm as_of");
  refused([&] { value_report(population, {.as_of = year_81000}); }, "value report.as_of");
  refused([&] { clv_report(population, {.as_of = year_10000}); }, "clv report.as_of");
  refused([&] { purchase_stage(population.customers[0], year_10000); }, "lifecycle as_of");
  refused([&] { repeat_summary(population.customers[0], year_10000, std::chrono::weeks(1)); }, "repeat_summary as_of");
  refused([&] { segment(*engine, {.rfm = {.as_of = year_81000}}); }, "segment query.rfm.as_of");
  refused([&] { segment(*engine, {.last_purchase_from = year_0}); }, "segment query.last_purchase_from");
  refused([&] { segment(*engine, {.last_purchase_to = year_10000}); }, "segment query.last_purchase_to");
  refused([&] { basket_report(*engine, {.from = year_0}); }, "basket query.from");
  refused([&] { basket_report(*engine, {.to = year_10000}); }, "basket query.to");
}

INSTANTIATE_TEST_SUITE_P(Backends, AnalyticsTimeRangeTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
