// SPDX-License-Identifier: Apache-2.0
// Per-customer purchase statistics: kept by every purchase write, and always
// equal to what a rebuild from the history computes.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "crm/error.hpp"
#include "engine/record_codec.hpp"
#include "engine/record_keys.hpp"
#include "support/engine_fixture.hpp"
#include "support/faulty_store.hpp"
#include "support/units.hpp"

namespace crm::test {
namespace {

const Timestamp first_day = from_millis(1'700'006'400'000);  // 2023-11-15T00:00:00Z

Timestamp at(int day, int hour = 12) { return first_day + std::chrono::milliseconds(day * day_ms + hour * 3'600'000LL); }

class PurchaseStatsTest : public EngineTest {
 protected:
  Interaction buy(Id customer, std::int64_t minor, Timestamp when, std::string_view currency = "EUR") {
    auto p = purchase(customer, Money::of(minor, currency));
    p.occurred_at = when;
    return engine->create(p);
  }

  PurchaseStats stats_of(Id customer, std::string_view currency = "EUR") {
    for (const auto& s : engine->purchase_stats(customer))
      if (s.currency.code() == currency) return s;
    ADD_FAILURE() << "no " << currency << " statistics for customer " << customer;
    return {};
  }

  Id customer(std::string name = "Ann") { return engine->create(person(std::move(name))).id; }

  // The engine's in-memory population, every currency.
  std::map<std::pair<Id, std::string>, PurchaseStats> population() {
    std::map<std::pair<Id, std::string>, PurchaseStats> all;
    for (const auto& [currency, customers] : engine->purchase_currencies()) {
      const auto stats = engine->purchase_population(currency);
      EXPECT_EQ(stats.size(), customers) << currency.code();
      EXPECT_TRUE(std::is_sorted(stats.begin(), stats.end(),
                                 [](const auto& a, const auto& b) { return a.customer_id < b.customer_id; }));
      for (const auto& s : stats) all[{s.customer_id, std::string(s.currency.code())}] = s;
    }
    return all;
  }

  void expect_rebuild_agrees() {
    const auto report = engine->rebuild_purchase_stats();
    EXPECT_EQ(report.added, 0U);
    EXPECT_EQ(report.corrected, 0U);
    EXPECT_EQ(report.removed, 0U);
  }
};

TEST_P(PurchaseStatsTest, CountsPurchasesDaysSpendAndTimesPerCurrency) {
  const Id ann = customer();
  buy(ann, 1000, at(0, 9));
  buy(ann, 500, at(0, 18));  // same day: a purchase, not a purchase day
  buy(ann, 700, at(2));
  buy(ann, 300, at(1), "USD");

  const auto eur = stats_of(ann);
  EXPECT_EQ(eur.purchases, 3);
  EXPECT_EQ(eur.purchase_days, 2);
  EXPECT_EQ(eur.total_minor, 2200);
  EXPECT_EQ(eur.first_day_minor, 1500);
  EXPECT_EQ(eur.first_at, at(0, 9));
  EXPECT_EQ(eur.last_at, at(2));
  EXPECT_EQ(eur.repeat_days(), 1);
  EXPECT_DOUBLE_EQ(eur.average_minor(), 2200.0 / 3);

  const auto usd = stats_of(ann, "USD");
  EXPECT_EQ(usd.purchases, 1);
  EXPECT_EQ(usd.total_minor, 300);
  ASSERT_EQ(engine->purchase_stats(ann).size(), 2U);
  EXPECT_EQ(engine->purchase_stats(ann)[0].currency.code(), "EUR");  // in code order
  expect_rebuild_agrees();
}

TEST_P(PurchaseStatsTest, PurchasesWrittenOutOfTimeOrderCountTheirDaysOnce) {
  const Id ann = customer();
  buy(ann, 100, at(5));
  buy(ann, 100, at(1));      // before the first: the new first day
  buy(ann, 100, at(3, 8));   // between first and last, a new day
  buy(ann, 100, at(3, 20));  // between, on a day already counted
  buy(ann, 250, at(1, 23));  // on the first day again

  const auto s = stats_of(ann);
  EXPECT_EQ(s.purchases, 5);
  EXPECT_EQ(s.purchase_days, 3);
  EXPECT_EQ(s.first_day_minor, 350);
  EXPECT_EQ(s.first_at, at(1));
  EXPECT_EQ(s.last_at, at(5));
  expect_rebuild_agrees();
}

TEST_P(PurchaseStatsTest, OnlyACustomersPurchasesCount) {
  const Id ann = customer();
  engine->create(note(ann, "called", at(0)));
  auto refund = purchase(ann, Money::of(400, "EUR"));
  refund.kind = InteractionKind::refund;
  engine->create(refund);
  Lead lead;
  lead.display_name = "Walk-in";
  auto from_lead = purchase(0, Money::of(900, "EUR"));
  from_lead.lead_id = engine->create(lead).id;
  engine->create(from_lead);

  EXPECT_TRUE(engine->purchase_stats(ann).empty());
  expect_rebuild_agrees();
}

TEST_P(PurchaseStatsTest, UpdatesAndErasesRecomputeTheCustomer) {
  const Id ann = customer("Ann"), bob = customer("Bob");
  const auto first = buy(ann, 1000, at(0));
  auto last = buy(ann, 2000, at(4));

  last.amount = Money::of(2500, "EUR");
  last.occurred_at = at(6);
  last = engine->update(last);
  EXPECT_EQ(stats_of(ann).total_minor, 3500);
  EXPECT_EQ(stats_of(ann).last_at, at(6));

  last.customer_id = bob;  // moved to another customer
  last = engine->update(last);
  EXPECT_EQ(stats_of(ann).purchases, 1);
  EXPECT_EQ(stats_of(ann).last_at, at(0));
  EXPECT_EQ(stats_of(bob).total_minor, 2500);

  engine->erase<Interaction>(first.id, first.version);
  EXPECT_TRUE(engine->purchase_stats(ann).empty());

  last.kind = InteractionKind::refund;  // no longer a purchase
  engine->update(last);
  EXPECT_TRUE(engine->purchase_stats(bob).empty());
  expect_rebuild_agrees();
}

TEST_P(PurchaseStatsTest, ARolledBackPurchaseLeavesTheStatisticsAsTheyWere) {
  const Id ann = customer();
  buy(ann, 1000, at(0));
  const auto before = stats_of(ann);
  {
    auto tx = engine->transaction();
    buy(ann, 5000, at(3));
    EXPECT_EQ(stats_of(ann).total_minor, 6000);  // seen inside the transaction
  }  // rolled back
  EXPECT_EQ(stats_of(ann), before);
}

TEST_P(PurchaseStatsTest, AnOverflowingTotalFailsThePurchaseAndChangesNothing) {
  const Id ann = customer();
  buy(ann, std::numeric_limits<std::int64_t>::max() - 10, at(0));
  const auto before = stats_of(ann);
  const auto error = error_of([&] { buy(ann, 11, at(1)); });
  EXPECT_EQ(error.code, Errc::invalid_argument);
  EXPECT_EQ(stats_of(ann), before);
  EXPECT_EQ(engine->count<Interaction>(), 1U);
}

TEST_P(PurchaseStatsTest, SurviveAReopen) {
  const Id ann = customer();
  buy(ann, 1000, at(0));
  buy(ann, 300, at(2));
  const auto before = stats_of(ann);
  reopen();
  EXPECT_EQ(stats_of(ann), before);
}

TEST_P(PurchaseStatsTest, ListsEveryCustomersStatisticsInCustomerOrder) {
  const Id ann = customer("Ann"), bob = customer("Bob");
  buy(bob, 100, at(0));
  buy(ann, 200, at(0), "USD");
  buy(ann, 300, at(0));
  const auto first = engine->list(PurchaseStatsQuery{.limit = 2});
  ASSERT_EQ(first.items.size(), 2U);
  EXPECT_EQ(first.items[0].customer_id, ann);
  EXPECT_EQ(first.items[0].currency.code(), "EUR");
  EXPECT_EQ(first.items[1].currency.code(), "USD");
  const auto second = engine->list(PurchaseStatsQuery{.cursor = first.next_cursor, .limit = 2});
  ASSERT_EQ(second.items.size(), 1U);
  EXPECT_EQ(second.items[0].customer_id, bob);
  EXPECT_TRUE(second.next_cursor.empty());
}

TEST_P(PurchaseStatsTest, PopulationHoldsOneCurrencyInCustomerOrder) {
  const Id ann = customer("Ann"), bob = customer("Bob"), cy = customer("Cy");
  buy(cy, 100, at(0));
  buy(ann, 200, at(1), "USD");
  buy(ann, 300, at(2));
  buy(bob, 50, at(3), "USD");
  const auto currencies = engine->purchase_currencies();
  ASSERT_EQ(currencies.size(), 2U);
  EXPECT_EQ(currencies[0], std::pair(Currency::of("EUR"), std::size_t{2}));
  EXPECT_EQ(currencies[1], std::pair(Currency::of("USD"), std::size_t{2}));
  const auto eur = engine->purchase_population(Currency::of("EUR"));
  ASSERT_EQ(eur.size(), 2U);
  EXPECT_EQ(eur[0], stats_of(ann));
  EXPECT_EQ(eur[1], stats_of(cy));
  EXPECT_TRUE(engine->purchase_population(Currency::of("JPY")).empty());
}

TEST_P(PurchaseStatsTest, PopulationDropsACustomerWhoseLastPurchaseIsErased) {
  const Id ann = customer("Ann"), bob = customer("Bob");
  const auto only = buy(ann, 200, at(1));
  buy(bob, 300, at(2));
  ASSERT_EQ(engine->purchase_population(Currency::of("EUR")).size(), 2U);
  engine->erase<Interaction>(only.id, only.version);
  const auto eur = engine->purchase_population(Currency::of("EUR"));
  ASSERT_EQ(eur.size(), 1U);
  EXPECT_EQ(eur[0].customer_id, bob);
  EXPECT_EQ(engine->purchase_currencies(), (std::vector{std::pair(Currency::of("EUR"), std::size_t{1})}));
}

// The model the test keeps on the side: every live purchase, by id.
struct LivePurchase {
  Id customer;
  std::string currency;
  std::int64_t minor;
  Timestamp at;
};

std::map<std::pair<Id, std::string>, PurchaseStats> expected_stats(const std::map<Id, LivePurchase>& live) {
  std::map<std::pair<Id, std::string>, std::vector<LivePurchase>> grouped;
  for (const auto& [id, p] : live) grouped[{p.customer, p.currency}].push_back(p);
  std::map<std::pair<Id, std::string>, PurchaseStats> all;
  for (auto& [key, purchases] : grouped) {
    std::sort(purchases.begin(), purchases.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    PurchaseStats s{.customer_id = key.first, .currency = Currency::of(key.second)};
    std::vector<std::int64_t> days;
    for (const auto& p : purchases) {
      ++s.purchases;
      s.total_minor += p.minor;
      days.push_back(utc_day(p.at));
      if (utc_day(p.at) == utc_day(purchases.front().at)) s.first_day_minor += p.minor;
    }
    days.erase(std::unique(days.begin(), days.end()), days.end());
    s.purchase_days = static_cast<std::int64_t>(days.size());
    s.first_at = purchases.front().at;
    s.last_at = purchases.back().at;
    all[key] = s;
  }
  return all;
}

TEST_P(PurchaseStatsTest, RandomWritesErasesAndRollbacksAgreeWithARebuild) {
  std::mt19937_64 random(20261123);
  const auto pick = [&](std::int64_t n) { return std::uniform_int_distribution<std::int64_t>(0, n - 1)(random); };
  const std::vector<Id> customers{customer("A"), customer("B"), customer("C"), customer("D")};
  const std::array<std::string, 2> currencies{"EUR", "USD"};
  std::map<Id, LivePurchase> live;
  std::map<Id, Interaction> stored;
  const auto kept = [&] {
    std::map<std::pair<Id, std::string>, PurchaseStats> all;
    for (const Id c : customers)
      for (const auto& s : engine->purchase_stats(c)) all[{c, std::string(s.currency.code())}] = s;
    return all;
  };

  population();  // loaded now: from here on the commits keep it current
  for (int step = 0; step < 300; ++step) {
    const auto op = pick(10);
    const bool rolled_back = pick(8) == 0;
    auto tx = engine->transaction();
    auto next_live = live;
    auto next_stored = stored;
    if (op < 5 || stored.empty()) {  // a new purchase, or now and then a note
      const Id c = customers[static_cast<std::size_t>(pick(4))];
      if (pick(6) == 0) {
        engine->create(note(c, "note", at(static_cast<int>(pick(20)), static_cast<int>(pick(24)))));
      } else {
        const auto& cur = currencies[static_cast<std::size_t>(pick(2))];
        const auto p = buy(c, 1 + pick(5000), at(static_cast<int>(pick(20)), static_cast<int>(pick(24))), cur);
        next_stored[p.id] = p;
        next_live[p.id] = {c, cur, p.amount->minor, p.occurred_at};
      }
    } else {
      auto it = next_stored.begin();
      std::advance(it, pick(static_cast<std::int64_t>(next_stored.size())));
      Interaction p = it->second;
      if (op < 7) {
        engine->erase<Interaction>(p.id, p.version);
        next_stored.erase(p.id);
        next_live.erase(p.id);
      } else {
        p.customer_id = customers[static_cast<std::size_t>(pick(4))];
        p.occurred_at = at(static_cast<int>(pick(20)), static_cast<int>(pick(24)));
        p.amount->minor = 1 + pick(5000);
        p = engine->update(p);
        next_stored[p.id] = p;
        next_live[p.id] = {p.customer_id, std::string(p.amount->currency.code()), p.amount->minor, p.occurred_at};
      }
    }
    ASSERT_EQ(population(), expected_stats(next_live)) << "inside step " << step << ": its own writes";
    if (rolled_back) {
      tx.rollback();
    } else {
      tx.commit();
      live = std::move(next_live);
      stored = std::move(next_stored);
    }
    ASSERT_EQ(kept(), expected_stats(live)) << "after step " << step;
    ASSERT_EQ(population(), expected_stats(live)) << "after step " << step;
  }

  const auto report = engine->rebuild_purchase_stats();
  EXPECT_EQ(report.purchases, live.size());
  EXPECT_EQ(report.stats, kept().size());
  EXPECT_EQ(report.added + report.corrected + report.removed, 0U);
}

INSTANTIATE_TEST_SUITE_P(Backends, PurchaseStatsTest, testing::ValuesIn(all_backends()), backend_name);

// A file written before the statistics existed (simulated by removing them
// and their marker) gets them when an engine opens it; a rebuild mends
// statistics that differ from the history.
TEST(PurchaseStatsFile, BuiltOnOpenWhenMissingAndMendedByARebuild) {
  TempDir dir;
  const auto open_engine = [&] { return std::make_unique<Engine>(std::make_unique<SqliteStore>(dir / "crm.db")); };
  Id ann = 0;
  PurchaseStats expected;
  {
    auto engine = open_engine();
    ann = engine->create(Customer{.display_name = "Ann"}).id;
    Interaction p{.customer_id = ann, .kind = InteractionKind::purchase, .amount = Money::of(1234, "GBP")};
    engine->create(p);
    expected = engine->purchase_stats(ann).at(0);
  }
  {
    SqliteStore store(dir / "crm.db");
    for (const std::string_view collection : {"purchase_stats", "purchase_stats_built"})
      for (const auto& r : store.scan(Scan{.collection = std::string(collection)}).records)
        store.erase(collection, r.id, r.version);
  }
  auto engine = open_engine();
  ASSERT_EQ(engine->purchase_stats(ann).size(), 1U);
  EXPECT_EQ(engine->purchase_stats(ann)[0], expected);

  {  // spoil the stored total behind the engine's back
    SqliteStore store(dir / "crm.db");
    const auto r = store.scan(Scan{.collection = "purchase_stats"}).records.at(0);
    auto record = detail::decode<detail::PurchaseStatsRecord>(r);
    record.stats.total_minor = 1;
    store.update("purchase_stats", r.id, r.version, detail::record_write(record));
  }
  const auto report = engine->rebuild_purchase_stats();
  EXPECT_EQ(report.corrected, 1U);
  EXPECT_EQ(engine->purchase_stats(ann)[0], expected);
}

// Two engines on one file: each sees the other's commits at its next read,
// though it holds the population in memory.
TEST(PurchaseStatsFile, AnotherEnginesCommitsReachThePopulation) {
  TempDir dir;
  Engine till(std::make_unique<SqliteStore>(dir / "crm.db"));
  Engine office(std::make_unique<SqliteStore>(dir / "crm.db"));
  const auto buy = [](Engine& engine, Id customer, std::int64_t minor) {
    engine.create(Interaction{.customer_id = customer, .kind = InteractionKind::purchase,
                              .amount = Money::of(minor, "GBP")});
  };
  const Id ann = till.create(Customer{.display_name = "Ann"}).id;
  buy(till, ann, 100);
  const auto gbp = Currency::of("GBP");
  ASSERT_EQ(office.purchase_population(gbp).at(0).total_minor, 100);  // loaded here

  buy(till, ann, 250);
  EXPECT_EQ(office.purchase_population(gbp).at(0).total_minor, 350);
  const Id bob = office.create(Customer{.display_name = "Bob"}).id;
  buy(office, bob, 40);
  ASSERT_EQ(till.purchase_population(gbp).size(), 2U);
  EXPECT_EQ(till.purchase_population(gbp).at(1).total_minor, 40);
  buy(till, ann, 5);  // the till's own copy takes its commit; the office reloads
  EXPECT_EQ(till.purchase_population(gbp), office.purchase_population(gbp));
  EXPECT_EQ(office.purchase_population(gbp).at(0).total_minor, 355);
}

// The token is the last write of a purchase's transaction: when it fails
// the purchase is not stored and the population stays as it was.
TEST(PurchaseStatsFile, AFailedTokenWriteFailsThePurchaseAndChangesNothing) {
  auto faulty = std::make_unique<FaultyStore>(std::make_unique<MemoryStore>());
  FaultyStore& store = *faulty;
  Engine engine(std::move(faulty));
  const Id ann = engine.create(Customer{.display_name = "Ann"}).id;
  const Interaction sale{.customer_id = ann, .kind = InteractionKind::purchase, .amount = Money::of(100, "GBP")};
  engine.create(sale);
  const auto before = engine.purchase_population(Currency::of("GBP"));
  store.fail_write(3);  // the interaction, the statistics, then the token
  EXPECT_THROW(engine.create(sale), Error);
  EXPECT_EQ(engine.count<Interaction>(), 1U);
  EXPECT_EQ(engine.purchase_population(Currency::of("GBP")), before);
  EXPECT_EQ(engine.purchase_stats(ann).at(0), before.at(0));
  store.fail_write(0);
  engine.create(sale);
  EXPECT_EQ(engine.purchase_population(Currency::of("GBP")).at(0).total_minor, 200);
}

}  // namespace
}  // namespace crm::test
