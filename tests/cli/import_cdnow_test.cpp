// SPDX-License-Identifier: Apache-2.0
// crm import cdnow: the fixtures in tests/cli/data/cdnow (the master layout
// with a header and a row per skip reason, the sample layout, a bad header)
// and the real CDNOW_sample.txt.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "crm/analytics/analytics.hpp"
#include "purchase_log_test.hpp"
#include "support/units.hpp"

namespace crm::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path cdnow_fixtures = fs::path(CRM_CLI_TEST_DATA) / "cdnow";
const fs::path real_sample = fs::path(CRM_SHARED_DATA) / "cdnow" / "CDNOW_sample.txt";

json usd(std::int64_t cents) { return json{{"minor", cents}, {"currency", "USD"}}; }

class ImportCdnowCliTest : public PurchaseLogCliTest {
 protected:
  ImportCdnowCliTest() : PurchaseLogCliTest("cdnow") {}
};

TEST_F(ImportCdnowCliTest, MasterLayoutSummaryCountsEveryRowAndEverySkipReason) {
  const auto s = import(cdnow_fixtures / "master.txt");
  EXPECT_EQ(s["format"], "CDNOW master");
  EXPECT_EQ(s["rows_read"], 11);  // the header and the blank last line are not rows
  EXPECT_EQ(s["rows_imported"], 5);
  EXPECT_EQ(s["rows_skipped"], 6);
  EXPECT_EQ(s["purchases_imported"], 5);
  EXPECT_EQ(s["customers_created"], 3);
  EXPECT_EQ(s["amount"], usd(1177 + 1200 + 7700 + 2076 + 0));
  EXPECT_EQ(s["skipped"],
            (json{{{"reason", "bad_date"}, {"text", "date not a day as YYYYMMDD"}, {"rows", 1}, {"lines", {7}}},
                  {{"reason", "bad_customer"}, {"text", "customer id not a number"}, {"rows", 1}, {"lines", {8}}},
                  {{"reason", "bad_cds"},
                   {"text", "number of CDs not a whole number of 0 or more"},
                   {"rows", 1},
                   {"lines", {9}}},
                  {{"reason", "bad_dollars"},
                   {"text", "dollar value not an amount of 0.00 or more with at most 2 decimals"},
                   {"rows", 2},
                   {"lines", {10, 11}}},
                  {{"reason", "columns"}, {"text", "not 4 columns"}, {"rows", 1}, {"lines", {12}}}}));
  EXPECT_EQ(s["notes"], json::array());
}

TEST_F(ImportCdnowCliTest, StoresOneCustomerPerIdAndOnePurchasePerLine) {
  import(cdnow_fixtures / "master.txt");
  EXPECT_EQ(counts()["customers"], 3);
  EXPECT_EQ(counts()["interactions"], 5);

  const auto c = customer("cdnow:00002");
  EXPECT_EQ(c["display_name"], "CDNOW customer 00002");
  EXPECT_EQ(c["attributes"], json::object());
  const auto bought = history(c);
  ASSERT_EQ(bought.size(), 2U) << bought;
  std::multiset<std::int64_t> amounts;
  for (const auto& p : bought) {
    EXPECT_EQ(p["kind"], "purchase");
    EXPECT_EQ(p["channel"], "web");
    EXPECT_EQ(p["occurred_at"], ms(1997, 1, 12));
    EXPECT_EQ(p["items"], json::array());
    amounts.insert(p["amount"]["minor"].get<std::int64_t>());
  }
  EXPECT_EQ(amounts, (std::multiset<std::int64_t>{1200, 7700}));
  const auto five = bought[0]["amount"]["minor"] == 7700 ? bought[0] : bought[1];
  EXPECT_EQ(five["attributes"], (json{{"cds", 5}}));
  EXPECT_EQ(five["subject"], "5 CDs");
  EXPECT_EQ(five["amount"], usd(7700));
}

TEST_F(ImportCdnowCliTest, AZeroDollarLineIsAPurchaseOfZero) {
  import(cdnow_fixtures / "master.txt");
  const auto bought = history(customer("cdnow:00003"));
  ASSERT_EQ(bought.size(), 2U) << bought;
  EXPECT_EQ(bought[0]["occurred_at"], ms(1997, 3, 30));  // newest first
  EXPECT_EQ(bought[0]["amount"], usd(0));
  EXPECT_EQ(bought[0]["attributes"], (json{{"cds", 1}}));
  EXPECT_EQ(bought[1]["amount"], usd(2076));
}

TEST_F(ImportCdnowCliTest, ACustomerWhoseEveryRowIsSkippedIsNotCreated) {
  import(cdnow_fixtures / "master.txt");
  for (const char* id : {"cdnow:00004", "cdnow:00005", "cdnow:00006"}) {
    const auto result = crm({"customer", "find", "--external-id", id});
    EXPECT_EQ(result.exit_code, 1) << id;
    EXPECT_EQ(result.err, std::string("crm: error: no customer with external id '") + id + "'\n");
  }
}

TEST_F(ImportCdnowCliTest, SampleLayoutKeysCustomersByTheMasterIdAndKeepsTheSampleId) {
  const auto s = import(cdnow_fixtures / "sample.txt");
  EXPECT_EQ(s["format"], "CDNOW sample");
  EXPECT_EQ(s["rows_read"], 5);
  EXPECT_EQ(s["purchases_imported"], 3);
  EXPECT_EQ(s["customers_created"], 2);
  EXPECT_EQ(s["amount"], usd(2933 + 2973 + 2977));
  EXPECT_EQ(s["skipped"], (json{{{"reason", "sample_id_conflict"},
                                 {"text", "sample id differs from the customer's first row"},
                                 {"rows", 1},
                                 {"lines", {4}}},
                                {{"reason", "bad_sample_id"}, {"text", "sample id not a number"}, {"rows", 1},
                                 {"lines", {5}}}}));
  const auto c = customer("cdnow:00004");
  EXPECT_EQ(c["display_name"], "CDNOW customer 00004");
  EXPECT_EQ(c["attributes"], (json{{"sample_id", "0001"}}));
  const auto bought = history(c);
  ASSERT_EQ(bought.size(), 2U);
  EXPECT_EQ(bought[0]["occurred_at"], ms(1997, 1, 18));
  EXPECT_EQ(bought[0]["amount"], usd(2973));
  EXPECT_EQ(bought[0]["attributes"], (json{{"cds", 2}}));
}

TEST_F(ImportCdnowCliTest, SummaryTableAndProgressBars) {
  const auto file = (cdnow_fixtures / "master.txt").string();
  const auto result = crm({"import", "cdnow", file});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "imported   " + file + " (CDNOW master) in ")) << result.out;
  EXPECT_TRUE(contains(result.out, "rows       11 read: 5 imported, 6 skipped\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "purchases  5 imported, 121.53 USD in all\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "customers  3 created\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "skipped    2 rows: dollar value not an amount of 0.00 or more with at most 2 "
                                   "decimals (first at lines 10, 11)\n"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "skipped    1 row: not 4 columns (first at line 12)\n")) << result.out;
  EXPECT_EQ(result.err,
            "importing customers    [##############################] 3/3\n"
            "importing purchases    [##############################] 5/5\n");
}

TEST_F(ImportCdnowCliTest, ImportingTwiceIsRefusedAndChangesNothing) {
  import(cdnow_fixtures / "master.txt");
  const auto file = (cdnow_fixtures / "master.txt").string();
  const auto before = counts();
  expect_refused({"import", "cdnow", file},
                 "crm: error: " + file +
                     ": CDNOW master is in the database already: a customer with external id 'cdnow:00001' exists "
                     "(nothing imported)\n");
  EXPECT_EQ(counts(), before);
  EXPECT_EQ(history(customer("cdnow:00002")).size(), 2U);
}

TEST_F(ImportCdnowCliTest, TheSampleAfterTheMasterIsRefusedToo) {
  import(cdnow_fixtures / "master.txt");
  std::ofstream(dir_ / "sample.txt") << " 00009 0001 19970101  2   29.33\n 00001 0002 19970101  1   1.00\n";
  const auto file = (dir_ / "sample.txt").string();
  expect_refused({"import", "cdnow", file},
                 "crm: error: " + file +
                     ": CDNOW sample is in the database already: a customer with external id 'cdnow:00001' exists "
                     "(nothing imported)\n");
  EXPECT_EQ(counts()["customers"], 3);  // not even customer 00009, who is new
}

TEST_F(ImportCdnowCliTest, AMissingFileIsRefused) {
  const auto file = (dir_ / "CDNOW_master.txt").string();
  expect_refused({"import", "cdnow", file}, "crm: error: " + file + ": no such file\n");
}

TEST_F(ImportCdnowCliTest, AWrongHeaderIsRefused) {
  const auto file = (cdnow_fixtures / "bad_header.txt").string();
  expect_refused({"import", "cdnow", file},
                 "crm: error: " + file +
                     ":1: not a CDNOW file: the first line 'customer date cds dollars' is neither the header "
                     "'customer_id date number_of_cds dollar_value' (CDNOW_master.txt) nor a row of customer id, "
                     "date, CDs and dollars\n");
}

// The first line is shown in the message: its control bytes are escaped
// (an outside test saw ESC and BEL from the file reach the terminal), and a
// long line is cut.
TEST_F(ImportCdnowCliTest, AWrongFirstLineIsShownEscapedAndCut) {
  std::ofstream(dir_ / "escape.txt") << "x\x1b]0;owned\x07\x1b[2J" << std::string(1000, 'y') << "\n";
  const auto file = (dir_ / "escape.txt").string();
  expect_refused({"import", "cdnow", file},
                 "crm: error: " + file + ":1: not a CDNOW file: the first line 'x\\x1b]0;owned\\x07\\x1b[2J" +
                     std::string(49, 'y') +  // 15 bytes of the line, then y up to 64
                     "…' is neither the header 'customer_id date number_of_cds dollar_value' (CDNOW_master.txt) "
                     "nor a row of customer id, date, CDs and dollars\n");
}

TEST_F(ImportCdnowCliTest, AFirstRowOfAnotherWidthIsRefused) {
  std::ofstream(dir_ / "three.txt") << "\n 00001 19970101 11.77\n";
  const auto file = (dir_ / "three.txt").string();
  expect_refused({"import", "cdnow", file},
                 "crm: error: " + file +
                     ":2: not a CDNOW file: the first line has 3 columns; CDNOW_master.txt has 4 (customer id, "
                     "date, CDs, dollars), CDNOW_sample.txt 5 (master id, sample id, date, CDs, dollars)\n");
}

// What the real sample holds, read without any of the import's code.
struct SampleRows {
  std::size_t rows = 0;
  std::map<std::string, std::size_t> purchases;  // by master id
  std::int64_t cents = 0;
  std::map<std::string, std::int64_t> cents_by_customer;
  std::map<std::string, std::map<std::string, std::int64_t>> cents_by_day;  // by master id, then YYYYMMDD
};

SampleRows cdnow_rows(const fs::path& file) {
  SampleRows out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string master, sample, date, cds, dollars;
    if (!(fields >> master >> sample >> date >> cds >> dollars)) continue;
    ++out.rows;
    ++out.purchases[master];
    out.cents += cents(dollars);
    out.cents_by_customer[master] += cents(dollars);
    out.cents_by_day[master][date] += cents(dollars);
  }
  return out;
}

TEST_F(ImportCdnowCliTest, TheRealSampleImportsEveryLine) {
  if (!fs::exists(real_sample)) GTEST_SKIP() << "no data set at " << real_sample;
  const auto expected = cdnow_rows(real_sample);
  ASSERT_EQ(expected.rows, 6919U);
  ASSERT_EQ(expected.purchases.size(), 2357U);

  const auto s = import(real_sample);
  std::cout << "[ info     ] imported " << real_sample.filename() << " in " << s["seconds"] << " s\n";
  EXPECT_EQ(s["format"], "CDNOW sample");
  EXPECT_EQ(s["rows_read"], expected.rows);
  EXPECT_EQ(s["rows_imported"], expected.rows);
  EXPECT_EQ(s["skipped"], json::array());
  EXPECT_EQ(s["purchases_imported"], expected.rows);
  EXPECT_EQ(s["customers_created"], expected.purchases.size());
  EXPECT_EQ(s["amount"], usd(expected.cents));
  EXPECT_EQ(counts()["customers"], expected.purchases.size());
  EXPECT_EQ(counts()["interactions"], expected.rows);

  // Customers' histories, as stored: the first, the last, and the busiest.
  auto busiest = expected.purchases.begin();
  for (auto it = expected.purchases.begin(); it != expected.purchases.end(); ++it)
    if (it->second > busiest->second) busiest = it;
  for (const auto& id : {expected.purchases.begin()->first, expected.purchases.rbegin()->first, busiest->first}) {
    const auto bought = history(customer("cdnow:" + id));
    EXPECT_EQ(bought.size(), expected.purchases.at(id)) << id;
    std::int64_t sum = 0;
    for (const auto& p : bought) sum += p["amount"]["minor"].get<std::int64_t>();
    EXPECT_EQ(sum, expected.cents_by_customer.at(id)) << id;
  }

  // crm report clv fits the models to what the library fits on statistics
  // built here from the rows (as of the last purchase, in weeks).
  analytics::Population population{Currency::of("USD"), {}};
  for (const auto& [id, days] : expected.cents_by_day) {
    const auto day = [](const std::string& yyyymmdd) {
      return from_millis(ms(std::stoi(yyyymmdd.substr(0, 4)), static_cast<unsigned>(std::stoi(yyyymmdd.substr(4, 2))),
                            static_cast<unsigned>(std::stoi(yyyymmdd.substr(6, 2)))));
    };
    population.customers.push_back({.customer_id = static_cast<Id>(population.customers.size() + 1),
                                    .currency = population.currency,
                                    .purchases = static_cast<std::int64_t>(expected.purchases.at(id)),
                                    .purchase_days = static_cast<std::int64_t>(days.size()),
                                    .total_minor = expected.cents_by_customer.at(id),
                                    .first_day_minor = days.begin()->second,
                                    .first_at = day(days.begin()->first),
                                    .last_at = day(days.rbegin()->first)});
  }
  const auto fitted = analytics::clv_report(population, {});
  const auto clv = json::parse(crm_ok({"--json", "report", "clv"}));
  EXPECT_EQ(clv["customers"], 2357);
  EXPECT_EQ(clv["repeat_customers"], fitted.repeat_customers);
  const auto near = [](const json& reported, double value) { EXPECT_NEAR(reported.get<double>(), value, 1e-6 * value); };
  near(clv["bg_nbd"]["r"], fitted.purchases.params.r);
  near(clv["bg_nbd"]["alpha"], fitted.purchases.params.alpha);
  near(clv["bg_nbd"]["a"], fitted.purchases.params.a);
  near(clv["bg_nbd"]["b"], fitted.purchases.params.b);
  near(clv["gamma_gamma"]["p"], fitted.spend.params.p);
  near(clv["gamma_gamma"]["q"], fitted.spend.params.q);
  near(clv["gamma_gamma"]["gamma_minor"], fitted.spend.params.gamma);
  EXPECT_TRUE(clv["bg_nbd"]["converged"].get<bool>());
  EXPECT_TRUE(clv["gamma_gamma"]["converged"].get<bool>());
}

}  // namespace
}  // namespace crm::test
