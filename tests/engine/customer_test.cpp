// SPDX-License-Identifier: Apache-2.0
// Customers through the engine: normalisation, lookups, versions,
// organisations, erasure and listings, on every backend.

#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

using CustomerTest = EngineTest;

TEST_P(CustomerTest, CreateAssignsIdVersionAndTimesFromTheClock) {
  const auto c = engine->create(person("Ada Lovelace"));
  EXPECT_GT(c.id, 0);
  EXPECT_EQ(c.version, 1);
  EXPECT_EQ(c.created_at, test_start);
  EXPECT_EQ(c.updated_at, test_start);
  EXPECT_EQ(engine->get<Customer>(c.id), c);
}

TEST_P(CustomerTest, CreateNormalisesContactsTextAndTags) {
  Customer c = person("  Zoe\xCC\x88 Lovelace ");  // decomposed ë, padded
  c.emails = {"  Ada.Lovelace@Example.COM ", "ada.lovelace@example.com"};
  c.phones = {"020 7946 0018"};
  c.tags = {"VIP", " vip ", "Newsletter"};
  c.addresses = {{.label = "home", .line1 = " 12 St James's Square ", .city = "London", .country = "gb"}};
  const auto stored = engine->create(c);
  EXPECT_EQ(stored.display_name, "Zo\xC3\xAB Lovelace");
  EXPECT_EQ(stored.emails, std::vector<std::string>{"ada.lovelace@example.com"});
  EXPECT_EQ(stored.phones, std::vector<std::string>{"+442079460018"});
  EXPECT_EQ(stored.tags, (Tags{"newsletter", "vip"}));
  EXPECT_EQ(stored.addresses.at(0).line1, "12 St James's Square");
  EXPECT_EQ(stored.addresses.at(0).country, "GB");
  EXPECT_EQ(engine->get<Customer>(stored.id), stored);
}

TEST_P(CustomerTest, DisplayNameIsDerivedFromTheNamesWhenLeftEmpty) {
  Customer c;
  c.given_name = "Grace";
  c.family_name = "Hopper";
  EXPECT_EQ(engine->create(c).display_name, "Grace Hopper");
}

TEST_P(CustomerTest, ConsentWithoutATimeIsStampedWithTheClock) {
  Customer c = person("Ada");
  c.consents[ConsentChannel::email] = {.granted = true, .source = "pos"};
  c.consents[ConsentChannel::sms] = {.granted = false, .at = from_millis(5)};
  const auto stored = engine->create(c);
  EXPECT_EQ(stored.consents.at(ConsentChannel::email).at, test_start);
  EXPECT_EQ(stored.consents.at(ConsentChannel::sms).at, from_millis(5));
}

TEST_P(CustomerTest, EveryFieldRoundTrips) {
  Customer c = person("Ada Lovelace", "+44 20 7946 0018");
  c.given_name = "Ada";
  c.family_name = "Lovelace";
  c.emails = {"ada@example.com"};
  c.addresses = {{"home", "1 Road", "Flat 2", "London", "Greater London", "SW1Y 4LE", "GB"}};
  c.tags = {"vip"};
  c.attributes = {{"shoe_size", std::int64_t{38}},
                  {"vip_since", from_millis(1234)},
                  {"score", 0.5},
                  {"note", std::string("likes tea")},
                  {"active", true},
                  {"nothing", std::monostate{}}};
  c.stage = LifecycleStage::at_risk;
  c.tier = "gold";
  c.owner = "alice";
  c.credit_limit = Money::of(100000, "GBP");
  c.loyalty_points = 1200;
  c.consents[ConsentChannel::post] = {.granted = true, .at = from_millis(99), .source = "letter"};
  c.external_id = "ERP-0001";
  const auto stored = engine->create(c);
  EXPECT_EQ(engine->get<Customer>(stored.id), stored);
  EXPECT_EQ(stored.attributes, c.attributes);
  EXPECT_EQ(stored.credit_limit, c.credit_limit);
}

TEST_P(CustomerTest, FindsACustomerByPhoneWrittenInAnyFormat) {
  const auto ada = engine->create(person("Ada", "020 7946 0018"));
  for (const char* typed : {"020 7946 0018", "+44 20 7946 0018", "0044 20 7946 0018", "(020) 7946-0018"}) {
    const auto found = engine->find_customer_by_phone(typed);
    ASSERT_TRUE(found) << typed;
    EXPECT_EQ(found->id, ada.id) << typed;
  }
  EXPECT_FALSE(engine->find_customer_by_phone("020 7946 0019"));
}

TEST_P(CustomerTest, AnUnparseablePhoneLookupIsAnError) {
  EXPECT_EQ(error_of([&] { engine->find_customer_by_phone("12ab"); }).code, Errc::invalid_argument);
}

TEST_P(CustomerTest, FindsByEmailIgnoringCaseAndByExternalId) {
  Customer c = person("Ada");
  c.emails = {"ada@example.com"};
  c.external_id = "LOYALTY-7";
  const auto ada = engine->create(c);
  EXPECT_EQ(engine->find_customer_by_email(" ADA@Example.com ")->id, ada.id);
  EXPECT_EQ(engine->find_customer_by_external_id("LOYALTY-7")->id, ada.id);
  EXPECT_FALSE(engine->find_customer_by_external_id("LOYALTY-8"));
}

TEST_P(CustomerTest, APhoneBelongsToOneCustomerOnly) {
  engine->create(person("Ada", "020 7946 0018"));
  const auto error = error_of([&] { engine->create(person("Impostor", "+44 20 7946 0018")); });
  EXPECT_EQ(error.code, Errc::already_exists);
  EXPECT_NE(error.message.find("+442079460018"), std::string::npos) << error.message;
  EXPECT_EQ(engine->count<Customer>(), 1U);
}

TEST_P(CustomerTest, UpdateKeepsCreatedAtAndBumpsVersionAndUpdatedAt) {
  auto c = engine->create(person("Ada"));
  clock->advance(std::chrono::minutes(5));
  c.tier = "gold";
  const auto updated = engine->update(c);
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(updated.created_at, test_start);
  EXPECT_EQ(updated.updated_at, test_start + std::chrono::minutes(5));
  EXPECT_EQ(engine->get<Customer>(c.id).tier, "gold");
}

TEST_P(CustomerTest, AStaleUpdateIsAConflictAndChangesNothing) {
  const auto original = engine->create(person("Ada"));
  auto first = original;
  first.tier = "gold";
  engine->update(first);
  auto second = original;  // still version 1
  second.tier = "silver";
  EXPECT_EQ(error_of([&] { engine->update(second); }).code, Errc::conflict);
  EXPECT_EQ(engine->get<Customer>(original.id).tier, "gold");
}

TEST_P(CustomerTest, UpdateOfAnUnknownCustomerIsNotFound) {
  Customer ghost = person("Ghost");
  ghost.id = 424242;
  ghost.version = 1;
  EXPECT_EQ(error_of([&] { engine->update(ghost); }).code, Errc::not_found);
}

TEST_P(CustomerTest, ChangingAPhoneFreesTheOldNumber) {
  auto ada = engine->create(person("Ada", "020 7946 0018"));
  ada.phones = {"020 7946 0019"};
  engine->update(ada);
  EXPECT_FALSE(engine->find_customer_by_phone("020 7946 0018"));
  EXPECT_EQ(engine->find_customer_by_phone("020 7946 0019")->id, ada.id);
  EXPECT_NO_THROW(engine->create(person("Bob", "020 7946 0018")));
}

TEST_P(CustomerTest, CreateRefusesARecordThatAlreadyHasAnId) {
  Customer c = person("Ada");
  c.id = 7;
  EXPECT_EQ(error_of([&] { engine->create(c); }).code, Errc::invalid_argument);
  EXPECT_EQ(engine->count<Customer>(), 0U);
}

TEST_P(CustomerTest, APersonBelongsToAnOrganisation) {
  const auto acme = engine->create(organisation("Acme Ltd"));
  Customer ada = person("Ada");
  ada.organisation_id = acme.id;
  ada = engine->create(ada);
  const auto members = engine->list(CustomerQuery{.organisation_id = acme.id});
  ASSERT_EQ(members.items.size(), 1U);
  EXPECT_EQ(members.items[0].id, ada.id);
}

TEST_P(CustomerTest, OrganisationLinksMustPointAtAnExistingOrganisation) {
  const auto bob = engine->create(person("Bob"));
  Customer ada = person("Ada");
  ada.organisation_id = bob.id;
  EXPECT_EQ(error_of([&] { engine->create(ada); }).code, Errc::invalid_argument);
  ada.organisation_id = bob.id + 1000;
  EXPECT_EQ(error_of([&] { engine->create(ada); }).code, Errc::not_found);
  EXPECT_EQ(engine->count<Customer>(), 1U);
}

TEST_P(CustomerTest, AnOrganisationWithMembersCannotBeErasedOrBecomeAPerson) {
  auto acme = engine->create(organisation("Acme Ltd"));
  Customer ada = person("Ada");
  ada.organisation_id = acme.id;
  ada = engine->create(ada);
  EXPECT_EQ(error_of([&] { engine->erase<Customer>(acme.id, acme.version); }).code, Errc::conflict);
  acme.kind = PartyKind::person;
  EXPECT_EQ(error_of([&] { engine->update(acme); }).code, Errc::conflict);
  engine->erase<Customer>(ada.id, ada.version);
  EXPECT_NO_THROW(engine->erase<Customer>(acme.id, 1));
  EXPECT_EQ(engine->count<Customer>(), 0U);
}

TEST_P(CustomerTest, ACustomerWithInteractionsCannotBeErased) {
  const auto ada = engine->create(person("Ada", "020 7946 0018"));
  const auto logged = engine->create(note(ada.id, "hello"));
  const auto error = error_of([&] { engine->erase<Customer>(ada.id, ada.version); });
  EXPECT_EQ(error.code, Errc::conflict);
  EXPECT_NE(error.message.find("interactions"), std::string::npos) << error.message;
  engine->erase<Interaction>(logged.id, logged.version);
  engine->erase<Customer>(ada.id, ada.version);
  EXPECT_FALSE(engine->find<Customer>(ada.id));
  EXPECT_FALSE(engine->find_customer_by_phone("020 7946 0018"));
}

TEST_P(CustomerTest, ListsEveryCustomerInIdOrderPageByPage) {
  std::vector<Id> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(engine->create(person("C" + std::to_string(i))).id);
  std::vector<Id> seen;
  CustomerQuery query{.limit = 3};
  std::size_t pages = 0;
  do {
    const auto page = engine->list(query);
    for (const auto& c : page.items) seen.push_back(c.id);
    query.cursor = page.next_cursor;
    ++pages;
  } while (!query.cursor.empty());
  EXPECT_EQ(seen, ids);
  EXPECT_EQ(pages, 3U);
}

TEST_P(CustomerTest, ListsByNamePrefixIgnoringCase) {
  for (const char* name : {"bob", "Alice", "alan", "ALBERT", "Carol", "Ålesund Café"}) engine->create(person(name));
  std::vector<std::string> names;
  for (const auto& c : engine->list(CustomerQuery{.name_prefix = "AL"}).items) names.push_back(c.display_name);
  EXPECT_EQ(names, (std::vector<std::string>{"alan", "ALBERT", "Alice"}));
  EXPECT_EQ(engine->list(CustomerQuery{.name_prefix = "ålesund"}).items.size(), 1U);
}

TEST_P(CustomerTest, ListsByOwnerStageAndTag) {
  Customer a = person("A");
  a.owner = "alice";
  a.stage = LifecycleStage::active;
  a.tags = {"vip"};
  Customer b = person("B");
  b.owner = "bob";
  b.tags = {"VIP", "newsletter"};
  const auto ca = engine->create(a);
  const auto cb = engine->create(b);
  auto ids = [](const Page<Customer>& page) {
    std::vector<Id> out;
    for (const auto& c : page.items) out.push_back(c.id);
    return out;
  };
  EXPECT_EQ(ids(engine->list(CustomerQuery{.owner = "alice"})), std::vector<Id>{ca.id});
  EXPECT_EQ(ids(engine->list(CustomerQuery{.stage = LifecycleStage::prospect})), std::vector<Id>{cb.id});
  EXPECT_EQ(ids(engine->list(CustomerQuery{.tag = "Vip"})), (std::vector<Id>{ca.id, cb.id}));
  EXPECT_EQ(ids(engine->list(CustomerQuery{.tag = "newsletter"})), std::vector<Id>{cb.id});
}

TEST_P(CustomerTest, ListingsFollowUpdates) {
  Customer a = person("A");
  a.owner = "alice";
  a = engine->create(a);
  a.owner = "bob";
  engine->update(a);
  EXPECT_TRUE(engine->list(CustomerQuery{.owner = "alice"}).items.empty());
  EXPECT_EQ(engine->list(CustomerQuery{.owner = "bob"}).items.size(), 1U);
}

TEST_P(CustomerTest, ListingsRefuseTwoFiltersBadLimitsAndForeignCursors) {
  EXPECT_EQ(error_of([&] { engine->list(CustomerQuery{.owner = "a", .tag = "b"}); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { engine->list(CustomerQuery{.limit = 0}); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { engine->list(CustomerQuery{.limit = max_page_size + 1}); }).code, Errc::invalid_argument);
  EXPECT_EQ(error_of([&] { engine->list(CustomerQuery{.cursor = "zz"}); }).code, Errc::invalid_argument);
}

TEST_P(CustomerTest, AFailedCallInsideATransactionChangesNothingAndTheRestCommits) {
  auto tx = engine->transaction();
  const auto ada = engine->create(person("Ada", "020 7946 0018"));
  EXPECT_EQ(error_of([&] { engine->create(person("Dup", "020 7946 0018")); }).code, Errc::already_exists);
  const auto bob = engine->create(person("Bob"));
  tx.commit();
  EXPECT_EQ(engine->count<Customer>(), 2U);
  EXPECT_TRUE(engine->find<Customer>(ada.id));
  EXPECT_TRUE(engine->find<Customer>(bob.id));
}

TEST_P(CustomerTest, ARolledBackTransactionLeavesNothing) {
  {
    auto tx = engine->transaction();
    engine->create(person("Ada", "020 7946 0018"));
    engine->create(person("Bob"));
  }  // destroyed without commit
  EXPECT_EQ(engine->count<Customer>(), 0U);
  EXPECT_FALSE(engine->find_customer_by_phone("020 7946 0018"));
}

INSTANTIATE_TEST_SUITE_P(Backends, CustomerTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
