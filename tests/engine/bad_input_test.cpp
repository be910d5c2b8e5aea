// SPDX-License-Identifier: Apache-2.0
// Bad input gets a precise error and writes nothing, on every backend.

#include "support/engine_fixture.hpp"

#include <cmath>
#include <functional>
#include <limits>

namespace crm::test {
namespace {

using BadInputTest = EngineTest;

struct BadCustomer {
  const char* what;
  std::function<void(Customer&)> spoil;
  Errc code;
  const char* message;  // a fragment the message must contain
};

// A valid customer; every case spoils one thing about it.
Customer valid_customer() {
  Customer c;
  c.display_name = "Ada Lovelace";
  c.emails = {"ada@example.com"};
  c.phones = {"020 7946 0018"};
  c.external_id = "ERP-1";
  return c;
}

const std::vector<BadCustomer>& bad_customers() {
  static const std::vector<BadCustomer> cases{
      {"invalid UTF-8", [](Customer& c) { c.display_name = "Ada \xff"; }, Errc::invalid_argument,
       "customer.display_name: invalid UTF-8 at byte 4"},
      {"overlong UTF-8 encoding of /", [](Customer& c) { c.family_name = "\xC0\xAF"; }, Errc::invalid_argument,
       "customer.family_name: invalid UTF-8"},
      {"UTF-16 surrogate", [](Customer& c) { c.given_name = "\xED\xA0\x80"; }, Errc::invalid_argument,
       "customer.given_name: invalid UTF-8"},
      {"embedded NUL", [](Customer& c) { c.display_name = std::string("Ada\0Lovelace", 12); }, Errc::invalid_argument,
       "control character at byte 3"},
      {"control character", [](Customer& c) { c.tier = "gold\x1b[31m"; }, Errc::invalid_argument,
       "customer.tier"},
      // C1 controls (U+0080-U+009F) are refused as C0 ones are: U+009B is CSI
      // to a terminal, U+0085 a line break.
      {"C1 control CSI in a name", [](Customer& c) { c.display_name = "Ada\xc2\x9b" "31m"; }, Errc::invalid_argument,
       "customer.display_name 'Ada\\u009b31m': control character at byte 3"},
      {"C1 control NEL in a tier", [](Customer& c) { c.tier = "gold\xc2\x85"; }, Errc::invalid_argument,
       "customer.tier 'gold\\u0085': control character at byte 4"},
      {"C1 control in an address line", [](Customer& c) { c.addresses = {Address{.line1 = "1 Main St\xc2\x80"}}; },
       Errc::invalid_argument, "control character at byte 9"},
      {"C1 control in an e-mail", [](Customer& c) { c.emails = {"ada\xc2\x9f@example.com"}; }, Errc::invalid_argument,
       "customer.emails[0]: e-mail 'ada\\u009f@example.com': contains spaces, control characters"},
      {"1 MB name", [](Customer& c) { c.display_name = std::string(1 << 20, 'a'); }, Errc::invalid_argument,
       "longer than the 256-byte limit"},
      {"empty name", [](Customer& c) { c.display_name = "   "; }, Errc::invalid_argument,
       "customer.display_name: required"},
      {"letters in a phone", [](Customer& c) { c.phones = {"12ab"}; }, Errc::invalid_argument,
       "customer.phones[0]: phone '12ab': not a number"},
      {"impossible phone", [](Customer& c) { c.phones.push_back("123"); }, Errc::invalid_argument,
       "customer.phones[1]"},
      {"e-mail without @", [](Customer& c) { c.emails = {"ada.example.com"}; }, Errc::invalid_argument,
       "customer.emails[0]"},
      {"too many phones", [](Customer& c) { c.phones.assign(21, "020 7946 0018"); }, Errc::invalid_argument,
       "more than 20"},
      {"negative credit limit", [](Customer& c) { c.credit_limit = Money::of(-1, "GBP"); }, Errc::invalid_argument,
       "customer.credit_limit: must not be negative"},
      {"credit limit without currency", [](Customer& c) { c.credit_limit = Money{500, Currency()}; },
       Errc::invalid_argument, "has no currency"},
      {"negative loyalty balance", [](Customer& c) { c.loyalty_points = -5; }, Errc::invalid_argument,
       "customer.loyalty_points"},
      {"unknown lifecycle stage", [](Customer& c) { c.stage = static_cast<LifecycleStage>(42); },
       Errc::invalid_argument, "unknown lifecycle stage value 42"},
      {"unknown party kind", [](Customer& c) { c.kind = static_cast<PartyKind>(7); }, Errc::invalid_argument,
       "customer.kind"},
      {"unknown consent channel",
       [](Customer& c) { c.consents[static_cast<ConsentChannel>(9)] = Consent{}; }, Errc::invalid_argument,
       "unknown consent channel"},
      {"organisation inside an organisation",
       [](Customer& c) {
         c.kind = PartyKind::organisation;
         c.organisation_id = 1;
       },
       Errc::invalid_argument, "only a person"},
      {"negative id reference", [](Customer& c) { c.organisation_id = -3; }, Errc::invalid_argument,
       "customer.organisation_id"},
      {"unknown organisation", [](Customer& c) { c.organisation_id = 987654; }, Errc::not_found,
       "customer 987654 not found"},
      {"attribute key with a space", [](Customer& c) { c.attributes["shoe size"] = std::int64_t{4}; },
       Errc::invalid_argument, "'shoe size'"},
      {"NaN attribute", [](Customer& c) { c.attributes["score"] = std::nan(""); }, Errc::invalid_argument,
       "customer.attributes.score: must be a finite number"},
      {"too many tags",
       [](Customer& c) {
         for (int i = 0; i < 101; ++i) c.tags.insert("t" + std::to_string(i));
       },
       Errc::invalid_argument, "more than 100 tags"},
      {"unknown country", [](Customer& c) { c.addresses = {{.line1 = "1 Road", .country = "XX"}}; },
       Errc::invalid_argument, "customer.addresses[0].country"},
      {"id given on create", [](Customer& c) { c.id = 5; }, Errc::invalid_argument, "customer.id"},
  };
  return cases;
}

TEST_P(BadInputTest, EveryBadCustomerIsRefusedPreciselyAndWritesNothing) {
  for (const auto& bad : bad_customers()) {
    SCOPED_TRACE(bad.what);
    Customer c = valid_customer();
    bad.spoil(c);
    const auto error = error_of([&] { engine->create(c); });
    EXPECT_EQ(error.code, bad.code) << error.message;
    EXPECT_NE(error.message.find(bad.message), std::string::npos) << error.message;
    EXPECT_EQ(engine->count<Customer>(), 0U);
    EXPECT_FALSE(engine->find_customer_by_phone("020 7946 0018"));
    EXPECT_FALSE(engine->find_customer_by_external_id("ERP-1"));
  }
}

TEST_P(BadInputTest, ABadUpdateLeavesTheStoredCustomerAsItWas) {
  const auto stored = engine->create(valid_customer());
  for (const auto& bad : bad_customers()) {
    if (bad.code != Errc::invalid_argument || std::string(bad.what) == "id given on create") continue;
    SCOPED_TRACE(bad.what);
    Customer c = stored;
    bad.spoil(c);
    EXPECT_EQ(error_of([&] { engine->update(c); }).code, Errc::invalid_argument);
    EXPECT_EQ(engine->get<Customer>(stored.id), stored);
  }
}

struct BadInteraction {
  const char* what;
  std::function<void(Interaction&)> spoil;
  Errc code;
  const char* message;
};

// A valid purchase of customer `customer`; every case spoils one thing.
Interaction valid_purchase(Id customer) {
  Interaction i;
  i.customer_id = customer;
  i.kind = InteractionKind::purchase;
  i.channel = Channel::pos;
  i.subject = "Till 2";
  i.items = {LineItem{.sku = "TEA-250", .quantity = 2, .unit_price = Money::of(450, "GBP")}};
  return i;
}

const std::vector<BadInteraction>& bad_interactions() {
  constexpr std::int64_t big = std::numeric_limits<std::int64_t>::max() / 2 + 1;
  static const std::vector<BadInteraction> cases{
      {"negative amount", [](Interaction& i) { i.items.clear(), i.amount = Money::of(-1799, "GBP"); },
       Errc::invalid_argument, "interaction.amount: must not be negative"},
      {"amount without currency", [](Interaction& i) { i.items.clear(), i.amount = Money{1799, Currency()}; },
       Errc::invalid_argument, "has no currency"},
      {"negative unit price", [](Interaction& i) { i.items[0].unit_price = Money::of(-450, "GBP"); },
       Errc::invalid_argument, "interaction.items[0].unit_price: must not be negative"},
      {"negative quantity", [](Interaction& i) { i.items[0].quantity = -2; }, Errc::invalid_argument,
       "interaction.items[0].quantity: -2 is outside"},
      {"items overflowing their total",
       [](Interaction& i) {
         i.items = {LineItem{.sku = "A", .quantity = 1, .unit_price = Money{big, Currency::of("GBP")}},
                    LineItem{.sku = "B", .quantity = 1, .unit_price = Money{big, Currency::of("GBP")}}};
       },
       Errc::invalid_argument, "interaction.items[1]: money: addition overflows"},
      {"a quantity times price overflowing",
       [](Interaction& i) {
         i.items[0].quantity = 1'000'000'000;
         i.items[0].unit_price = Money{10'000'000'000'000, Currency::of("GBP")};
       },
       Errc::invalid_argument, "overflow"},
      {"items in two currencies",
       [](Interaction& i) { i.items.push_back({.sku = "MUG", .quantity = 1, .unit_price = Money::of(899, "EUR")}); },
       Errc::invalid_argument, "cannot add 9.00 GBP and 8.99 EUR"},
      {"invalid UTF-8 in the subject", [](Interaction& i) { i.subject = "Till \xfe"; }, Errc::invalid_argument,
       "interaction.subject: invalid UTF-8"},
      {"1 MB body", [](Interaction& i) { i.body = std::string(1 << 20, 'x'); }, Errc::invalid_argument,
       "interaction.body: 1048576 bytes, longer than the 65536-byte limit"},
      {"embedded NUL in a SKU", [](Interaction& i) { i.items[0].sku = std::string("TEA\0DROP", 8); },
       Errc::invalid_argument, "interaction.items[0].sku 'TEA\\x00DROP': control character at byte 3"},
      {"C1 control in a multi-line body", [](Interaction& i) { i.body = "line one\xc2\x85line two"; },
       Errc::invalid_argument, "interaction.body 'line one\\u0085line two': control character at byte 8"},
      {"unknown channel", [](Interaction& i) { i.channel = static_cast<Channel>(99); }, Errc::invalid_argument,
       "interaction.channel: unknown channel value 99"},
      {"unknown kind", [](Interaction& i) { i.kind = static_cast<InteractionKind>(99); }, Errc::invalid_argument,
       "interaction.kind: unknown interaction kind value 99"},
      {"an amount on a call", [](Interaction& i) { i.kind = InteractionKind::call; }, Errc::invalid_argument,
       "only a purchase or a refund"},
      {"no customer and no lead", [](Interaction& i) { i.customer_id = 0; }, Errc::invalid_argument,
       "interaction.customer_id: required"},
      {"a customer that does not exist", [](Interaction& i) { i.customer_id = 987654; }, Errc::not_found,
       "interaction.customer_id: customer 987654 not found"},
      {"a deal that does not exist", [](Interaction& i) { i.opportunity_id = 424242; }, Errc::not_found,
       "interaction.opportunity_id: opportunity 424242 not found"},
  };
  return cases;
}

TEST_P(BadInputTest, EveryBadInteractionIsRefusedPreciselyAndWritesNothing) {
  const auto ada = engine->create(valid_customer());
  for (const auto& bad : bad_interactions()) {
    SCOPED_TRACE(bad.what);
    Interaction i = valid_purchase(ada.id);
    bad.spoil(i);
    const auto error = error_of([&] { engine->create(i); });
    EXPECT_EQ(error.code, bad.code) << error.message;
    EXPECT_NE(error.message.find(bad.message), std::string::npos) << error.message;
    EXPECT_EQ(engine->count<Interaction>(), 0U);
    EXPECT_TRUE(engine->purchase_stats(ada.id).empty());
  }
  EXPECT_EQ(engine->create(valid_purchase(ada.id)).amount, Money::of(900, "GBP"));  // the valid one is taken
}

TEST_P(BadInputTest, UnknownIdsAndStaleVersionsChangeNothing) {
  const auto ada = engine->create(valid_customer());
  const auto before = engine->get<Customer>(ada.id);
  EXPECT_EQ(error_of([&] { engine->get<Customer>(987654); }).code, Errc::not_found);
  EXPECT_EQ(error_of([&] { engine->erase<Customer>(987654, 1); }).code, Errc::not_found);
  Customer ghost = before;
  ghost.id = 987654;
  EXPECT_EQ(error_of([&] { engine->update(ghost); }).code, Errc::not_found);
  Customer stale = before;
  stale.display_name = "Ada King";
  engine->update(stale);  // version 1 -> 2
  EXPECT_EQ(error_of([&] { engine->update(stale); }).code, Errc::conflict);
  EXPECT_EQ(error_of([&] { engine->erase<Customer>(ada.id, 1); }).code, Errc::conflict);
  EXPECT_EQ(engine->get<Customer>(ada.id).display_name, "Ada King");
  EXPECT_EQ(engine->get<Customer>(ada.id).version, 2);
  EXPECT_EQ(engine->count<Customer>(), 1U);
}

TEST_P(BadInputTest, HostileButValidTextIsStoredVerbatim) {
  Customer c = valid_customer();
  c.display_name = "Robert'); DROP TABLE records;--";
  c.tier = "\" OR 1=1 --";
  c.external_id = "%_\\*";
  const auto stored = engine->create(c);
  EXPECT_EQ(engine->get<Customer>(stored.id).display_name, "Robert'); DROP TABLE records;--");
  EXPECT_EQ(engine->find_customer_by_external_id("%_\\*")->id, stored.id);
  EXPECT_FALSE(engine->find_customer_by_external_id("%"));
  EXPECT_EQ(engine->list(CustomerQuery{.name_prefix = "robert'"}).items.size(), 1U);
}

TEST_P(BadInputTest, MultilingualNamesAreKept) {
  for (const char* name : {"张伟", "Μαρία Παπαδοπούλου", "محمد علي", "Søren Kierkegaard", "山田 太郎"}) {
    Customer c;
    c.display_name = name;
    EXPECT_EQ(engine->create(c).display_name, name);
  }
  EXPECT_EQ(engine->list(CustomerQuery{.name_prefix = "μαρία"}).items.size(), 1U);
}

TEST_P(BadInputTest, AnEngineRefusesAnUnknownRegion) {
  EXPECT_EQ(error_of([&] { Engine e(GetParam().open(dir), EngineOptions{.default_region = "XX"}); }).code,
            Errc::invalid_argument);
  EXPECT_EQ(error_of([] { Engine e(nullptr); }).code, Errc::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Backends, BadInputTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
