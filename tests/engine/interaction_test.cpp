// SPDX-License-Identifier: Apache-2.0
// Interactions and purchases through the engine, on every backend.

#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

using InteractionTest = EngineTest;

TEST_P(InteractionTest, APurchaseWithLineItemsTotalsThem) {
  const auto ada = engine->create(person("Ada"));
  Interaction p = purchase(ada.id, Money{});
  p.amount.reset();
  p.items = {{.sku = "TEA", .quantity = 2, .unit_price = Money::of(450, "GBP")},
             {.sku = "MUG", .quantity = 1, .unit_price = Money::of(899, "GBP")}};
  const auto stored = engine->create(p);
  EXPECT_EQ(stored.amount, Money::of(1799, "GBP"));
  EXPECT_EQ(engine->get<Interaction>(stored.id), stored);
}

TEST_P(InteractionTest, AGivenAmountIsKeptAlongsideItems) {
  const auto ada = engine->create(person("Ada"));
  Interaction p = purchase(ada.id, Money::of(1500, "GBP"));  // a discount on the items
  p.items = {{.sku = "TEA", .quantity = 4, .unit_price = Money::of(450, "GBP")}};
  EXPECT_EQ(engine->create(p).amount, Money::of(1500, "GBP"));
}

TEST_P(InteractionTest, OccurredAtDefaultsToTheClock) {
  const auto ada = engine->create(person("Ada"));
  EXPECT_EQ(engine->create(note(ada.id, "hi")).occurred_at, test_start);
  EXPECT_EQ(engine->create(note(ada.id, "then", from_millis(1000))).occurred_at, from_millis(1000));
}

TEST_P(InteractionTest, PurchaseRulesAreEnforced) {
  const auto ada = engine->create(person("Ada"));
  Interaction no_amount = purchase(ada.id, Money{});
  no_amount.amount.reset();
  EXPECT_EQ(error_of([&] { engine->create(no_amount); }).code, Errc::invalid_argument);

  EXPECT_EQ(error_of([&] { engine->create(purchase(ada.id, Money::of(-1, "GBP"))); }).code, Errc::invalid_argument);

  Interaction noted = note(ada.id, "with money");
  noted.amount = Money::of(100, "GBP");
  EXPECT_EQ(error_of([&] { engine->create(noted); }).code, Errc::invalid_argument);

  Interaction mixed = purchase(ada.id, Money::of(100, "GBP"));
  mixed.items = {{.sku = "TEA", .quantity = 1, .unit_price = Money::of(100, "EUR")}};
  const auto error = error_of([&] { engine->create(mixed); });
  EXPECT_EQ(error.code, Errc::invalid_argument);
  EXPECT_NE(error.message.find("interaction.items[0].unit_price"), std::string::npos) << error.message;

  Interaction zero = purchase(ada.id, Money::of(100, "GBP"));
  zero.items = {{.sku = "TEA", .quantity = 0, .unit_price = Money::of(100, "GBP")}};
  EXPECT_EQ(error_of([&] { engine->create(zero); }).code, Errc::invalid_argument);

  Interaction overflow = purchase(ada.id, Money{});
  overflow.amount.reset();
  overflow.items = {{.sku = "GOLD", .quantity = 1'000'000'000, .unit_price = Money::of(INT64_MAX / 10, "GBP")}};
  EXPECT_EQ(error_of([&] { engine->create(overflow); }).code, Errc::invalid_argument);

  EXPECT_EQ(engine->count<Interaction>(), 0U);
}

TEST_P(InteractionTest, AnInteractionNeedsAnExistingCustomerOrLead) {
  const auto error = error_of([&] { engine->create(note(999, "to nobody")); });
  EXPECT_EQ(error.code, Errc::not_found);
  EXPECT_NE(error.message.find("interaction.customer_id"), std::string::npos) << error.message;
  EXPECT_EQ(error_of([&] { engine->create(note(0, "to nobody")); }).code, Errc::invalid_argument);
  EXPECT_EQ(engine->count<Interaction>(), 0U);
}

TEST_P(InteractionTest, HistoryListsNewestFirstPageByPage) {
  const auto ada = engine->create(person("Ada"));
  const auto bob = engine->create(person("Bob"));
  for (int minute : {3, 1, 4, 5, 2}) engine->create(note(ada.id, "t" + std::to_string(minute), from_millis(minute * 60000)));
  engine->create(note(bob.id, "not ada's"));
  std::vector<std::string> subjects;
  InteractionQuery query{.customer_id = ada.id, .limit = 2};
  do {
    const auto page = engine->list(query);
    for (const auto& i : page.items) subjects.push_back(i.subject);
    query.cursor = page.next_cursor;
  } while (!query.cursor.empty());
  EXPECT_EQ(subjects, (std::vector<std::string>{"t5", "t4", "t3", "t2", "t1"}));
}

TEST_P(InteractionTest, InteractionsAtTheSameMomentComeNewestLoggedFirst) {
  const auto ada = engine->create(person("Ada"));
  const auto first = engine->create(note(ada.id, "first"));
  const auto second = engine->create(note(ada.id, "second"));
  const auto page = engine->list(InteractionQuery{.customer_id = ada.id});
  ASSERT_EQ(page.items.size(), 2U);
  EXPECT_EQ(page.items[0].id, second.id);
  EXPECT_EQ(page.items[1].id, first.id);
}

TEST_P(InteractionTest, HistoryFollowsAnEditedTime) {
  const auto ada = engine->create(person("Ada"));
  auto early = engine->create(note(ada.id, "early", from_millis(1000)));
  engine->create(note(ada.id, "middle", from_millis(2000)));
  early.occurred_at = from_millis(3000);
  engine->update(early);
  const auto page = engine->list(InteractionQuery{.customer_id = ada.id});
  ASSERT_EQ(page.items.size(), 2U);
  EXPECT_EQ(page.items[0].subject, "early");
}

TEST_P(InteractionTest, InteractionsOnALeadAreListedByLead) {
  Lead lead;
  lead.display_name = "Prospect";
  lead = engine->create(lead);
  Interaction call;
  call.lead_id = lead.id;
  call.kind = InteractionKind::call;
  call.subject = "intro call";
  engine->create(call);
  const auto page = engine->list(InteractionQuery{.lead_id = lead.id});
  ASSERT_EQ(page.items.size(), 1U);
  EXPECT_EQ(page.items[0].subject, "intro call");
  EXPECT_EQ(error_of([&] { engine->erase<Lead>(lead.id, lead.version); }).code, Errc::conflict);
}

TEST_P(InteractionTest, HistoryQueriesTakeAtMostOneSubject) {
  EXPECT_EQ(error_of([&] { engine->list(InteractionQuery{.customer_id = 1, .lead_id = 2}); }).code,
            Errc::invalid_argument);
}

TEST_P(InteractionTest, WithNoSubjectEveryInteractionIsListedInIdOrder) {
  const auto ann = engine->create(person("Ann")), bob = engine->create(person("Bob"));
  const auto first = engine->create(note(bob.id, "first", test_start + std::chrono::hours(2)));
  const auto second = engine->create(note(ann.id, "second", test_start + std::chrono::hours(1)));
  const auto third = engine->create(note(bob.id, "third"));
  const auto page = engine->list(InteractionQuery{.limit = 2});
  ASSERT_EQ(page.items.size(), 2U);
  EXPECT_EQ(page.items[0].id, first.id);
  EXPECT_EQ(page.items[1].id, second.id);
  const auto rest = engine->list(InteractionQuery{.cursor = page.next_cursor});
  ASSERT_EQ(rest.items.size(), 1U);
  EXPECT_EQ(rest.items[0].id, third.id);
}

INSTANTIATE_TEST_SUITE_P(Backends, InteractionTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
