// SPDX-License-Identifier: Apache-2.0
// What rules do to a C host's writes (issue 21, defects 5, 9, 10): the
// handle holds the record as stored after its rules, a failing rule names
// itself, "on_failure" round-trips, and the action limit is an option.
#include <nlohmann/json.hpp>

#include <string>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;

constexpr const char* welcome_rule = R"({"name": "welcome", "trigger": {"on": "created", "entity": "customer"},
  "actions": [{"action": "add_tag", "tag": "new-signup"}]})";

// Every purchase gives its customer a card number another customer holds.
std::string promo_rule(const char* policy) {
  return std::string(R"({"name": "promo", "on_failure": ")") + policy + R"(",
    "trigger": {"on": "created", "entity": "interaction"},
    "actions": [{"action": "set", "field": "customer.external_id", "value": "PROMO"}]})";
}

class CApiRuleOutcomeTest : public CApiTest {
 protected:
  json save_rule(const std::string& rule) {
    char* raw = nullptr;
    EXPECT_EQ(crm_rule_save_json(engine.get(), rule.c_str(), &raw), CRM_OK) << message();
    return take(raw);
  }

  static json customer_json(const crm_customer* customer) {
    char* raw = nullptr;
    EXPECT_EQ(crm_customer_to_json(customer, &raw), CRM_OK) << message();
    return take(raw);
  }

  static Engine open_with_action_limit(int64_t limit, crm_status expected = CRM_OK) {
    crm_options options;
    crm_options_init(&options, sizeof options);
    options.default_region = "GB";
    options.workflow_action_limit = limit;
    crm_engine* raw = nullptr;
    EXPECT_EQ(crm_engine_open(&options, &raw), expected) << message();
    return Engine(raw);
  }
};

TEST_F(CApiRuleOutcomeTest, TheHandleHoldsTheRecordAsItsRulesLeftItAndUpdatesAgain) {
  save_rule(welcome_rule);
  Customer ada = add_customer("Ada", nullptr);
  const json created = customer_json(ada.get());
  EXPECT_EQ(created["version"], 2);
  EXPECT_EQ(created["tags"], json({"new-signup"}));

  ASSERT_EQ(crm_customer_set_tier(ada.get(), "gold"), CRM_OK);
  ASSERT_EQ(crm_customer_update(engine.get(), ada.get()), CRM_OK) << message();
  EXPECT_EQ(customer_json(ada.get())["version"], 3);
}

TEST_F(CApiRuleOutcomeTest, AFailingRuleNamesItselfAndTheActionKeepingTheStatus) {
  Customer holder = add_customer("Holder", nullptr);
  ASSERT_EQ(crm_customer_set_external_id(holder.get(), "PROMO"), CRM_OK);
  ASSERT_EQ(crm_customer_update(engine.get(), holder.get()), CRM_OK) << message();
  Customer ada = add_customer("Ada", nullptr);
  save_rule(promo_rule("fail"));
  crm_interaction* raw = nullptr;
  EXPECT_EQ(crm_purchase_log(engine.get(), crm_customer_id(ada.get()), 1000, "EUR", nullptr, nullptr, &raw),
            CRM_ALREADY_EXISTS);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(message(), "crm_purchase_log: rule 'promo': actions[0] (set): customer.external_id 'PROMO' already "
                       "belongs to record " + std::to_string(crm_customer_id(holder.get())));

  save_rule(promo_rule("skip"));  // the till's purchase goes through; the host is told
  EXPECT_EQ(crm_purchase_log(engine.get(), crm_customer_id(ada.get()), 1000, "EUR", nullptr, nullptr, &raw), CRM_OK)
      << message();
  Interaction purchase(raw);
  char* notes = nullptr;
  ASSERT_EQ(crm_outbox_list_json(engine.get(), nullptr, 0, &notes), CRM_OK) << message();
  const json outbox = take(notes);
  ASSERT_EQ(outbox["items"].size(), 1U) << outbox;
  EXPECT_EQ(outbox["items"][0]["topic"], "rule.failed");
  EXPECT_EQ(outbox["items"][0]["record_id"], crm_interaction_id(purchase.get()));
}

TEST_F(CApiRuleOutcomeTest, OnFailureRoundTripsThroughSaveGetAndList) {
  EXPECT_EQ(save_rule(promo_rule("skip"))["definition"]["on_failure"], "skip");
  char* raw = nullptr;
  ASSERT_EQ(crm_rule_get_json(engine.get(), "promo", &raw), CRM_OK) << message();
  EXPECT_EQ(take(raw)["definition"]["on_failure"], "skip");
  ASSERT_EQ(crm_rule_list_json(engine.get(), nullptr, 0, &raw), CRM_OK) << message();
  EXPECT_EQ(take(raw)["items"][0]["definition"]["on_failure"], "skip");
  EXPECT_EQ(crm_rule_save_json(engine.get(), promo_rule("later").c_str(), &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_rule_save_json: rule 'promo': on_failure: \"later\" is not a failure policy "
                       "(expected one of: fail, skip)");
}

TEST_F(CApiRuleOutcomeTest, TheActionLimitIsAnOption) {
  EXPECT_EQ(open_with_action_limit(-1, CRM_INVALID_ARGUMENT), nullptr);
  EXPECT_EQ(message(), "crm_engine_open: workflow_action_limit -1: must be at least 1, or 0 for the default (2000)");

  constexpr const char* three_notes = R"({"name": "notes", "trigger": {"on": "created", "entity": "customer"},
    "actions": [{"action": "notify", "topic": "a"}, {"action": "notify", "topic": "b"},
                {"action": "notify", "topic": "c"}]})";
  Engine two = open_with_action_limit(2);
  ASSERT_EQ(crm_rule_save_json(two.get(), three_notes, nullptr), CRM_OK) << message();
  crm_customer* raw = nullptr;
  ASSERT_EQ(crm_customer_new(&raw), CRM_OK);
  Customer ada(raw);
  ASSERT_EQ(crm_customer_set_name(raw, "Ada"), CRM_OK);
  EXPECT_EQ(crm_customer_create(two.get(), raw), CRM_CONFLICT);
  EXPECT_NE(message().find("more than 2 rule actions"), std::string::npos) << message();
  EXPECT_NE(message().find("rule chain: 'notes' on customer"), std::string::npos) << message();
  EXPECT_EQ(crm_customer_id(raw), 0) << "the handle is unchanged";

  Engine by_default = open_with_action_limit(0);  // 0: the default
  ASSERT_EQ(crm_rule_save_json(by_default.get(), three_notes, nullptr), CRM_OK) << message();
  EXPECT_EQ(crm_customer_create(by_default.get(), raw), CRM_OK) << message();
}

}  // namespace
}  // namespace crm_c_test
