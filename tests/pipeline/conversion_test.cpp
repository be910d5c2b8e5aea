// SPDX-License-Identifier: Apache-2.0
// Lead conversion: what it creates, what it refuses, and that a failure at
// any step leaves every record as it was.
#include <gtest/gtest.h>

#include "crm/pipeline/conversion.hpp"
#include "support/engine_fixture.hpp"
#include "support/faulty_store.hpp"

namespace crm::test {
namespace {

class ConversionTest : public EngineTest {
 protected:
  Lead qualified_lead(std::string email = "grace@navylabs.example") {
    Lead l;
    l.given_name = "Grace";
    l.family_name = "Hopper";
    l.company = "Navy Labs";
    l.email = std::move(email);
    l.phone = "020 7946 0020";
    l.owner = "alice";
    l.status = LeadStatus::qualified;
    return engine->create(l);
  }

  Interaction call_with(const Lead& lead, std::string subject) {
    Interaction i;
    i.lead_id = lead.id;
    i.kind = InteractionKind::call;
    i.subject = std::move(subject);
    return engine->create(i);
  }

  static ConversionOptions with_deal() {
    Opportunity deal;
    deal.name = "Compilers";
    deal.stage = "Needs analysis";
    deal.amount = Money::of(40'000'00, "USD");
    return {.with_organisation = true, .opportunity = deal};
  }
};

TEST_P(ConversionTest, ALeadBecomesAPersonInAnOrganisationWithADeal) {
  const auto lead = qualified_lead();
  const auto call = call_with(lead, "intro call");
  const auto r = convert_lead(*engine, lead.id, lead.version, with_deal());

  EXPECT_TRUE(r.customer_created);
  EXPECT_EQ(r.customer.display_name, "Grace Hopper");
  EXPECT_EQ(r.customer.emails, std::vector<std::string>{"grace@navylabs.example"});
  ASSERT_TRUE(r.organisation);
  EXPECT_EQ(r.organisation->display_name, "Navy Labs");
  EXPECT_EQ(r.customer.organisation_id, r.organisation->id);
  ASSERT_TRUE(r.opportunity);
  EXPECT_EQ(r.opportunity->customer_id, r.organisation->id);
  EXPECT_EQ(r.opportunity->lead_id, lead.id);
  EXPECT_EQ(r.opportunity->owner, "alice");

  const auto stored = engine->get<Lead>(lead.id);
  EXPECT_EQ(stored.status, LeadStatus::converted);
  EXPECT_EQ(stored.converted_customer_id, r.customer.id);
  EXPECT_EQ(stored.converted_opportunity_id, r.opportunity->id);
  EXPECT_EQ(r.interactions_moved, 1U);
  const auto moved = engine->get<Interaction>(call.id);
  EXPECT_EQ(moved.customer_id, r.customer.id);
  EXPECT_EQ(moved.opportunity_id, r.opportunity->id);
  EXPECT_EQ(moved.lead_id, lead.id) << "the lead keeps its history";
}

TEST_P(ConversionTest, ConvertingTwiceIsRefused) {
  const auto lead = qualified_lead();
  const auto first = convert_lead(*engine, lead.id, lead.version);
  const auto error = error_of([&] { convert_lead(*engine, lead.id, first.lead.version); });
  EXPECT_EQ(error.code, Errc::conflict);
  EXPECT_NE(error.message.find("already converted to customer " + std::to_string(first.customer.id)),
            std::string::npos)
      << error.message;
  EXPECT_EQ(engine->count<Customer>(), 1U);
}

TEST_P(ConversionTest, OnlyAQualifiedLeadAtItsCurrentVersionConverts) {
  Lead working;
  working.display_name = "Alan";
  working.status = LeadStatus::working;
  working = engine->create(working);
  EXPECT_EQ(error_of([&] { convert_lead(*engine, working.id, working.version); }).code, Errc::conflict);
  const auto lead = qualified_lead();
  EXPECT_EQ(error_of([&] { convert_lead(*engine, lead.id, lead.version + 1); }).code, Errc::conflict);
  EXPECT_EQ(error_of([&] { convert_lead(*engine, 999, 1); }).code, Errc::not_found);
  EXPECT_EQ(engine->count<Customer>(), 0U);
}

TEST_P(ConversionTest, AnExactMatchAttachesToTheExistingCustomer) {
  Customer existing = person("G. Hopper", "+44 20 7946 0020");
  existing = engine->create(existing);
  const auto lead = qualified_lead();
  const auto r = convert_lead(*engine, lead.id, lead.version);
  EXPECT_FALSE(r.customer_created);
  EXPECT_EQ(r.customer.id, existing.id);
  EXPECT_EQ(engine->count<Customer>(), 1U) << "conversion never creates a duplicate customer";
}

TEST_P(ConversionTest, ASimilarCustomerRefusesUnlessAttachedOrAllowed) {
  const auto similar = engine->create(person("Grace Hopper"));
  const auto lead = qualified_lead();
  const auto error = error_of([&] { convert_lead(*engine, lead.id, lead.version); });
  EXPECT_EQ(error.code, Errc::already_exists);
  EXPECT_NE(error.message.find("resembles customer " + std::to_string(similar.id)), std::string::npos)
      << error.message;
  EXPECT_EQ(engine->get<Lead>(lead.id).status, LeadStatus::qualified);

  const auto attached = convert_lead(*engine, lead.id, lead.version, {.customer_id = similar.id});
  EXPECT_EQ(attached.customer.id, similar.id);
  EXPECT_EQ(engine->count<Customer>(), 1U);
}

TEST_P(ConversionTest, UnderAllowASimilarCustomerIsReportedAndANewOneCreated) {
  engine->create(person("Grace Hopper"));
  const auto lead = qualified_lead();
  const auto r = convert_lead(*engine, lead.id, lead.version, {.on_similar = DuplicatePolicy::allow});
  EXPECT_TRUE(r.customer_created);
  ASSERT_EQ(r.similar.size(), 1U);
  EXPECT_EQ(engine->count<Customer>(), 2U);
}

TEST_P(ConversionTest, AFailureAtAnyStepLeavesNothingChanged) {
  auto faulty_owned = std::make_unique<FaultyStore>(GetParam().open(dir));
  FaultyStore& faulty = *faulty_owned;
  start(std::move(faulty_owned));
  const auto lead = qualified_lead();
  const auto call = call_with(lead, "intro call");
  call_with(lead, "demo");

  // Fail the 1st, 2nd, 3rd… write until a conversion gets through, checking
  // after each failure that nothing changed.
  std::size_t failures = 0;
  for (std::size_t nth = 1;; ++nth) {
    faulty.fail_write(nth);
    try {
      convert_lead(*engine, lead.id, lead.version, with_deal());
    } catch (const Error& e) {
      ++failures;
      SCOPED_TRACE("fault on write " + std::to_string(nth));
      EXPECT_EQ(e.code(), Errc::storage);
      EXPECT_EQ(engine->get<Lead>(lead.id), lead);
      EXPECT_EQ(engine->get<Interaction>(call.id), call);
      EXPECT_EQ(engine->count<Customer>(), 0U);
      EXPECT_EQ(engine->count<Opportunity>(), 0U);
      EXPECT_TRUE(engine->list(StageChangeQuery{}).items.empty());
      continue;
    }
    break;
  }
  // organisation, person, deal, its history entry, two interactions, the
  // lead, and the outcome tallies it joins (totals, email_domain, phone_country)
  EXPECT_EQ(failures, 10U);
  EXPECT_EQ(engine->get<Lead>(lead.id).status, LeadStatus::converted);
  EXPECT_EQ(engine->count<Customer>(), 2U);
}

TEST_P(ConversionTest, ReturnsEachRecordAsStoredAfterTheRulesTheLaterStepsFired) {
  // The deal's rule tags its customer, the organisation created a step before.
  engine->save_rule(R"({"name": "deal-tag", "trigger": {"on": "created", "entity": "opportunity"},
                        "actions": [{"action": "add_tag", "tag": "has-deal", "on": "customer"}]})");
  const auto lead = qualified_lead();
  const auto r = convert_lead(*engine, lead.id, lead.version, with_deal());
  ASSERT_TRUE(r.organisation && r.opportunity);
  EXPECT_EQ(*r.organisation, engine->get<Customer>(r.organisation->id));
  EXPECT_TRUE(r.organisation->tags.contains("has-deal"));
  EXPECT_EQ(r.customer, engine->get<Customer>(r.customer.id));
  EXPECT_EQ(*r.opportunity, engine->get<Opportunity>(r.opportunity->id));
  EXPECT_EQ(r.lead, engine->get<Lead>(lead.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, ConversionTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
