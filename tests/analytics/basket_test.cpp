// SPDX-License-Identifier: Apache-2.0
#include "crm/analytics/basket.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "support/errors.hpp"

namespace crm::analytics {
namespace {

using test::error_of;
using Basket = std::vector<std::string>;

BasketReport mine(const std::vector<Basket>& baskets, BasketOptions options) {
  BasketMiner miner(options);
  for (const Basket& basket : baskets) miner.add(basket);
  return miner.mine();
}

BasketOptions options(double min_support, double min_confidence, std::size_t max_itemset = 3,
                      std::size_t max_rules = 0) {
  return BasketOptions{min_support, min_confidence, max_itemset, max_rules};
}

AssociationRule rule(Basket antecedent, Basket consequent, std::size_t baskets, double support, double confidence,
                     double lift) {
  return AssociationRule{std::move(antecedent), std::move(consequent), baskets, support, confidence, lift};
}

// The five baskets of Tan, Steinbach & Kumar, "Introduction to Data Mining",
// table 6.1. Item counts: bread 4, milk 4, diapers 4, beer 3, cola 2, eggs 1.
// Pairs: bread+milk 3 (T1 T4 T5), bread+diapers 3 (T2 T4 T5), milk+diapers 3
// (T3 T4 T5), beer+diapers 3 (T2 T3 T4), bread+beer 2, milk+beer 2,
// cola+milk 2, cola+diapers 2, the rest 1 or 0.
// Triples: beer+diapers+milk 2 (T3 T4), bread+diapers+milk 2 (T4 T5),
// beer+bread+diapers 2 (T2 T4), cola+diapers+milk 2 (T3 T5), the rest <= 1.
std::vector<Basket> classic_baskets() {
  return {
      {"bread", "milk"},
      {"bread", "diapers", "beer", "eggs"},
      {"milk", "diapers", "beer", "cola"},
      {"bread", "milk", "diapers", "beer"},
      {"bread", "milk", "diapers", "cola"},
  };
}

TEST(BasketTest, ClassicExampleAtSixtyPercentSupport) {
  // 0.6 of 5 baskets = 3: the items in >= 3 baskets, and the four pairs of 3.
  const BasketReport report = mine(classic_baskets(), options(0.6, 0.6));
  EXPECT_EQ(report.baskets, 5u);
  EXPECT_EQ(report.items, 6u);
  const std::vector<FrequentItemset> itemsets = {
      {{"bread"}, 4}, {{"diapers"}, 4}, {{"milk"}, 4}, {{"beer"}, 3},  // size 1, by baskets, then name
      {{"beer", "diapers"}, 3}, {{"bread", "diapers"}, 3}, {{"bread", "milk"}, 3}, {{"diapers", "milk"}, 3},
  };
  EXPECT_EQ(report.itemsets, itemsets);

  // beer -> diapers:  support 3/5 = 0.6, confidence 3/3 = 1,    lift 1 / (4/5)    = 1.25
  // diapers -> beer:  support 0.6,       confidence 3/4 = 0.75, lift 0.75 / (3/5) = 1.25
  // bread -> milk and the other five splits of the 4/4/3 pairs:
  //                   support 0.6,       confidence 3/4 = 0.75, lift 0.75 / (4/5) = 0.9375
  // Equal lift, confidence and support: by antecedent, then consequent.
  const std::vector<AssociationRule> rules = {
      rule({"beer"}, {"diapers"}, 3, 0.6, 1.0, 1.25),
      rule({"diapers"}, {"beer"}, 3, 0.6, 0.75, 1.25),
      rule({"bread"}, {"diapers"}, 3, 0.6, 0.75, 0.9375),
      rule({"bread"}, {"milk"}, 3, 0.6, 0.75, 0.9375),
      rule({"diapers"}, {"bread"}, 3, 0.6, 0.75, 0.9375),
      rule({"diapers"}, {"milk"}, 3, 0.6, 0.75, 0.9375),
      rule({"milk"}, {"bread"}, 3, 0.6, 0.75, 0.9375),
      rule({"milk"}, {"diapers"}, 3, 0.6, 0.75, 0.9375),
  };
  EXPECT_EQ(report.rules, rules);
}

TEST(BasketTest, ClassicExampleKeepsOnlyRulesReachingMinConfidence) {
  // Only beer -> diapers (confidence 1) reaches 0.8; the others are 0.75.
  // As in docs/ANALYTICS.md:
  BasketMiner miner({.min_support = 0.6, .min_confidence = 0.8});
  for (const std::vector<std::string>& basket : classic_baskets()) miner.add(basket);
  const BasketReport report = miner.mine();
  ASSERT_EQ(report.rules.size(), 1u);
  EXPECT_EQ(report.rules[0], rule({"beer"}, {"diapers"}, 3, 0.6, 1.0, 1.25));
}

TEST(BasketTest, MinConfidenceIsInclusive) {
  // Confidence 3/4 is exactly 0.75: kept at min_confidence 0.75.
  EXPECT_EQ(mine(classic_baskets(), options(0.6, 0.75)).rules.size(), 8u);
}

TEST(BasketTest, ClassicExampleFindsTriplesAndMultiItemConsequents) {
  // 0.4 of 5 = 2. Itemsets: 5 items (not eggs), 8 pairs, 4 triples = 17.
  const BasketReport report = mine(classic_baskets(), options(0.4, 0.0));
  ASSERT_EQ(report.itemsets.size(), 17u);
  const std::vector<FrequentItemset> triples(report.itemsets.end() - 4, report.itemsets.end());
  const std::vector<FrequentItemset> expected_triples = {
      {{"beer", "bread", "diapers"}, 2},
      {{"beer", "diapers", "milk"}, 2},
      {{"bread", "diapers", "milk"}, 2},
      {{"cola", "diapers", "milk"}, 2},
  };
  EXPECT_EQ(triples, expected_triples);
  // Rules: 8 pairs x 2 splits + 4 triples x 6 splits, all kept at confidence 0.
  EXPECT_EQ(report.rules.size(), 40u);

  const auto find = [&](const Basket& a, const Basket& c) {
    const auto at = std::find_if(report.rules.begin(), report.rules.end(),
                                 [&](const AssociationRule& r) { return r.antecedent == a && r.consequent == c; });
    return at == report.rules.end() ? AssociationRule{} : *at;
  };
  // beer -> {diapers, milk}: count 2; confidence 2/3; lift 5*2 / (3*3) = 10/9
  // (beer is in 3 baskets, diapers+milk in 3: T3 T4 T5).
  EXPECT_EQ(find({"beer"}, {"diapers", "milk"}), rule({"beer"}, {"diapers", "milk"}, 2, 0.4, 2.0 / 3.0, 10.0 / 9.0));
  // {beer, milk} -> diapers: confidence 2/2 = 1; lift 5*2 / (2*4) = 1.25.
  EXPECT_EQ(find({"beer", "milk"}, {"diapers"}), rule({"beer", "milk"}, {"diapers"}, 2, 0.4, 1.0, 1.25));
  // cola -> {diapers, milk}: confidence 2/2 = 1; lift 5*2 / (2*3) = 5/3.
  EXPECT_EQ(find({"cola"}, {"diapers", "milk"}), rule({"cola"}, {"diapers", "milk"}, 2, 0.4, 1.0, 5.0 / 3.0));
  // {diapers, milk} -> cola: confidence 2/3; lift 5*2 / (3*2) = 5/3.
  EXPECT_EQ(find({"diapers", "milk"}, {"cola"}),
            rule({"diapers", "milk"}, {"cola"}, 2, 0.4, 2.0 / 3.0, 5.0 / 3.0));
  // No other split has lift 5/3 (the next is 1.25); of the two, confidence
  // 1 comes first.
  EXPECT_EQ(report.rules[0], find({"cola"}, {"diapers", "milk"}));
  EXPECT_EQ(report.rules[1], find({"diapers", "milk"}, {"cola"}));
  EXPECT_EQ(report.rules[2].lift, 1.25);
}

// ---------------------------------------------------------------------------
// FP-growth against brute force.

// Budgets for brute_force(): none by default.
struct Budgets {
  std::size_t itemsets = std::numeric_limits<std::size_t>::max();
  std::size_t rule_candidates = std::numeric_limits<std::size_t>::max();
};

// Counts every subset of 1..max_itemset items of every basket, keeps those in
// >= min_count baskets, and scores every split of each. With these sizes all
// products are exact integers, so each measure is the exact ratio rounded
// once, the same double the miner must report.
//
// With budgets, it follows the documented walk: items ranked by count, most
// frequent first, ties by name; an itemset read from its lowest-ranked item
// down; itemsets in lexicographic order of those readings (a reading before
// its extensions). The first `itemsets` of that walk are mined, and they are
// scored in that order while their 2^k - 2 splits fit `rule_candidates`.
BasketReport brute_force(const std::vector<Basket>& baskets, std::size_t min_count, double min_confidence,
                         std::size_t max_itemset, std::size_t max_rules, Budgets budgets = {}) {
  std::map<std::vector<std::string>, std::size_t> counts;
  for (const Basket& raw : baskets) {
    Basket basket = raw;
    std::sort(basket.begin(), basket.end());
    basket.erase(std::unique(basket.begin(), basket.end()), basket.end());
    std::vector<std::string> subset;
    const auto each_subset = [&](const auto& self, std::size_t from) -> void {
      for (std::size_t i = from; i < basket.size(); ++i) {
        subset.push_back(basket[i]);
        ++counts[subset];
        if (subset.size() < max_itemset) self(self, i + 1);
        subset.pop_back();
      }
    };
    each_subset(each_subset, 0);
  }

  BasketReport report;
  report.baskets = baskets.size();
  std::vector<std::string> distinct;
  for (const Basket& basket : baskets) distinct.insert(distinct.end(), basket.begin(), basket.end());
  std::sort(distinct.begin(), distinct.end());
  report.items = static_cast<std::size_t>(std::unique(distinct.begin(), distinct.end()) - distinct.begin());

  std::map<std::string, std::size_t> rank;  // of the frequent items
  {
    std::vector<std::pair<std::size_t, std::string>> singles;  // (count, name)
    for (const auto& [items, count] : counts)
      if (items.size() == 1 && count >= min_count) singles.emplace_back(count, items[0]);
    std::sort(singles.begin(), singles.end(), [](const auto& x, const auto& y) {
      return x.first != y.first ? x.first > y.first : x.second < y.second;
    });
    for (std::size_t r = 0; r < singles.size(); ++r) rank[singles[r].second] = r;
  }
  std::vector<std::pair<std::vector<std::size_t>, const std::vector<std::string>*>> walk;  // (reading, items)
  for (const auto& [items, count] : counts) {
    if (count < min_count) continue;
    std::vector<std::size_t> reading;
    for (const auto& item : items) reading.push_back(rank.at(item));
    std::sort(reading.rbegin(), reading.rend());
    walk.emplace_back(std::move(reading), &items);
  }
  std::sort(walk.begin(), walk.end());
  if (walk.size() > budgets.itemsets) {
    walk.resize(budgets.itemsets);
    report.stopped_by = BasketStop::max_itemsets;
  }

  const double n = static_cast<double>(baskets.size());
  std::size_t candidates_left = budgets.rule_candidates;
  bool scoring = true;
  for (const auto& step : walk) {
    const std::vector<std::string>& items = *step.second;
    const std::size_t count = counts.at(items);
    report.itemsets.push_back({items, count});
    if (items.size() < 2 || !scoring) continue;
    const std::size_t splits = (std::size_t{1} << items.size()) - 2;
    if (splits > candidates_left) {
      scoring = false;
      if (report.stopped_by == BasketStop::none) report.stopped_by = BasketStop::max_rule_candidates;
      continue;
    }
    candidates_left -= splits;
    for (unsigned mask = 1; mask + 1 < (1u << items.size()); ++mask) {
      Basket a, c;
      for (std::size_t i = 0; i < items.size(); ++i) ((mask >> i) & 1 ? a : c).push_back(items[i]);
      const std::size_t count_a = counts.at(a), count_c = counts.at(c);
      const double confidence = static_cast<double>(count) / static_cast<double>(count_a);
      if (confidence < min_confidence) continue;
      report.rules.push_back({a, c, count, static_cast<double>(count) / n, confidence,
                              n * static_cast<double>(count) / static_cast<double>(count_a * count_c)});
    }
  }
  std::sort(report.itemsets.begin(), report.itemsets.end(), [](const FrequentItemset& x, const FrequentItemset& y) {
    return std::make_tuple(x.items.size(), y.baskets, std::cref(x.items)) <
           std::make_tuple(y.items.size(), x.baskets, std::cref(y.items));
  });
  std::sort(report.rules.begin(), report.rules.end(), [](const AssociationRule& x, const AssociationRule& y) {
    return std::make_tuple(y.lift, y.confidence, y.support, std::cref(x.antecedent), std::cref(x.consequent)) <
           std::make_tuple(x.lift, x.confidence, x.support, std::cref(y.antecedent), std::cref(y.consequent));
  });
  report.rules_found = report.rules.size();
  const std::size_t keep = max_rules == 0 ? basket_max_rules_cap : max_rules;
  if (report.rules.size() > keep) report.rules.resize(keep);
  return report;
}

// A draw in [0, 1) from the generator's bits alone, so the baskets are the
// same with every standard library.
double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1p-53; }

// Item k of `names` is drawn with weight 1 / (k + 1)^skew.
class SkewedItems {
 public:
  SkewedItems(std::vector<std::string> names, double skew) : names_(std::move(names)) {
    double total = 0;
    for (std::size_t k = 0; k < names_.size(); ++k) cumulative_.push_back(total += std::pow(double(k + 1), -skew));
    for (double& c : cumulative_) c /= total;
  }
  std::size_t draw_index(std::mt19937_64& rng) const {
    const auto at = std::upper_bound(cumulative_.begin(), cumulative_.end(), uniform(rng)) - cumulative_.begin();
    return std::min(static_cast<std::size_t>(at), names_.size() - 1);
  }
  const std::string& draw(std::mt19937_64& rng) const { return names_[draw_index(rng)]; }

 private:
  std::vector<std::string> names_;
  std::vector<double> cumulative_;
};

TEST(BasketTest, FpGrowthMatchesBruteForce) {
  const double confidences[] = {0.0, 0.3, 0.5, 0.75, 1.0};
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    std::mt19937_64 rng(seed);
    // Names unpadded ("i10" < "i2") and popularity shuffled, so name order,
    // popularity order and first-seen order all differ.
    std::vector<std::string> names;
    const std::size_t alphabet = 4 + rng() % 11;
    for (std::size_t k = 0; k < alphabet; ++k) names.push_back("i" + std::to_string(k));
    std::shuffle(names.begin(), names.end(), rng);
    const SkewedItems items(names, 0.5 + uniform(rng));

    std::vector<Basket> baskets(1 + rng() % 120);
    const std::size_t longest = 1 + rng() % 9;
    for (Basket& basket : baskets) {
      const std::size_t length = rng() % (longest + 1);  // 0 included; repeats possible
      for (std::size_t i = 0; i < length; ++i) basket.push_back(items.draw(rng));
    }

    const std::size_t n = baskets.size();
    const std::size_t min_count = 1 + rng() % std::min<std::size_t>(6, n);
    const double min_support = (static_cast<double>(min_count) - 0.5) / static_cast<double>(n);  // ceil = min_count
    const double min_confidence = confidences[rng() % 5];
    const std::size_t max_itemset = 2 + rng() % 3;
    const std::size_t max_rules = seed % 3 == 0 ? 0 : 1 + rng() % 40;

    const BasketReport expected = brute_force(baskets, min_count, min_confidence, max_itemset, max_rules);
    const BasketReport actual = mine(baskets, options(min_support, min_confidence, max_itemset, max_rules));
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_EQ(actual.baskets, expected.baskets);
    EXPECT_EQ(actual.items, expected.items);
    EXPECT_EQ(actual.itemsets, expected.itemsets);
    EXPECT_EQ(actual.rules_found, expected.rules_found);
    EXPECT_FALSE(actual.truncated()) << "small cases stay well within the default budgets";
    ASSERT_EQ(actual.rules.size(), expected.rules.size());
    for (std::size_t r = 0; r < expected.rules.size(); ++r) EXPECT_EQ(actual.rules[r], expected.rules[r]) << "rule " << r;
  }
}

// ---------------------------------------------------------------------------
// Budgets (issue 21): the work of one mine() is bounded, and the report says
// when a budget stopped it.

// 50 baskets, each of the same `products` items P0, P1, …: every subset is
// frequent, so itemsets and rules grow as 2^k and 3^k.
std::vector<Basket> everything_bought_together(int products) {
  Basket all;
  for (int p = 0; p < products; ++p) all.push_back("P" + std::to_string(p));
  return std::vector<Basket>(50, all);
}

TEST(BasketTest, IssueShapeStopsAtTheRuleCandidateBudgetAndSaysSo) {
  // The issue: max_itemset 16 (the largest allowed) and max_rules 0 over 13
  // products asked for all 3^13 - 2^14 + 1 = 1,577,940 rules of 8,191
  // itemsets. The default budget of 1,000,000 rule candidates stops the
  // scoring; max_rules 0 keeps the cap, 10,000.
  const BasketReport report = mine(everything_bought_together(13), BasketOptions{.max_itemset = 16, .max_rules = 0});
  EXPECT_EQ(report.baskets, 50u);
  EXPECT_EQ(report.itemsets.size(), 8191u);
  EXPECT_TRUE(report.truncated());
  EXPECT_EQ(report.stopped_by, BasketStop::max_rule_candidates);
  EXPECT_EQ(report.rules.size(), basket_max_rules_cap);
  EXPECT_GT(report.rules_found, basket_max_rules_cap);
  EXPECT_LE(report.rules_found, 1'000'000u);
  for (const AssociationRule& r : report.rules) EXPECT_EQ(r.confidence, 1.0);
}

TEST(BasketTest, TheItemsetBudgetStopsMiningWithEverySubsetOfWhatItFound) {
  const BasketReport report =
      mine(everything_bought_together(12), BasketOptions{.max_itemset = 16, .max_rules = 0, .max_itemsets = 100});
  EXPECT_EQ(report.stopped_by, BasketStop::max_itemsets);
  ASSERT_EQ(report.itemsets.size(), 100u);
  std::set<std::vector<std::string>> found;
  for (const FrequentItemset& itemset : report.itemsets) found.insert(itemset.items);
  for (const FrequentItemset& itemset : report.itemsets) {
    const std::size_t k = itemset.items.size();
    for (unsigned mask = 1; mask + 1 < (1u << k); ++mask) {
      std::vector<std::string> subset;
      for (std::size_t i = 0; i < k; ++i)
        if ((mask >> i) & 1) subset.push_back(itemset.items[i]);
      EXPECT_TRUE(found.contains(subset)) << "a subset of a mined itemset is missing";
    }
  }
  EXPECT_EQ(report.rules_found, report.rules.size());  // every split of 100 small itemsets: under the cap
}

TEST(BasketTest, BudgetsStopAtAPrefixOfTheDocumentedWalk) {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::string> names;
    for (std::size_t k = 0, alphabet = 4 + rng() % 9; k < alphabet; ++k) names.push_back("i" + std::to_string(k));
    std::shuffle(names.begin(), names.end(), rng);
    const SkewedItems items(names, 0.3 + uniform(rng));
    std::vector<Basket> baskets(10 + rng() % 60);
    for (Basket& basket : baskets)
      for (std::size_t i = 0, length = rng() % 8; i < length; ++i) basket.push_back(items.draw(rng));

    const std::size_t min_count = 1 + rng() % 3;
    const double min_support = (static_cast<double>(min_count) - 0.5) / static_cast<double>(baskets.size());
    const std::size_t max_itemset = 2 + rng() % 4;
    const Budgets budgets{1 + rng() % 60, 1 + rng() % 200};
    BasketOptions opts{min_support, 0.2, max_itemset, 0, budgets.itemsets, budgets.rule_candidates};
    const BasketReport expected = brute_force(baskets, min_count, 0.2, max_itemset, 0, budgets);
    const BasketReport actual = mine(baskets, opts);
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_EQ(actual.stopped_by, expected.stopped_by);
    EXPECT_EQ(actual.itemsets, expected.itemsets);
    EXPECT_EQ(actual.rules_found, expected.rules_found);
    EXPECT_EQ(actual.rules, expected.rules);
  }
}

TEST(BasketTest, ATruncatedResultDoesNotDependOnInputOrder) {
  // Many ties in count: where a budget stops must follow names, not arrival.
  std::mt19937_64 rng(7);
  std::vector<Basket> baskets = everything_bought_together(9);
  for (int b = 0; b < 20; ++b) baskets.push_back({"Q" + std::to_string(b % 4), "P" + std::to_string(b % 9)});
  const BasketOptions opts{.min_support = 0.05, .max_itemset = 6, .max_itemsets = 150, .max_rule_candidates = 900};
  const BasketReport first = mine(baskets, opts);
  ASSERT_TRUE(first.truncated());
  for (int round = 0; round < 5; ++round) {
    std::shuffle(baskets.begin(), baskets.end(), rng);
    for (Basket& basket : baskets) std::shuffle(basket.begin(), basket.end(), rng);
    EXPECT_EQ(mine(baskets, opts), first) << "round " << round;
  }
}

TEST(BasketTest, WhatFitsTheBudgetsIsUntouched) {
  // 4 of 13 products at most: 1,092 itemsets and 11,882 splits, within the
  // defaults; max_rules cuts only the list.
  const BasketReport report = mine(everything_bought_together(13), BasketOptions{.max_itemset = 4, .max_rules = 0});
  EXPECT_FALSE(report.truncated());
  EXPECT_EQ(report.itemsets.size(), 1092u);
  EXPECT_EQ(report.rules_found, 11882u);
  EXPECT_EQ(report.rules.size(), basket_max_rules_cap);
}

// ---------------------------------------------------------------------------
// Edge cases.

TEST(BasketTest, DuplicatesInsideABasketCountOnce) {
  const BasketReport report = mine({{"a", "a", "b", "a"}, {"b", "b"}}, options(0.5, 0.0, 2));
  const std::vector<FrequentItemset> itemsets = {{{"b"}, 2}, {{"a"}, 1}, {{"a", "b"}, 1}};
  EXPECT_EQ(report.itemsets, itemsets);
  EXPECT_EQ(report.items, 2u);
}

TEST(BasketTest, NoBasketsGiveAnEmptyReport) {
  const BasketReport report = BasketMiner(BasketOptions{}).mine();
  EXPECT_EQ(report, BasketReport{});
}

TEST(BasketTest, EmptyBasketsCountAsBaskets) {
  // One basket of four holds "a": support 0.25.
  const std::vector<Basket> baskets = {{}, {"a"}, {}, {}};
  const BasketReport at_quarter = mine(baskets, options(0.25, 0.0));
  EXPECT_EQ(at_quarter.baskets, 4u);
  EXPECT_EQ(at_quarter.itemsets, (std::vector<FrequentItemset>{{{"a"}, 1}}));
  // 0.3 of 4 baskets is 1.2, rounded up to 2: "a" is not frequent.
  EXPECT_TRUE(mine(baskets, options(0.3, 0.0)).itemsets.empty());
}

TEST(BasketTest, OnlyEmptyBasketsFindNothing) {
  const BasketReport report = mine({{}, {}}, options(1.0, 0.0));
  EXPECT_EQ(report.baskets, 2u);
  EXPECT_EQ(report.items, 0u);
  EXPECT_TRUE(report.itemsets.empty());
  EXPECT_TRUE(report.rules.empty());
}

TEST(BasketTest, SingleBasketGivesEverySplitInItemOrder) {
  const BasketReport report = mine({{"c", "a", "b"}}, options(1.0, 0.0));
  EXPECT_EQ(report.itemsets.size(), 7u);  // 3 items, 3 pairs, 1 triple, each in the one basket
  // Every measure is 1, so the order is antecedent, then consequent.
  const std::vector<std::pair<Basket, Basket>> splits = {
      {{"a"}, {"b"}},      {{"a"}, {"b", "c"}}, {{"a"}, {"c"}}, {{"a", "b"}, {"c"}},
      {{"a", "c"}, {"b"}}, {{"b"}, {"a"}},      {{"b"}, {"a", "c"}}, {{"b"}, {"c"}},
      {{"b", "c"}, {"a"}}, {{"c"}, {"a"}},      {{"c"}, {"a", "b"}}, {{"c"}, {"b"}},
  };
  ASSERT_EQ(report.rules.size(), splits.size());
  for (std::size_t r = 0; r < splits.size(); ++r)
    EXPECT_EQ(report.rules[r], rule(splits[r].first, splits[r].second, 1, 1.0, 1.0, 1.0)) << "rule " << r;
}

TEST(BasketTest, MaxItemsetBoundsItemsetsAndRules) {
  const BasketReport report = mine({{"a", "b", "c", "d"}}, options(1.0, 0.0, 2));
  EXPECT_EQ(report.itemsets.size(), 4u + 6u);  // no triple
  EXPECT_EQ(report.rules.size(), 12u);         // 6 pairs, both ways
}

TEST(BasketTest, MinSupportIsBasketsRoundedUp) {
  // 100 baskets: "seven" in 7, "six" in 6.
  std::vector<Basket> baskets(100);
  for (std::size_t b = 0; b < 7; ++b) baskets[b].push_back("seven");
  for (std::size_t b = 0; b < 6; ++b) baskets[b].push_back("six");
  // 0.07 * 100 is 7.000000000000001 in doubles: still 7 baskets, not 8.
  const std::vector<FrequentItemset> seven = {{{"seven"}, 7}};
  EXPECT_EQ(mine(baskets, options(0.07, 0.0)).itemsets, seven);
  // 0.065 * 100 = 6.5, rounded up to 7.
  EXPECT_EQ(mine(baskets, options(0.065, 0.0)).itemsets, seven);
  // 0.06 * 100 = 6: both.
  EXPECT_EQ(mine(baskets, options(0.06, 0.0)).itemsets.size(), 3u);  // seven, six, and the pair in 6
}

TEST(BasketTest, BadOptionsAreRefusedNamingTheOption) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<std::pair<BasketOptions, std::string>> cases = {
      {options(0.0, 0.3), "min_support"},     {options(-0.1, 0.3), "min_support"},
      {options(1.01, 0.3), "min_support"},    {options(nan, 0.3), "min_support"},
      {options(0.1, -0.01), "min_confidence"}, {options(0.1, 1.5), "min_confidence"},
      {options(0.1, nan), "min_confidence"},  {options(0.1, 0.3, 1), "max_itemset"},
      {options(0.1, 0.3, 0), "max_itemset"},  {options(0.1, 0.3, 17), "max_itemset"},
      {options(0.1, 0.3, 3, 10'001), "max_rules"},
      {BasketOptions{.max_itemsets = 0}, "max_itemsets"},
      {BasketOptions{.max_itemsets = 500'001}, "max_itemsets"},
      {BasketOptions{.max_rule_candidates = 0}, "max_rule_candidates"},
      {BasketOptions{.max_rule_candidates = 10'000'001}, "max_rule_candidates"},
  };
  for (const auto& [bad_options, name] : cases) {
    const BasketOptions& bad = bad_options;  // clang < 16 cannot capture a structured binding
    const auto failure = error_of([&] { BasketMiner miner(bad); });
    EXPECT_EQ(failure.code, Errc::invalid_argument) << name;
    EXPECT_NE(failure.message.find("basket options." + name + ":"), std::string::npos) << failure.message;
  }
  EXPECT_EQ(error_of([] { BasketMiner miner(options(1.5, 0.3)); }).message,
            "basket options.min_support: 1.5 is outside (0, 1]");
  EXPECT_EQ(error_of([] { BasketMiner miner(options(0.1, 0.3, 3, 10'001)); }).message,
            "basket options.max_rules: 10001 is above the cap of 10000 (0 means the cap)");
  EXPECT_EQ(error_of([] { BasketMiner miner(BasketOptions{.max_rule_candidates = 0}); }).message,
            "basket options.max_rule_candidates: 0 is outside 1..10000000");
}

TEST(BasketTest, BoundaryOptionsAreAccepted) {
  EXPECT_NO_THROW(BasketMiner(options(1.0, 0.0, 2, 0)));
  EXPECT_NO_THROW(BasketMiner(options(1e-9, 1.0, 16, 1)));
  EXPECT_NO_THROW(BasketMiner(BasketOptions{.max_rules = 10'000, .max_itemsets = 1, .max_rule_candidates = 1}));
  EXPECT_NO_THROW(BasketMiner(BasketOptions{.max_itemsets = 500'000, .max_rule_candidates = 10'000'000}));
}

TEST(BasketTest, MaxRulesKeepsTheBestRules) {
  const BasketReport all = mine(classic_baskets(), options(0.4, 0.0, 3, 0));
  for (const std::size_t keep : {1u, 3u, 7u, 39u, 40u, 41u}) {
    const BasketReport best = mine(classic_baskets(), options(0.4, 0.0, 3, keep));
    const std::size_t expected = std::min<std::size_t>(keep, all.rules.size());
    ASSERT_EQ(best.rules.size(), expected) << keep;
    EXPECT_TRUE(std::equal(best.rules.begin(), best.rules.end(), all.rules.begin())) << keep;
    EXPECT_EQ(best.itemsets, all.itemsets) << "max_rules bounds rules only";
  }
  // The cap, like 0, keeps every one of these rules.
  EXPECT_EQ(mine(classic_baskets(), options(0.4, 0.0, 3, basket_max_rules_cap)).rules, all.rules);
}

TEST(BasketTest, ResultDoesNotDependOnInputOrder) {
  std::mt19937_64 rng(42);
  std::vector<std::string> names;
  for (int k = 0; k < 12; ++k) names.push_back("sku-" + std::to_string(k));
  const SkewedItems items(names, 1.0);
  std::vector<Basket> baskets(200);
  for (Basket& basket : baskets)
    for (std::size_t i = 0, length = 1 + rng() % 6; i < length; ++i) basket.push_back(items.draw(rng));

  const BasketOptions opts = options(0.05, 0.2, 3, 25);
  const BasketReport first = mine(baskets, opts);
  ASSERT_FALSE(first.rules.empty());
  for (int round = 0; round < 5; ++round) {
    std::shuffle(baskets.begin(), baskets.end(), rng);
    for (Basket& basket : baskets) std::shuffle(basket.begin(), basket.end(), rng);
    EXPECT_EQ(mine(baskets, opts), first) << "round " << round;
  }
}

TEST(BasketTest, MinerMinesAgainAfterMoreBasketsAndAfterAMove) {
  BasketMiner miner(options(0.5, 0.0));
  miner.add(Basket{"x", "y"});
  EXPECT_EQ(miner.mine().itemsets.size(), 3u);
  miner.add(Basket{"z"});
  miner.add(Basket{"z"});
  BasketMiner moved(std::move(miner));
  moved.add(Basket{"x", "z"});
  // x 2/4, y 1/4, z 3/4: 0.5 of 4 = 2 baskets.
  const std::vector<FrequentItemset> itemsets = {{{"z"}, 3}, {{"x"}, 2}};
  const BasketReport report = moved.mine();
  EXPECT_EQ(report.baskets, 4u);
  EXPECT_EQ(report.items, 3u);
  EXPECT_EQ(report.itemsets, itemsets);
}

// ---------------------------------------------------------------------------
// Size: 20,000 baskets of ~20 items over 4,000 items, like the UCI Online
// Retail invoices: popularity falls off slowly (top item in about 10% of
// baskets), and 100 "bundles" of three items often bought together make
// the frequent pairs and triples. Not timed here; see docs/ANALYTICS.md.

TEST(BasketTest, RetailSizedInputIsMined) {
  std::mt19937_64 rng(2011);
  std::vector<std::string> names;
  for (int k = 0; k < 4000; ++k) names.push_back("SKU-" + std::to_string(10000 + k));
  std::shuffle(names.begin(), names.end(), rng);
  const SkewedItems items(names, 0.6);
  std::vector<Basket> bundles(100);
  for (Basket& bundle : bundles)
    for (int i = 0; i < 3; ++i) bundle.push_back(items.draw(rng));
  const SkewedItems bundle_popularity(std::vector<std::string>(bundles.size()), 1.0);

  BasketMiner miner(BasketOptions{0.01, 0.3, 3, 1000});
  Basket basket;
  basket.reserve(40);
  for (int b = 0; b < 20000; ++b) {
    basket.clear();
    if (uniform(rng) < 0.6) {
      const Basket& bundle = bundles[bundle_popularity.draw_index(rng)];
      basket.insert(basket.end(), bundle.begin(), bundle.end());
    }
    for (std::size_t i = 0, length = 10 + rng() % 21; i < length; ++i) basket.push_back(items.draw(rng));
    miner.add(basket);
  }
  const BasketReport report = miner.mine();

  EXPECT_EQ(report.baskets, 20000u);
  EXPECT_LE(report.items, 4000u);
  EXPECT_GT(report.itemsets.size(), 100u);
  const auto triples = std::count_if(report.itemsets.begin(), report.itemsets.end(),
                                     [](const FrequentItemset& s) { return s.items.size() == 3; });
  EXPECT_GT(triples, 0);
  for (const FrequentItemset& itemset : report.itemsets) EXPECT_GE(itemset.baskets, 200u);
  ASSERT_FALSE(report.rules.empty());
  EXPECT_LE(report.rules.size(), 1000u);
  for (std::size_t r = 1; r < report.rules.size(); ++r) EXPECT_GE(report.rules[r - 1].lift, report.rules[r].lift);
  for (const AssociationRule& kept : report.rules) EXPECT_GE(kept.confidence, 0.3);
}

}  // namespace
}  // namespace crm::analytics
