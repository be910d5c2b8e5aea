// SPDX-License-Identifier: Apache-2.0
#include "crm/json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "crm/limits.hpp"
#include "support/errors.hpp"

namespace crm {
namespace {

using nlohmann::json;
using test::error_of;

Customer full_customer() {
  Customer c;
  c.id = 42;
  c.version = 3;
  c.kind = PartyKind::person;
  c.organisation_id = 7;
  c.display_name = "张伟";
  c.given_name = "伟";
  c.family_name = "张";
  c.emails = {"wei@example.cn", "zhang.wei@example.com"};
  c.phones = {"+8613800138000"};
  c.addresses = {{.label = "home", .line1 = "1 Chang'an Ave", .city = "北京", .country = "CN"}};
  c.tags = {"vip", "wholesale"};
  c.attributes = {{"shoe_size", std::int64_t{42}},
                  {"vip_since", from_millis(1700000000123)},
                  {"nickname", std::string("Wei")},
                  {"ratio", 0.25},
                  {"opted_in", true},
                  {"cleared", std::monostate{}}};
  c.stage = LifecycleStage::at_risk;
  c.tier = "gold";
  c.owner = "li.na";
  c.credit_limit = Money::of(500000, "CNY");
  c.loyalty_points = 1200;
  c.consents[ConsentChannel::sms] = {.granted = true, .at = from_millis(1690000000000), .source = "pos"};
  c.external_id = "ERP-0042";
  c.created_at = from_millis(1600000000000);
  c.updated_at = from_millis(1700000000000);
  return c;
}

TEST(RecordJsonTest, ACustomerRoundTripsWithEveryField) {
  const Customer c = full_customer();
  EXPECT_EQ(from_json<Customer>(to_json(c)), c);
}

TEST(RecordJsonTest, AnInteractionRoundTripsWithMoneyAndLineItems) {
  Interaction i;
  i.id = 9;
  i.version = 1;
  i.customer_id = 42;
  i.channel = Channel::in_person;
  i.direction = Direction::inbound;
  i.kind = InteractionKind::purchase;
  i.subject = "Till 3";
  i.body = "line one\nline two";
  i.occurred_at = from_millis(-1000);  // before the epoch stays exact
  i.amount = Money::of(1799, "GBP");
  i.items = {{.sku = "TEA-01", .description = "Earl Grey", .quantity = 2, .unit_price = Money::of(450, "GBP")}};
  EXPECT_EQ(from_json<Interaction>(to_json(i)), i);
}

TEST(RecordJsonTest, LeadsAndOpportunitiesRoundTrip) {
  Lead l;
  l.display_name = "Grace Hopper";
  l.status = LeadStatus::qualified;
  l.score = 87;
  l.tags = {"trade-show"};
  EXPECT_EQ(from_json<Lead>(to_json(l)), l);

  Opportunity o;
  o.name = "200 tills";
  o.stage = "demo";
  o.amount = Money::of(9900000, "EUR");
  o.expected_close = from_millis(1710000000000);
  o.status = DealStatus::lost;
  o.lost_reason = "budget";
  EXPECT_EQ(from_json<Opportunity>(to_json(o)), o);
}

TEST(RecordJsonTest, WritesTheDocumentedSpellings) {
  const json j = json::parse(to_json(full_customer()));
  EXPECT_EQ(j["id"], 42);
  EXPECT_EQ(j["version"], 3);
  EXPECT_EQ(j["stage"], "at-risk");
  EXPECT_EQ(j["credit_limit"], (json{{"minor", 500000}, {"currency", "CNY"}}));
  EXPECT_EQ(j["created_at"], 1600000000000);
  EXPECT_EQ(j["attributes"]["vip_since"], (json{{"timestamp", 1700000000123}}));
  EXPECT_TRUE(j["attributes"]["cleared"].is_null());
  EXPECT_EQ(j["consents"]["sms"]["source"], "pos");
  EXPECT_EQ(j["tags"], (json{"vip", "wholesale"}));
  EXPECT_EQ(j["display_name"], "张伟");

  const json empty = json::parse(to_json(Opportunity{}));
  EXPECT_TRUE(empty["amount"].is_null());
  EXPECT_TRUE(empty["closed_at"].is_null());
}

TEST(RecordJsonTest, MissingKeysKeepTheirDefaults) {
  const auto c = from_json<Customer>(R"({"display_name": "Ada", "phones": ["020 7946 0018"]})");
  Customer expected;
  expected.display_name = "Ada";
  expected.phones = {"020 7946 0018"};  // decoding does not normalise: the engine does on write
  EXPECT_EQ(c, expected);
  EXPECT_EQ(from_json<Opportunity>("{}").pipeline, "default");
}

void expect_refused(std::string_view text, const std::string& message) {
  const auto failure = error_of([&] { (void)from_json<Customer>(text); });
  EXPECT_EQ(failure.code, Errc::invalid_argument) << text;
  EXPECT_EQ(failure.message, message) << text;
}

TEST(RecordJsonTest, RefusesUnknownFieldsSoTyposAreNotLost) {
  expect_refused(R"({"display_nmae": "Ada"})", "customer JSON: field 'display_nmae': unknown field");
  expect_refused(R"({"addresses": [{"town": "York"}]})", "customer JSON: field 'addresses[0].town': unknown field");
}

TEST(RecordJsonTest, RefusesWrongTypesNamingThePath) {
  expect_refused(R"({"display_name": 5})", "customer JSON: field 'display_name': expected a string");
  expect_refused(R"({"phones": "0207"})", "customer JSON: field 'phones': expected an array");
  expect_refused(R"({"phones": ["ok", 7]})", "customer JSON: field 'phones[1]': expected a string");
  expect_refused(R"({"addresses": [{}, {"city": ["York"]}]})",
                 "customer JSON: field 'addresses[1].city': expected a string");
  expect_refused(R"({"consents": {"sms": {"granted": "yes"}}})",
                 "customer JSON: field 'consents.sms.granted': expected true or false");
  expect_refused(R"([1, 2])", "customer JSON: expected an object");
}

TEST(RecordJsonTest, RefusesIntegersOutOfRangeOrWithFractions) {
  expect_refused(R"({"id": 1.5})", "customer JSON: field 'id': expected an integer from -9223372036854775808 to "
                                   "9223372036854775807");
  expect_refused(R"({"loyalty_points": 9223372036854775808})",
                 "customer JSON: field 'loyalty_points': expected an integer from -9223372036854775808 to "
                 "9223372036854775807");
  const auto failure = error_of([] { (void)from_json<Lead>(R"({"score": 2147483648})"); });
  EXPECT_EQ(failure.message, "lead JSON: field 'score': expected an integer from -2147483648 to 2147483647");
}

TEST(RecordJsonTest, RefusesUnknownEnumSpellings) {
  expect_refused(R"({"stage": "gold"})",
                 "customer JSON: field 'stage': unknown lifecycle stage 'gold' (expected one of: prospect, new, "
                 "active, at-risk, churned)");
  expect_refused(R"({"consents": {"fax": {}}})",
                 "customer JSON: field 'consents.fax': unknown consent channel 'fax' (expected one of: email, sms, "
                 "phone, post, push)");
}

TEST(RecordJsonTest, RefusesMalformedMoney) {
  expect_refused(R"({"credit_limit": 100})",
                 R"(customer JSON: field 'credit_limit': expected {"minor": integer, "currency": "ISO 4217 code"})");
  expect_refused(R"({"credit_limit": {"minor": 100, "currency": "XYZ"}})",
                 "customer JSON: field 'credit_limit.currency': currency 'XYZ': not an ISO 4217 code");
  expect_refused(R"({"credit_limit": {"minor": "100", "currency": "EUR"}})",
                 "customer JSON: field 'credit_limit.minor': expected an integer from -9223372036854775808 to "
                 "9223372036854775807");
}

TEST(RecordJsonTest, RefusesAttributesOfNoKnownType) {
  expect_refused(R"({"attributes": {"sizes": [1, 2]}})",
                 R"(customer JSON: field 'attributes.sizes': expected null, a boolean, a number, a string or {"timestamp": milliseconds})");
}

TEST(RecordJsonTest, RefusesMalformedJsonAndInvalidUtf8) {
  // nlohmann's description says where; the bytes it quotes are escaped.
  expect_refused(R"({"display_name": "Ada")",
                 "customer JSON: not valid JSON (or not valid UTF-8): parse error at line 1, column 23: syntax error "
                 "while parsing object - unexpected end of input; expected '}'");
  expect_refused("", "customer JSON: not valid JSON (or not valid UTF-8): parse error at line 1, column 1: syntax "
                     "error while parsing value - unexpected end of input; expected '[', '{', or a literal");
  expect_refused("{\"display_name\": \"Ad\xff\"}",
                 "customer JSON: not valid JSON (or not valid UTF-8): parse error at line 1, column 21: syntax error "
                 "while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"Ad\\xff'");
}

TEST(RecordJsonTest, RefusesAHugeDocumentBeforeParsingIt) {
  const std::string huge = R"({"body": ")" + std::string(limits::json_document, 'x') + "\"}";
  const auto failure = error_of([&] { (void)from_json<Interaction>(huge); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "interaction JSON: " + std::to_string(huge.size()) + " bytes, longer than the " +
                                 std::to_string(limits::json_document) + "-byte limit");
}

TEST(RecordJsonTest, SurvivesDeeplyNestedInput) {
  const std::string deep = R"({"attributes": {"x": )" + std::string(100000, '[') + std::string(100000, ']') + "}}";
  EXPECT_EQ(error_of([&] { (void)from_json<Customer>(deep); }).code, Errc::invalid_argument);
}

TEST(RecordJsonTest, WritingInvalidUtf8IsAnErrorNotBrokenJson) {
  Customer c;
  c.display_name = "Ad\xff";
  const auto failure = error_of([&] { (void)to_json(c); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "customer JSON: a text field is not valid UTF-8");
}

TEST(RecordJsonTest, APageListsItsItemsAndCursor) {
  Page<Lead> page;
  page.items.resize(2);
  page.items[0].display_name = "A";
  page.items[1].display_name = "B";
  page.next_cursor = "00ff";
  const json j = json::parse(to_json(page));
  ASSERT_EQ(j["items"].size(), 2u);
  EXPECT_EQ(j["items"][1]["display_name"], "B");
  EXPECT_EQ(j["next_cursor"], "00ff");
}

}  // namespace
}  // namespace crm
