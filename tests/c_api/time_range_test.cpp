// SPDX-License-Identifier: Apache-2.0
// Times through the C API lie in the supported range of a Timestamp,
// CRM_TIME_MIN_MS (0001-01-01T00:00:00.000Z) .. CRM_TIME_MAX_MS
// (9999-12-31T23:59:59.999Z). Outside it a record's JSON, run_due's now_ms
// and a report's window or as_of are CRM_INVALID_ARGUMENT naming the key,
// and nothing is stored.
#include <gmock/gmock.h>

#include <cstdint>
#include <string>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;
using testing::HasSubstr;
using Task = Owned<crm_task, crm_task_free>;

constexpr int64_t largest = INT64_MAX;
constexpr int64_t year_81000 = 2'493'945'936'000'000;  // 81000-01-01
constexpr int64_t year_10000 = 253'402'300'800'000;    // one ms after 9999-12-31T23:59:59.999Z
constexpr int64_t year_0 = -62'135'596'800'001;        // one ms before 0001-01-01T00:00:00.000Z

using CApiTimeRangeTest = CApiTest;

TEST_F(CApiTimeRangeTest, TheRangeIsSpeltInTheHeader) {
  EXPECT_EQ(CRM_TIME_MIN_MS, -62'135'596'800'000LL);
  EXPECT_EQ(CRM_TIME_MAX_MS, 253'402'300'799'999LL);
}

TEST_F(CApiTimeRangeTest, ARecordTimeOutsideTheRangeIsRefusedNamingTheKey) {
  crm_task* task = nullptr;
  const std::string due = json{{"subject", "Call Ada"}, {"due_at", largest}}.dump();
  EXPECT_EQ(crm_task_from_json(due.c_str(), &task), CRM_INVALID_ARGUMENT);
  Task owned(task);
  EXPECT_THAT(message(), HasSubstr("field 'due_at': 9223372036854775807 ms since the epoch is outside the supported "
                                   "range 0001-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z"));

  crm_interaction* purchase = nullptr;
  const std::string bought =
      json{{"customer_id", 1}, {"kind", "purchase"}, {"amount", {{"minor", 100}, {"currency", "EUR"}}},
           {"occurred_at", year_81000}}
          .dump();
  EXPECT_EQ(crm_interaction_from_json(bought.c_str(), &purchase), CRM_INVALID_ARGUMENT);
  Interaction owned_purchase(purchase);
  EXPECT_THAT(message(), HasSubstr("field 'occurred_at': 2493945936000000 ms since the epoch is outside"));
}

TEST_F(CApiTimeRangeTest, RunDueRefusesANowOutsideTheRange) {
  char* out = nullptr;
  EXPECT_EQ(crm_run_due_json(engine.get(), largest, 0, &out), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(out, nullptr);
  EXPECT_THAT(message(), HasSubstr("now_ms: 9223372036854775807 ms since the epoch is outside the supported range"));
  EXPECT_EQ(crm_run_due_json(engine.get(), year_0, 0, &out), CRM_INVALID_ARGUMENT);
}

TEST_F(CApiTimeRangeTest, ReportTimesOutsideTheRangeAreRefusedNamingTheKey) {
  const auto ada = add_customer("Ada", nullptr);
  ASSERT_EQ(crm_purchase_log(engine.get(), crm_customer_id(ada.get()), 1799, "EUR", nullptr, nullptr, nullptr), CRM_OK) << message();
  const auto refused = [&](const char* report, const json& query, const std::string& key) {
    char* out = nullptr;
    EXPECT_EQ(crm_report_json(engine.get(), report, query.dump().c_str(), &out), CRM_INVALID_ARGUMENT) << key;
    String owned(out);
    EXPECT_THAT(message(), HasSubstr(key + ": ")) << key;
    EXPECT_THAT(message(), HasSubstr("outside the supported range")) << key;
  };
  refused("funnel", {{"window", {{"from", 0}, {"to", year_10000}}}, {"currency", "EUR"}}, "funnel query.window.to");
  refused("snapshot", {{"as_of", largest}, {"currency", "EUR"}}, "snapshot query.as_of");
  refused("overdue", {{"now", year_81000}}, "overdue query.now");
  refused("rfm", {{"as_of", year_81000}}, "rfm query.as_of");
  refused("basket", {{"from", year_0}}, "basket query.from");
  refused("segment", {{"last_purchase_to", year_10000}}, "segment query.last_purchase_to");
}

}  // namespace
}  // namespace crm_c_test
