// SPDX-License-Identifier: Apache-2.0
// Times through the `crm` tool lie in the supported range of a Timestamp,
// 0001-01-01T00:00:00.000Z .. 9999-12-31T23:59:59.999Z: a date or time
// option, a duration added to now (--due-in), a date in an imported file and
// a time in a rule are refused outside it, naming the option or field, and
// the database is left as it was.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string range = "outside the supported range 0001-01-01T00:00:00.000Z..9999-12-31T23:59:59.999Z";

class TimeRangeCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }

  // Fails with exit code 1, prints nothing, says `part` on stderr and writes nothing.
  void expect_refused_saying(std::vector<std::string> args, const std::string& part) const {
    const auto before = snapshot();
    const auto result = crm(std::move(args));
    EXPECT_EQ(result.exit_code, 1) << result.out;
    EXPECT_EQ(result.out, "");
    EXPECT_TRUE(contains(result.err, part)) << result.err;
    EXPECT_EQ(snapshot(), before) << "a refused command must write nothing";
  }

  std::string write_file(const std::string& name, const std::string& text) const {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  json tasks() const { return json::parse(crm_ok({"--json", "task", "list", "--limit", "1000"}))["items"]; }
  json counts() const { return json::parse(crm_ok({"--json", "init"}))["counts"]; }

  // The JSON summary of an import (its progress goes to stderr).
  json import(const std::string& format, const std::string& file) const {
    const auto result = crm({"--json", "import", format, file});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.exit_code == 0 ? json::parse(result.out) : json();
  }
};

TEST_F(TimeRangeCliTest, ADueInBeyondTheRangeIsRefusedNotStoredInTheYearMinus2378) {
  expect_refused_saying({"task", "add", "--subject", "x", "--due-in", "99999999999d"},
                        "crm: error: --due-in 99999999999d: ");
  expect_refused_saying({"task", "add", "--subject", "x", "--due-in", "99999999999d"},
                        " + 8639999999913600000 ms is " + range + "\n");
  expect_refused_saying({"task", "add", "--subject", "x", "--due-in", "-99999999999d"}, range);
  EXPECT_EQ(tasks(), json::array());
}

TEST_F(TimeRangeCliTest, ADayOutsideTheRangeIsRefusedWhereverADateIsTyped) {
  expect_refused({"task", "add", "--subject", "x", "--due", "0000-12-31"},
                 "crm: error: time '0000-12-31': " + range + "\n");
  expect_refused({"task", "add", "--subject", "x", "--remind", "0000-12-31T09:30"},
                 "crm: error: time '0000-12-31T09:30': " + range + "\n");
  expect_refused({"run-due", "--at", "0000-01-01"}, "crm: error: time '0000-01-01': " + range + "\n");
  expect_refused({"pipeline", "alerts", "--now", "0000-01-01"}, "crm: error: date '0000-01-01': " + range + "\n");
  EXPECT_EQ(tasks(), json::array());
}

TEST_F(TimeRangeCliTest, AnAsOfOutsideTheRangeIsRefusedAndAPurchaseThereIsNeverLogged) {
  const auto ada = id_of(crm_ok({"--json", "customer", "add", "--name", "Ada"}));
  const json purchase{{"customer_id", ada}, {"kind", "purchase"}, {"amount", {{"minor", 1799}, {"currency", "EUR"}}}};
  crm_ok({"log", "--from-json", purchase.dump()});
  json in_81000 = purchase;
  in_81000["occurred_at"] = 2'493'945'936'000'000;  // 81000-01-01
  expect_refused({"log", "--from-json", in_81000.dump()},
                 "crm: error: interaction JSON: field 'occurred_at': 2493945936000000 ms since the epoch is " + range +
                     "\n");
  expect_refused({"report", "rfm", "--as-of", "0000-01-01"}, "crm: error: time '0000-01-01': " + range + "\n");
}

TEST_F(TimeRangeCliTest, AWindowEndingAfterTheLastSupportedDayIsRefusedButTheDefaultEndStillWorks) {
  expect_refused({"pipeline", "forecast", "--from", "2026-01-01", "--to", "9999-12-31"},
                 "crm: error: --to 9999-12-31: 9999-12-31T00:00:00.000Z + 86400000 ms is " + range + "\n");
  EXPECT_EQ(crm({"pipeline", "forecast", "--from", "2026-01-01"}).exit_code, 0);
}

TEST_F(TimeRangeCliTest, AJsonRecordTimeOutsideTheRangeIsRefused) {
  expect_refused({"task", "add", "--from-json", R"({"subject": "x", "due_at": 9223372036854775807})"},
                 "crm: error: task JSON: field 'due_at': 9223372036854775807 ms since the epoch is " + range + "\n");
}

TEST_F(TimeRangeCliTest, ARuleSettingATimeOutsideTheRangeIsRefused) {
  const auto path = write_file("rule.json", R"({"name": "someday", "trigger": {"on": "created", "entity": "task"},
    "actions": [{"action": "set", "field": "due_at", "value": 9223372036854775807}]})");
  expect_refused_saying({"rule", "add", path}, "9223372036854775807 ms since the epoch is " + range);
}

TEST_F(TimeRangeCliTest, ACdnowRowDatedInTheYear0IsSkippedAsABadDate) {
  const auto file = write_file("cdnow.txt", " 00001 19970101  1   11.77\n 00002 00000101  1   12.00\n");
  const auto summary = import("cdnow", file);
  EXPECT_EQ(summary["rows_imported"], 1);
  ASSERT_EQ(summary["skipped"].size(), 1U) << summary;
  EXPECT_EQ(summary["skipped"][0]["reason"], "bad_date");
  EXPECT_EQ(summary["skipped"][0]["lines"], json({2}));
  EXPECT_EQ(counts()["interactions"], 1);
}

TEST_F(TimeRangeCliTest, AnOnlineRetailRowDatedInTheYear0IsSkippedAsABadDate) {
  const auto file = write_file("retail.csv",
                               "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                               "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                               "536366,71053,LANTERN,6,0000-12-01 08:28:00,3.39,17851.0,United Kingdom\n");
  const auto summary = import("online-retail", file);
  ASSERT_EQ(summary["skipped"].size(), 1U) << summary;
  EXPECT_EQ(summary["skipped"][0]["reason"], "bad_date");
  EXPECT_EQ(summary["skipped"][0]["lines"], json({3}));
  EXPECT_EQ(counts()["interactions"], 1);
}

TEST_F(TimeRangeCliTest, ASalesDealEngagedInTheYear0IsRefusedNamingFileLineAndField) {
  const auto copy = dir_ / "sales";
  fs::copy(fs::path(CRM_CLI_TEST_DATA) / "sales", copy, fs::copy_options::recursive);
  const auto pipeline = (copy / "sales_pipeline.csv").string();
  std::ofstream(pipeline, std::ios::app) << "N1,Moses Frase,MG Special,Betatech,Engaging,0000-07-01,,\n";
  std::ifstream in(pipeline);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  expect_refused({"import", "sales", copy.string()}, "crm: error: " + pipeline + ":" + std::to_string(lines) +
                                                         ": engage_date: date '0000-07-01': " + range + "\n");
}

}  // namespace
}  // namespace crm::test
