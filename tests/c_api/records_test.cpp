// SPDX-License-Identifier: Apache-2.0
// The C API's records: customers, interactions and purchases, leads,
// opportunities, JSON, lookups and pages.
#include <gmock/gmock.h>

#include <string>
#include <vector>

#include "c_api_fixture.hpp"

namespace crm_c_test {
namespace {

std::string to_json(const crm_customer* c) {
  char* raw = nullptr;
  EXPECT_EQ(crm_customer_to_json(c, &raw), CRM_OK) << message();
  String json(raw);
  return raw == nullptr ? "" : raw;
}

TEST_F(CApiTest, CreatesACustomerNormalisedWithTheHotPathFields) {
  crm_customer* c = nullptr;
  ASSERT_EQ(crm_customer_new(&c), CRM_OK);
  Customer customer(c);
  EXPECT_EQ(crm_customer_id(c), 0);
  EXPECT_STREQ(crm_customer_name(c), "");
  ASSERT_EQ(crm_customer_set_name(c, "张伟"), CRM_OK);
  ASSERT_EQ(crm_customer_add_phone(c, "+86 138 0013 8000"), CRM_OK);
  ASSERT_EQ(crm_customer_add_email(c, " Wei@Example.CN "), CRM_OK);
  ASSERT_EQ(crm_customer_set_tier(c, "gold"), CRM_OK);
  ASSERT_EQ(crm_customer_set_external_id(c, "CARD-7"), CRM_OK);
  ASSERT_EQ(crm_customer_set_loyalty_points(c, 120), CRM_OK);
  ASSERT_EQ(crm_customer_create(engine.get(), c), CRM_OK) << message();

  EXPECT_GT(crm_customer_id(c), 0);
  EXPECT_EQ(crm_customer_version(c), 1);
  EXPECT_STREQ(crm_customer_name(c), "张伟");
  EXPECT_STREQ(crm_customer_phone(c), "+8613800138000");
  EXPECT_STREQ(crm_customer_email(c), "wei@example.cn");
  EXPECT_STREQ(crm_customer_tier(c), "gold");
  EXPECT_STREQ(crm_customer_external_id(c), "CARD-7");
  EXPECT_EQ(crm_customer_loyalty_points(c), 120);

  crm_customer* loaded = nullptr;
  ASSERT_EQ(crm_customer_get(engine.get(), crm_customer_id(c), &loaded), CRM_OK);
  Customer owned(loaded);
  EXPECT_EQ(to_json(loaded), to_json(c));
}

TEST_F(CApiTest, AccessorsOfANullHandleGiveEmptyValues) {
  EXPECT_STREQ(crm_customer_name(nullptr), "");
  EXPECT_STREQ(crm_customer_phone(nullptr), "");
  EXPECT_STREQ(crm_customer_email(nullptr), "");
  EXPECT_STREQ(crm_customer_tier(nullptr), "");
  EXPECT_STREQ(crm_customer_external_id(nullptr), "");
  EXPECT_EQ(crm_customer_loyalty_points(nullptr), 0);
  EXPECT_EQ(crm_customer_id(nullptr), 0);
  EXPECT_EQ(crm_customer_version(nullptr), 0);
  EXPECT_EQ(crm_interaction_id(nullptr), 0);
  EXPECT_EQ(crm_lead_id(nullptr), 0);
  EXPECT_EQ(crm_opportunity_id(nullptr), 0);
  EXPECT_STREQ(crm_interaction_kind(nullptr), "");
  EXPECT_STREQ(crm_interaction_channel(nullptr), "");
  EXPECT_STREQ(crm_interaction_subject(nullptr), "");
  EXPECT_EQ(crm_interaction_customer_id(nullptr), 0);
  EXPECT_EQ(crm_interaction_occurred_at(nullptr), 0);
  EXPECT_EQ(crm_page_size(nullptr), 0u);
  EXPECT_STREQ(crm_page_next_cursor(nullptr), "");
  crm_customer_free(nullptr);
  crm_interaction_free(nullptr);
  crm_lead_free(nullptr);
  crm_opportunity_free(nullptr);
  crm_page_free(nullptr);
  crm_string_free(nullptr);
}

TEST_F(CApiTest, SettersRefuseNullArguments) {
  crm_customer* c = nullptr;
  ASSERT_EQ(crm_customer_new(&c), CRM_OK);
  Customer customer(c);
  EXPECT_EQ(crm_customer_set_name(c, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_customer_set_name: text is NULL");
  EXPECT_EQ(crm_customer_set_name(nullptr, "Ada"), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_customer_set_name: customer is NULL");
  EXPECT_EQ(crm_customer_add_phone(nullptr, "1"), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_add_email(c, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_set_tier(nullptr, "x"), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_set_external_id(c, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_set_loyalty_points(nullptr, 1), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_set_loyalty_points(c, -5), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_customer_set_loyalty_points: loyalty points -5 are negative");
  EXPECT_EQ(crm_customer_loyalty_points(c), 0);
  EXPECT_EQ(crm_customer_new(nullptr), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiTest, BadInputIsRefusedAndWritesNothing) {
  crm_customer* c = nullptr;
  ASSERT_EQ(crm_customer_new(&c), CRM_OK);
  Customer customer(c);
  crm_customer_set_name(c, "Ada");
  crm_customer_add_phone(c, "12ab");
  EXPECT_EQ(crm_customer_create(engine.get(), c), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(),
            "crm_customer_create: customer.phones[0]: phone '12ab': not a number (only digits, spaces and + - ( ) . / allowed)");
  EXPECT_EQ(crm_customer_id(c), 0);  // the handle is unchanged
  EXPECT_EQ(customer_count(), 0u);

  crm_customer* bad_utf8 = nullptr;
  ASSERT_EQ(crm_customer_new(&bad_utf8), CRM_OK);
  Customer other(bad_utf8);
  crm_customer_set_name(bad_utf8, "Ad\xff");
  EXPECT_EQ(crm_customer_create(engine.get(), bad_utf8), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("invalid UTF-8"), std::string::npos) << message();
  EXPECT_EQ(customer_count(), 0u);
  EXPECT_EQ(crm_customer_create(engine.get(), nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_customer_create: record is NULL");
}

TEST_F(CApiTest, AStaleVersionIsAConflictAndKeepsTheStoredRecord) {
  auto ada = add_customer("Ada", nullptr);
  crm_customer* copy_raw = nullptr;
  ASSERT_EQ(crm_customer_get(engine.get(), crm_customer_id(ada.get()), &copy_raw), CRM_OK);
  Customer copy(copy_raw);

  crm_customer_set_tier(ada.get(), "gold");
  ASSERT_EQ(crm_customer_update(engine.get(), ada.get()), CRM_OK) << message();
  EXPECT_EQ(crm_customer_version(ada.get()), 2);

  crm_customer_set_tier(copy_raw, "silver");  // still at version 1
  EXPECT_EQ(crm_customer_update(engine.get(), copy_raw), CRM_CONFLICT);
  EXPECT_EQ(crm_customer_version(copy_raw), 1);
  crm_customer* stored = nullptr;
  ASSERT_EQ(crm_customer_get(engine.get(), crm_customer_id(ada.get()), &stored), CRM_OK);
  Customer owned(stored);
  EXPECT_STREQ(crm_customer_tier(stored), "gold");
}

TEST_F(CApiTest, UnknownIdsAreNotFound) {
  crm_customer* c = reinterpret_cast<crm_customer*>(0x1);
  EXPECT_EQ(crm_customer_get(engine.get(), 77, &c), CRM_NOT_FOUND);
  EXPECT_EQ(c, nullptr);
  crm_lead* l = nullptr;
  EXPECT_EQ(crm_lead_get(engine.get(), 77, &l), CRM_NOT_FOUND);
  crm_opportunity* o = nullptr;
  EXPECT_EQ(crm_opportunity_get(engine.get(), 77, &o), CRM_NOT_FOUND);
  crm_interaction* i = nullptr;
  EXPECT_EQ(crm_interaction_get(engine.get(), 77, &i), CRM_NOT_FOUND);
  EXPECT_EQ(crm_customer_get(engine.get(), 77, nullptr), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiTest, FindsACustomerByAnyKey) {
  crm_customer* c = nullptr;
  ASSERT_EQ(crm_customer_from_json(
                R"({"display_name": "Ada", "phones": ["020 7946 0018"], "emails": ["ada@example.com"],
                    "external_id": "ERP-1"})",
                &c),
            CRM_OK);
  Customer ada(c);
  ASSERT_EQ(crm_customer_create(engine.get(), c), CRM_OK) << message();

  for (const char* phone : {"020 7946 0018", "+44 20 7946 0018", "0044 20 7946 0018"}) {
    crm_customer* found = nullptr;
    ASSERT_EQ(crm_customer_find_by_phone(engine.get(), phone, &found), CRM_OK) << phone << ": " << message();
    Customer owned(found);
    EXPECT_EQ(crm_customer_id(found), crm_customer_id(c));
  }
  crm_customer* found = nullptr;
  ASSERT_EQ(crm_customer_find_by_email(engine.get(), "ADA@example.com", &found), CRM_OK);
  crm_customer_free(found);
  ASSERT_EQ(crm_customer_find_by_external_id(engine.get(), "ERP-1", &found), CRM_OK);
  crm_customer_free(found);

  EXPECT_EQ(crm_customer_find_by_phone(engine.get(), "020 7946 0019", &found), CRM_NOT_FOUND);
  EXPECT_EQ(found, nullptr);
  EXPECT_EQ(message(), "crm_customer_find_by_phone: no customer with phone '020 7946 0019'");
  EXPECT_EQ(crm_customer_find_by_external_id(engine.get(), "ERP-\x01", &found), CRM_NOT_FOUND);
  EXPECT_EQ(message(), "crm_customer_find_by_external_id: no customer with external_id 'ERP-\\x01'");
  EXPECT_EQ(crm_customer_find_by_email(engine.get(), "not an address", &found), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_find_by_phone(engine.get(), nullptr, &found), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_customer_find_by_phone: phone is NULL");
}

TEST_F(CApiTest, ATakenPhoneIsAlreadyExists) {
  add_customer("Ada", "020 7946 0018");
  crm_customer* c = nullptr;
  crm_customer_new(&c);
  Customer eve(c);
  crm_customer_set_name(c, "Eve");
  crm_customer_add_phone(c, "+442079460018");
  EXPECT_EQ(crm_customer_create(engine.get(), c), CRM_ALREADY_EXISTS);
  EXPECT_EQ(customer_count(), 1u);
}

TEST_F(CApiTest, JsonInAndOutCarriesEveryField) {
  crm_customer* c = nullptr;
  ASSERT_EQ(crm_customer_from_json(R"({"display_name": "Ada", "stage": "active", "tags": ["VIP"],
      "credit_limit": {"minor": 50000, "currency": "GBP"}, "attributes": {"shoe_size": 38}})",
                                   &c),
            CRM_OK)
      << message();
  Customer ada(c);
  ASSERT_EQ(crm_customer_create(engine.get(), c), CRM_OK) << message();
  const std::string json = to_json(c);
  EXPECT_NE(json.find(R"("stage":"active")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("tags":["vip"])"), std::string::npos) << json;  // folded on write
  EXPECT_NE(json.find(R"("credit_limit":{"currency":"GBP","minor":50000})"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("shoe_size":38)"), std::string::npos) << json;

  crm_customer* bad = reinterpret_cast<crm_customer*>(0x1);
  EXPECT_EQ(crm_customer_from_json(R"({"stage": "gold"})", &bad), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(bad, nullptr);
  EXPECT_EQ(message(),
            "crm_customer_from_json: customer JSON: field 'stage': unknown lifecycle stage 'gold' (expected one of: "
            "prospect, new, active, at-risk, churned)");
  EXPECT_EQ(crm_customer_from_json("{\"display_name\": \"\xff\"}", &bad), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_from_json(nullptr, &bad), CRM_INVALID_ARGUMENT);
  char* out = nullptr;
  EXPECT_EQ(crm_customer_to_json(nullptr, &out), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_to_json(c, nullptr), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiTest, NamesACurrencysMinorDigits) {
  int digits = -1;
  ASSERT_EQ(crm_currency_minor_digits("EUR", &digits), CRM_OK) << message();
  EXPECT_EQ(digits, 2);
  ASSERT_EQ(crm_currency_minor_digits("JPY", &digits), CRM_OK) << message();
  EXPECT_EQ(digits, 0);
  ASSERT_EQ(crm_currency_minor_digits("BHD", &digits), CRM_OK) << message();
  EXPECT_EQ(digits, 3);
  digits = -1;
  EXPECT_EQ(crm_currency_minor_digits("XYZ", &digits), CRM_INVALID_ARGUMENT);
  EXPECT_THAT(message(), testing::HasSubstr("XYZ"));
  EXPECT_EQ(digits, -1);
  EXPECT_EQ(crm_currency_minor_digits(nullptr, &digits), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_currency_minor_digits("EUR", nullptr), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiTest, LogsAPurchaseAndListsTheHistoryNewestFirst) {
  auto ada = add_customer("Ada", nullptr);
  const auto id = crm_customer_id(ada.get());
  crm_interaction* call = nullptr;
  ASSERT_EQ(crm_interaction_from_json(("{\"customer_id\": " + std::to_string(id) +
                                       R"(, "kind": "call", "channel": "phone", "subject": "Catalogue",
                                          "occurred_at": 1000})")
                                          .c_str(),
                                      &call),
            CRM_OK)
      << message();
  Interaction owned_call(call);
  ASSERT_EQ(crm_interaction_create(engine.get(), call), CRM_OK) << message();
  EXPECT_GT(crm_interaction_id(call), 0);

  crm_interaction* sale = nullptr;
  ASSERT_EQ(crm_purchase_log(engine.get(), id, 1799, "GBP", nullptr, "Till 3", &sale), CRM_OK) << message();
  Interaction owned_sale(sale);
  EXPECT_STREQ(crm_interaction_kind(sale), "purchase");
  EXPECT_STREQ(crm_interaction_channel(sale), "pos");
  EXPECT_STREQ(crm_interaction_subject(sale), "Till 3");
  EXPECT_EQ(crm_interaction_customer_id(sale), id);
  EXPECT_GT(crm_interaction_occurred_at(sale), 1000);
  int64_t minor = 0;
  const char* currency = nullptr;
  ASSERT_EQ(crm_interaction_amount(sale, &minor, &currency), CRM_OK);
  EXPECT_EQ(minor, 1799);
  EXPECT_STREQ(currency, "GBP");
  EXPECT_EQ(crm_interaction_amount(call, &minor, &currency), CRM_NOT_FOUND);
  EXPECT_EQ(crm_interaction_amount(nullptr, &minor, &currency), CRM_INVALID_ARGUMENT);
  ASSERT_EQ(crm_purchase_log(engine.get(), id, 500, "EUR", "web", nullptr, nullptr), CRM_OK) << message();

  // Page by page, newest first.
  crm_page* raw = nullptr;
  ASSERT_EQ(crm_interaction_list(engine.get(), id, nullptr, 2, &raw), CRM_OK) << message();
  Page first(raw);
  ASSERT_EQ(crm_page_size(raw), 2u);
  EXPECT_STREQ(crm_interaction_channel(crm_page_interaction(raw, 0)), "web");
  EXPECT_STREQ(crm_interaction_subject(crm_page_interaction(raw, 1)), "Till 3");
  EXPECT_EQ(crm_page_interaction(raw, 2), nullptr);
  EXPECT_EQ(crm_page_customer(raw, 0), nullptr);  // the page holds interactions
  const std::string cursor = crm_page_next_cursor(raw);
  ASSERT_FALSE(cursor.empty());
  ASSERT_EQ(crm_interaction_list(engine.get(), id, cursor.c_str(), 2, &raw), CRM_OK);
  Page second(raw);
  ASSERT_EQ(crm_page_size(raw), 1u);
  EXPECT_STREQ(crm_interaction_subject(crm_page_interaction(raw, 0)), "Catalogue");
  EXPECT_STREQ(crm_page_next_cursor(raw), "");
}

TEST_F(CApiTest, ABadPurchaseIsRefusedAndLogsNothing) {
  auto ada = add_customer("Ada", nullptr);
  const auto id = crm_customer_id(ada.get());
  crm_interaction* out = reinterpret_cast<crm_interaction*>(0x1);
  EXPECT_EQ(crm_purchase_log(engine.get(), id, 100, "POUNDS", nullptr, nullptr, &out), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(message(), "crm_purchase_log: currency 'POUNDS': not an ISO 4217 code");
  EXPECT_EQ(crm_purchase_log(engine.get(), id, 100, "GBP", "carrier pigeon", nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_purchase_log(engine.get(), id, 100, nullptr, nullptr, nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_purchase_log(engine.get(), 999, 100, "GBP", nullptr, nullptr, nullptr), CRM_NOT_FOUND);
  EXPECT_EQ(crm_purchase_log(engine.get(), id, 100, "GBP", nullptr, "bad \xc3", nullptr), CRM_INVALID_ARGUMENT);
  crm_page* raw = nullptr;
  ASSERT_EQ(crm_interaction_list(engine.get(), id, nullptr, 0, &raw), CRM_OK);
  Page page(raw);
  EXPECT_EQ(crm_page_size(raw), 0u);
}

TEST_F(CApiTest, ListsCustomersByNamePrefixAndPagesAsJson) {
  add_customer("Ada Lovelace", nullptr);
  add_customer("adam Smith", nullptr);
  add_customer("Bob", nullptr);
  crm_page* raw = nullptr;
  ASSERT_EQ(crm_customer_list(engine.get(), "ADA", nullptr, 10, &raw), CRM_OK) << message();
  Page page(raw);
  ASSERT_EQ(crm_page_size(raw), 2u);
  EXPECT_STREQ(crm_customer_name(crm_page_customer(raw, 0)), "Ada Lovelace");
  EXPECT_STREQ(crm_customer_name(crm_page_customer(raw, 1)), "adam Smith");
  char* json = nullptr;
  ASSERT_EQ(crm_page_to_json(raw, &json), CRM_OK);
  String owned(json);
  EXPECT_NE(std::string(json).find(R"("next_cursor":"")"), std::string::npos) << json;
  EXPECT_NE(std::string(json).find("adam Smith"), std::string::npos) << json;

  EXPECT_EQ(crm_customer_list(engine.get(), nullptr, nullptr, 5000, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_list(engine.get(), nullptr, "zz-not-a-cursor", 10, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_list(engine.get(), nullptr, nullptr, 10, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_page_to_json(nullptr, &json), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiTest, LeadsAreCreatedUpdatedAndListedByStatus) {
  crm_lead* raw = nullptr;
  ASSERT_EQ(crm_lead_from_json(R"({"display_name": "Grace", "company": "Navy", "source": "trade show"})", &raw),
            CRM_OK);
  Lead lead(raw);
  ASSERT_EQ(crm_lead_create(engine.get(), raw), CRM_OK) << message();
  crm_lead* other = nullptr;
  ASSERT_EQ(crm_lead_new(&other), CRM_OK);
  Lead empty(other);
  EXPECT_EQ(crm_lead_create(engine.get(), other), CRM_INVALID_ARGUMENT);  // a lead needs a name

  crm_lead* loaded = nullptr;
  ASSERT_EQ(crm_lead_get(engine.get(), crm_lead_id(raw), &loaded), CRM_OK);
  Lead owned(loaded);
  char* json = nullptr;
  ASSERT_EQ(crm_lead_to_json(loaded, &json), CRM_OK);
  std::string text(json);
  crm_string_free(json);
  const auto at = text.find(R"("status":"new")");
  ASSERT_NE(at, std::string::npos) << text;
  text.replace(at, 14, R"("status":"working")");
  crm_lead* edited = nullptr;
  ASSERT_EQ(crm_lead_from_json(text.c_str(), &edited), CRM_OK) << message();
  Lead owned_edit(edited);
  ASSERT_EQ(crm_lead_update(engine.get(), edited), CRM_OK) << message();

  crm_page* page_raw = nullptr;
  ASSERT_EQ(crm_lead_list(engine.get(), "working", nullptr, 10, &page_raw), CRM_OK) << message();
  Page page(page_raw);
  ASSERT_EQ(crm_page_size(page_raw), 1u);
  EXPECT_EQ(crm_lead_id(crm_page_lead(page_raw, 0)), crm_lead_id(raw));
  ASSERT_EQ(crm_lead_list(engine.get(), nullptr, nullptr, 10, &page_raw), CRM_OK);
  Page all(page_raw);
  EXPECT_EQ(crm_page_size(page_raw), 1u);
  crm_page* none = reinterpret_cast<crm_page*>(0x1);
  EXPECT_EQ(crm_lead_list(engine.get(), "hot", nullptr, 10, &none), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(none, nullptr);
  // The old handle is stale now.
  EXPECT_EQ(crm_lead_update(engine.get(), raw), CRM_CONFLICT);
}

TEST_F(CApiTest, OpportunitiesAreCreatedAndListedPerCustomer) {
  auto ada = add_customer("Ada", nullptr);
  const auto id = crm_customer_id(ada.get());
  crm_opportunity* raw = nullptr;
  ASSERT_EQ(crm_opportunity_from_json(("{\"name\": \"200 tills\", \"stage\": \"demo\", \"customer_id\": " +
                                       std::to_string(id) + R"(, "amount": {"minor": 990000, "currency": "EUR"}})")
                                          .c_str(),
                                      &raw),
            CRM_OK)
      << message();
  Opportunity deal(raw);
  ASSERT_EQ(crm_opportunity_create(engine.get(), raw), CRM_OK) << message();
  ASSERT_EQ(crm_opportunity_update(engine.get(), raw), CRM_OK) << message();

  crm_opportunity* loaded = nullptr;
  ASSERT_EQ(crm_opportunity_get(engine.get(), crm_opportunity_id(raw), &loaded), CRM_OK);
  Opportunity owned(loaded);
  crm_opportunity* blank = nullptr;
  ASSERT_EQ(crm_opportunity_new(&blank), CRM_OK);
  Opportunity owned_blank(blank);
  char* json = nullptr;
  ASSERT_EQ(crm_opportunity_to_json(loaded, &json), CRM_OK);
  EXPECT_NE(std::string(json).find(R"("version":2)"), std::string::npos) << json;
  crm_string_free(json);

  crm_page* page_raw = nullptr;
  ASSERT_EQ(crm_opportunity_list(engine.get(), id, nullptr, 10, &page_raw), CRM_OK);
  Page page(page_raw);
  ASSERT_EQ(crm_page_size(page_raw), 1u);
  EXPECT_EQ(crm_opportunity_id(crm_page_opportunity(page_raw, 0)), crm_opportunity_id(raw));
  ASSERT_EQ(crm_opportunity_list(engine.get(), id + 1, nullptr, 10, &page_raw), CRM_OK);
  Page other(page_raw);
  EXPECT_EQ(crm_page_size(page_raw), 0u);
  ASSERT_EQ(crm_opportunity_list(engine.get(), 0, nullptr, 10, &page_raw), CRM_OK);
  Page all(page_raw);
  EXPECT_EQ(crm_page_size(page_raw), 1u);
}

TEST_F(CApiTest, AnInteractionCanBeUpdatedAndItsRecordFunctionsRefuseNull) {
  auto ada = add_customer("Ada", nullptr);
  crm_interaction* raw = nullptr;
  ASSERT_EQ(crm_interaction_new(&raw), CRM_OK);
  Interaction note(raw);
  EXPECT_EQ(crm_interaction_create(engine.get(), raw), CRM_INVALID_ARGUMENT);  // no customer or lead
  char* json = nullptr;
  ASSERT_EQ(crm_interaction_to_json(raw, &json), CRM_OK);
  crm_string_free(json);
  crm_interaction* stored = nullptr;
  ASSERT_EQ(crm_purchase_log(engine.get(), crm_customer_id(ada.get()), 100, "GBP", "kiosk", nullptr, &stored),
            CRM_OK);
  Interaction owned(stored);
  ASSERT_EQ(crm_interaction_update(engine.get(), stored), CRM_OK) << message();
  EXPECT_EQ(crm_interaction_update(engine.get(), nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_interaction_update(nullptr, stored), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_interaction_from_json("[]", &raw), CRM_INVALID_ARGUMENT);
}

}  // namespace
}  // namespace crm_c_test
