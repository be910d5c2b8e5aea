// SPDX-License-Identifier: Apache-2.0
// Every JSON document the engine reads from outside (records, rules,
// assignment rules, RFM segment tables) goes through one reader, which
// refuses, before any recursive walk: nesting deeper than
// limits::json_depth, a key repeated in one object, and malformed JSON.
// JSON nested ~65,000 levels deep used to crash the host (stack overflow).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crm/analytics/rfm.hpp"
#include "crm/json.hpp"
#include "crm/limits.hpp"
#include "support/deep_json.hpp"
#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {


void expect_refused(const Failure& failure, const std::string& message, std::size_t bytes) {
  EXPECT_EQ(failure.code, Errc::invalid_argument) << bytes << " bytes";
  EXPECT_EQ(failure.message, message) << bytes << " bytes";
}

TEST(JsonInputTest, TheDepthLimitIsSixtyFour) { EXPECT_EQ(limits::json_depth, 64U); }

TEST(JsonInputTest, RecordsNestedTooDeeplyAreRefused) {
  for (const auto& deep : too_deep()) {
    expect_refused(error_of([&] { (void)from_json<Customer>(deep); }), "customer JSON: nested deeper than 64 levels",
                   deep.size());
    expect_refused(error_of([&] { (void)from_json<Customer>(R"({"attributes": {"a": )" + deep + "}}"); }),
                   "customer JSON: nested deeper than 64 levels", deep.size());
    expect_refused(error_of([&] { (void)from_json<Interaction>(R"({"line_items": [)" + deep + "]}"); }),
                   "interaction JSON: nested deeper than 64 levels", deep.size());
  }
}

TEST(JsonInputTest, AssignmentRulesNestedTooDeeplyAreRefused) {
  for (const auto& deep : too_deep())
    expect_refused(error_of([&] { (void)assignment_rules_from_json(R"({"rules": )" + deep + "}"); }),
                   "assignment rules: nested deeper than 64 levels", deep.size());
}

TEST(JsonInputTest, RfmSegmentTablesNestedTooDeeplyAreRefused) {
  for (const auto& deep : too_deep())
    expect_refused(error_of([&] { (void)analytics::rfm_segments_from_json("[" + deep + "]", 5); }),
                   "rfm segments: nested deeper than 64 levels", deep.size());
}

TEST(JsonInputTest, SixtyFourLevelsAreReadAndSixtyFiveAreNot) {
  // A 64-level document gets past the reader (and is refused for its shape).
  const auto at_limit = error_of([] { (void)from_json<Customer>(deep_arrays(64)); });
  EXPECT_EQ(at_limit.message, "customer JSON: expected an object");
  const auto over = error_of([] { (void)from_json<Customer>(deep_arrays(65)); });
  EXPECT_EQ(over.message, "customer JSON: nested deeper than 64 levels");
}

TEST(JsonInputTest, RepeatedKeysAreRefusedNamingTheKeyAndWhere) {
  expect_refused(error_of([] { (void)from_json<Customer>(R"({"display_name": "Ada", "display_name": "Eve"})"); }),
                 "customer JSON: key 'display_name' appears twice in one object", 0);
  expect_refused(error_of([] {
                   (void)from_json<Customer>(R"({"addresses": [{"city": "York"}, {"city": "Leeds", "city": "Hull"}]})");
                 }),
                 "customer JSON: addresses[1]: key 'city' appears twice in one object", 0);
  expect_refused(error_of([] { (void)from_json<Customer>(R"({"attributes": {"vip": true, "vip": false}})"); }),
                 "customer JSON: attributes: key 'vip' appears twice in one object", 0);
  expect_refused(error_of([] {
                   (void)assignment_rules_from_json(R"({"rules": [{"name": "a", "owner": "ann", "owner": "bob"}]})");
                 }),
                 "assignment rules: rules[0]: key 'owner' appears twice in one object", 0);
  expect_refused(
      error_of([] { (void)analytics::rfm_segments_from_json(R"([{"name": "a", "r": [1, 5], "r": [5, 5], "f": [1, 5]}])", 5); }),
      "rfm segments: [0]: key 'r' appears twice in one object", 0);
  // The key is quoted as values are: escaped and cut.
  const std::string long_key = std::string(100, 'k') + "\\u001b";  // JSON for ESC
  const auto failure =
      error_of([&] { (void)from_json<Customer>("{\"" + long_key + "\": 1, \"" + long_key + "\": 2}"); });
  EXPECT_EQ(failure.message, "customer JSON: key '" + std::string(64, 'k') + "…' appears twice in one object");
}

TEST(JsonInputTest, MalformedJsonIsRefusedWithAShortPrintableMessage) {
  // A 2 MB string holding an escape and a bad byte, never closed.
  const std::string text = "{\"display_name\": \"" + std::string(2'000'000, 'x') + "\x1b\xff";
  const auto failure = error_of([&] { (void)from_json<Customer>(text); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message.rfind("customer JSON: not valid JSON (or not valid UTF-8)", 0), 0U) << failure.message;
  EXPECT_LE(failure.message.size(), 400U);
  EXPECT_EQ(failure.message.find('\x1b'), std::string::npos);
  EXPECT_EQ(failure.message.find('\xff'), std::string::npos);
}

using JsonInputEngineTest = EngineTest;

TEST_P(JsonInputEngineTest, RulesNestedTooDeeplyAreRefusedAndNothingIsStored) {
  for (const auto& deep : too_deep()) {
    const auto failure = error_of([&] {
      engine->save_rule(R"({"name": "deep", "entity": "lead", "when": {"all": [)" + deep + "]}}");
    });
    expect_refused(failure, "rule: nested deeper than 64 levels", deep.size());
  }
  EXPECT_FALSE(engine->find_rule("deep").has_value());
}

TEST_P(JsonInputEngineTest, RulesWithARepeatedKeyAreRefusedAndNothingIsStored) {
  const auto failure = error_of([&] {
    engine->save_rule(R"({"name": "twice", "entity": "lead", "when": {"field": "status", "op": "equals",)"
                      R"( "value": "new", "value": "won"}, "actions": []})");
  });
  expect_refused(failure, "rule: when: key 'value' appears twice in one object", 0);
  EXPECT_FALSE(engine->find_rule("twice").has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, JsonInputEngineTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
