// SPDX-License-Identifier: Apache-2.0
// Pipeline alerts: overdue deals and customers over their credit limit, over
// every backend.
#include "crm/pipeline/alerts.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "support/engine_fixture.hpp"
#include "support/money.hpp"

namespace crm::test {
namespace {

using std::chrono::hours;

class AlertsTest : public EngineTest {
 protected:
  Opportunity deal(std::optional<Timestamp> expected_close, std::optional<Money> amount = eur(100'00),
                   Id customer = 0) {
    Opportunity o;
    o.name = "deal";
    o.stage = "Demo";
    o.amount = amount;
    o.expected_close = expected_close;
    o.customer_id = customer;
    return engine->create(o);
  }

  Id customer(std::string name, std::optional<Money> limit) {
    auto c = person(std::move(name));
    c.credit_limit = limit;
    return engine->create(c).id;
  }

  static std::vector<Id> ids(const std::vector<Opportunity>& deals) {
    std::vector<Id> out;
    for (const auto& d : deals) out.push_back(d.id);
    return out;
  }

  const Timestamp now = test_start + hours(24 * 30);
};

// --- Overdue deals --------------------------------------------------------------

TEST_P(AlertsTest, OverdueDealsAreOpenDealsPastTheirCloseDateOldestFirst) {
  const auto one_day_late = deal(now - hours(24));
  const auto three_days_late = deal(now - hours(72));
  deal(now + hours(24));  // not due yet
  deal(std::nullopt);     // no date: never overdue
  auto won = deal(now - hours(240));
  engine->close_won(won.id, won.version);
  auto lost = deal(now - hours(240));
  engine->close_lost(lost.id, lost.version, "price");

  EXPECT_EQ(ids(overdue_deals(*engine, now)), (std::vector<Id>{three_days_late.id, one_day_late.id}));
}

TEST_P(AlertsTest, ADealDueExactlyNowIsNotOverdueYet) {
  const auto due = deal(now);
  EXPECT_TRUE(overdue_deals(*engine, now).empty());
  EXPECT_EQ(ids(overdue_deals(*engine, now + std::chrono::milliseconds(1))), std::vector<Id>{due.id});
}

TEST_P(AlertsTest, OverdueDealsAreReadOverEveryPage) {
  // More open deals than one page, the overdue one last.
  auto tx = engine->transaction();
  for (std::size_t i = 0; i < max_page_size; ++i) deal(now + hours(1));
  const auto late = deal(now - hours(1));
  tx.commit();
  EXPECT_EQ(ids(overdue_deals(*engine, now)), std::vector<Id>{late.id});
}

// --- Credit limits ------------------------------------------------------------

TEST_P(AlertsTest, ACustomerWhoseOpenDealsExceedTheLimitRaisesAnAlert) {
  const Id acme = customer("Acme", eur(1000'00));
  const auto a = deal(std::nullopt, eur(600'00), acme);
  const auto b = deal(std::nullopt, eur(500'00), acme);

  // 600 + 500 = 1100 > 1000.
  const std::vector<CreditAlert> expected{{.customer_id = acme,
                                           .name = "Acme",
                                           .limit = eur(1000'00),
                                           .exposure = eur(1100'00),
                                           .open_deals = {a.id, b.id}}};
  EXPECT_EQ(credit_alerts(*engine), expected);
}

TEST_P(AlertsTest, ExposureExactlyAtTheLimitRaisesNoAlert) {
  const Id exact = customer("Exact", eur(1000'00));
  deal(std::nullopt, eur(400'00), exact);
  deal(std::nullopt, eur(600'00), exact);  // 400 + 600 = 1000, not more
  EXPECT_TRUE(credit_alerts(*engine).empty());
  deal(std::nullopt, eur(1), exact);  // 1000.01
  EXPECT_EQ(credit_alerts(*engine).size(), 1U);
}

TEST_P(AlertsTest, ExposureCountsOnlyOpenDealsInTheLimitsCurrency) {
  const Id acme = customer("Acme", eur(1000'00));
  const auto open = deal(std::nullopt, eur(900'00), acme);
  deal(std::nullopt, Money::of(5000'00, "USD"), acme);  // another currency: counted apart
  deal(std::nullopt, std::nullopt, acme);               // no amount: adds nothing
  auto won = deal(std::nullopt, eur(10'000'00), acme);
  engine->close_won(won.id, won.version);  // closed: not exposure
  EXPECT_TRUE(credit_alerts(*engine).empty()) << "900 EUR is within 1000 EUR";

  const auto more = deal(std::nullopt, eur(200'00), acme);  // 900 + 200 = 1100
  const auto alerts = credit_alerts(*engine);
  ASSERT_EQ(alerts.size(), 1U);
  EXPECT_EQ(alerts[0].exposure, eur(1100'00));
  EXPECT_EQ(alerts[0].open_deals, (std::vector<Id>{open.id, more.id}));
  EXPECT_EQ(alerts[0].other_currency_deals, 1U);
}

TEST_P(AlertsTest, OnlyCustomersWithALimitRaiseAlertsInCustomerOrder) {
  const Id unlimited = customer("No limit", std::nullopt);
  deal(std::nullopt, eur(1'000'000'00), unlimited);
  const Id zero = customer("Zero", eur(0));
  deal(std::nullopt, eur(1), zero);  // 0.01 > 0
  const Id acme = customer("Acme", eur(10'00));
  deal(std::nullopt, eur(20'00), acme);
  deal(std::nullopt, eur(1'000'000'00));  // no customer

  const auto alerts = credit_alerts(*engine);
  ASSERT_EQ(alerts.size(), 2U);
  EXPECT_EQ(alerts[0].customer_id, zero);
  EXPECT_EQ(alerts[0].exposure, eur(1));
  EXPECT_EQ(alerts[1].customer_id, acme);
  EXPECT_EQ(alerts[1].limit, eur(10'00));
}

INSTANTIATE_TEST_SUITE_P(Backends, AlertsTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
