// SPDX-License-Identifier: Apache-2.0
// The C API's erase calls, one per record type: each erases at the stored
// version, and a failed erase (unknown id, stale version, a record still
// referred to) names its status and changes nothing.
#include <nlohmann/json.hpp>

#include <string>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;
using Task = Owned<crm_task, crm_task_free>;

class CApiEraseTest : public CApiTest {
 protected:
  Interaction add_interaction(int64_t customer_id) {
    crm_interaction* raw = nullptr;
    const std::string text =
        R"({"kind": "call", "channel": "phone", "customer_id": )" + std::to_string(customer_id) + "}";
    EXPECT_EQ(crm_interaction_from_json(text.c_str(), &raw), CRM_OK) << message();
    Interaction interaction(raw);
    EXPECT_EQ(crm_interaction_create(engine.get(), raw), CRM_OK) << message();
    return interaction;
  }

  Lead add_lead() {
    crm_lead* raw = nullptr;
    EXPECT_EQ(crm_lead_from_json(R"({"display_name": "Ada", "company": "Engines Ltd"})", &raw), CRM_OK) << message();
    Lead lead(raw);
    EXPECT_EQ(crm_lead_create(engine.get(), raw), CRM_OK) << message();
    return lead;
  }

  Opportunity add_deal(const char* pipeline = "default", const char* stage = "Prospecting") {
    const std::string text =
        R"({"name": "Boiler", "pipeline": ")" + std::string(pipeline) + R"(", "stage": ")" + stage + R"("})";
    crm_opportunity* raw = nullptr;
    EXPECT_EQ(crm_opportunity_from_json(text.c_str(), &raw), CRM_OK) << message();
    Opportunity deal(raw);
    EXPECT_EQ(crm_opportunity_create(engine.get(), raw), CRM_OK) << message();
    return deal;
  }

  Task add_task() {
    crm_task* raw = nullptr;
    EXPECT_EQ(crm_task_from_json(R"({"subject": "Call back"})", &raw), CRM_OK) << message();
    Task task(raw);
    EXPECT_EQ(crm_task_create(engine.get(), raw), CRM_OK) << message();
    return task;
  }

  json save_pipeline(const char* name) {
    const std::string text = R"({"name": ")" + std::string(name) + R"(", "stages": [{"name": "Due"}]})";
    char* raw = nullptr;
    EXPECT_EQ(crm_pipeline_save_json(engine.get(), text.c_str(), &raw), CRM_OK) << message();
    return take(raw);
  }
};

TEST_F(CApiEraseTest, ErasesACustomerAtItsVersion) {
  const Customer c = add_customer("Ada", "+44 20 7946 0018");
  const int64_t id = crm_customer_id(c.get());
  ASSERT_EQ(crm_customer_erase(engine.get(), id, crm_customer_version(c.get())), CRM_OK) << message();
  crm_customer* raw = nullptr;
  EXPECT_EQ(crm_customer_get(engine.get(), id, &raw), CRM_NOT_FOUND);
  EXPECT_EQ(crm_customer_find_by_phone(engine.get(), "020 7946 0018", &raw), CRM_NOT_FOUND);  // its key went too
}

TEST_F(CApiEraseTest, RefusesAStaleVersionAndAnUnknownIdChangingNothing) {
  const Customer c = add_customer("Ada", nullptr);
  const int64_t id = crm_customer_id(c.get());
  EXPECT_EQ(crm_customer_erase(engine.get(), id, crm_customer_version(c.get()) + 1), CRM_CONFLICT);
  EXPECT_EQ(message().rfind("crm_customer_erase", 0), 0U) << message();
  EXPECT_EQ(crm_customer_erase(engine.get(), id + 100, 1), CRM_NOT_FOUND);
  EXPECT_EQ(customer_count(), 1U);
}

TEST_F(CApiEraseTest, RefusesACustomerOthersStillReferTo) {
  const Customer c = add_customer("Ada", nullptr);
  const Interaction call = add_interaction(crm_customer_id(c.get()));
  EXPECT_EQ(crm_customer_erase(engine.get(), crm_customer_id(c.get()), crm_customer_version(c.get())), CRM_CONFLICT);
  EXPECT_EQ(customer_count(), 1U);

  // Once its interaction is gone, the customer can go.
  ASSERT_EQ(crm_interaction_erase(engine.get(), crm_interaction_id(call.get()), crm_interaction_version(call.get())),
            CRM_OK)
      << message();
  EXPECT_EQ(crm_customer_erase(engine.get(), crm_customer_id(c.get()), crm_customer_version(c.get())), CRM_OK)
      << message();
  EXPECT_EQ(customer_count(), 0U);
}

TEST_F(CApiEraseTest, ErasesALeadADealAndATask) {
  const Lead lead = add_lead();
  const Opportunity deal = add_deal();
  const Task task = add_task();
  EXPECT_EQ(crm_lead_erase(engine.get(), crm_lead_id(lead.get()), 2), CRM_CONFLICT);  // stale: it is at 1
  ASSERT_EQ(crm_lead_erase(engine.get(), crm_lead_id(lead.get()), crm_lead_version(lead.get())), CRM_OK) << message();
  ASSERT_EQ(crm_opportunity_erase(engine.get(), crm_opportunity_id(deal.get()), crm_opportunity_version(deal.get())),
            CRM_OK)
      << message();
  ASSERT_EQ(crm_task_erase(engine.get(), crm_task_id(task.get()), crm_task_version(task.get())), CRM_OK) << message();

  crm_lead* l = nullptr;
  crm_opportunity* o = nullptr;
  crm_task* t = nullptr;
  EXPECT_EQ(crm_lead_get(engine.get(), crm_lead_id(lead.get()), &l), CRM_NOT_FOUND);
  EXPECT_EQ(crm_opportunity_get(engine.get(), crm_opportunity_id(deal.get()), &o), CRM_NOT_FOUND);
  EXPECT_EQ(crm_task_get(engine.get(), crm_task_id(task.get()), &t), CRM_NOT_FOUND);
  EXPECT_EQ(crm_task_erase(engine.get(), crm_task_id(task.get()), 1), CRM_NOT_FOUND);  // gone already
}

TEST_F(CApiEraseTest, ErasesAPipelineByNameOnceNoDealUsesIt) {
  const json saved = save_pipeline("Renewals");
  const int64_t version = saved["version"].get<int64_t>();
  const Opportunity deal = add_deal("renewals", "Due");

  EXPECT_EQ(crm_pipeline_erase(engine.get(), "RENEWALS", version), CRM_CONFLICT) << message();  // a deal uses it
  char* raw = nullptr;
  ASSERT_EQ(crm_pipeline_get_json(engine.get(), "renewals", &raw), CRM_OK);  // still there
  String kept(raw);

  ASSERT_EQ(crm_opportunity_erase(engine.get(), crm_opportunity_id(deal.get()), crm_opportunity_version(deal.get())),
            CRM_OK)
      << message();
  EXPECT_EQ(crm_pipeline_erase(engine.get(), "renewals", version + 1), CRM_CONFLICT);  // stale
  ASSERT_EQ(crm_pipeline_erase(engine.get(), "renewals", version), CRM_OK) << message();
  EXPECT_EQ(crm_pipeline_get_json(engine.get(), "renewals", &raw), CRM_NOT_FOUND);
  EXPECT_EQ(crm_pipeline_erase(engine.get(), "renewals", version), CRM_NOT_FOUND);
}

TEST_F(CApiEraseTest, TheBuiltInDefaultPipelineHasNothingToErase) {
  EXPECT_EQ(crm_pipeline_erase(engine.get(), "default", 0), CRM_NOT_FOUND);
  EXPECT_EQ(crm_pipeline_erase(engine.get(), nullptr, 1), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_customer_erase(nullptr, 1, 1), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiEraseTest, AnEraseRolledBackWithItsTransactionLeavesTheRecord) {
  const Customer c = add_customer("Ada", nullptr);
  crm_transaction* raw = nullptr;
  ASSERT_EQ(crm_transaction_begin(engine.get(), &raw), CRM_OK) << message();
  Transaction tx(raw);
  ASSERT_EQ(crm_customer_erase(engine.get(), crm_customer_id(c.get()), crm_customer_version(c.get())), CRM_OK)
      << message();
  ASSERT_EQ(crm_transaction_rollback(raw), CRM_OK) << message();
  EXPECT_EQ(customer_count(), 1U);
}

}  // namespace
}  // namespace crm_c_test
