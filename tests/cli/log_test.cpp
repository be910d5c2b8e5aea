// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

class LogCliTest : public CliTest {
 protected:
  void SetUp() override {
    crm_ok({"init"});
    customer_ = std::to_string(id_of(crm_ok({"--json", "customer", "add", "--name", "Ada Lovelace"})));
  }

  json log(std::vector<std::string> options) {
    options.insert(options.begin(), {"--json", "log", "--customer", customer_});
    return json::parse(crm_ok(options));
  }

  // `crm log --customer <id> options...` must be refused and write nothing.
  void expect_log_refused(std::vector<std::string> options, const std::string& error_line) {
    options.insert(options.begin(), {"log", "--customer", customer_});
    expect_refused(options, error_line);
  }

  std::string customer_;
};

TEST_F(LogCliTest, LogsAPurchaseWithAnAmountInMajorUnits) {
  const auto sale = log({"--kind", "purchase", "--channel", "pos", "--amount", "17.99", "--currency", "GBP"});
  EXPECT_EQ(sale["kind"], "purchase");
  EXPECT_EQ(sale["channel"], "pos");
  EXPECT_EQ(sale["amount"], (json{{"minor", 1799}, {"currency", "GBP"}}));
}

TEST_F(LogCliTest, PrintsTheAmountForPeople) {
  const auto out = crm_ok({"log", "--customer", customer_, "--channel", "pos", "--amount", "17.99", "--currency", "GBP"});
  EXPECT_NE(out.find("amount       17.99 GBP\n"), std::string::npos) << out;
  EXPECT_NE(out.find("kind         purchase\n"), std::string::npos) << out;
}

TEST_F(LogCliTest, ItemsMakeAPurchaseWhoseAmountIsTheirTotal) {
  const auto sale = log({"--channel", "pos", "--item", "TEA-250:2:4.50", "--item", "MUG:1:8.99", "--currency", "GBP"});
  EXPECT_EQ(sale["kind"], "purchase");
  EXPECT_EQ(sale["amount"]["minor"], 1799);
  ASSERT_EQ(sale["items"].size(), 2U);
  EXPECT_EQ(sale["items"][0]["sku"], "TEA-250");
  EXPECT_EQ(sale["items"][0]["quantity"], 2);
  EXPECT_EQ(sale["items"][0]["unit_price"]["minor"], 450);
}

TEST_F(LogCliTest, TheCurrencyDefaultsToTheRegions) {
  EXPECT_EQ(log({"--amount", "17.99"})["amount"]["currency"], "GBP");
  EXPECT_EQ(log({"--region", "JP", "--amount", "1500"})["amount"], (json{{"minor", 1500}, {"currency", "JPY"}}));
}

// A purchase logged without --channel is on the library's purchase channel
// (crm::default_purchase_channel), as crm_purchase_log and Python's
// log_purchase log it; other interactions keep the record's default.
TEST_F(LogCliTest, APurchaseWithoutAChannelIsOnTheLibrarysPurchaseChannel) {
  EXPECT_EQ(log({"--amount", "17.99"})["channel"], "pos");
  EXPECT_EQ(log({"--item", "TEA-250:2:4.50"})["channel"], "pos");
  EXPECT_EQ(log({"--kind", "refund", "--amount", "2.00"})["channel"], "other");
  EXPECT_EQ(log({"--amount", "5.00", "--channel", "web"})["channel"], "web");
  EXPECT_EQ(log({"--kind", "note", "--subject", "asked about tea"})["channel"], "other");
}

// Without --region, crm reads phones and currencies in the library's default
// region (EngineOptions::default_region, US), as C and Python do. CliTest
// passes --region GB, so this one runs crm by hand.
TEST(DefaultRegionCli, IsTheLibrarysDefaultRegion) {
  TempDir dir;
  const std::string db = (dir / "crm.db").string();
  ASSERT_EQ(run_crm({"--db", db, "init"}, dir.path()).exit_code, 0);
  const auto added = run_crm({"--db", db, "--json", "customer", "add", "--name", "Ada", "--phone", "(201) 555-0123"},
                             dir.path());
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(json::parse(added.out)["phones"][0], "+12015550123");
  const auto id = std::to_string(json::parse(added.out)["id"].get<long long>());
  const auto sale = run_crm({"--db", db, "--json", "log", "--customer", id, "--amount", "17.99"}, dir.path());
  ASSERT_EQ(sale.exit_code, 0) << sale.err;
  EXPECT_EQ(json::parse(sale.out)["amount"], (json{{"minor", 1799}, {"currency", "USD"}}));
  const auto help = run_crm({"--help"}, dir.path());
  EXPECT_NE(help.out.find("--region TEXT=US "), std::string::npos) << help.out;
}

TEST_F(LogCliTest, LogsACallWithItsFields) {
  const auto call = log({"--kind", "call", "--channel", "phone", "--direction", "outbound", "--subject", "Catalogue",
                         "--outcome", "will visit"});
  EXPECT_EQ(call["kind"], "call");
  EXPECT_EQ(call["direction"], "outbound");
  EXPECT_EQ(call["subject"], "Catalogue");
  EXPECT_EQ(call["outcome"], "will visit");
  EXPECT_TRUE(call["amount"].is_null());
}

TEST_F(LogCliTest, RefusesMoreDecimalsThanTheCurrencyHas) {
  expect_log_refused({"--amount", "17.999", "--currency", "GBP"},
                 "crm: error: amount '17.999': more than 2 decimals for GBP\n");
}

TEST_F(LogCliTest, RefusesAnAmountThatIsNotANumber) {
  expect_log_refused({"--amount", "12,50"},
                 "crm: error: amount '12,50': not a decimal number (expected digits with an optional '.', like 17.99)\n");
}

TEST_F(LogCliTest, RefusesAnUnknownCurrency) {
  expect_log_refused({"--amount", "5", "--currency", "XYZ"}, "crm: error: currency 'XYZ': not an ISO 4217 code\n");
}

TEST_F(LogCliTest, RefusesAMalformedItem) {
  expect_log_refused({"--item", "TEA-250:two:4.50"},
                 "crm: error: item 'TEA-250:two:4.50': the quantity is not a whole number above 0\n");
  expect_log_refused({"--item", "TEA-250"}, "crm: error: item 'TEA-250': expected SKU:QTY:PRICE, like TEA-250:2:4.50\n");
}

TEST_F(LogCliTest, RefusesAnUnknownKind) {
  expect_log_refused({"--kind", "dance"},
                 "crm: error: unknown interaction kind 'dance' (expected one of: note, call, meeting, message, purchase, "
                 "refund, complaint, visit, other)\n");
}

TEST_F(LogCliTest, RefusesAnAmountOnACall) {
  expect_log_refused({"--kind", "call", "--amount", "5"},
                 "crm: error: interaction.amount: only a purchase or a refund carries an amount or line items\n");
}

TEST_F(LogCliTest, RefusesAnUnknownCustomer) {
  expect_refused({"log", "--customer", "999", "--kind", "note"},
                 "crm: error: interaction.customer_id: customer 999 not found\n");
}

}  // namespace
}  // namespace crm::test
