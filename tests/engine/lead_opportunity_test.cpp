// SPDX-License-Identifier: Apache-2.0
// Leads and opportunities store, load and list through the engine. Their
// behaviour (transitions, scoring, conversion) comes with the pipeline work.

#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

using LeadOpportunityTest = EngineTest;

Lead full_lead() {
  Lead l;
  l.given_name = "Grace";
  l.family_name = "Hopper";
  l.company = "Navy Labs";
  l.job_title = "Rear Admiral";
  l.email = " Grace@NavyLabs.example ";
  l.phone = "020 7946 0020";
  l.source = "trade show";
  l.industry = "defence";
  l.territory = "EMEA";
  l.status = LeadStatus::working;
  l.score = 72;
  l.owner = "alice";
  l.tags = {"Hot"};
  l.attributes = {{"booth", std::int64_t{12}}};
  l.external_id = "LEAD-1";
  return l;
}

TEST_P(LeadOpportunityTest, ALeadRoundTripsNormalised) {
  const auto stored = engine->create(full_lead());
  EXPECT_EQ(stored.display_name, "Grace Hopper");
  EXPECT_EQ(stored.email, "grace@navylabs.example");
  EXPECT_EQ(stored.phone, "+442079460020");
  EXPECT_EQ(stored.tags, Tags{"hot"});
  EXPECT_EQ(engine->get<Lead>(stored.id), stored);
  EXPECT_EQ(engine->find_lead_by_external_id("LEAD-1")->id, stored.id);
}

TEST_P(LeadOpportunityTest, ALeadWithOnlyACompanyIsNamedAfterIt) {
  Lead l;
  l.company = "Acme";
  EXPECT_EQ(engine->create(l).display_name, "Acme");
  EXPECT_EQ(error_of([&] { engine->create(Lead{}); }).code, Errc::invalid_argument);
}

TEST_P(LeadOpportunityTest, LeadsAreListedByStatusOwnerAndEmail) {
  const auto grace = engine->create(full_lead());
  Lead other;
  other.display_name = "Other";
  other = engine->create(other);
  EXPECT_EQ(engine->list(LeadQuery{.status = LeadStatus::working}).items.at(0).id, grace.id);
  EXPECT_EQ(engine->list(LeadQuery{.status = LeadStatus::new_lead}).items.at(0).id, other.id);
  EXPECT_EQ(engine->list(LeadQuery{.owner = "alice"}).items.size(), 1U);
  EXPECT_EQ(engine->list(LeadQuery{.email = "GRACE@navylabs.example"}).items.at(0).id, grace.id);
  EXPECT_EQ(engine->list(LeadQuery{}).items.size(), 2U);
}

TEST_P(LeadOpportunityTest, LeadRulesAreEnforced) {
  Lead l = full_lead();
  l.score = 101;
  EXPECT_EQ(error_of([&] { engine->create(l); }).code, Errc::invalid_argument);
  l = full_lead();
  l.status = static_cast<LeadStatus>(9);
  EXPECT_EQ(error_of([&] { engine->create(l); }).code, Errc::invalid_argument);
  l = full_lead();
  l.converted_customer_id = 12345;  // only conversion sets it
  EXPECT_EQ(error_of([&] { engine->create(l); }).code, Errc::invalid_argument);
  l = full_lead();
  l.status = LeadStatus::disqualified;  // without a reason
  EXPECT_EQ(error_of([&] { engine->create(l); }).code, Errc::invalid_argument);
  EXPECT_EQ(engine->count<Lead>(), 0U);
}

TEST_P(LeadOpportunityTest, AnOpportunityRoundTrips) {
  const auto acme = engine->create(organisation("Acme"));
  Opportunity o;
  o.name = "Acme renewal";
  o.customer_id = acme.id;
  o.stage = "Needs analysis";
  o.amount = Money::of(5'000'000, "EUR");
  o.expected_close = from_millis(1'710'000'000'000);
  o.probability = 20;
  o.owner = "alice";
  o.external_id = "OPP-1";
  const auto stored = engine->create(o);
  EXPECT_EQ(stored.pipeline, "default");
  EXPECT_FALSE(stored.closed_at);
  EXPECT_EQ(engine->get<Opportunity>(stored.id), stored);
  EXPECT_EQ(engine->find_opportunity_by_external_id("OPP-1")->id, stored.id);
}

TEST_P(LeadOpportunityTest, ClosingADealStampsItAndLostNeedsAReason) {
  Opportunity o;
  o.name = "Deal";
  o.stage = "Demo";
  o = engine->create(o);
  clock->advance(std::chrono::hours(24));
  o.status = DealStatus::lost;
  const auto error = error_of([&] { engine->update(o); });
  EXPECT_EQ(error.code, Errc::invalid_argument);
  EXPECT_NE(error.message.find("lost_reason"), std::string::npos) << error.message;
  o.lost_reason = "budget";
  const auto lost = engine->update(o);
  EXPECT_EQ(lost.closed_at, test_start + std::chrono::hours(24));
}

TEST_P(LeadOpportunityTest, OpportunitiesAreListedByCustomerStageStatusAndOwner) {
  const auto acme = engine->create(organisation("Acme"));
  Opportunity a;
  a.name = "A";
  a.customer_id = acme.id;
  a.stage = "Demo";
  a.owner = "alice";
  a = engine->create(a);
  engine->create(Pipeline{.name = "Partners", .stages = {{.name = "Demo", .probability = 50}}});
  Opportunity b;
  b.name = "B";
  b.pipeline = "partners";
  b.stage = "Demo";
  b.status = DealStatus::won;
  b = engine->create(b);
  EXPECT_EQ(engine->list(OpportunityQuery{.customer_id = acme.id}).items.at(0).id, a.id);
  EXPECT_EQ(engine->list(OpportunityQuery{.pipeline = "default", .stage = "Demo"}).items.at(0).id, a.id);
  EXPECT_EQ(b.pipeline, "Partners");  // spelled as the pipeline is
  EXPECT_EQ(engine->list(OpportunityQuery{.pipeline = "Partners"}).items.at(0).id, b.id);
  EXPECT_EQ(engine->list(OpportunityQuery{.status = DealStatus::won}).items.at(0).id, b.id);
  EXPECT_EQ(engine->list(OpportunityQuery{.owner = "alice"}).items.size(), 1U);
  EXPECT_EQ(error_of([&] { engine->list(OpportunityQuery{.stage = "Demo"}); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { engine->erase<Customer>(acme.id, acme.version); }).code, Errc::conflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, LeadOpportunityTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
