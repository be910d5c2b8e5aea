// SPDX-License-Identifier: Apache-2.0
// The workflow's entries as JSON (crm/json.hpp): the spellings the C API,
// the Python package and the command line hand on.
#include "crm/json.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/errors.hpp"

namespace crm {
namespace {

using nlohmann::json;
using test::error_of;

TEST(WorkflowJsonTest, ARuleCarriesItsDefinitionAsAnObject) {
  const WorkflowRule rule{.id = 3,
                          .version = 2,
                          .name = "chase",
                          .definition = R"({"name":"chase","order":0})",
                          .saved_at = from_millis(1700000000000)};
  EXPECT_EQ(json::parse(to_json(rule)), json::parse(R"({"id": 3, "version": 2, "name": "chase",
      "definition": {"name": "chase", "order": 0}, "saved_at": 1700000000000})"));
}

TEST(WorkflowJsonTest, AFiringIsSpeltWithItsOutcomeByName) {
  const RuleFiring firing{.id = 9,
                          .version = 1,
                          .rule = "chase",
                          .entity = "opportunity",
                          .record_id = 4,
                          .at = from_millis(5),
                          .outcome = FiringOutcome::skipped,
                          .detail = "conditions no longer hold",
                          .depth = 1};
  EXPECT_EQ(json::parse(to_json(firing)), json::parse(R"({"id": 9, "rule": "chase", "entity": "opportunity",
      "record_id": 4, "at": 5, "outcome": "skipped", "detail": "conditions no longer hold", "depth": 1})"));
}

TEST(WorkflowJsonTest, ATimedActionHasItsTimes) {
  const TimedAction action{.id = 2,
                           .version = 4,
                           .rule = "r",
                           .entity = "task",
                           .record_id = 8,
                           .due_at = from_millis(20),
                           .queued_at = from_millis(10)};
  EXPECT_EQ(json::parse(to_json(action)), json::parse(R"({"id": 2, "rule": "r", "entity": "task", "record_id": 8,
      "due_at": 20, "queued_at": 10})"));
}

TEST(WorkflowJsonTest, ANotificationCarriesItsPayloadAsAnObject) {
  const Notification note{.id = 5,
                          .version = 1,
                          .key = "r/customer/1/v1/0",
                          .topic = "vip",
                          .to = "ann",
                          .rule = "r",
                          .entity = "customer",
                          .record_id = 1,
                          .payload = R"({"display_name":"Ada"})",
                          .created_at = from_millis(7)};
  EXPECT_EQ(json::parse(to_json(note)), json::parse(R"({"id": 5, "key": "r/customer/1/v1/0", "topic": "vip",
      "to": "ann", "rule": "r", "entity": "customer", "record_id": 1, "payload": {"display_name": "Ada"},
      "created_at": 7})"));
}

TEST(WorkflowJsonTest, AStoredPayloadThatIsNotJsonIsCorrupt) {
  const Notification note{.id = 5, .payload = "{nope"};
  const auto failure = error_of([&] { (void)to_json(note); });
  EXPECT_EQ(failure.code, Errc::corrupt);
  EXPECT_EQ(failure.message, "notification 5: the stored JSON is not valid");
}

TEST(WorkflowJsonTest, ARunDueReportAndAPageAreObjects) {
  EXPECT_EQ(json::parse(to_json(RunDueReport{.ran = 2, .skipped = 1, .failed = 0, .more = true})),
            json::parse(R"({"ran": 2, "skipped": 1, "failed": 0, "more": true})"));
  const Page<TimedAction> page{.items = {TimedAction{.id = 1, .rule = "r"}}, .next_cursor = "abc"};
  const json document = json::parse(to_json(page));
  EXPECT_EQ(document["items"].size(), 1U);
  EXPECT_EQ(document["items"][0]["rule"], "r");
  EXPECT_EQ(document["next_cursor"], "abc");
}

}  // namespace
}  // namespace crm
