// SPDX-License-Identifier: Apache-2.0
// Every JSON argument of the C API goes through one strict reader
// (src/json/read_json.hpp): nesting deeper than CRM_JSON_MAX_DEPTH (64)
// arrays and objects, and a key repeated in one object, are refused with
// CRM_INVALID_ARGUMENT before anything is read or written. JSON nested
// ~65,000 levels deep used to crash the host (a stack overflow in the
// recursive copy or dump of the document).
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"
#include "support/deep_json.hpp"

namespace crm_c_test {
namespace {

// Each deep value the tests put somewhere in an argument.
std::vector<std::string> deep_values() { return crm::test::too_deep(); }

bool says(const std::string& text) { return message().find(text) != std::string::npos; }

class CApiJsonInputTest : public CApiTest {
 protected:
  void SetUp() override {
    CApiTest::SetUp();
    lead_id = add_lead();
  }

  int64_t add_lead() {
    crm_lead* raw = nullptr;
    EXPECT_EQ(crm_lead_from_json(R"({"display_name": "Ada", "status": "qualified", "source": "web"})", &raw),
              CRM_OK);
    Lead lead(raw);
    EXPECT_EQ(crm_lead_create(engine.get(), raw), CRM_OK) << message();
    return crm_lead_id(raw);
  }

  // The stored lead, as JSON: unchanged by a refused call.
  std::string stored_lead() {
    crm_lead* raw = nullptr;
    EXPECT_EQ(crm_lead_get(engine.get(), lead_id, &raw), CRM_OK) << message();
    Lead lead(raw);
    char* text = nullptr;
    EXPECT_EQ(crm_lead_to_json(raw, &text), CRM_OK) << message();
    return String(text).get();
  }

  std::string listing(crm_status (*list)(crm_engine*, const char*, size_t, char**)) {
    char* raw = nullptr;
    EXPECT_EQ(list(engine.get(), nullptr, 100, &raw), CRM_OK) << message();
    return take(raw).dump();
  }

  // Everything a refused call could have written.
  std::string state() {
    char* approvals = nullptr;
    EXPECT_EQ(crm_approval_list_json(engine.get(), nullptr, nullptr, 100, &approvals), CRM_OK) << message();
    char* pipeline = nullptr;
    const auto found = crm_pipeline_get_json(engine.get(), "deep", &pipeline);
    String owned(pipeline);
    return stored_lead() + listing(crm_rule_list_json) + take(approvals).dump() + std::to_string(customer_count()) +
           std::to_string(found);
  }

  // Every entry point that reads a JSON argument, with `value` placed where
  // that argument nests (a record field, a query key, a rule list…).
  std::vector<std::pair<std::string, std::function<crm_status()>>> calls_with(const std::string& value) {
    std::vector<std::pair<std::string, std::function<crm_status()>>> calls;
    const auto report = [&](const char* name, std::string query) {
      calls.emplace_back(std::string("crm_report_json ") + name + " " + query.substr(0, 40), [this, name, query] {
        char* out = nullptr;
        const auto status = crm_report_json(engine.get(), name, query.c_str(), &out);
        String owned(out);
        return status;
      });
    };
    for (const char* name : {"funnel", "forecast", "sales_cycle", "snapshot", "overdue", "credit", "rfm", "value",
                             "clv", "basket", "segment"})
      report(name, value);
    report("segment", R"({"attributes": {"a": )" + value + "}}");
    report("rfm", R"({"segments": )" + value + "}");
    report("segment", R"({"rfm_segments": [{"name": "x", "r": )" + value + "}]}");
    report("funnel", R"({"pipeline": "p", "window": {"from": )" + value + R"(, "to": 1}})");
    report("forecast", R"({"pipeline": "p", "currency": "EUR", "window": )" + value + "}");

    calls.emplace_back("crm_customer_from_json", [value] {
      crm_customer* out = nullptr;
      const auto status = crm_customer_from_json((R"({"display_name": "A", "attributes": {"a": )" + value + "}}").c_str(), &out);
      crm_customer_free(out);
      return status;
    });
    calls.emplace_back("crm_customer_from_json (whole)", [value] {
      crm_customer* out = nullptr;
      const auto status = crm_customer_from_json(value.c_str(), &out);
      crm_customer_free(out);
      return status;
    });
    calls.emplace_back("crm_interaction_from_json", [value] {
      crm_interaction* out = nullptr;
      const auto status = crm_interaction_from_json((R"({"line_items": )" + value + "}").c_str(), &out);
      crm_interaction_free(out);
      return status;
    });
    calls.emplace_back("crm_lead_from_json", [value] {
      crm_lead* out = nullptr;
      const auto status = crm_lead_from_json((R"({"tags": )" + value + "}").c_str(), &out);
      crm_lead_free(out);
      return status;
    });
    calls.emplace_back("crm_opportunity_from_json", [value] {
      crm_opportunity* out = nullptr;
      const auto status = crm_opportunity_from_json((R"({"amount": )" + value + "}").c_str(), &out);
      crm_opportunity_free(out);
      return status;
    });
    calls.emplace_back("crm_task_from_json", [value] {
      crm_task* out = nullptr;
      const auto status = crm_task_from_json(value.c_str(), &out);
      crm_task_free(out);
      return status;
    });
    calls.emplace_back("crm_pipeline_save_json", [this, value] {
      char* out = nullptr;
      const auto status =
          crm_pipeline_save_json(engine.get(), (R"({"name": "deep", "stages": )" + value + "}").c_str(), &out);
      String owned(out);
      return status;
    });
    calls.emplace_back("crm_rule_save_json", [this, value] {
      char* out = nullptr;
      const auto text = R"({"name": "deep", "entity": "lead", "when": {"all": [)" + value + "]}}";
      const auto status = crm_rule_save_json(engine.get(), text.c_str(), &out);
      String owned(out);
      return status;
    });
    calls.emplace_back("crm_lead_assign_json", [this, value] {
      char* out = nullptr;
      const auto status = crm_lead_assign_json(engine.get(), lead_id, (R"({"rules": )" + value + "}").c_str(), &out);
      String owned(out);
      return status;
    });
    calls.emplace_back("crm_lead_score_json", [this, value] {
      char* out = nullptr;
      const auto status = crm_lead_score_json(engine.get(), lead_id, (R"({"rules": )" + value + "}").c_str(), &out);
      String owned(out);
      return status;
    });
    calls.emplace_back("crm_lead_convert_json", [this, value] {
      char* out = nullptr;
      const auto status = crm_lead_convert_json(engine.get(), lead_id, 1,
                                                (R"({"opportunity": {"name": "d", "tags": )" + value + "}}").c_str(), &out);
      String owned(out);
      return status;
    });
    calls.emplace_back("crm_lead_duplicates_json", [this, value] {
      char* out = nullptr;
      const auto status = crm_lead_duplicates_json(engine.get(), value.c_str(), &out);
      String owned(out);
      return status;
    });
    calls.emplace_back("crm_approval_request_json", [this, value] {
      char* out = nullptr;
      const auto text = R"({"name": "n", "entity": "lead", "record_id": )" + std::to_string(lead_id) +
                        R"(, "approvers": )" + value + "}";
      const auto status = crm_approval_request_json(engine.get(), text.c_str(), &out);
      String owned(out);
      return status;
    });
    calls.emplace_back("crm_approval_list_json", [this, value] {
      char* out = nullptr;
      const auto status = crm_approval_list_json(engine.get(), value.c_str(), nullptr, 10, &out);
      String owned(out);
      return status;
    });
    calls.emplace_back("crm_firing_list_json", [this, value] {
      char* out = nullptr;
      const auto status = crm_firing_list_json(engine.get(), value.c_str(), nullptr, 10, &out);
      String owned(out);
      return status;
    });
    return calls;
  }

  int64_t lead_id = 0;
};

TEST_F(CApiJsonInputTest, TheDepthLimitIsInTheHeader) { EXPECT_EQ(CRM_JSON_MAX_DEPTH, 64); }

TEST_F(CApiJsonInputTest, EveryJsonArgumentNestedTooDeeplyIsRefusedAndWritesNothing) {
  const std::string before = state();
  for (const auto& value : deep_values()) {
    for (const auto& [name, call] : calls_with(value)) {
      EXPECT_EQ(call(), CRM_INVALID_ARGUMENT) << name << " at " << value.size() << " bytes";
      EXPECT_TRUE(says("nested deeper than 64 levels")) << name << ": " << message();
    }
  }
  EXPECT_EQ(state(), before);
}

TEST_F(CApiJsonInputTest, EveryJsonArgumentWithARepeatedKeyIsRefusedAndWritesNothing) {
  const std::string before = state();
  // {"a": 1, "a": 2} where a value is read; the top-level duplicates below.
  for (const auto& [name, call] : calls_with(R"({"a": 1, "a": 2})")) {
    EXPECT_EQ(call(), CRM_INVALID_ARGUMENT) << name;
    EXPECT_TRUE(says("key 'a' appears twice in one object")) << name << ": " << message();
  }
  crm_customer* customer = nullptr;
  EXPECT_EQ(crm_customer_from_json(R"({"display_name": "Ada", "display_name": "Eve"})", &customer),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_customer_from_json: customer JSON: key 'display_name' appears twice in one object");
  crm_customer_free(customer);
  char* out = nullptr;
  EXPECT_EQ(crm_report_json(engine.get(), "rfm", R"({"scores": 3, "scores": 4})", &out), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_report_json: rfm query: key 'scores' appears twice in one object");
  EXPECT_EQ(crm_lead_assign_json(engine.get(), lead_id, R"({"rules": [{"name": "r", "owner": "ann", "owner": "bob"}]})",
                                 &out),
            CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_lead_assign_json: assignment rules: rules[0]: key 'owner' appears twice in one object");
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(state(), before);
}

}  // namespace
}  // namespace crm_c_test
