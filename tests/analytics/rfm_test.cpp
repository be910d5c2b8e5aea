// SPDX-License-Identifier: Apache-2.0
// RFM scores, the default segment table and segment tables as JSON
// (crm/analytics/rfm.hpp), on small populations scored by hand.
#include "crm/analytics/rfm.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "support/errors.hpp"
#include "support/units.hpp"

namespace crm::analytics {
namespace {

using test::day_ms;
using test::error_of;
using testing::HasSubstr;


Timestamp day(std::int64_t d) { return from_millis(d * day_ms); }

// A customer whose last purchase was on `last_day`; only last_at, purchases
// and total_minor matter to RFM.
PurchaseStats buyer(Id id, std::int64_t last_day, std::int64_t purchases, std::int64_t total_minor,
                    std::string_view currency = "EUR") {
  PurchaseStats stats;
  stats.customer_id = id;
  stats.currency = Currency::of(currency);
  stats.purchases = purchases;
  stats.purchase_days = purchases;
  stats.total_minor = total_minor;
  stats.first_day_minor = purchases > 0 ? total_minor / purchases : 0;
  stats.first_at = day(0);
  stats.last_at = day(last_day);
  return stats;
}

// Five customers, every value distinct, as of day 100. With n = q = 5 the
// score is 1 + W, W the customers strictly worse:
//   a: recency  1d, 10 purchases, 500.00 -> W = 4, 4, 4 -> R5 F5 M5 champions
//   b: recency 10d,  4 purchases, 200.00 -> W = 3, 3, 3 -> R4 F4 M4 loyal
//   c: recency 30d,  2 purchases,  80.00 -> W = 2, 2, 2 -> R3 F3 M3 need attention
//   d: recency 60d,  1 purchase,   30.00 -> W = 1, 0, 1 -> R2 F1 M2 hibernating
//   e: recency 90d,  1 purchase,   10.00 -> W = 0, 0, 0 -> R1 F1 M1 lost
// d and e tie on frequency: neither is worse than the other, both get F1.
std::vector<PurchaseStats> five_customers() {
  return {buyer(1, 99, 10, 50'000), buyer(2, 90, 4, 20'000), buyer(3, 70, 2, 8'000), buyer(4, 40, 1, 3'000),
          buyer(5, 10, 1, 1'000)};
}

// Eight customers scored into q = 3 as of day 100, with ties everywhere.
// score = 1 + floor(3W / 8): W 0..2 -> 1, W 3..5 -> 2, W 6..7 -> 3.
//        recency  W_r  R | purchases  W_f  F | spend  M
//   c1     5d      6   3 |     1       0   1 | 10.00  1
//   c2     5d      6   3 |     1       0   1 | 10.00  1
//   c3    20d      3   2 |     1       0   1 | 10.00  1
//   c4    20d      3   2 |     2       3   2 | 10.00  1
//   c5    20d      3   2 |     2       3   2 | 10.00  1
//   c6    40d      2   1 |     3       5   2 | 10.00  1
//   c7    60d      0   1 |     5       6   3 | 10.00  1
//   c8    60d      0   1 |     8       7   3 | 10.00  1
// Everyone spent the same, so no one is worse on M: all M1.
std::vector<PurchaseStats> eight_customers() {
  return {buyer(1, 95, 1, 1'000), buyer(2, 95, 1, 1'000), buyer(3, 80, 1, 1'000), buyer(4, 80, 2, 1'000),
          buyer(5, 80, 2, 1'000), buyer(6, 60, 3, 1'000), buyer(7, 40, 5, 1'000), buyer(8, 40, 8, 1'000)};
}

std::vector<RfmSegment> three_score_table() {
  return {{"active", {3, 3}, {1, 3}, {1, 3}}, {"regular", {1, 2}, {2, 3}, {1, 3}}, {"unused", {1, 1}, {3, 3}, {3, 3}}};
}

// The definition itself: 1 + floor(q * W / n), capped at q for a customer
// from outside the population who beats all of it.
RfmScore by_counting(std::span<const PurchaseStats> population, const PurchaseStats& customer, Timestamp as_of,
                     int q) {
  const auto recency = [&](const PurchaseStats& c) { return as_of - c.last_at; };
  const auto n = static_cast<std::int64_t>(population.size());
  const auto score = [&](auto worse) {
    const auto w = static_cast<std::int64_t>(std::count_if(population.begin(), population.end(), worse));
    return static_cast<int>(std::min<std::int64_t>(q, 1 + q * w / n));
  };
  return RfmScore{
      .r = score([&](const PurchaseStats& c) { return recency(c) > recency(customer); }),
      .f = score([&](const PurchaseStats& c) { return c.purchases < customer.purchases; }),
      .m = score([&](const PurchaseStats& c) { return c.total_minor < customer.total_minor; }),
      .segment = {},
  };
}

// --- scores ---

TEST(RfmTest, FiveDistinctCustomersInFiveScoresAreRankedOneToFive) {
  const auto population = five_customers();
  const RfmCuts cuts = rfm_cuts(population, day(100));
  const auto table = default_rfm_segments();
  EXPECT_EQ(rfm_score(cuts, population[0], table), (RfmScore{5, 5, 5, "champions"}));
  EXPECT_EQ(rfm_score(cuts, population[1], table), (RfmScore{4, 4, 4, "loyal"}));
  EXPECT_EQ(rfm_score(cuts, population[2], table), (RfmScore{3, 3, 3, "need attention"}));
  EXPECT_EQ(rfm_score(cuts, population[3], table), (RfmScore{2, 1, 2, "hibernating"}));
  EXPECT_EQ(rfm_score(cuts, population[4], table), (RfmScore{1, 1, 1, "lost"}));
}

TEST(RfmTest, CutsAreTheValuesAtEachScoreBoundary) {
  // n = q = 5: cut_k = v[ceil(5k/5) - 1] = v[k-1], k = 1..4.
  //   recency descending  90 60 30 10 1 (days) -> 90 60 30 10
  //   purchases ascending  1  1  2  4 10       ->  1  1  2  4
  //   spend ascending     10 30 80 200 500     -> 10 30 80 200 (in minor units x100)
  const RfmCuts cuts = rfm_cuts(five_customers(), day(100));
  EXPECT_EQ(cuts.as_of, day(100));
  EXPECT_EQ(cuts.scores, 5);
  EXPECT_EQ(cuts.population, 5U);
  EXPECT_EQ(cuts.recency_ms, (std::vector<std::int64_t>{90 * day_ms, 60 * day_ms, 30 * day_ms, 10 * day_ms}));
  EXPECT_EQ(cuts.frequency, (std::vector<std::int64_t>{1, 1, 2, 4}));
  EXPECT_EQ(cuts.monetary_minor, (std::vector<std::int64_t>{1'000, 3'000, 8'000, 20'000}));
}

TEST(RfmTest, TiesShareAScoreInThreeScores) {
  const auto population = eight_customers();
  const RfmCuts cuts = rfm_cuts(population, day(100), 3);
  // k = 1: ceil(8/3) - 1 = 2; k = 2: ceil(16/3) - 1 = 5.
  //   recency descending 60 60 40 20 20 20 5 5 -> 40, 20 (days)
  //   purchases ascending 1 1 1 2 2 3 5 8      ->  1, 3
  EXPECT_EQ(cuts.recency_ms, (std::vector<std::int64_t>{40 * day_ms, 20 * day_ms}));
  EXPECT_EQ(cuts.frequency, (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(cuts.monetary_minor, (std::vector<std::int64_t>{1'000, 1'000}));

  const std::array<std::array<int, 3>, 8> expected{{
      {3, 1, 1}, {3, 1, 1}, {2, 1, 1}, {2, 2, 1}, {2, 2, 1}, {1, 2, 1}, {1, 3, 1}, {1, 3, 1},
  }};
  for (std::size_t i = 0; i < population.size(); ++i) {
    const RfmScore score = rfm_score(cuts, population[i], {});
    EXPECT_EQ((std::array<int, 3>{score.r, score.f, score.m}), expected[i]) << "c" << i + 1;
    EXPECT_EQ(score.segment, "") << "an empty table names no one";
  }
}

TEST(RfmTest, OneTimeBuyersGetFrequencyOneEvenWhenTheyAreTheMajority) {
  // Four of six bought once: no one is worse than them, so W = 0 and F = 1;
  // the two repeat buyers have W = 4: 1 + floor(5 * 4 / 6) = 4.
  const std::vector<PurchaseStats> population{buyer(1, 50, 1, 100), buyer(2, 50, 1, 100), buyer(3, 50, 1, 100),
                                              buyer(4, 50, 1, 100), buyer(5, 50, 2, 100), buyer(6, 50, 3, 100)};
  const RfmCuts cuts = rfm_cuts(population, day(100));
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(rfm_score(cuts, population[i], {}).f, 1) << i;
  EXPECT_EQ(rfm_score(cuts, population[4], {}).f, 4);
  EXPECT_EQ(rfm_score(cuts, population[5], {}).f, 5);
}

TEST(RfmTest, APopulationOfOneScoresOneEverywhere) {
  const std::vector<PurchaseStats> population{buyer(1, 10, 3, 900)};
  EXPECT_EQ(rfm_score(rfm_cuts(population, day(10)), population[0], {}), (RfmScore{1, 1, 1, ""}));
}

TEST(RfmTest, CutsScoreACustomerFromOutsideThePopulation) {
  const RfmCuts cuts = rfm_cuts(five_customers(), day(100));
  // Better than everyone in every dimension: the top score, not q + 1.
  EXPECT_EQ(rfm_score(cuts, buyer(9, 100, 50, 99'999), {}), (RfmScore{5, 5, 5, ""}));
  // Worse than everyone: recency 100d > 90d, spend 0 < 1000.
  EXPECT_EQ(rfm_score(cuts, buyer(9, 0, 1, 0), {}), (RfmScore{1, 1, 1, ""}));
  // Between: recency 45d beats 90 and 60 (R3), 3 purchases beat 1, 1, 2 (F4),
  // 50.00 beats 10.00 and 30.00 but not 80.00 (M3).
  EXPECT_EQ(rfm_score(cuts, buyer(9, 55, 3, 5'000), {}), (RfmScore{3, 4, 3, ""}));
}

TEST(RfmTest, ScoringByCutsEqualsCountingWorseCustomers) {
  std::mt19937_64 random(20240611);
  const auto uniform = [&](std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(random);
  };
  for (int trial = 0; trial < 400; ++trial) {
    const int q = static_cast<int>(uniform(2, 9));
    const auto n = static_cast<std::size_t>(uniform(1, 40));
    // Narrow ranges make ties common; wide ones make them rare.
    const std::int64_t spread = std::array<std::int64_t, 3>{3, 30, 1'000'000}[static_cast<std::size_t>(uniform(0, 2))];
    const Timestamp as_of = from_millis(spread * 10);
    std::vector<PurchaseStats> population;
    for (std::size_t i = 0; i < n; ++i) {
      PurchaseStats c = buyer(static_cast<Id>(i + 1), 0, uniform(1, spread), uniform(0, spread) * 100);
      c.last_at = from_millis(uniform(0, spread * 10));
      population.push_back(c);
    }
    const RfmCuts cuts = rfm_cuts(population, as_of, q);
    ASSERT_EQ(cuts.frequency.size(), static_cast<std::size_t>(q - 1));
    for (const PurchaseStats& c : population)
      ASSERT_EQ(rfm_score(cuts, c, {}), by_counting(population, c, as_of, q)) << "trial " << trial << " q " << q;

    PurchaseStats outsider = buyer(0, 0, uniform(1, spread + 1), uniform(0, spread + 1) * 100);
    outsider.last_at = from_millis(uniform(0, spread * 10));
    ASSERT_EQ(rfm_score(cuts, outsider, {}), by_counting(population, outsider, as_of, q)) << "trial " << trial;

    const RfmSummary summary = rfm_summary(population, RfmOptions{.as_of = as_of, .scores = q, .segments = {}});
    std::array<std::array<std::size_t, 9>, 3> counted{};
    for (const PurchaseStats& c : population) {
      const RfmScore s = by_counting(population, c, as_of, q);
      ++counted[0][static_cast<std::size_t>(s.r - 1)];
      ++counted[1][static_cast<std::size_t>(s.f - 1)];
      ++counted[2][static_cast<std::size_t>(s.m - 1)];
    }
    ASSERT_EQ(summary.score_counts, counted) << "trial " << trial;
  }
}

// --- segments ---

TEST(RfmTest, TheDefaultTableNamesEveryCellAsDocumented) {
  // Rows R5..R1, columns F1..F5; M never matters.
  const std::array<std::array<std::string_view, 5>, 5> grid{{
      {"new", "potential loyalist", "potential loyalist", "champions", "champions"},          // R5
      {"promising", "potential loyalist", "potential loyalist", "loyal", "loyal"},           // R4
      {"about to sleep", "about to sleep", "need attention", "loyal", "loyal"},              // R3
      {"hibernating", "hibernating", "at risk", "at risk", "can't lose"},                    // R2
      {"lost", "lost", "at risk", "at risk", "can't lose"},                                  // R1
  }};
  const auto table = default_rfm_segments();
  for (int r = 1; r <= 5; ++r)
    for (int f = 1; f <= 5; ++f)
      for (int m = 1; m <= 5; ++m) {
        const std::string_view expected = grid[static_cast<std::size_t>(5 - r)][static_cast<std::size_t>(f - 1)];
        EXPECT_EQ(rfm_segment(table, r, f, m), expected) << "R" << r << " F" << f << " M" << m;
        // Exactly one rule holds the cell, so the table's order is not hiding an overlap.
        const auto holding = std::count_if(table.begin(), table.end(), [&](const RfmSegment& s) {
          return s.r.holds(r) && s.f.holds(f) && s.m.holds(m);
        });
        EXPECT_EQ(holding, 1) << "R" << r << " F" << f << " M" << m;
      }
}

TEST(RfmTest, TheDefaultTableIsInItsDocumentedOrderAndValid) {
  std::vector<std::string> names;
  for (const RfmSegment& s : default_rfm_segments()) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"champions", "loyal", "potential loyalist", "new", "promising",
                                             "need attention", "about to sleep", "at risk", "can't lose",
                                             "hibernating", "lost"}));
  EXPECT_NO_THROW(check_segments(default_rfm_segments(), 5));
}

TEST(RfmTest, TheFirstMatchingRuleWins) {
  const std::vector<RfmSegment> table{{"anyone", {1, 5}, {1, 5}, {1, 5}}, {"best", {5, 5}, {5, 5}, {5, 5}}};
  EXPECT_EQ(rfm_segment(table, 5, 5, 5), "anyone");
  const std::vector<RfmSegment> reversed{table[1], table[0]};
  EXPECT_EQ(rfm_segment(reversed, 5, 5, 5), "best");
  EXPECT_EQ(rfm_segment(reversed, 5, 5, 4), "anyone");
}

TEST(RfmTest, AScoreOutsideEveryRuleIsUnsegmented) {
  const std::vector<RfmSegment> table{{"big spenders", {1, 5}, {1, 5}, {5, 5}}};
  EXPECT_EQ(rfm_segment(table, 3, 3, 5), "big spenders");
  EXPECT_EQ(rfm_segment(table, 3, 3, 4), "");
}

// --- summary ---

TEST(RfmTest, SummaryCountsSegmentsInTableOrderThenTheUnsegmented) {
  // Scores from eight_customers(): c1, c2 R3 F1 -> active; c3 R2 F1 ->
  // none; c4, c5 R2 F2, c6 R1 F2, c7, c8 R1 F3 -> regular; unused holds no one.
  const RfmSummary summary =
      rfm_summary(eight_customers(), RfmOptions{.as_of = day(100), .scores = 3, .segments = three_score_table()});
  EXPECT_EQ(summary.cuts, rfm_cuts(eight_customers(), day(100), 3));
  EXPECT_EQ(summary.segments,
            (std::vector<std::pair<std::string, std::size_t>>{{"active", 2}, {"regular", 5}, {"unused", 0}, {"", 1}}));
  const std::array<std::size_t, 9> r{3, 3, 2}, f{3, 3, 2}, m{8};
  EXPECT_EQ(summary.score_counts[0], r);
  EXPECT_EQ(summary.score_counts[1], f);
  EXPECT_EQ(summary.score_counts[2], m);
}

TEST(RfmTest, SummaryWithEveryoneSegmentedHasNoUnsegmentedEntry) {
  const RfmSummary summary = rfm_summary(five_customers(), RfmOptions{.as_of = day(100)});
  EXPECT_EQ(summary.segments, (std::vector<std::pair<std::string, std::size_t>>{
                                  {"champions", 1},
                                  {"loyal", 1},
                                  {"potential loyalist", 0},
                                  {"new", 0},
                                  {"promising", 0},
                                  {"need attention", 1},
                                  {"about to sleep", 0},
                                  {"at risk", 0},
                                  {"can't lose", 0},
                                  {"hibernating", 1},
                                  {"lost", 1},
                              }));
  const std::array<std::size_t, 9> each_once{1, 1, 1, 1, 1}, f{2, 0, 1, 1, 1};
  EXPECT_EQ(summary.score_counts[0], each_once);
  EXPECT_EQ(summary.score_counts[1], f);
  EXPECT_EQ(summary.score_counts[2], each_once);
}

// --- refusals ---

TEST(RfmTest, RefusesScoresOutsideTwoToNine) {
  for (const int scores : {-1, 0, 1, 10}) {
    const auto failure = error_of([&] { rfm_cuts(five_customers(), day(100), scores); });
    EXPECT_EQ(failure.code, Errc::invalid_argument);
    EXPECT_EQ(failure.message, "rfm scores: " + std::to_string(scores) + " is outside 2..9");
  }
  EXPECT_NO_THROW(rfm_cuts(five_customers(), day(100), 2));
  EXPECT_NO_THROW(rfm_cuts(five_customers(), day(100), 9));
}

TEST(RfmTest, RefusesAnEmptyPopulation) {
  const auto failure = error_of([] { rfm_cuts({}, day(100)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("rfm population: empty"));
}

TEST(RfmTest, RefusesAsOfBeforeALastPurchase) {
  const auto failure = error_of([] { rfm_cuts(five_customers(), day(98)); });  // a bought on day 99
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message,
            "rfm population[0].last_at: 1970-04-10T00:00:00.000Z is after as_of 1970-04-09T00:00:00.000Z");
  // Exactly at as_of is recency 0, the best there is.
  EXPECT_EQ(rfm_score(rfm_cuts(five_customers(), day(99)), buyer(9, 99, 1, 0), {}).r, 5);
}

TEST(RfmTest, RefusesMixedCurrencies) {
  auto population = five_customers();
  population[3].currency = Currency::of("USD");
  const auto failure = error_of([&] { rfm_cuts(population, day(100)); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_THAT(failure.message, HasSubstr("rfm population[3].currency: 'USD' differs from population[0]'s 'EUR'"));
}

TEST(RfmTest, ScoringRefusesMalformedCutsAndALaterPurchase) {
  const RfmCuts cuts = rfm_cuts(five_customers(), day(100));
  RfmCuts short_cuts = cuts;
  short_cuts.frequency.pop_back();
  EXPECT_THAT(error_of([&] { rfm_score(short_cuts, buyer(9, 50, 1, 0), {}); }).message,
              HasSubstr("rfm cuts.frequency: holds 3 cuts, not scores - 1 = 4"));
  RfmCuts bad_scores = cuts;
  bad_scores.scores = 12;
  EXPECT_THAT(error_of([&] { rfm_score(bad_scores, buyer(9, 50, 1, 0), {}); }).message,
              HasSubstr("rfm cuts.scores: 12 is outside 2..9"));
  EXPECT_THAT(error_of([&] { rfm_score(RfmCuts{}, buyer(9, 50, 1, 0), {}); }).message,
              HasSubstr("rfm cuts.recency_ms: holds 0 cuts"));
  const auto later = error_of([&] { rfm_score(cuts, buyer(9, 101, 1, 0), {}); });
  EXPECT_EQ(later.code, Errc::invalid_argument);
  EXPECT_THAT(later.message, HasSubstr("customer.last_at: 1970-04-12T00:00:00.000Z is after as_of"));
}

TEST(RfmTest, CheckSegmentsNamesTheSegmentAndRange) {
  struct Case {
    std::vector<RfmSegment> table;
    std::string message;
  };
  const std::vector<Case> cases{
      {{{"", {1, 5}, {1, 5}, {1, 5}}}, "rfm segments[0].name: required"},
      {{{"a", {1, 5}, {1, 5}, {1, 5}}, {"b", {1, 5}, {1, 5}, {1, 5}}, {"a", {1, 1}, {1, 1}, {1, 1}}},
       "rfm segments[2].name: 'a' is already the name of rfm segments[0]"},
      {{{"a", {0, 5}, {1, 5}, {1, 5}}}, "rfm segments[0] ('a').r: 0..5 is outside the scores 1..5"},
      {{{"a", {1, 5}, {1, 6}, {1, 5}}}, "rfm segments[0] ('a').f: 1..6 is outside the scores 1..5"},
      {{{"a", {1, 5}, {1, 5}, {4, 2}}}, "rfm segments[0] ('a').m: low 4 is above high 2"},
  };
  for (const Case& c : cases) {
    const auto failure = error_of([&] { check_segments(c.table, 5); });
    EXPECT_EQ(failure.code, Errc::invalid_argument);
    EXPECT_EQ(failure.message, c.message);
  }
  EXPECT_EQ(error_of([] { check_segments({}, 1); }).message, "rfm scores: 1 is outside 2..9");
  EXPECT_NO_THROW(check_segments({}, 5));  // an empty table leaves everyone unsegmented
}

TEST(RfmTest, SummaryRefusesTheDefaultTableForThreeScores) {
  const auto failure = error_of([] { rfm_summary(five_customers(), RfmOptions{.as_of = day(100), .scores = 3}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "rfm segments[0] ('champions').r: 5..5 is outside the scores 1..3");
}

// --- JSON ---

TEST(RfmSegmentsJsonTest, TheDefaultTableRoundTrips) {
  const auto table = default_rfm_segments();
  EXPECT_EQ(rfm_segments_from_json(to_json(table), 5), table);
}

TEST(RfmSegmentsJsonTest, WritesEveryRangeAsAPair) {
  const std::vector<RfmSegment> table{{"new", {5, 5}, {1, 1}, {1, 5}}};
  EXPECT_EQ(nlohmann::json::parse(to_json(table)),
            nlohmann::json::parse(R"([{"name": "new", "r": [5, 5], "f": [1, 1], "m": [1, 5]}])"));
  EXPECT_EQ(to_json(std::span<const RfmSegment>{}), "[]");
}

TEST(RfmSegmentsJsonTest, AMissingMMeansAnyScore) {
  const auto table = rfm_segments_from_json(R"([{"name": "active", "r": [3, 3], "f": [1, 3]},
      {"name": "regular", "r": [1, 2], "f": [2, 3], "m": [1, 3]}])",
                                            3);
  EXPECT_EQ(table, (std::vector<RfmSegment>{{"active", {3, 3}, {1, 3}, {1, 3}}, {"regular", {1, 2}, {2, 3}, {1, 3}}}));
  EXPECT_EQ(rfm_segments_from_json(to_json(three_score_table()), 3), three_score_table());
}

TEST(RfmSegmentsJsonTest, RefusesBadTablesNamingThePlace) {
  const std::string ok = R"({"name": "a", "r": [1, 5], "f": [1, 5]})";
  struct Case {
    std::string json;
    std::string message;  // the start of the message
  };
  const std::vector<Case> cases{
      {"not json", "rfm segments: not valid JSON (or not valid UTF-8): parse error at line 1, column 2"},
      {R"({"name": "a"})", "rfm segments: expected an array of segments"},
      {"[1]", "rfm segments[0]: expected an object, not number"},
      {R"([{"name": "a", "r": [1, 5], "f": [1, 5], "x": 1}])", "rfm segments[0]: unknown key 'x' (known: name, r, f, m)"},
      {R"([{"r": [1, 5], "f": [1, 5]}])", "rfm segments[0].name: required"},
      {R"([{"name": 7, "r": [1, 5], "f": [1, 5]}])", "rfm segments[0].name: expected a string, not number"},
      {R"([{"name": "", "r": [1, 5], "f": [1, 5]}])", "rfm segments[0].name: required"},
      {"[" + ok + R"(, {"name": "b", "f": [1, 5]}])", "rfm segments[1].r: required, as [low, high]"},
      {R"([{"name": "a", "r": [1], "f": [1, 5]}])", "rfm segments[0].r: expected [low, high], not [1]"},
      {R"([{"name": "a", "r": [1, 2, 3], "f": [1, 5]}])", "rfm segments[0].r: expected [low, high], not [1,2,3]"},
      {R"([{"name": "a", "r": "1-5", "f": [1, 5]}])", "rfm segments[0].r: expected [low, high], not \"1-5\""},
      {R"([{"name": "a", "r": null, "f": [1, 5]}])", "rfm segments[0].r: expected [low, high], not null"},
      {R"([{"name": "a", "r": [1, 2.5], "f": [1, 5]}])", "rfm segments[0].r[1]: expected a whole score, not 2.5"},
      {R"([{"name": "a", "r": [1, "5"], "f": [1, 5]}])", "rfm segments[0].r[1]: expected a whole score, not \"5\""},
      {R"([{"name": "a", "r": [0, 5], "f": [1, 5]}])", "rfm segments[0].r[0]: 0 is outside the scores 1..5"},
      {R"([{"name": "a", "r": [-1, 5], "f": [1, 5]}])", "rfm segments[0].r[0]: -1 is outside the scores 1..5"},
      {R"([{"name": "a", "r": [1, 5], "f": [1, 6]}])", "rfm segments[0].f[1]: 6 is outside the scores 1..5"},
      {R"([{"name": "a", "r": [1, 5], "f": [1, 18446744073709551615]}])",
       "rfm segments[0].f[1]: 18446744073709551615 is outside the scores 1..5"},
      {"[" + ok + R"(, {"name": "b", "r": [1, 5], "f": [1, 5], "m": [4, 2]}])",
       "rfm segments[1] ('b').m: low 4 is above high 2"},
      {"[" + ok + ", " + ok + "]", "rfm segments[1].name: 'a' is already the name of rfm segments[0]"},
      {R"([{"name": "a", "r": [1, 5], "r": [5, 5], "f": [1, 5]}])",
       "rfm segments: [0]: key 'r' appears twice in one object"},
      {"[" + ok + R"(, {"name": "b", "name": "c", "r": [1, 5], "f": [1, 5]}])",
       "rfm segments: [1]: key 'name' appears twice in one object"},
  };
  for (const Case& c : cases) {
    const auto failure = error_of([&] { rfm_segments_from_json(c.json, 5); });
    EXPECT_EQ(failure.code, Errc::invalid_argument) << c.json;
    EXPECT_EQ(failure.message.substr(0, c.message.size()), c.message) << c.json << "\n  said: " << failure.message;
  }
}

// An outside test got a 2,000,083-byte message back: values in messages are
// quoted, so escaped and cut.
TEST(RfmSegmentsJsonTest, QuotesTheValuesItRefusesSoMessagesStayShort) {
  const std::string huge(2'000'000, 'x');
  const auto score = error_of([&] { rfm_segments_from_json(R"([{"name": "a", "r": [1, ")" + huge + R"("], "f": [1, 5]}])", 5); });
  EXPECT_EQ(score.message, "rfm segments[0].r[1]: expected a whole score, not \"" + std::string(63, 'x') + "…");
  const auto pair = error_of([&] { rfm_segments_from_json(R"([{"name": "a", "r": [")" + huge + R"("], "f": [1, 5]}])", 5); });
  EXPECT_EQ(pair.message, "rfm segments[0].r: expected [low, high], not [\"" + std::string(62, 'x') + "…");
  const auto key = error_of([&] { rfm_segments_from_json(R"([{"name": "a", ")" + huge + R"(": 1}])", 5); });
  EXPECT_EQ(key.message, "rfm segments[0]: unknown key '" + std::string(64, 'x') + "…' (known: name, r, f, m)");
}

TEST(RfmSegmentsJsonTest, RefusesScoresOutsideTwoToNine) {
  EXPECT_EQ(error_of([] { rfm_segments_from_json("[]", 10); }).message, "rfm scores: 10 is outside 2..9");
  EXPECT_TRUE(rfm_segments_from_json("[]", 9).empty());
}

}  // namespace
}  // namespace crm::analytics
