// SPDX-License-Identifier: Apache-2.0
// Pipelines as data, and the stage history the engine keeps for every deal.
#include <gtest/gtest.h>

#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

using std::chrono::hours;

class StageHistoryTest : public EngineTest {
 protected:
  Opportunity deal(std::string stage = "Qualification", std::string pipeline = "default") {
    Opportunity o;
    o.name = "200 tills";
    o.pipeline = std::move(pipeline);
    o.stage = std::move(stage);
    o.amount = Money::of(1'000'00, "EUR");
    o.owner = "alice";
    return engine->create(o);
  }

  std::vector<StageChange> history(Id opportunity) {
    return engine->list(StageChangeQuery{.opportunity_id = opportunity, .limit = 100}).items;
  }

  static Pipeline partners() {
    using enum ForecastCategory;
    return Pipeline{.name = "Partners", .stages = {{"Intro", 10, pipeline}, {"Pilot", 50, best_case}, {"Signed", 90, commit}}};
  }
};

TEST_P(StageHistoryTest, PipelinesAreStoredAndFoundByName) {
  const auto stored = engine->create(partners());
  EXPECT_EQ(engine->find_pipeline("PARTNERS"), stored);
  EXPECT_EQ(engine->find_pipeline("default"), default_pipeline()) << "built in while none is stored";
  EXPECT_FALSE(engine->find_pipeline("nope"));
  auto copy = partners();
  copy.name = "partners";
  EXPECT_EQ(error_of([&] { engine->create(copy); }).code, Errc::already_exists);
}

TEST_P(StageHistoryTest, StoredPipelinesAreListedInIdOrder) {
  EXPECT_TRUE(engine->list(PipelineQuery{}).items.empty()) << "the built-in default is not stored";
  const auto a = engine->create(partners());
  const auto b = engine->create(Pipeline{.name = "Renewals", .stages = {{.name = "Due"}}});
  const auto first = engine->list(PipelineQuery{.limit = 1});
  ASSERT_EQ(first.items.size(), 1U);
  EXPECT_EQ(first.items[0], a);
  EXPECT_EQ(engine->list(PipelineQuery{.cursor = first.next_cursor}).items, std::vector<Pipeline>{b});
}

TEST_P(StageHistoryTest, ABadPipelineIsRefused) {
  auto p = partners();
  p.stages.clear();
  EXPECT_EQ(error_of([&] { engine->create(p); }).message, "pipeline.stages: a pipeline needs at least one stage");
  p = partners();
  p.stages[2].name = "pilot";
  EXPECT_EQ(error_of([&] { engine->create(p); }).message, "pipeline.stages[2].name: 'pilot' appears twice");
  p = partners();
  p.stages[0].probability = 101;
  EXPECT_EQ(error_of([&] { engine->create(p); }).code, Errc::invalid_argument);
  EXPECT_EQ(engine->count<Pipeline>(), 0U);
}

TEST_P(StageHistoryTest, ADealMustBeInAStageOfAKnownPipeline) {
  Opportunity o;
  o.name = "x";
  o.stage = "won";
  const auto error = error_of([&] { engine->create(o); });
  EXPECT_EQ(error.code, Errc::invalid_argument);
  EXPECT_NE(error.message.find("'won' is not a stage of pipeline 'default'"), std::string::npos) << error.message;
  o.stage = "Intro";
  o.pipeline = "Partners";
  EXPECT_EQ(error_of([&] { engine->create(o); }).message, "opportunity.pipeline: no pipeline named 'Partners'");
  EXPECT_EQ(engine->count<Opportunity>(), 0U);
  EXPECT_TRUE(engine->list(StageChangeQuery{}).items.empty()) << "a refused deal leaves no history";
}

TEST_P(StageHistoryTest, CreatingADealRecordsItsFirstStage) {
  const auto o = deal("needs ANALYSIS");
  EXPECT_EQ(o.stage, "Needs analysis");
  EXPECT_EQ(o.probability, 30) << "the stage's default";
  const auto h = history(o.id);
  ASSERT_EQ(h.size(), 1U);
  EXPECT_EQ(h[0].opportunity_id, o.id);
  EXPECT_EQ(h[0].from_stage, "");
  EXPECT_EQ(h[0].to_stage, "Needs analysis");
  EXPECT_EQ(h[0].status, DealStatus::open);
  EXPECT_EQ(h[0].amount, Money::of(1'000'00, "EUR"));
  EXPECT_EQ(h[0].at, test_start);
}

TEST_P(StageHistoryTest, MovingAndClosingRecordFromToAtAndBy) {
  auto o = deal();
  clock->advance(hours(24));
  o = engine->move_stage(o.id, o.version, "demo", "bob");
  EXPECT_EQ(o.stage, "Demo");
  EXPECT_EQ(o.probability, 40);
  clock->advance(hours(48));
  o = engine->close_won(o.id, o.version, "carol");
  EXPECT_EQ(o.probability, 100);
  EXPECT_EQ(o.closed_at, test_start + hours(72));

  const auto h = history(o.id);
  ASSERT_EQ(h.size(), 3U);
  EXPECT_EQ(h[1].from_stage, "Qualification");
  EXPECT_EQ(h[1].to_stage, "Demo");
  EXPECT_EQ(h[1].at, test_start + hours(24));
  EXPECT_EQ(h[1].by, "bob");
  EXPECT_EQ(h[2].from_stage, "Demo");
  EXPECT_EQ(h[2].to_stage, "Demo");
  EXPECT_EQ(h[2].status, DealStatus::won);
  EXPECT_EQ(h[2].by, "carol");
}

TEST_P(StageHistoryTest, LosingNeedsAReasonAndAClosedDealDoesNotMove) {
  auto o = deal();
  EXPECT_EQ(error_of([&] { engine->close_lost(o.id, o.version, ""); }).code, Errc::invalid_argument);
  o = engine->close_lost(o.id, o.version, "price", "bob");
  EXPECT_EQ(o.lost_reason, "price");
  EXPECT_EQ(o.probability, 0);
  const auto error = error_of([&] { engine->move_stage(o.id, o.version, "Demo"); });
  EXPECT_EQ(error.code, Errc::conflict);
  EXPECT_NE(error.message.find("already lost"), std::string::npos) << error.message;
  EXPECT_EQ(error_of([&] { engine->close_won(o.id, o.version); }).code, Errc::conflict);
  EXPECT_EQ(history(o.id).size(), 2U);
}

TEST_P(StageHistoryTest, AStaleMoveChangesNothing) {
  const auto o = deal();
  engine->move_stage(o.id, o.version, "Demo");
  EXPECT_EQ(error_of([&] { engine->move_stage(o.id, o.version, "Proposal"); }).code, Errc::conflict);
  EXPECT_EQ(engine->get<Opportunity>(o.id).stage, "Demo");
  EXPECT_EQ(history(o.id).size(), 2U);
}

TEST_P(StageHistoryTest, AnUpdateThatKeepsStageAndStatusAddsNoEntryAndKeepsAHandSetProbability) {
  auto o = deal();
  o.probability = 35;
  o.amount = Money::of(2'000'00, "EUR");
  o = engine->update(o);
  EXPECT_EQ(o.probability, 35);
  EXPECT_EQ(history(o.id).size(), 1U);
}

TEST_P(StageHistoryTest, ErasingADealErasesItsHistory) {
  auto o = deal();
  o = engine->move_stage(o.id, o.version, "Demo");
  const auto other = deal();
  engine->erase<Opportunity>(o.id, o.version);
  EXPECT_TRUE(history(o.id).empty());
  EXPECT_EQ(history(other.id).size(), 1U);
}

TEST_P(StageHistoryTest, APipelineKeepsItsNameAndStagesWhileDealsUseThem) {
  auto p = engine->create(partners());
  deal("Pilot", "partners");
  auto renamed = p;
  renamed.name = "Resellers";
  EXPECT_EQ(error_of([&] { engine->update(renamed); }).code, Errc::conflict);
  auto fewer = p;
  fewer.stages.erase(fewer.stages.begin() + 1);
  const auto error = error_of([&] { engine->update(fewer); });
  EXPECT_EQ(error.code, Errc::conflict);
  EXPECT_NE(error.message.find("stage 'Pilot' still has deals"), std::string::npos) << error.message;
  fewer.stages = p.stages;
  fewer.stages.erase(fewer.stages.begin());  // Intro is empty
  p = engine->update(fewer);
  EXPECT_EQ(p.stages.size(), 2U);
  EXPECT_EQ(error_of([&] { engine->erase<Pipeline>(p.id, p.version); }).code, Errc::conflict);
}

TEST_P(StageHistoryTest, AStoredDefaultPipelineReplacesTheBuiltInOne) {
  engine->create(Pipeline{.name = "default", .stages = {{.name = "Open", .probability = 5}}});
  EXPECT_EQ(deal("open").probability, 5);
  EXPECT_EQ(error_of([&] { deal("Demo"); }).code, Errc::invalid_argument);
}

TEST_P(StageHistoryTest, AnImportedDealKeepsTheTimesOfItsSteps) {
  Opportunity o;
  o.name = "old deal";
  o.amount = Money::of(500'00, "USD");
  o.lost_reason = "went quiet";
  const auto t0 = from_millis(1'600'000'000'000);
  const auto stored = engine->import_opportunity(
      o, {{"Prospecting", DealStatus::open, t0, "ann"},
          {"Demo", DealStatus::open, t0 + hours(240), "ann"},
          {"Demo", DealStatus::lost, t0 + hours(480), "bob"}});
  EXPECT_EQ(stored.stage, "Demo");
  EXPECT_EQ(stored.status, DealStatus::lost);
  EXPECT_EQ(stored.created_at, t0);
  EXPECT_EQ(stored.closed_at, t0 + hours(480));
  EXPECT_EQ(engine->get<Opportunity>(stored.id), stored);
  const auto h = history(stored.id);
  ASSERT_EQ(h.size(), 3U);
  EXPECT_EQ(h[0].at, t0);
  EXPECT_EQ(h[0].probability, 10);
  EXPECT_EQ(h[1].from_stage, "Prospecting");
  EXPECT_EQ(h[1].probability, 40);
  EXPECT_EQ(h[2].status, DealStatus::lost);
  EXPECT_EQ(h[2].by, "bob");
}

TEST_P(StageHistoryTest, AnImportOutOfOrderOrIntoAnUnknownStageChangesNothing) {
  Opportunity o;
  o.name = "old deal";
  const auto t0 = from_millis(1'600'000'000'000);
  EXPECT_EQ(error_of([&] { engine->import_opportunity(o, {{"Demo", DealStatus::open, t0, ""},
                                                           {"Proposal", DealStatus::open, t0 - hours(1), ""}}); })
                .code,
            Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { engine->import_opportunity(o, {{"Demo", DealStatus::open, t0, ""},
                                                           {"Won", DealStatus::open, t0, ""}}); })
                .code,
            Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { engine->import_opportunity(o, {}); }).code, Errc::invalid_argument);
  EXPECT_EQ(engine->count<Opportunity>(), 0U);
  EXPECT_TRUE(engine->list(StageChangeQuery{}).items.empty());
}

TEST_P(StageHistoryTest, TheWholeHistoryIsListedInTimeOrderFromAGivenTime) {
  auto a = deal();  // at test_start
  clock->advance(hours(1));
  auto b = deal();
  clock->advance(hours(1));
  a = engine->move_stage(a.id, a.version, "Demo");
  clock->advance(hours(1));
  b = engine->move_stage(b.id, b.version, "Proposal");

  const auto since = engine->list(StageChangeQuery{.since = test_start + hours(1), .limit = 2});
  ASSERT_EQ(since.items.size(), 2U);
  EXPECT_EQ(since.items[0].opportunity_id, b.id);
  EXPECT_EQ(since.items[0].at, test_start + hours(1));
  EXPECT_EQ(since.items[1].to_stage, "Demo");
  const auto rest = engine->list(StageChangeQuery{.since = test_start + hours(1), .cursor = since.next_cursor});
  ASSERT_EQ(rest.items.size(), 1U);
  EXPECT_EQ(rest.items[0].to_stage, "Proposal");
  EXPECT_EQ(engine->list(StageChangeQuery{.limit = 10}).items.size(), 4U);
  EXPECT_EQ(error_of([&] { engine->list(StageChangeQuery{.opportunity_id = a.id, .since = test_start}); }).code,
            Errc::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Backends, StageHistoryTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
