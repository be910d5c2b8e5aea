// SPDX-License-Identifier: Apache-2.0
// The engine keeps the predictive score's tallies as leads close.
#include <gtest/gtest.h>

#include "crm/pipeline/scoring.hpp"
#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

class LeadOutcomesTest : public EngineTest {
 protected:
  Lead working_lead(std::string source) {
    Lead l;
    l.display_name = "Lead";
    l.source = std::move(source);
    l.company = "Acme";
    l.status = LeadStatus::working;
    return engine->create(l);
  }

  void disqualify(Lead l) {
    l.status = LeadStatus::disqualified;
    l.status_reason = "no budget";
    engine->update(l);
  }

  void convert(Lead l) {
    l.status = LeadStatus::qualified;
    l = engine->update(l);
    l.status = LeadStatus::converted;
    l.converted_customer_id = engine->create(person("Customer")).id;
    engine->update(l);
  }
};

TEST_P(LeadOutcomesTest, ClosingLeadsCountsWonAndLostPerValue) {
  convert(working_lead("Web"));
  convert(working_lead("web"));
  disqualify(working_lead("Fair"));
  working_lead("web");  // open: not counted
  const auto counts = engine->lead_outcomes();
  EXPECT_EQ(counts.total, (Tally{2, 1}));
  EXPECT_EQ(counts.by_field.at("source").at("web"), (Tally{2, 0}));
  EXPECT_EQ(counts.by_field.at("source").at("fair"), (Tally{0, 1}));
  EXPECT_FALSE(counts.by_field.contains("company")) << "identifiers are not counted";
}

TEST_P(LeadOutcomesTest, AnUpdateOfAClosedLeadDoesNotCountItAgain) {
  auto l = working_lead("web");
  disqualify(l);
  l = engine->get<Lead>(l.id);
  l.status_reason = "no budget this year";
  engine->update(l);
  EXPECT_EQ(engine->lead_outcomes().total, (Tally{0, 1}));
}

TEST_P(LeadOutcomesTest, TheTalliesTrainThePrediction) {
  for (int i = 0; i < 6; ++i) convert(working_lead("web"));
  for (int i = 0; i < 6; ++i) disqualify(working_lead("fair"));
  Lead probe;
  probe.source = "web";
  const auto web = predict(probe, engine->lead_outcomes(), PredictiveConfig{});
  probe.source = "fair";
  const auto fair = predict(probe, engine->lead_outcomes(), PredictiveConfig{});
  EXPECT_TRUE(web.trained);
  EXPECT_GT(web.percent, 90);
  EXPECT_LT(fair.percent, 10);
  ASSERT_FALSE(web.contributions.empty());
  EXPECT_EQ(web.contributions[0].field, "source");
}

TEST_P(LeadOutcomesTest, TheTalliesSurviveReopeningTheStore) {
  disqualify(working_lead("fair"));
  reopen();
  EXPECT_EQ(engine->lead_outcomes().total, (Tally{0, 1}));
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadOutcomesTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
