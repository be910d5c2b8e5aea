// SPDX-License-Identifier: Apache-2.0
// The C API's approval calls: requested, decided in turn, read and listed as
// JSON, and the fields they lock refused on an update made through the
// record calls. Results are read back with nlohmann-json, as a host would.
#include <nlohmann/json.hpp>

#include <string>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;

class CApiApprovalTest : public CApiTest {
 protected:
  void SetUp() override {
    CApiTest::SetUp();
    deal = add_deal(R"({"name": "500 tills at 30% off", "stage": "proposal", "owner": "alice",
                        "amount": {"minor": 7000000, "currency": "EUR"}})");
    deal_id = crm_opportunity_id(deal.get());
  }

  Opportunity add_deal(const char* text) {
    crm_opportunity* raw = nullptr;
    EXPECT_EQ(crm_opportunity_from_json(text, &raw), CRM_OK) << message();
    Opportunity owned(raw);
    EXPECT_EQ(crm_opportunity_create(engine.get(), raw), CRM_OK) << message();
    return owned;
  }

  // The request for a discount on the deal, as JSON; `extra` adds keys.
  std::string discount_request(const std::string& extra = "") const {
    return R"({"name": "discount", "entity": "opportunity", "record_id": )" + std::to_string(deal_id) +
           R"(, "approvers": ["sales-manager", "finance"], "locked_fields": ["amount"], "requested_by": "alice")" +
           extra + "}";
  }

  json request(const std::string& text) {
    char* raw = nullptr;
    EXPECT_EQ(crm_approval_request_json(engine.get(), text.c_str(), &raw), CRM_OK) << message();
    return take(raw);
  }

  json approve(const json& approval, const char* approver, const char* comment = nullptr) {
    char* raw = nullptr;
    EXPECT_EQ(crm_approval_approve_json(engine.get(), approval["id"].get<int64_t>(),
                                        approval["version"].get<int64_t>(), approver, comment, &raw),
              CRM_OK)
        << message();
    return take(raw);
  }

  json get(int64_t id) {
    char* raw = nullptr;
    EXPECT_EQ(crm_approval_get_json(engine.get(), id, &raw), CRM_OK) << message();
    return take(raw);
  }

  json list(const char* query, const char* cursor = nullptr, size_t limit = 0) {
    char* raw = nullptr;
    EXPECT_EQ(crm_approval_list_json(engine.get(), query, cursor, limit, &raw), CRM_OK) << message();
    return take(raw);
  }

  // The ids of a listing's items, in order.
  static json ids(const json& page) {
    json out = json::array();
    for (const auto& item : page["items"]) out.push_back(item["id"]);
    return out;
  }

  // The deal as stored, with `field` set to `value`, written back through crm_opportunity_update.
  crm_status update_deal(const char* field, const json& value) {
    crm_opportunity* loaded = nullptr;
    EXPECT_EQ(crm_opportunity_get(engine.get(), deal_id, &loaded), CRM_OK) << message();
    Opportunity stored(loaded);
    char* text = nullptr;
    EXPECT_EQ(crm_opportunity_to_json(loaded, &text), CRM_OK) << message();
    json changed = take(text);
    changed[field] = value;
    crm_opportunity* raw = nullptr;
    EXPECT_EQ(crm_opportunity_from_json(changed.dump().c_str(), &raw), CRM_OK) << message();
    Opportunity owned(raw);
    return crm_opportunity_update(engine.get(), raw);
  }

  Opportunity deal;
  int64_t deal_id = 0;
};

TEST_F(CApiApprovalTest, ARequestIsStoredPendingAndWaitsForTheFirstApprover) {
  const json a = request(discount_request());
  EXPECT_GT(a["id"].get<int64_t>(), 0);
  EXPECT_EQ(a["version"], 1);
  EXPECT_EQ(a["name"], "discount");
  EXPECT_EQ(a["entity"], "opportunity");
  EXPECT_EQ(a["record_id"], deal_id);
  EXPECT_EQ(a["approvers"], json({"sales-manager", "finance"}));
  EXPECT_EQ(a["locked_fields"], json({"amount"}));
  EXPECT_EQ(a["status"], "pending");
  EXPECT_EQ(a["waiting_for"], "sales-manager");
  EXPECT_EQ(a["decisions"], json::array());
  EXPECT_EQ(a["requested_by"], "alice");
  EXPECT_EQ(a["rule"], "");
  EXPECT_TRUE(a["created_at"].is_number_integer());
  EXPECT_EQ(a["decided_at"], nullptr);
  EXPECT_EQ(get(a["id"].get<int64_t>()), a);
}

TEST_F(CApiApprovalTest, EachApproverApprovesInTurnAndTheLastMakesItApproved) {
  json a = request(discount_request());
  a = approve(a, "sales-manager", "fine for 500 tills");
  EXPECT_EQ(a["status"], "pending");
  EXPECT_EQ(a["waiting_for"], "finance");
  EXPECT_EQ(a["version"], 2);
  a = approve(a, "finance");  // no comment
  EXPECT_EQ(a["status"], "approved");
  EXPECT_EQ(a["waiting_for"], "");
  EXPECT_TRUE(a["decided_at"].is_number_integer());
  ASSERT_EQ(a["decisions"].size(), 2U) << a;
  EXPECT_EQ(a["decisions"][0]["approver"], "sales-manager");
  EXPECT_EQ(a["decisions"][0]["approved"], true);
  EXPECT_EQ(a["decisions"][0]["comment"], "fine for 500 tills");
  EXPECT_EQ(a["decisions"][1]["approver"], "finance");
  EXPECT_EQ(a["decisions"][1]["comment"], "");
  EXPECT_EQ(get(a["id"].get<int64_t>()), a);
}

TEST_F(CApiApprovalTest, AnotherApproversTurnIsAConflictNamingWhomItWaitsFor) {
  const json a = request(discount_request());
  const auto id = a["id"].get<int64_t>();
  char* raw = reinterpret_cast<char*>(1);
  EXPECT_EQ(crm_approval_approve_json(engine.get(), id, 1, "finance", nullptr, &raw), CRM_CONFLICT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(message(), "crm_approval_approve_json: approval " + std::to_string(id) +
                           " ('discount') waits for 'sales-manager', not 'finance'");
  EXPECT_EQ(crm_approval_reject_json(engine.get(), id, 1, "finance", "no", &raw), CRM_CONFLICT);
  EXPECT_EQ(get(id), a);  // nothing decided

  approve(a, "sales-manager");
  EXPECT_EQ(crm_approval_approve_json(engine.get(), id, 1, "finance", nullptr, &raw), CRM_CONFLICT);  // stale
  EXPECT_EQ(get(id)["status"], "pending");
}

TEST_F(CApiApprovalTest, OneRejectionRejectsItAndItCannotBeDecidedAgain) {
  const json a = request(discount_request());
  const auto id = a["id"].get<int64_t>();
  char* raw = nullptr;
  ASSERT_EQ(crm_approval_reject_json(engine.get(), id, 1, "sales-manager", "30% is too much", &raw), CRM_OK)
      << message();
  const json rejected = take(raw);
  EXPECT_EQ(rejected["status"], "rejected");
  EXPECT_EQ(rejected["waiting_for"], "");
  ASSERT_EQ(rejected["decisions"].size(), 1U);
  EXPECT_EQ(rejected["decisions"][0]["approved"], false);
  EXPECT_EQ(rejected["decisions"][0]["comment"], "30% is too much");

  EXPECT_EQ(crm_approval_approve_json(engine.get(), id, 2, "sales-manager", nullptr, nullptr), CRM_CONFLICT);
  EXPECT_EQ(message(),
            "crm_approval_approve_json: approval " + std::to_string(id) + " ('discount') is already rejected");
}

TEST_F(CApiApprovalTest, ALockedFieldCannotChangeWhilePending) {
  const json a = request(discount_request());
  const json bigger = {{"minor", 8000000}, {"currency", "EUR"}};
  EXPECT_EQ(update_deal("amount", bigger), CRM_CONFLICT);
  EXPECT_EQ(message(), "crm_opportunity_update: opportunity " + std::to_string(deal_id) +
                           ": 'amount' is locked while approval " + std::to_string(a["id"].get<int64_t>()) +
                           " ('discount') is pending");
  EXPECT_EQ(update_deal("owner", "bob"), CRM_OK) << message();  // not locked

  approve(approve(a, "sales-manager"), "finance");
  EXPECT_EQ(update_deal("amount", bigger), CRM_OK) << message();  // decided: unlocked
}

TEST_F(CApiApprovalTest, OnePendingApprovalPerNameAndRecord) {
  request(discount_request());
  char* raw = reinterpret_cast<char*>(1);
  EXPECT_EQ(crm_approval_request_json(engine.get(), discount_request().c_str(), &raw), CRM_CONFLICT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_NE(message().find("is already pending"), std::string::npos) << message();
  EXPECT_EQ(list(nullptr)["items"].size(), 1U);
}

TEST_F(CApiApprovalTest, ABadRequestIsRefusedNamingTheKeyAndNothingIsStored) {
  char* raw = reinterpret_cast<char*>(1);
  EXPECT_EQ(crm_approval_request_json(engine.get(), discount_request(R"(, "approver": "x")").c_str(), &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(message(), "crm_approval_request_json: approval request: unknown key 'approver'");

  EXPECT_EQ(crm_approval_request_json(
                engine.get(), R"({"name": "discount", "entity": "opportunity", "record_id": 1, "approvers": [7]})",
                nullptr),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_approval_request_json: approval request.approvers[0]: expected a string, not a number");

  const std::string no_approvers =
      R"({"name": "discount", "entity": "opportunity", "record_id": )" + std::to_string(deal_id) + "}";
  EXPECT_EQ(crm_approval_request_json(engine.get(), no_approvers.c_str(), nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("approval.approvers"), std::string::npos) << message();

  const std::string unknown_field = R"({"name": "discount", "entity": "opportunity", "record_id": )" +
                                    std::to_string(deal_id) +
                                    R"(, "approvers": ["finance"], "locked_fields": ["tire"]})";
  EXPECT_EQ(crm_approval_request_json(engine.get(), unknown_field.c_str(), nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("approval.locked_fields[0]: 'tire' is not a field of opportunity"), std::string::npos)
      << message();
  EXPECT_EQ(crm_approval_request_json(engine.get(), "not json", nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("approval request: not valid JSON"), std::string::npos) << message();
  EXPECT_EQ(crm_approval_request_json(engine.get(), nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_approval_request_json: request_json is NULL");

  EXPECT_EQ(list(nullptr)["items"].size(), 0U);
  EXPECT_EQ(update_deal("amount", json{{"minor", 1}, {"currency", "EUR"}}), CRM_OK) << message();  // nothing locks it
}

TEST_F(CApiApprovalTest, ARequestForAnUnknownRecordIsNotFound) {
  const std::string text =
      R"({"name": "discount", "entity": "opportunity", "record_id": 999, "approvers": ["sales-manager"]})";
  EXPECT_EQ(crm_approval_request_json(engine.get(), text.c_str(), nullptr), CRM_NOT_FOUND);
  EXPECT_NE(message().find("opportunity 999 not found"), std::string::npos) << message();
  char* raw = reinterpret_cast<char*>(1);
  EXPECT_EQ(crm_approval_get_json(engine.get(), 999, &raw), CRM_NOT_FOUND);
  EXPECT_EQ(raw, nullptr);
}

TEST_F(CApiApprovalTest, ApprovalsAreListedByApproverByRecordAndByStatus) {
  const auto other = add_deal(R"({"name": "20 tills", "stage": "proposal"})");
  const auto other_id = crm_opportunity_id(other.get());
  const json first = request(discount_request());
  const json second = request(R"({"name": "terms", "entity": "opportunity", "record_id": )" +
                              std::to_string(other_id) + R"(, "approvers": ["finance"]})");
  const json third = request(R"({"name": "terms", "entity": "opportunity", "record_id": )" + std::to_string(deal_id) +
                             R"(, "approvers": ["finance"]})");
  approve(third, "finance");

  EXPECT_EQ(ids(list(R"({"waiting_for": "finance"})")), json::array({second["id"]}));  // whose turn it is
  EXPECT_EQ(ids(list(R"({"waiting_for": "sales-manager"})")), json::array({first["id"]}));
  const std::string record = R"({"entity": "opportunity", "record_id": )" + std::to_string(deal_id) + "}";
  EXPECT_EQ(ids(list(record.c_str())), json({first["id"], third["id"]}));  // pending first
  EXPECT_EQ(ids(list(R"({"status": "approved"})")), json::array({third["id"]}));
  EXPECT_EQ(ids(list(R"({"status": "pending"})")), json({first["id"], second["id"]}));
  EXPECT_EQ(ids(list(nullptr)), json({first["id"], second["id"], third["id"]}));

  const json page = list(nullptr, nullptr, 2);
  EXPECT_EQ(ids(page), json({first["id"], second["id"]}));
  const std::string cursor = page["next_cursor"];
  ASSERT_FALSE(cursor.empty());
  const json rest = list(nullptr, cursor.c_str(), 2);
  EXPECT_EQ(ids(rest), json::array({third["id"]}));
  EXPECT_EQ(rest["next_cursor"], "");
}

TEST_F(CApiApprovalTest, ABadQueryIsRefusedNamingTheKey) {
  char* raw = reinterpret_cast<char*>(1);
  EXPECT_EQ(crm_approval_list_json(engine.get(), R"({"approver": "finance"})", nullptr, 0, &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(message(), "crm_approval_list_json: approval query: unknown key 'approver'");
  EXPECT_EQ(crm_approval_list_json(engine.get(), R"({"status": "done"})", nullptr, 0, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("approval query.status"), std::string::npos) << message();
  EXPECT_EQ(crm_approval_list_json(engine.get(), R"({"entity": "opportunity"})", nullptr, 0, &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("entity and record_id"), std::string::npos) << message();
  EXPECT_EQ(crm_approval_list_json(engine.get(), R"({"waiting_for": "finance", "status": "pending"})", nullptr, 0,
                                   &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_approval_list_json(engine.get(), nullptr, nullptr, 1001, &raw), CRM_INVALID_ARGUMENT);  // limit
}

TEST_F(CApiApprovalTest, NullArgumentsAreRefused) {
  const json a = request(discount_request());
  const auto id = a["id"].get<int64_t>();
  char* raw = nullptr;
  EXPECT_EQ(crm_approval_approve_json(engine.get(), id, 1, nullptr, nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_approval_approve_json: approver is NULL");
  EXPECT_EQ(crm_approval_reject_json(engine.get(), id, 1, nullptr, "no", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_approval_get_json(engine.get(), id, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_approval_list_json(engine.get(), nullptr, nullptr, 0, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_approval_get_json(nullptr, id, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(get(id), a);
}

TEST_F(CApiApprovalTest, ApprovalCallsOnAClosedEngineFail) {
  ASSERT_EQ(crm_engine_close(engine.get()), CRM_OK);
  char* raw = nullptr;
  EXPECT_EQ(crm_approval_request_json(engine.get(), discount_request().c_str(), &raw), CRM_CLOSED);
  EXPECT_EQ(crm_approval_approve_json(engine.get(), 1, 1, "finance", nullptr, &raw), CRM_CLOSED);
  EXPECT_EQ(crm_approval_list_json(engine.get(), nullptr, nullptr, 0, &raw), CRM_CLOSED);
  EXPECT_EQ(raw, nullptr);
}

}  // namespace
}  // namespace crm_c_test
