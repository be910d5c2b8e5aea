// SPDX-License-Identifier: Apache-2.0
// The C API's customer analytics: purchase statistics, their rebuild, and the
// reports crm_report_json runs as "rfm", "value", "clv", "basket" and
// "segment", on small data sets whose results are worked out by hand in the
// comments. Everything goes through crm.h, as a C host would do it.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;

constexpr int64_t ms_per_day = 86'400'000;
// 2020-09-13T12:26:40Z: whole days after it fall on distinct UTC days.
constexpr int64_t base_ms = 1'600'000'000'000;
constexpr int64_t day(int64_t d) { return base_ms + d * ms_per_day; }

class CApiAnalyticsTest : public CApiTest {
 protected:
  // A stored customer from JSON (display_name, tags, attributes…); its id.
  int64_t add_from(const json& customer) {
    crm_customer* raw = nullptr;
    EXPECT_EQ(crm_customer_from_json(customer.dump().c_str(), &raw), CRM_OK) << message();
    Customer owned(raw);
    EXPECT_EQ(crm_customer_create(engine.get(), raw), CRM_OK) << message();
    return crm_customer_id(raw);
  }
  int64_t add(const std::string& name) { return add_from(json{{"display_name", name}}); }

  void log(const json& interaction) {
    crm_interaction* raw = nullptr;
    ASSERT_EQ(crm_interaction_from_json(interaction.dump().c_str(), &raw), CRM_OK) << message();
    Interaction owned(raw);
    ASSERT_EQ(crm_interaction_create(engine.get(), raw), CRM_OK) << message();
  }

  void buy(int64_t customer, int64_t minor, int64_t at, const char* currency = "EUR") {
    log({{"customer_id", customer},
         {"kind", "purchase"},
         {"channel", "pos"},
         {"occurred_at", at},
         {"amount", {{"minor", minor}, {"currency", currency}}}});
  }

  // A purchase of one of each SKU at 1.00 EUR; the engine sums the amount.
  void buy_items(int64_t customer, int64_t at, const std::vector<std::string>& skus) {
    json items = json::array();
    for (const auto& sku : skus)
      items.push_back({{"sku", sku}, {"quantity", 1}, {"unit_price", {{"minor", 100}, {"currency", "EUR"}}}});
    log({{"customer_id", customer}, {"kind", "purchase"}, {"occurred_at", at}, {"items", std::move(items)}});
  }

  json stats(int64_t customer) {
    char* raw = nullptr;
    EXPECT_EQ(crm_purchase_stats_json(engine.get(), customer, &raw), CRM_OK) << message();
    return take(raw);
  }

  json report(const char* name, const json& query) {
    char* raw = nullptr;
    EXPECT_EQ(crm_report_json(engine.get(), name, query.dump().c_str(), &raw), CRM_OK) << name << ": " << message();
    return take(raw);
  }

  // The customer ids of a segment page, in order.
  std::vector<int64_t> members(const json& query) {
    const json page = report("segment", query);
    std::vector<int64_t> ids;
    for (const auto& item : page["items"]) ids.push_back(item["customer_id"].get<int64_t>());
    return ids;
  }

  // The call fails with `status` and a message holding `text`; nothing comes out.
  void expect_refused(const char* name, const std::string& query, crm_status status, const std::string& text) {
    char* raw = nullptr;
    EXPECT_EQ(crm_report_json(engine.get(), name, query.c_str(), &raw), status) << name << " " << query;
    EXPECT_NE(message().find(text), std::string::npos) << name << " " << query << " -> " << message();
    EXPECT_EQ(raw, nullptr);
    crm_string_free(raw);
  }

  // Five customers who bought in EUR, as of day 1000 (the latest purchase):
  //
  //      purchases (days)          each   total  recency  R F M  segment         quadrant   stage
  //   c1 600 700 800 900 1000      1200    6000     0     5 5 5  champions       best       mature
  //   c2 930 950 970 990            500    2000    10     4 4 2  loyal           frequent   new
  //   c3 700 800 900               1000    3000   100     3 3 3  need attention  uncertain  growing
  //   c4 100 150                   2000    4000   850     1 2 4  lost            spender    churned
  //   c5 800                        800     800   200     2 1 1  hibernating     uncertain  declining
  //
  // Five distinct values per dimension: each customer's score is its rank, and
  // the cuts are the four worst values. Value matrix medians: 3 purchases and
  // 1000 a purchase, "high" strictly above. Lifecycle (new within 90 days of
  // the first purchase, churned after 365 days, mature at 5 purchases):
  // c1 is 400 days old with a purchase today; c2 started 70 days ago; c3
  // bought 100 days ago, within twice its 100-day gap, 3 purchases; c4 has
  // been away 850 days; c5 bought once, 200 days ago.
  //
  // c6 bought only in GBP, c7 nothing: neither is in the EUR population.
  void add_five() {
    c1 = add_from(json{{"display_name", "c1"}, {"tags", {"VIP"}}, {"attributes", {{"region", "north"}, {"level", 3}}}});
    c2 = add("c2");
    c3 = add_from(json{{"display_name", "c3"}, {"tags", {"vip", "newsletter"}}, {"attributes", {{"region", "north"}}}});
    c4 = add("c4");
    c5 = add_from(json{{"display_name", "c5"}, {"attributes", {{"region", "south"}, {"catalogue", true}}}});
    c6 = add("c6");
    c7 = add("c7");
    for (int d : {600, 700, 800, 900, 1000}) buy(c1, 1200, day(d));
    for (int d : {930, 950, 970, 990}) buy(c2, 500, day(d));
    for (int d : {700, 800, 900}) buy(c3, 1000, day(d));
    for (int d : {100, 150}) buy(c4, 2000, day(d));
    buy(c5, 800, day(800));
    buy(c6, 300, day(500), "GBP");
  }

  int64_t c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
};

json stats_of(int64_t id, const char* currency, int64_t purchases, int64_t days, int64_t total, int64_t first_day,
              double average, int64_t first_at, int64_t last_at) {
  return {{"customer_id", id},        {"currency", currency},     {"purchases", purchases},
          {"purchase_days", days},    {"total_minor", total},     {"first_day_minor", first_day},
          {"average_minor", average}, {"first_at", first_at},     {"last_at", last_at}};
}

// --- purchase statistics ------------------------------------------------------

TEST_F(CApiAnalyticsTest, PurchaseStatsSumACustomersPurchasesPerCurrency) {
  const int64_t ada = add("Ada");
  buy(ada, 1000, day(0));
  buy(ada, 500, day(0) + 3 * 3'600'000);  // the same UTC day: one purchase day
  buy(ada, 2500, day(3));
  buy(ada, 700, day(1), "GBP");
  log({{"customer_id", ada}, {"kind", "refund"}, {"occurred_at", day(4)},
       {"amount", {{"minor", 500}, {"currency", "EUR"}}}});  // refunds are not netted off
  log({{"customer_id", ada}, {"kind", "call"}, {"occurred_at", day(5)}});

  EXPECT_EQ(stats(ada), json::array({stats_of(ada, "EUR", 3, 2, 4000, 1500, 4000.0 / 3, day(0), day(3)),
                                     stats_of(ada, "GBP", 1, 1, 700, 700, 700.0, day(1), day(1))}));
}

TEST_F(CApiAnalyticsTest, PurchaseStatsOfACustomerWhoBoughtNothingAreEmpty) {
  const int64_t ada = add("Ada");
  EXPECT_EQ(stats(ada), json::array());
}

TEST_F(CApiAnalyticsTest, PurchaseStatsOfAnUnknownCustomerAreNotFound) {
  char* raw = nullptr;
  EXPECT_EQ(crm_purchase_stats_json(engine.get(), 4242, &raw), CRM_NOT_FOUND);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(crm_purchase_stats_json(engine.get(), 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("customer id 0 is not positive"), std::string::npos) << message();
  EXPECT_EQ(crm_purchase_stats_json(engine.get(), add("Ada"), nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("out_json is NULL"), std::string::npos) << message();
  EXPECT_EQ(crm_purchase_stats_json(nullptr, 1, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
}

TEST_F(CApiAnalyticsTest, RebuildFindsNothingToMend) {
  add_five();
  char* raw = nullptr;
  ASSERT_EQ(crm_purchase_stats_rebuild_json(engine.get(), &raw), CRM_OK) << message();
  // 15 purchases in EUR and 1 in GBP; one statistic per customer who bought.
  EXPECT_EQ(take(raw), json({{"purchases", 16}, {"stats", 6}, {"added", 0}, {"corrected", 0}, {"removed", 0}}));
  EXPECT_EQ(crm_purchase_stats_rebuild_json(engine.get(), nullptr), CRM_OK) << message();  // the report is optional
  EXPECT_EQ(stats(c1)[0]["total_minor"], 6000);
}

TEST_F(CApiAnalyticsTest, AClosedEngineGivesNoStatistics) {
  ASSERT_EQ(crm_engine_close(engine.get()), CRM_OK);
  char* raw = nullptr;
  EXPECT_EQ(crm_purchase_stats_json(engine.get(), 1, &raw), CRM_CLOSED);
  EXPECT_EQ(crm_purchase_stats_rebuild_json(engine.get(), &raw), CRM_CLOSED);
  EXPECT_EQ(crm_report_json(engine.get(), "rfm", nullptr, &raw), CRM_CLOSED);
  EXPECT_EQ(raw, nullptr);
}

// --- RFM ------------------------------------------------------------------------

json segment_counts(const std::vector<std::pair<const char*, int>>& counts) {
  json segments = json::array();
  for (const auto& [name, customers] : counts) segments.push_back({{"name", name}, {"customers", customers}});
  return segments;
}

TEST_F(CApiAnalyticsTest, RfmScoresTheMostCommonCurrencyAsOfTheLatestPurchase) {
  add_five();
  const json expected = {
      {"currency", "EUR"},
      {"as_of", day(1000)},
      {"scores", 5},
      {"customers", 5},
      {"cuts",
       {{"recency_ms", {850 * ms_per_day, 200 * ms_per_day, 100 * ms_per_day, 10 * ms_per_day}},
        {"frequency", {1, 2, 3, 4}},
        {"monetary_minor", {800, 2000, 3000, 4000}}}},
      {"segments", segment_counts({{"champions", 1},
                                   {"loyal", 1},
                                   {"potential loyalist", 0},
                                   {"new", 0},
                                   {"promising", 0},
                                   {"need attention", 1},
                                   {"about to sleep", 0},
                                   {"at risk", 0},
                                   {"can't lose", 0},
                                   {"hibernating", 1},
                                   {"lost", 1}})},
      {"score_counts", {{"r", {1, 1, 1, 1, 1}}, {"f", {1, 1, 1, 1, 1}}, {"m", {1, 1, 1, 1, 1}}}}};
  EXPECT_EQ(report("rfm", json::object()), expected);
  char* raw = nullptr;
  ASSERT_EQ(crm_report_json(engine.get(), "rfm", nullptr, &raw), CRM_OK) << message();  // NULL reads as {}
  EXPECT_EQ(take(raw), expected);
  EXPECT_EQ(report("rfm", {{"currency", "EUR"}}), expected);
}

TEST_F(CApiAnalyticsTest, RfmTakesAsOfAndScores) {
  add_five();
  const json later = report("rfm", {{"as_of", day(1100)}});  // every recency 100 days longer
  EXPECT_EQ(later["as_of"], day(1100));
  EXPECT_EQ(later["cuts"]["recency_ms"], json({950 * ms_per_day, 300 * ms_per_day, 200 * ms_per_day, 110 * ms_per_day}));
  EXPECT_EQ(later["segments"], report("rfm", json::object())["segments"]);

  // Three scores: the cuts are the 2nd and 4th worst values (ceil(5k/3) - 1 =
  // 1, 3), and the default table, written for five scores, does not apply.
  const json three = report("rfm", {{"scores", 3}});
  EXPECT_EQ(three["scores"], 3);
  EXPECT_EQ(three["cuts"], json({{"recency_ms", {200 * ms_per_day, 10 * ms_per_day}},
                                 {"frequency", {2, 4}},
                                 {"monetary_minor", {2000, 4000}}}));
  EXPECT_EQ(three["score_counts"], json({{"r", {2, 2, 1}}, {"f", {2, 2, 1}}, {"m", {2, 2, 1}}}));
  EXPECT_EQ(three["segments"], segment_counts({{"", 5}}));

  const json gbp = report("rfm", {{"currency", "GBP"}});
  EXPECT_EQ(gbp["currency"], "GBP");
  EXPECT_EQ(gbp["customers"], 1);
  EXPECT_EQ(gbp["as_of"], day(500));
}

TEST_F(CApiAnalyticsTest, RfmNamesSegmentsByTheTableGiven) {
  add_five();
  const json table = json::parse(R"([{"name": "top", "r": [4, 5], "f": [4, 5]},
                                     {"name": "rest", "r": [1, 5], "f": [1, 5], "m": [1, 5]}])");
  EXPECT_EQ(report("rfm", {{"segments", table}})["segments"], segment_counts({{"top", 2}, {"rest", 3}}));
  // With three scores the ranges must fit 1..3.
  const json small = json::parse(R"([{"name": "best", "r": [3, 3], "f": [2, 3]}])");
  EXPECT_EQ(report("rfm", {{"scores", 3}, {"segments", small}})["segments"],
            segment_counts({{"best", 1}, {"", 4}}));  // only c1 is R3 and F>=2
}

// --- the value matrix -------------------------------------------------------------

TEST_F(CApiAnalyticsTest, ValueSplitsAtTheMediansAndCountsLifecycleStages) {
  add_five();
  const json expected = {
      {"currency", "EUR"},
      {"as_of", day(1000)},
      {"customers", 5},
      {"thresholds", {{"frequency", 3.0}, {"average_spend_minor", 1000.0}}},
      {"quadrants",
       {{{"quadrant", "best"}, {"customers", 1}, {"total_minor", 6000}},
        {{"quadrant", "frequent"}, {"customers", 1}, {"total_minor", 2000}},
        {{"quadrant", "spender"}, {"customers", 1}, {"total_minor", 4000}},
        {{"quadrant", "uncertain"}, {"customers", 2}, {"total_minor", 3800}}}},
      {"stages",
       {{{"stage", "new"}, {"customers", 1}},
        {{"stage", "growing"}, {"customers", 1}},
        {{"stage", "mature"}, {"customers", 1}},
        {{"stage", "declining"}, {"customers", 1}},
        {{"stage", "churned"}, {"customers", 1}}}}};
  EXPECT_EQ(report("value", json::object()), expected);
}

TEST_F(CApiAnalyticsTest, ValueTakesThresholdsAndLifecycleOptions) {
  add_five();
  // Above 1.5 purchases and 900 a purchase: c1, c3 and c4 are best, c2
  // frequent (500 a purchase), c5 uncertain.
  const json split = report("value", {{"frequency_threshold", 1.5}, {"spend_threshold_minor", 900}});
  EXPECT_EQ(split["thresholds"], json({{"frequency", 1.5}, {"average_spend_minor", 900.0}}));
  EXPECT_EQ(split["quadrants"][0], json({{"quadrant", "best"}, {"customers", 3}, {"total_minor", 13000}}));
  EXPECT_EQ(split["quadrants"][1], json({{"quadrant", "frequent"}, {"customers", 1}, {"total_minor", 2000}}));
  EXPECT_EQ(split["quadrants"][2], json({{"quadrant", "spender"}, {"customers", 0}, {"total_minor", 0}}));
  EXPECT_EQ(split["quadrants"][3], json({{"quadrant", "uncertain"}, {"customers", 1}, {"total_minor", 800}}));

  // Churned after 150 days: c5 (200 days) joins c4. Mature at 3 purchases: c3.
  const json stages = report("value", {{"churned_after_days", 150}, {"mature_purchases", 3}})["stages"];
  EXPECT_EQ(stages, json::parse(R"([{"stage": "new", "customers": 1}, {"stage": "growing", "customers": 0},
                                    {"stage": "mature", "customers": 2}, {"stage": "declining", "customers": 0},
                                    {"stage": "churned", "customers": 2}])"));
  // New within 60 days: c2's first purchase, 70 days ago, no longer is; it
  // bought 10 days ago against a 20-day gap, 4 purchases: growing.
  const json later = report("value", {{"new_within_days", 60}, {"declining_gap_factor", 1.0}})["stages"];
  EXPECT_EQ(later[0], json({{"stage", "new"}, {"customers", 0}}));
  EXPECT_EQ(later[1], json({{"stage", "growing"}, {"customers", 2}}));
}

// --- market basket ----------------------------------------------------------------

// Five baskets: count(bread) = 4, milk 4, eggs 2, {bread, milk} 3,
// {bread, eggs} 2, {milk, eggs} 1. At min_support 0.4 (2 baskets) the pairs
// {bread, milk} and {bread, eggs} are frequent; their rules, best lift first:
//   eggs -> bread   support 2/5  confidence 2/2  lift 5*2/(2*4) = 1.25
//   bread -> eggs   support 2/5  confidence 2/4  lift 1.25
//   bread -> milk   support 3/5  confidence 3/4  lift 5*3/(4*4) = 0.9375
//   milk -> bread   support 3/5  confidence 3/4  lift 0.9375
class CApiBasketTest : public CApiAnalyticsTest {
 protected:
  void SetUp() override {
    CApiAnalyticsTest::SetUp();
    const int64_t ada = add("Ada");
    buy_items(ada, day(1), {"bread", "milk"});
    buy_items(ada, day(2), {"bread", "milk", "eggs"});
    buy_items(ada, day(3), {"eggs", "bread"});
    buy_items(ada, day(4), {"milk"});
    buy_items(ada, day(5), {"bread", "milk", "milk"});  // an item named twice counts once
    buy(ada, 999, day(6));                              // no line items: no basket
  }
};

json rule(std::vector<std::string> antecedent, std::vector<std::string> consequent, int baskets, double support,
          double confidence, double lift) {
  return {{"antecedent", antecedent}, {"consequent", consequent}, {"baskets", baskets},
          {"support", support},       {"confidence", confidence}, {"lift", lift}};
}

TEST_F(CApiBasketTest, FindsTheRulesWithTheirSupportConfidenceAndLift) {
  const json expected = {{"baskets", 5},
                         {"items", 3},
                         {"itemsets", 5},  // bread, milk, eggs, {bread, milk}, {bread, eggs}
                         {"rules",
                          {rule({"eggs"}, {"bread"}, 2, 0.4, 1.0, 1.25), rule({"bread"}, {"eggs"}, 2, 0.4, 0.5, 1.25),
                           rule({"bread"}, {"milk"}, 3, 0.6, 0.75, 0.9375),
                           rule({"milk"}, {"bread"}, 3, 0.6, 0.75, 0.9375)}},
                         {"rules_found", 4},
                         {"truncated", false},  // a small case is well within the budgets
                         {"stopped_by", nullptr}};
  EXPECT_EQ(report("basket", {{"min_support", 0.4}, {"min_confidence", 0.5}, {"max_itemset", 2}}), expected);
}

TEST_F(CApiBasketTest, KeepsToTheWindowConfidenceAndMaxRules) {
  const json best = report("basket", {{"min_support", 0.4}, {"max_rules", 1}});
  EXPECT_EQ(best["rules"], json::array({rule({"eggs"}, {"bread"}, 2, 0.4, 1.0, 1.25)}));
  const json sure = report("basket", {{"min_support", 0.4}, {"min_confidence", 0.8}});
  EXPECT_EQ(sure["rules"].size(), 1U);  // only eggs -> bread reaches 0.8
  // Days 2 and 3, [from, to): two baskets, both with bread and eggs.
  const json window = report("basket", {{"min_support", 1.0}, {"from", day(2)}, {"to", day(4)}});
  EXPECT_EQ(window["baskets"], 2);
  EXPECT_EQ(window["rules"], json::array({rule({"bread"}, {"eggs"}, 2, 1.0, 1.0, 1.0),
                                          rule({"eggs"}, {"bread"}, 2, 1.0, 1.0, 1.0)}));
  EXPECT_EQ(report("basket", {{"from", day(100)}})["baskets"], 0);
}

// The issue's shape: 50 purchases of the same 13 products. Every one of the
// 2^13 - 1 = 8,191 subsets is frequent (in all 50 baskets), and splitting
// them gives 3^13 - 2^14 + 1 = 1,577,940 rules, each of confidence 1 and lift
// 1. Asked for every itemset up to 16 items and every rule (max_rules 0), the
// miner once built them all (1.4 GB and 12.5 s for 12 products; SIGABRT for
// 13 under a 2 GB limit). Now it stops at its budget of rule candidates and
// says so, and max_rules 0 means the cap, 10,000.
class CApiBasketBudgetTest : public CApiAnalyticsTest {
 protected:
  void SetUp() override {
    CApiAnalyticsTest::SetUp();
    const int64_t ada = add("Ada");
    std::vector<std::string> products;
    for (int p = 0; p < 13; ++p) products.push_back("P" + std::to_string(p));
    for (int b = 0; b < 50; ++b) buy_items(ada, day(b), products);
  }
};

TEST_F(CApiBasketBudgetTest, IssueShapeStopsAtTheRuleCandidateBudgetAndSaysSo) {
  const json result = report("basket", {{"max_itemset", 16}, {"max_rules", 0}});
  EXPECT_EQ(result["baskets"], 50);
  EXPECT_EQ(result["itemsets"], 8191);  // within the itemset budget: every one was mined
  EXPECT_EQ(result["truncated"], true);
  EXPECT_EQ(result["stopped_by"], "max_rule_candidates");
  EXPECT_EQ(result["rules"].size(), 10000U);  // max_rules 0: the cap
  EXPECT_GE(result["rules_found"].get<int64_t>(), 10000);
  EXPECT_LE(result["rules_found"].get<int64_t>(), 1'000'000);  // the default budget of candidates
}

TEST_F(CApiBasketBudgetTest, TheItemsetBudgetStopsMiningAndSaysSo) {
  const json result = report("basket", {{"max_itemset", 16}, {"max_itemsets", 100}});
  EXPECT_EQ(result["itemsets"], 100);
  EXPECT_EQ(result["truncated"], true);
  EXPECT_EQ(result["stopped_by"], "max_itemsets");
}

TEST_F(CApiBasketBudgetTest, WhatFitsTheBudgetsIsCompleteAndMaxRulesOnlyCutsTheList) {
  // Itemsets of up to 4 of the 13 products: 13 + 78 + 286 + 715 = 1,092,
  // split 2*78 + 6*286 + 14*715 = 11,882 ways; all of it fits.
  const json all = report("basket", {{"max_itemset", 4}, {"max_rules", 0}});
  EXPECT_EQ(all["truncated"], false);
  EXPECT_EQ(all["stopped_by"], nullptr);
  EXPECT_EQ(all["itemsets"], 1092);
  EXPECT_EQ(all["rules_found"], 11882);
  EXPECT_EQ(all["rules"].size(), 10000U);
  // A smaller budget of candidates stops it; max_rules cuts what it keeps.
  const json some = report("basket", {{"max_itemset", 4}, {"max_rule_candidates", 1000}, {"max_rules", 5}});
  EXPECT_EQ(some["truncated"], true);
  EXPECT_EQ(some["stopped_by"], "max_rule_candidates");
  EXPECT_LE(some["rules_found"].get<int64_t>(), 1000);
  EXPECT_EQ(some["rules"].size(), 5U);
}

// --- customer lifetime value -----------------------------------------------------

// 200 customers from a seeded generator (std::mt19937's output is fixed by
// the standard) who buy as BG/NBD assumes: from a first purchase in the first
// 180 days, each buys every 1..2g days (g, their mean gap, is 7..66 days)
// until day 365, dropping out after each purchase with their own probability
// (10..59 %); each spends around their own mean (8.00..79.99) +-50 %.
class CApiClvTest : public CApiAnalyticsTest {
 protected:
  void SetUp() override {
    CApiAnalyticsTest::SetUp();
    std::mt19937 rng(20240611);
    crm_transaction* raw = nullptr;
    ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK) << message();
    Transaction transaction(raw);
    for (int i = 0; i < customers; ++i) {
      const int64_t id = add("customer " + std::to_string(i));
      const auto mean_gap = 7 + static_cast<int64_t>(rng() % 60);
      const auto dropout = 10 + rng() % 50;
      const auto spend = 800 + static_cast<int64_t>(rng() % 7200);
      int purchases = 0;
      for (auto d = static_cast<int64_t>(rng() % 180);;) {
        buy(id, spend / 2 + static_cast<int64_t>(rng() % static_cast<uint64_t>(spend)), day(d));
        latest = std::max(latest, day(d));
        ++purchases;
        d += 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(2 * mean_gap));
        if (d >= 365 || rng() % 100 < dropout) break;
      }
      if (purchases > 1) ++repeat_customers;  // a day apart at least: repeat purchase days
    }
    ASSERT_EQ(crm_transaction_commit(raw), CRM_OK) << message();
  }

  static constexpr int customers = 200;
  int repeat_customers = 0;
  int64_t latest = 0;
};

void expect_fit(const json& fit, const std::vector<const char*>& params) {
  for (const char* p : params) {
    ASSERT_TRUE(fit[p].is_number()) << p << " in " << fit;
    EXPECT_GT(fit[p].get<double>(), 0) << p;
    EXPECT_TRUE(std::isfinite(fit[p].get<double>())) << p;
  }
  EXPECT_TRUE(std::isfinite(fit["log_likelihood"].get<double>()));
  EXPECT_GT(fit["iterations"].get<int>(), 0);
  EXPECT_EQ(fit["converged"], true) << fit;
}

TEST_F(CApiClvTest, FitsTheModelsAndValuesEveryCustomer) {
  const json clv = report("clv", json::object());
  EXPECT_EQ(clv["currency"], "EUR");
  EXPECT_EQ(clv["as_of"], latest);
  EXPECT_EQ(clv["period_days"], 7.0);
  EXPECT_EQ(clv["horizon_periods"], 52);
  EXPECT_EQ(clv["discount_rate"], 0.0);
  EXPECT_EQ(clv["margin"], 1.0);
  EXPECT_EQ(clv["customers"], customers);
  EXPECT_EQ(clv["repeat_customers"], repeat_customers);
  EXPECT_GT(repeat_customers, customers / 2);
  expect_fit(clv["bg_nbd"], {"r", "alpha", "a", "b"});
  EXPECT_EQ(clv["bg_nbd"]["customers"], customers);
  expect_fit(clv["gamma_gamma"], {"p", "q", "gamma_minor"});
  EXPECT_EQ(clv["gamma_gamma"]["customers"], repeat_customers);
  // The population's mean spend per purchase, p gamma / (q - 1), is near the
  // generator's: 8.00..79.99 a customer, 44.00 on average.
  const json& gg = clv["gamma_gamma"];
  const double mean_spend = gg["p"].get<double>() * gg["gamma_minor"].get<double>() / (gg["q"].get<double>() - 1);
  EXPECT_GT(mean_spend, 3000);
  EXPECT_LT(mean_spend, 6000);

  int banded = 0;
  for (const auto& band : clv["churn_risk_bands"]) banded += band.get<int>();
  EXPECT_EQ(clv["churn_risk_bands"].size(), 5U);
  EXPECT_EQ(banded, customers);

  const json& top = clv["top"];
  ASSERT_EQ(top.size(), 20U);
  double listed = 0, previous = INFINITY;
  for (const auto& c : top) {
    const double value = c["clv_minor"].get<double>();
    EXPECT_LE(value, previous) << "highest CLV first";
    EXPECT_GT(value, 0);
    previous = value;
    listed += value;
    EXPECT_GE(c["p_alive"].get<double>(), 0);
    EXPECT_LE(c["p_alive"].get<double>(), 1);
    EXPECT_DOUBLE_EQ(c["churn_risk"].get<double>(), 1 - c["p_alive"].get<double>());
    EXPECT_GT(c["expected_purchases"].get<double>(), 0);
    EXPECT_GT(c["expected_average_spend_minor"].get<double>(), 400);
    EXPECT_LT(c["expected_average_spend_minor"].get<double>(), 12'000);
    EXPECT_GE(c["frequency"].get<double>(), 0);
    EXPECT_LE(c["recency"].get<double>(), c["age"].get<double>());
  }
  EXPECT_GT(clv["total_clv_minor"].get<double>(), listed);
}

TEST_F(CApiClvTest, MeasuresTimeInPeriodsOfTheDaysGiven) {
  // In days instead of weeks only the purchase rate's scale alpha changes,
  // seven-fold; r, a and b describe the population whatever the unit.
  const json weeks = report("clv", json::object())["bg_nbd"];
  const json days = report("clv", {{"period_days", 1}})["bg_nbd"];
  EXPECT_NEAR(days["alpha"].get<double>() / weeks["alpha"].get<double>(), 7.0, 0.07);
  for (const char* p : {"r", "a", "b"})
    EXPECT_NEAR(days[p].get<double>() / weeks[p].get<double>(), 1.0, 0.01) << p;
}

TEST_F(CApiClvTest, TakesHorizonDiscountMarginTopAndAsOf) {
  const json base = report("clv", json::object());
  const json clv = report("clv", {{"period_days", 1},
                                  {"horizon_periods", 30},
                                  {"discount_rate", 0.01},
                                  {"margin", 0.25},
                                  {"top", 3},
                                  {"as_of", latest + 10 * ms_per_day}});
  EXPECT_EQ(clv["period_days"], 1.0);
  EXPECT_EQ(clv["horizon_periods"], 30);
  EXPECT_EQ(clv["discount_rate"], 0.01);
  EXPECT_EQ(clv["margin"], 0.25);
  EXPECT_EQ(clv["as_of"], latest + 10 * ms_per_day);
  EXPECT_EQ(clv["top"].size(), 3U);
  // A quarter of the margin over 30 days instead of 52 weeks: far less value.
  EXPECT_LT(clv["total_clv_minor"].get<double>(), base["total_clv_minor"].get<double>() / 4);
  EXPECT_EQ(report("clv", {{"top", 0}})["top"], json::array());
}

TEST_F(CApiAnalyticsTest, ClvNeedsTwoCustomersWhoCameBack) {
  const int64_t ada = add("Ada");
  buy(ada, 1000, day(1));
  buy(ada, 1000, day(9));
  buy(add("Bob"), 1000, day(5));
  expect_refused("clv", "{}", CRM_INVALID_ARGUMENT,
                 "1 customers with repeat purchases and positive spend: need at least 2");
}

// --- segments -----------------------------------------------------------------------

TEST_F(CApiAnalyticsTest, SegmentListsEachCustomerWithScoresQuadrantAndStage) {
  add_five();
  const json page = report("segment", json::object());
  EXPECT_EQ(page["next_cursor"], "");
  ASSERT_EQ(page["items"].size(), 5U);
  auto item = [](json stats, int r, int f, int m, const char* segment, const char* quadrant, const char* stage) {
    stats["r"] = r;
    stats["f"] = f;
    stats["m"] = m;
    stats["segment"] = segment;
    stats["quadrant"] = quadrant;
    stats["stage"] = stage;
    return stats;
  };
  EXPECT_EQ(page["items"][0], item(stats_of(c1, "EUR", 5, 5, 6000, 1200, 1200.0, day(600), day(1000)), 5, 5, 5,
                                   "champions", "best", "mature"));
  EXPECT_EQ(page["items"][1], item(stats_of(c2, "EUR", 4, 4, 2000, 500, 500.0, day(930), day(990)), 4, 4, 2,
                                   "loyal", "frequent", "new"));
  EXPECT_EQ(page["items"][2], item(stats_of(c3, "EUR", 3, 3, 3000, 1000, 1000.0, day(700), day(900)), 3, 3, 3,
                                   "need attention", "uncertain", "growing"));
  EXPECT_EQ(page["items"][3], item(stats_of(c4, "EUR", 2, 2, 4000, 2000, 2000.0, day(100), day(150)), 1, 2, 4,
                                   "lost", "spender", "churned"));
  EXPECT_EQ(page["items"][4], item(stats_of(c5, "EUR", 1, 1, 800, 800, 800.0, day(800), day(800)), 2, 1, 1,
                                   "hibernating", "uncertain", "declining"));
  EXPECT_EQ(members({{"currency", "GBP"}}), std::vector<int64_t>{c6});
}

TEST_F(CApiAnalyticsTest, SegmentFiltersOnStatisticsScoresQuadrantsAndStages) {
  add_five();
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(members({{"segments", {"champions", "lost"}}}), (Ids{c1, c4}));
  EXPECT_EQ(members({{"segments", json::array()}}).size(), 5U);  // an empty list filters nothing
  EXPECT_EQ(members({{"quadrants", {"uncertain"}}}), (Ids{c3, c5}));
  EXPECT_EQ(members({{"stages", {"new", "churned"}}}), (Ids{c2, c4}));
  EXPECT_EQ(members({{"quadrants", {"uncertain"}}, {"stages", {"declining"}}}), (Ids{c5}));
  EXPECT_EQ(members({{"r", {4, 5}}}), (Ids{c1, c2}));
  EXPECT_EQ(members({{"m", {4, 5}}}), (Ids{c1, c4}));
  EXPECT_EQ(members({{"r", {1, 1}}, {"f", {1, 2}}}), (Ids{c4}));
  EXPECT_EQ(members({{"min_purchases", 2}, {"max_purchases", 4}}), (Ids{c2, c3, c4}));
  EXPECT_EQ(members({{"min_total_minor", 3000}}), (Ids{c1, c3, c4}));
  EXPECT_EQ(members({{"max_total_minor", 2000}}), (Ids{c2, c5}));
  EXPECT_EQ(members({{"last_purchase_from", day(900)}, {"last_purchase_to", day(1000)}}), (Ids{c2, c3}));
  // Options change the measures the filters see: churned after 150 days.
  EXPECT_EQ(members({{"stages", {"churned"}}, {"churned_after_days", 150}}), (Ids{c4, c5}));
  EXPECT_EQ(members({{"quadrants", {"best"}}, {"frequency_threshold", 1.5}, {"spend_threshold_minor", 900}}),
            (Ids{c1, c3, c4}));
  EXPECT_EQ(members({{"scores", 3}, {"r", {3, 3}}}), (Ids{c1}));
  EXPECT_EQ(members({{"segments", {"top"}}, {"rfm_segments", {{{"name", "top"}, {"r", {4, 5}}, {"f", {4, 5}}}}}}),
            (Ids{c1, c2}));
  EXPECT_EQ(members({{"as_of", day(1300)}, {"stages", {"churned"}}}), (Ids{c3, c4, c5}));  // over 365 days away
}

TEST_F(CApiAnalyticsTest, SegmentFiltersOnTagsAndAttributes) {
  add_five();
  using Ids = std::vector<int64_t>;
  EXPECT_EQ(members({{"tags", {"vip"}}}), (Ids{c1, c3}));  // tags compare in any case
  EXPECT_EQ(members({{"tags", {"Vip", "newsletter"}}}), (Ids{c3}));
  EXPECT_EQ(members({{"attributes", {{"region", "north"}}}}), (Ids{c1, c3}));
  EXPECT_EQ(members({{"attributes", {{"region", "north"}, {"level", 3}}}}), (Ids{c1}));
  EXPECT_EQ(members({{"attributes", {{"catalogue", true}}}}), (Ids{c5}));
  EXPECT_EQ(members({{"attributes", {{"region", "west"}}}}), Ids{});
  EXPECT_EQ(members({{"tags", {"vip"}}, {"segments", {"need attention"}}}), (Ids{c3}));
}

TEST_F(CApiAnalyticsTest, SegmentPagesWithACursor) {
  add_five();
  json page = report("segment", {{"limit", 2}});
  EXPECT_EQ(page["items"].size(), 2U);
  EXPECT_EQ(page["items"][0]["customer_id"], c1);
  EXPECT_EQ(page["next_cursor"], std::to_string(c2));
  page = report("segment", {{"limit", 2}, {"cursor", page["next_cursor"]}});
  EXPECT_EQ(page["items"][0]["customer_id"], c3);
  EXPECT_EQ(page["items"][1]["customer_id"], c4);
  page = report("segment", {{"limit", 2}, {"cursor", page["next_cursor"]}});
  ASSERT_EQ(page["items"].size(), 1U);
  EXPECT_EQ(page["items"][0]["customer_id"], c5);
  EXPECT_EQ(page["next_cursor"], "");

  // A filtered listing pages over the customers who pass.
  page = report("segment", {{"limit", 1}, {"quadrants", {"uncertain"}}});
  EXPECT_EQ(page["items"][0]["customer_id"], c3);
  page = report("segment", {{"limit", 1}, {"quadrants", {"uncertain"}}, {"cursor", page["next_cursor"]}});
  EXPECT_EQ(page["items"][0]["customer_id"], c5);
  EXPECT_EQ(page["next_cursor"], "");
}

// --- refusals -------------------------------------------------------------------------

TEST_F(CApiAnalyticsTest, BadQueriesAreRefusedNamingTheKey) {
  add_five();
  const auto refused = [&](const char* name, const std::string& query, const std::string& text) {
    expect_refused(name, query, CRM_INVALID_ARGUMENT, text);
  };
  refused("rfm", "{", "rfm query: not valid JSON");
  refused("rfm", "[]", "rfm query: expected an object");
  refused("rfm", R"({"score": 5})", "rfm query: unknown key 'score'");
  refused("rfm", R"({"scores": "5"})", "rfm query.scores: expected an integer, not a string");
  refused("rfm", R"({"scores": 12})", "rfm query.scores: expected an integer in 2..9, not 12");
  refused("rfm", R"({"currency": "euro"})", "rfm query.currency: currency 'euro': not an ISO 4217 code");
  refused("rfm", R"({"currency": 978})", "rfm query.currency: expected a string");
  // The as_of rule and the bounds below are the library's (measured_at,
  // clv_max_horizon_periods, max_span), refused naming the query's key.
  refused("rfm", R"({"as_of": 0})", "rfm query.as_of: 1970-01-01T00:00:00.000Z is the epoch");
  refused("rfm", R"({"as_of": )" + std::to_string(day(999)) + "}",
          "rfm query.as_of: 2023-06-09T12:26:40.000Z is before the latest purchase in EUR (2023-06-10T12:26:40.000Z)");
  refused("value", R"({"as_of": )" + std::to_string(day(999)) + "}",
          "value query.as_of: 2023-06-09T12:26:40.000Z is before the latest purchase in EUR");
  refused("clv", R"({"as_of": )" + std::to_string(day(999)) + "}",
          "clv query.as_of: 2023-06-09T12:26:40.000Z is before the latest purchase in EUR");
  refused("rfm", R"({"segments": {"name": "x"}})", "rfm query.segments: expected an array, not an object");
  refused("rfm", R"({"segments": [{"name": "x", "r": [1, 9], "f": [1, 5]}]})", "rfm query.segments: rfm segments[0]");
  refused("value", R"({"new_within_days": 400})",
          "value query.new_within_days: new_within_days 400 must be less than churned_after_days 365");
  refused("value", R"({"churned_after_days": 30})", "value query.churned_after_days: new_within_days 90");
  refused("value", R"({"new_within_days": -1})", "value query.new_within_days: expected days in (0, 1000000], not -1");
  refused("value", R"({"mature_purchases": 1})", "value query.mature_purchases: must be 2 or more, not 1");
  refused("value", R"({"declining_gap_factor": 0.5})", "value query.declining_gap_factor: must be 1 or more, not 0.5");
  refused("value", R"({"frequency_threshold": "3"})", "value query.frequency_threshold: expected a number");
  refused("value", R"({"scores": 5})", "value query: unknown key 'scores'");
  refused("clv", R"({"margin": 0})", "clv query.margin: 0 is outside (0, 1]");
  refused("clv", R"({"discount_rate": -0.1})", "clv query.discount_rate: must be 0 or more, not -0.1");
  refused("clv", R"({"horizon_periods": 0})", "clv query.horizon_periods: expected an integer in 1..10000, not 0");
  refused("clv", R"({"horizon_periods": 10001})",
          "clv query.horizon_periods: expected an integer in 1..10000, not 10001");
  refused("clv", R"({"horizon_periods": 1000000000})",
          "clv query.horizon_periods: expected an integer in 1..10000, not 1000000000");
  refused("clv", R"({"period_days": 0})", "clv query.period_days: expected days in (0, 1000000], not 0");
  refused("clv", R"({"period_days": 1000001})", "clv query.period_days: expected days in (0, 1000000], not 1000001");
  refused("clv", R"({"top": 1001})", "clv query.top: expected an integer in 0..1000, not 1001");
  refused("basket", R"({"min_support": 0})", "basket query.min_support: 0 is outside (0, 1]");
  refused("basket", R"({"min_confidence": 1.5})", "basket query.min_confidence: 1.5 is outside [0, 1]");
  refused("basket", R"({"max_itemset": 1})", "basket query.max_itemset: expected an integer in 2..16, not 1");
  refused("basket", R"({"max_rules": -1})", "basket query.max_rules: expected an integer in 0..10000, not -1");
  refused("basket", R"({"max_rules": 10001})", "basket query.max_rules: expected an integer in 0..10000, not 10001");
  refused("basket", R"({"max_itemsets": 0})", "basket query.max_itemsets: expected an integer in 1..500000, not 0");
  refused("basket", R"({"max_itemsets": 500001})",
          "basket query.max_itemsets: expected an integer in 1..500000, not 500001");
  refused("basket", R"({"max_rule_candidates": 0})",
          "basket query.max_rule_candidates: expected an integer in 1..10000000, not 0");
  refused("basket", R"({"max_rule_candidates": 10000001})",
          "basket query.max_rule_candidates: expected an integer in 1..10000000, not 10000001");
  refused("basket", R"({"from": 10, "to": 5})", "basket query.to: 5 is not after from 10");
  refused("basket", R"({"currency": "EUR"})", "basket query: unknown key 'currency'");
  refused("segment", R"({"r": [4, 2]})", "segment query.r: [4,2] is not a range of 1..5");
  refused("segment", R"({"f": [0, 5]})", "segment query.f: [0,5] is not a range of 1..5");
  refused("segment", R"({"scores": 4, "m": [1, 5]})", "segment query.m: [1,5] is not a range of 1..4");
  refused("segment", R"({"r": [1]})", "segment query.r: expected [low, high], two whole scores, not [1]");
  refused("segment", R"({"r": "1-2"})", "segment query.r: expected an array, not a string");
  refused("segment", R"({"segments": ["royalty"]})", "segment query.segments: no RFM segment is named 'royalty'");
  refused("segment", R"({"segments": [1]})", "segment query.segments[0]: expected a string, not a number");
  refused("segment", R"({"quadrants": ["gold"]})", "segment query.quadrants[0]: unknown value quadrant 'gold'");
  refused("segment", R"({"stages": ["new", "teen"]})", "segment query.stages[1]: unknown purchase stage 'teen'");
  refused("segment", R"({"tags": "vip"})", "segment query.tags: expected an array, not a string");
  refused("segment", R"({"attributes": {"x": [1]}})", "segment query.attributes.x: expected null, a boolean");
  refused("segment", R"({"attributes": ["x"]})", "segment query.attributes: expected an object, not an array");
  refused("segment", R"({"min_purchases": 5, "max_purchases": 2})",
          "segment query.max_purchases: 2 is below min_purchases 5");
  refused("segment", R"({"min_total_minor": 5, "max_total_minor": 2})",
          "segment query.max_total_minor: 2 is below min_total_minor 5");
  refused("segment", R"({"last_purchase_from": 10, "last_purchase_to": 10})",
          "segment query.last_purchase_to: 10 is not after last_purchase_from 10");
  refused("segment", R"({"limit": 0})", "segment query.limit: expected an integer in 1..1000, not 0");
  refused("segment", R"({"cursor": "abc"})", "segment query.cursor: 'abc' is not a cursor this query returned");
  refused("segment", R"({"cursor": 7})", "segment query.cursor: expected a string, not a number");
  refused("segment", R"({"as_of": 0})", "segment query.as_of: 0 is the epoch");
  refused("segment", R"({"as_of": )" + std::to_string(day(999)) + "}",
          "segment query.rfm.as_of: 2023-06-09T12:26:40.000Z is before the latest purchase in EUR");
  refused("segment", R"({"segment": []})", "segment query: unknown key 'segment'");
  refused("segment", R"({"rfm_segments": [{"name": "", "r": [1, 5], "f": [1, 5]}]})",
          "segment query.rfm_segments: rfm segments[0]");

  char* raw = nullptr;
  EXPECT_EQ(crm_report_json(engine.get(), "rfm", "{}", nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("out_json is NULL"), std::string::npos) << message();
  EXPECT_EQ(crm_report_json(engine.get(), "pareto", "{}", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("rfm, value, clv, basket, segment"), std::string::npos) << message();
  EXPECT_EQ(raw, nullptr);
}

TEST_F(CApiAnalyticsTest, NobodyBuyingInTheCurrencyIsNotFound) {
  for (const char* name : {"rfm", "value", "clv", "segment"})
    expect_refused(name, "{}", CRM_NOT_FOUND, "no customer has bought anything yet");
  EXPECT_EQ(report("basket", json::object())["baskets"], 0);  // no baskets is a report, not an error
  add_five();
  for (const char* name : {"rfm", "value", "clv", "segment"})
    expect_refused(name, R"({"currency": "JPY"})", CRM_NOT_FOUND, "no customer has bought in JPY");
}

}  // namespace
}  // namespace crm_c_test
