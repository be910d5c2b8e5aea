// SPDX-License-Identifier: Apache-2.0
// Pipeline reports checked against values worked out by hand on a small,
// fixed set of deals, over every backend.
#include "crm/pipeline/reports.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "pipeline/report_support.hpp"
#include "support/engine_fixture.hpp"
#include "support/money.hpp"

namespace crm {
// Readable failures. Internal to this file.
[[maybe_unused]] static void PrintTo(const ForecastRow& r, std::ostream* out) {
  *out << "{" << (r.period_start ? to_iso8601(*r.period_start) : "unscheduled") << ", " << r.owner << ", "
       << to_string(r.category) << ", " << r.deals << " deals, " << to_string(r.amount) << ", weighted "
       << to_string(r.weighted) << "}";
}
}  // namespace crm

namespace crm::test {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

constexpr Timestamp jan_1 = from_millis(1'704'067'200'000);  // 2024-01-01T00:00:00Z

// Day n of the data set, plus some hours.
constexpr Timestamp day(int n, int h = 0) { return jan_1 + hours(24 * n + h); }

// A UTC calendar date at midnight.
constexpr Timestamp date(int y, unsigned m, unsigned d) {
  return Timestamp{std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}}};
}

Money usd(std::int64_t minor) { return Money::of(minor, "USD"); }

class ReportsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    using enum ForecastCategory;
    engine->create(Pipeline{.name = "Sales",
                            .stages = {{"Lead", 10, pipeline},
                                       {"Demo", 40, best_case},
                                       {"Proposal", 60, best_case},
                                       {"Negotiation", 80, commit}}});
    engine->create(Pipeline{.name = "Partners", .stages = {{"Intro", 10, pipeline}, {"Pilot", 50, best_case}}});
  }

  Opportunity imported(std::string name, std::optional<Money> amount, std::vector<StageStep> steps,
                       std::string pipeline = "Sales") {
    Opportunity o;
    o.name = std::move(name);
    o.pipeline = std::move(pipeline);
    o.amount = amount;
    o.owner = "alice";
    if (steps.back().status == DealStatus::lost) o.lost_reason = "price";
    return engine->import_opportunity(o, steps);
  }

  // The funnel data set, days from 2024-01-01 (stage probabilities: Lead 10,
  // Demo 40, Proposal 60, Negotiation 80; won 100):
  //   A 1000 EUR  Lead d0 -> Demo d2 -> Proposal d5 -> won d9 12:00
  //   B 2000 EUR  Lead d1 -> Proposal d4 (skips Demo) -> lost d8
  //   C  500 EUR  created in Demo d3 (skips Lead) -> Negotiation d8 (skips Proposal)
  //   D  300 USD  Lead d2 -> Demo d6                     (another currency)
  //   E  800 EUR  Lead d-5 (before the window) -> Demo d3 -> Proposal d10 (at window.to)
  //   F  400 EUR  Partners: Intro d1 -> won d6           (another pipeline)
  //   G  no amount  Lead d9
  void seed() {
    using enum DealStatus;
    imported(
        "A", eur(1000'00),
        {{"Lead", open, day(0)}, {"Demo", open, day(2)}, {"Proposal", open, day(5)}, {"Proposal", won, day(9, 12)}});
    imported("B", eur(2000'00), {{"Lead", open, day(1)}, {"Proposal", open, day(4)}, {"Proposal", lost, day(8)}});
    imported("C", eur(500'00), {{"Demo", open, day(3)}, {"Negotiation", open, day(8)}});
    imported("D", usd(300'00), {{"Lead", open, day(2)}, {"Demo", open, day(6)}});
    imported("E", eur(800'00), {{"Lead", open, day(-5)}, {"Demo", open, day(3)}, {"Proposal", open, day(10)}});
    imported("F", eur(400'00), {{"Intro", open, day(1)}, {"Intro", won, day(6)}}, "Partners");
    imported("G", std::nullopt, {{"Lead", open, day(9)}});
  }

  Funnel sales_funnel(Timestamp from = day(0), Timestamp to = day(10)) {
    return funnel(*engine, FunnelQuery{.pipeline = "sales", .window = {from, to}, .currency = Currency::of("EUR")});
  }
};

// --- Funnel -------------------------------------------------------------------

TEST_P(ReportsTest, FunnelCountsTheDealsEnteringEachStageAndTheirValue) {
  seed();
  const auto f = sales_funnel();  // window [d0, d10)
  ASSERT_EQ(f.stages.size(), 4U);
  EXPECT_EQ(f.stages[0].stage, "Lead");
  EXPECT_EQ(f.stages[3].stage, "Negotiation");
  // Lead: A d0, B d1, D d2, G d9 (E entered on d-5, before the window) -> 4;
  // value A 1000 + B 2000 (D is USD, G has no amount) = 3000.
  EXPECT_EQ(f.stages[0].entered, 4U);
  EXPECT_EQ(f.stages[0].value, eur(3000'00));
  // Demo: A d2, C d3 (created there), E d3, D d6 -> 4; 1000 + 500 + 800 = 2300 (D is USD).
  EXPECT_EQ(f.stages[1].entered, 4U);
  EXPECT_EQ(f.stages[1].value, eur(2300'00));
  // Proposal: B d4, A d5 (E on d10 is at window.to) -> 2; 2000 + 1000 = 3000.
  EXPECT_EQ(f.stages[2].entered, 2U);
  EXPECT_EQ(f.stages[2].value, eur(3000'00));
  // Negotiation: C d8 -> 1; 500.
  EXPECT_EQ(f.stages[3].entered, 1U);
  EXPECT_EQ(f.stages[3].value, eur(500'00));
}

TEST_P(ReportsTest, FunnelCountsAdvancesToAnyLaterStageOrAWin) {
  seed();
  const auto f = sales_funnel();
  // Lead: A -> Demo, B -> Proposal (skipping Demo), D -> Demo; G stays -> 3 of 4.
  EXPECT_EQ(f.stages[0].advanced, 3U);
  EXPECT_EQ(f.stages[0].conversion_to_next, 0.75);
  // Demo: A -> Proposal, C -> Negotiation (skipping Proposal); D stays, E moves
  // only on d10 (window.to) -> 2 of 4.
  EXPECT_EQ(f.stages[1].advanced, 2U);
  EXPECT_EQ(f.stages[1].conversion_to_next, 0.5);
  // Proposal: A won; B lost -> 1 of 2.
  EXPECT_EQ(f.stages[2].advanced, 1U);
  EXPECT_EQ(f.stages[2].conversion_to_next, 0.5);
  // Negotiation: C is still there -> 0 of 1.
  EXPECT_EQ(f.stages[3].advanced, 0U);
  EXPECT_EQ(f.stages[3].conversion_to_next, 0.0);
}

TEST_P(ReportsTest, FunnelTakesTheMedianDaysOfTheExitsInsideTheWindow) {
  seed();
  const auto f = sales_funnel();
  // Lead exits: A d0->d2 = 2, B d1->d4 = 3, D d2->d6 = 4, E d-5->d3 = 8 (entered
  // before the window, left inside it) -> {2, 3, 4, 8} -> median (3 + 4) / 2 = 3.5.
  EXPECT_EQ(f.stages[0].median_days_in_stage, 3.5);
  // Demo exits: A d2->d5 = 3, C d3->d8 = 5 (E leaves on d10, outside) -> 4.
  EXPECT_EQ(f.stages[1].median_days_in_stage, 4.0);
  // Proposal exits: B d4->lost d8 = 4, A d5->won d9 12:00 = 4.5 -> 4.25.
  EXPECT_EQ(f.stages[2].median_days_in_stage, 4.25);
  // Negotiation: nobody left it.
  EXPECT_EQ(f.stages[3].median_days_in_stage, std::nullopt);
}

TEST_P(ReportsTest, FunnelCountsClosesOfItsPipelineOnlyAndTheDealsInOtherCurrencies) {
  seed();
  const auto f = sales_funnel();
  // A won d9 12:00, B lost d8; F was won on d6 but in Partners.
  EXPECT_EQ(f.won, 1U);
  EXPECT_EQ(f.lost, 1U);
  EXPECT_EQ(f.won_value, eur(1000'00));
  EXPECT_EQ(f.win_rate, 0.5);
  // D (USD) entered Lead and Demo: one deal.
  EXPECT_EQ(f.skipped_other_currency, 1U);
}

TEST_P(ReportsTest, FunnelWindowIncludesAnEventAtFromAndExcludesOneAtTo) {
  seed();
  // Starting 1 ms after d0 loses A's creation: Lead entered B, D, G -> 3, value 2000;
  // advanced B, D -> 2.
  auto f = sales_funnel(day(0) + milliseconds(1), day(10));
  EXPECT_EQ(f.stages[0].entered, 3U);
  EXPECT_EQ(f.stages[0].value, eur(2000'00));
  EXPECT_EQ(f.stages[0].advanced, 2U);
  // Ending 1 ms after d10 takes in E's move to Proposal: Proposal entered B, A, E -> 3,
  // 2000 + 1000 + 800 = 3800; Demo advanced A, C, E -> 3; E's Demo stay d3->d10 = 7
  // joins {3, 5} -> median 5.
  f = sales_funnel(day(0), day(10) + milliseconds(1));
  EXPECT_EQ(f.stages[2].entered, 3U);
  EXPECT_EQ(f.stages[2].value, eur(3800'00));
  EXPECT_EQ(f.stages[1].advanced, 3U);
  EXPECT_EQ(f.stages[1].median_days_in_stage, 5.0);
}

TEST_P(ReportsTest, FunnelOfAWindowWithoutEventsHasCountsButNoRates) {
  seed();
  for (const auto& f : {sales_funnel(day(20), day(30)), sales_funnel(day(5), day(5))}) {
    ASSERT_EQ(f.stages.size(), 4U);
    for (const auto& stage : f.stages) {
      EXPECT_EQ(stage.entered, 0U) << stage.stage;
      EXPECT_EQ(stage.value, eur(0)) << stage.stage;
      EXPECT_EQ(stage.conversion_to_next, std::nullopt) << stage.stage;
      EXPECT_EQ(stage.median_days_in_stage, std::nullopt) << stage.stage;
    }
    EXPECT_EQ(f.won + f.lost, 0U);
    EXPECT_EQ(f.win_rate, std::nullopt);
  }
}

TEST_P(ReportsTest, FunnelCountsAReopeningAsANewStayButNotAsAnEntry) {
  Opportunity o;
  o.name = "reopened";
  o.pipeline = "Sales";
  o.stage = "Demo";
  o.amount = eur(100'00);
  clock->set(day(0));
  o = engine->create(o);
  clock->set(day(2));
  o = engine->close_won(o.id, o.version);
  clock->set(day(3));
  o.status = DealStatus::open;
  o = engine->update(o);
  clock->set(day(4));
  engine->move_stage(o.id, o.version, "Proposal");

  const auto f = sales_funnel(day(0), day(10));
  // Demo entered once (d0); its stays: d0 -> won d2 = 2 and reopened d3 -> moved d4 = 1
  // -> median 1.5. Advanced by the win.
  EXPECT_EQ(f.stages[1].entered, 1U);
  EXPECT_EQ(f.stages[1].advanced, 1U);
  EXPECT_EQ(f.stages[1].median_days_in_stage, 1.5);
  EXPECT_EQ(f.stages[2].entered, 1U);
  EXPECT_EQ(f.won, 1U) << "its last close in the window";
}

TEST_P(ReportsTest, FunnelCountsAMoveBackAndForthAsNoAdvance) {
  using enum DealStatus;
  imported("to and fro", eur(100'00),
           {{"Lead", open, day(0)}, {"Demo", open, day(1)}, {"Lead", open, day(2)}, {"Demo", open, day(4)}});
  const auto f = sales_funnel();
  // Lead entered on d0 and d2: one deal, advanced once (d1). Demo entered on d1
  // and d4: one deal, and coming back to Demo is no move beyond it.
  EXPECT_EQ(f.stages[0].entered, 1U);
  EXPECT_EQ(f.stages[0].value, eur(100'00)) << "counted once";
  EXPECT_EQ(f.stages[0].advanced, 1U);
  EXPECT_EQ(f.stages[1].entered, 1U);
  EXPECT_EQ(f.stages[1].advanced, 0U);
  // Lead stays d0->d1 = 1 and d2->d4 = 2 -> median 1.5; Demo d1->d2 = 1.
  EXPECT_EQ(f.stages[0].median_days_in_stage, 1.5);
  EXPECT_EQ(f.stages[1].median_days_in_stage, 1.0);
}

TEST_P(ReportsTest, FunnelReadsEveryPageOfTheHistory) {
  // More entries than one page: 1001 deals created a millisecond apart.
  auto tx = engine->transaction();
  for (int i = 0; i <= static_cast<int>(max_page_size); ++i)
    imported("bulk", eur(1), {{"Lead", DealStatus::open, day(0) + milliseconds(i)}});
  tx.commit();
  const auto f = sales_funnel();
  EXPECT_EQ(f.stages[0].entered, max_page_size + 1);
  EXPECT_EQ(f.stages[0].value, eur(static_cast<std::int64_t>(max_page_size) + 1));
}

// --- Errors -------------------------------------------------------------------

TEST_P(ReportsTest, ReportsRefuseAnUnknownPipeline) {
  const auto euro = Currency::of("EUR");
  auto error = error_of([&] { funnel(*engine, {.pipeline = "Nope", .window = {day(0), day(1)}, .currency = euro}); });
  EXPECT_EQ(error.code, Errc::not_found);
  EXPECT_EQ(error.message, "funnel query.pipeline: no pipeline named 'Nope'");
  EXPECT_EQ(error_of([&] { forecast(*engine, {.pipeline = "Nope", .currency = euro}); }).code, Errc::not_found);
  EXPECT_EQ(error_of([&] { sales_cycle(*engine, {.pipeline = "Nope"}); }).code, Errc::not_found);
  EXPECT_EQ(error_of([&] { pipeline_snapshot(*engine, {.pipeline = "Nope", .currency = euro}); }).code,
            Errc::not_found);
}

TEST_P(ReportsTest, ReportsRefuseAWindowThatEndsBeforeItStarts) {
  const auto euro = Currency::of("EUR");
  const TimeWindow reversed{day(2), day(1)};
  auto error = error_of([&] { funnel(*engine, {.pipeline = "Sales", .window = reversed, .currency = euro}); });
  EXPECT_EQ(error.code, Errc::invalid_argument);
  EXPECT_EQ(error.message,
            "funnel query.window.to: 2024-01-02T00:00:00.000Z is before window.from 2024-01-03T00:00:00.000Z");
  error = error_of([&] { forecast(*engine, {.currency = euro, .window = reversed}); });
  EXPECT_EQ(error.code, Errc::invalid_argument);
  EXPECT_TRUE(error.message.starts_with("forecast query.window.to: ")) << error.message;
  error = error_of([&] { sales_cycle(*engine, {.window = reversed}); });
  EXPECT_TRUE(error.message.starts_with("sales cycle query.window.to: ")) << error.message;
}

TEST_P(ReportsTest, ReportsInMoneyNeedACurrency) {
  auto error = error_of([&] { funnel(*engine, {.pipeline = "Sales", .window = {day(0), day(1)}}); });
  EXPECT_EQ(error.code, Errc::invalid_argument);
  EXPECT_TRUE(error.message.starts_with("funnel query.currency: required")) << error.message;
  EXPECT_EQ(error_of([&] { forecast(*engine, {}); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { pipeline_snapshot(*engine, {.pipeline = "Sales"}); }).code, Errc::invalid_argument);
}

// --- Weighted forecast --------------------------------------------------------

class ForecastTest : public ReportsTest {
 protected:
  Opportunity deal(std::string owner, std::string stage, std::optional<Money> amount,
                   std::optional<Timestamp> expected_close, std::string pipeline = "Sales") {
    Opportunity o;
    o.name = "deal";
    o.owner = std::move(owner);
    o.pipeline = std::move(pipeline);
    o.stage = std::move(stage);
    o.amount = amount;
    o.expected_close = expected_close;
    return engine->create(o);
  }

  // Stage probabilities: Lead 10, Demo 40, Proposal 60, Negotiation 80; Partners Pilot 50.
  void seed_forecast() {
    deal("alice", "Demo", eur(1000'00), date(2024, 2, 10));        // Feb best_case, 400.00
    deal("alice", "Negotiation", eur(333'33), date(2024, 2, 20));  // Feb commit, 26666.4 -> 266.66
    deal("bob", "Lead", eur(12'35), date(2024, 3, 5));             // Mar pipeline, 123.5 -> 1.24
    deal("alice", "Demo", eur(250'00), date(2024, 2, 1));          // Feb best_case, 100.00
    clock->set(date(2024, 1, 15) + hours(10));
    auto won = deal("bob", "Proposal", eur(700'00), date(2024, 3, 1));
    engine->close_won(won.id, won.version);  // Jan (closed_at) closed, 700.00
    auto lost = deal("carol", "Demo", eur(900'00), date(2024, 2, 2));
    engine->close_lost(lost.id, lost.version, "price");     // left out
    deal("bob", "Proposal", eur(50'05), std::nullopt);      // unscheduled best_case, 30.03
    deal("alice", "Demo", usd(100'00), date(2024, 2, 15));  // USD: skipped
    auto hand_set = deal("alice", "Demo", eur(1'01), date(2024, 4, 2));
    hand_set.probability = 55;
    engine->update(hand_set);  // Apr best_case, 55.55 -> 0.56
    // Due in the last millisecond of March: Mar best_case, 1000.00.
    deal("dave", "Pilot", eur(2000'00), date(2024, 4, 1) - milliseconds(1), "Partners");
  }

  Forecast run(ForecastQuery query) {
    query.currency = Currency::of("EUR");
    return forecast(*engine, query);
  }
};

TEST_P(ForecastTest, ByMonthWeighsOpenDealsAndCountsWonDealsWhole) {
  using enum ForecastCategory;
  seed_forecast();
  const auto f = run({.period = ForecastPeriod::month});
  const std::vector<ForecastRow> expected{
      {date(2024, 1, 1), "bob", closed, 1, eur(700'00), eur(700'00)},
      // 1000 × 40% = 400 plus 250 × 40% = 100.
      {date(2024, 2, 1), "alice", best_case, 2, eur(1250'00), eur(500'00)},
      {date(2024, 2, 1), "alice", commit, 1, eur(333'33), eur(266'66)},
      {date(2024, 3, 1), "bob", pipeline, 1, eur(12'35), eur(1'24)},
      {date(2024, 3, 1), "dave", best_case, 1, eur(2000'00), eur(1000'00)},
      // The deal's own probability (55), not the stage's.
      {date(2024, 4, 1), "alice", best_case, 1, eur(1'01), eur(56)},
      {std::nullopt, "bob", best_case, 1, eur(50'05), eur(30'03)},
  };
  EXPECT_EQ(f.rows, expected);
  EXPECT_EQ(f.skipped_other_currency, 1U);
}

TEST_P(ForecastTest, ByQuarterMergesTheMonthsOfAQuarter) {
  using enum ForecastCategory;
  seed_forecast();
  const auto f = run({.period = ForecastPeriod::quarter});
  const std::vector<ForecastRow> expected{
      {date(2024, 1, 1), "alice", best_case, 2, eur(1250'00), eur(500'00)},
      {date(2024, 1, 1), "alice", commit, 1, eur(333'33), eur(266'66)},
      {date(2024, 1, 1), "bob", pipeline, 1, eur(12'35), eur(1'24)},
      {date(2024, 1, 1), "bob", closed, 1, eur(700'00), eur(700'00)},
      {date(2024, 1, 1), "dave", best_case, 1, eur(2000'00), eur(1000'00)},
      {date(2024, 4, 1), "alice", best_case, 1, eur(1'01), eur(56)},
      {std::nullopt, "bob", best_case, 1, eur(50'05), eur(30'03)},
  };
  EXPECT_EQ(f.rows, expected);
}

TEST_P(ForecastTest, OfOnePipelineLeavesTheOthersOut) {
  using enum ForecastCategory;
  seed_forecast();
  auto won = deal("erin", "Intro", eur(10'00), std::nullopt, "Partners");
  engine->close_won(won.id, won.version);  // closed Jan 15 10:00 (the clock seed_forecast left)
  const auto f = run({.pipeline = "PARTNERS", .period = ForecastPeriod::quarter});
  const std::vector<ForecastRow> expected{{date(2024, 1, 1), "dave", best_case, 1, eur(2000'00), eur(1000'00)},
                                          {date(2024, 1, 1), "erin", closed, 1, eur(10'00), eur(10'00)}};
  EXPECT_EQ(f.rows, expected);
  EXPECT_EQ(f.skipped_other_currency, 0U) << "the USD deal is in Sales";
}

TEST_P(ForecastTest, AWindowKeepsDatesFromItsStartAndDropsItsEndAndTheUnscheduled) {
  using enum ForecastCategory;
  seed_forecast();
  // [Feb 1, Feb 10): the 250 deal due exactly on Feb 1 is in; the 1000 deal due
  // Feb 10 is not, nor the USD deal of Feb 15, nor the unscheduled one.
  auto f = run({.window = TimeWindow{date(2024, 2, 1), date(2024, 2, 10)}});
  std::vector<ForecastRow> expected{{date(2024, 2, 1), "alice", best_case, 1, eur(250'00), eur(100'00)}};
  EXPECT_EQ(f.rows, expected);
  EXPECT_EQ(f.skipped_other_currency, 0U);
  // [Jan 15, Feb 1): the won deal by its closed_at (Jan 15 10:00).
  f = run({.window = TimeWindow{date(2024, 1, 15), date(2024, 2, 1)}});
  expected = {{date(2024, 1, 1), "bob", closed, 1, eur(700'00), eur(700'00)}};
  EXPECT_EQ(f.rows, expected);
}

TEST(WeightedAmountTest, RoundsHalfAwayFromZeroWithoutOverflowing) {
  EXPECT_EQ(detail::weighted_minor(1235, 10), 124);  // 123.5
  EXPECT_EQ(detail::weighted_minor(1234, 10), 123);  // 123.4
  EXPECT_EQ(detail::weighted_minor(-1235, 10), -124);
  EXPECT_EQ(detail::weighted_minor(33333, 80), 26666);  // 26666.4
  constexpr auto max = std::numeric_limits<std::int64_t>::max();
  constexpr auto min = std::numeric_limits<std::int64_t>::min();
  EXPECT_EQ(detail::weighted_minor(max, 100), max);
  EXPECT_EQ(detail::weighted_minor(min, 100), min);
  EXPECT_EQ(detail::weighted_minor(max, 50), 4'611'686'018'427'387'904);  // ...903.5 rounds up
  EXPECT_EQ(detail::weighted_minor(max, 0), 0);
}

// --- Sales cycle length ---------------------------------------------------------

TEST_P(ReportsTest, SalesCycleMeasuresTheDealsClosedInTheWindow) {
  seed();
  const auto c = sales_cycle(*engine, {.window = {day(0), day(10)}});
  // Won: A d0 -> d9 12:00 = 9.5, F d1 -> d6 = 5; lost: B d1 -> d8 = 7.
  EXPECT_EQ(c.won, 2U);
  EXPECT_EQ(c.lost, 1U);
  EXPECT_EQ(c.won_days.mean, 7.25);  // (9.5 + 5) / 2
  EXPECT_EQ(c.won_days.median, 7.25);
  ASSERT_TRUE(c.closed_days.mean);
  EXPECT_NEAR(*c.closed_days.mean, 21.5 / 3, 1e-12);  // (9.5 + 7 + 5) / 3
  EXPECT_EQ(c.closed_days.median, 7.0);
}

TEST_P(ReportsTest, SalesCycleOfOnePipelineStopsBeforeTheWindowEnd) {
  seed();
  // Sales only, and A's win at d9 12:00 falls on window.to: only B (lost, 7 days).
  const auto c = sales_cycle(*engine, {.pipeline = "Sales", .window = {day(0), day(9, 12)}});
  EXPECT_EQ(c.won, 0U);
  EXPECT_EQ(c.lost, 1U);
  EXPECT_EQ(c.won_days.mean, std::nullopt);
  EXPECT_EQ(c.won_days.median, std::nullopt);
  EXPECT_EQ(c.closed_days.mean, 7.0);
  EXPECT_EQ(c.closed_days.median, 7.0);
}

// --- Snapshot -------------------------------------------------------------------

class SnapshotTest : public ReportsTest {
 protected:
  PipelineSnapshot at(Timestamp as_of) {
    return pipeline_snapshot(*engine, {.pipeline = "Sales", .as_of = as_of, .currency = Currency::of("EUR")});
  }
};

TEST_P(SnapshotTest, RebuildsThePipelineAsOfADateIncludingEntriesAtIt) {
  seed();
  const auto s = at(day(5));  // A's move to Proposal at d5 counts
  ASSERT_EQ(s.stages.size(), 4U);
  // Lead: D (USD: counted, no amount). G is created only on d9.
  EXPECT_EQ(s.stages[0].deals, 1U);
  EXPECT_EQ(s.stages[0].amount, eur(0));
  // Demo: C 500 × 40% = 200, E 800 × 40% = 320.
  EXPECT_EQ(s.stages[1].deals, 2U);
  EXPECT_EQ(s.stages[1].amount, eur(1300'00));
  EXPECT_EQ(s.stages[1].weighted, eur(520'00));
  // Proposal: A 1000 × 60% = 600, B 2000 × 60% = 1200.
  EXPECT_EQ(s.stages[2].deals, 2U);
  EXPECT_EQ(s.stages[2].amount, eur(3000'00));
  EXPECT_EQ(s.stages[2].weighted, eur(1800'00));
  EXPECT_EQ(s.stages[3].deals, 0U);
  EXPECT_EQ(s.won + s.lost, 0U) << "F was won on d6, and in Partners";
  EXPECT_EQ(s.skipped_other_currency, 1U);
}

TEST_P(SnapshotTest, AMillisecondBeforeAMoveShowsTheDealInItsOldStage) {
  seed();
  const auto s = at(day(5) - milliseconds(1));
  // Demo: A, C, E: 1000 + 500 + 800 = 2300; 400 + 200 + 320 = 920.
  EXPECT_EQ(s.stages[1].deals, 3U);
  EXPECT_EQ(s.stages[1].amount, eur(2300'00));
  EXPECT_EQ(s.stages[1].weighted, eur(920'00));
  // Proposal: B alone.
  EXPECT_EQ(s.stages[2].deals, 1U);
  EXPECT_EQ(s.stages[2].weighted, eur(1200'00));
}

TEST_P(SnapshotTest, CountsTheDealsClosedByTheDate) {
  seed();
  const auto s = at(day(10));
  // A won, B lost; open: G in Lead (no amount), D in Demo (USD), E in Proposal
  // (800 × 60% = 480), C in Negotiation (500 × 80% = 400).
  EXPECT_EQ(s.won, 1U);
  EXPECT_EQ(s.lost, 1U);
  EXPECT_EQ(s.stages[0].deals, 1U);
  EXPECT_EQ(s.stages[1].deals, 1U);
  EXPECT_EQ(s.stages[1].amount, eur(0));
  EXPECT_EQ(s.stages[2].deals, 1U);
  EXPECT_EQ(s.stages[2].weighted, eur(480'00));
  EXPECT_EQ(s.stages[3].deals, 1U);
  EXPECT_EQ(s.stages[3].amount, eur(500'00));
  EXPECT_EQ(s.stages[3].weighted, eur(400'00));
}

TEST_P(SnapshotTest, BeforeTheFirstDealThePipelineIsEmpty) {
  seed();
  const auto s = at(day(-6));
  for (const auto& stage : s.stages) EXPECT_EQ(stage.deals, 0U) << stage.stage;
  EXPECT_EQ(s.won + s.lost + s.skipped_other_currency, 0U);
}

TEST_P(SnapshotTest, FollowsMovesMadeThroughTheEngineButNotAmountEditsBetweenThem) {
  Opportunity o;
  o.name = "live";
  o.pipeline = "Sales";
  o.stage = "Lead";
  o.amount = eur(100'00);
  clock->set(day(0));
  o = engine->create(o);
  clock->set(day(1));
  o = engine->move_stage(o.id, o.version, "Demo");
  clock->set(day(2));
  o.amount = eur(900'00);
  engine->update(o);  // no stage change: no history entry

  auto s = at(day(1) - milliseconds(1));
  EXPECT_EQ(s.stages[0].deals, 1U);
  EXPECT_EQ(s.stages[0].weighted, eur(10'00));  // 100 × 10%
  s = at(day(3));
  EXPECT_EQ(s.stages[0].deals, 0U);
  EXPECT_EQ(s.stages[1].deals, 1U);
  EXPECT_EQ(s.stages[1].amount, eur(100'00)) << "the amount recorded by the move";
  EXPECT_EQ(s.stages[1].weighted, eur(40'00));
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportsTest, testing::ValuesIn(all_backends()), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, ForecastTest, testing::ValuesIn(all_backends()), backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, SnapshotTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
