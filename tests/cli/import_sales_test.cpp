// SPDX-License-Identifier: Apache-2.0
// crm import sales: the fixture in tests/cli/data/sales (one deal per stage,
// a dirty product name, a deal without an account, an unknown product and
// agent), malformed files, and the real data set.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "datasets/fccp.hpp"

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "cli_runner.hpp"
#include "support/units.hpp"

namespace crm::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path sales_fixture = fs::path(CRM_CLI_TEST_DATA) / "sales";
const fs::path real_sales = fs::path(CRM_SHARED_DATA) / "crm-sales-opportunities";

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The file with line `number` (1 is the header) replaced.
void replace_line(const fs::path& path, std::size_t number, const std::string& line) {
  std::istringstream in(read_text(path));
  std::string out;
  std::size_t at = 0;
  for (std::string current; std::getline(in, current);) out += (++at == number ? line : current) + "\n";
  ASSERT_GE(at, number) << path;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << out;
}

class ImportSalesCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }

  // The import's JSON summary, after checking that it succeeded; its
  // progress bars go to stderr.
  json import(const fs::path& dir) const {
    const auto result = crm({"--json", "import", "sales", dir.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.exit_code == 0 ? json::parse(result.out) : json();
  }

  // A copy of the fixture to spoil.
  fs::path copy_of_fixture() const {
    const auto copy = dir_ / "sales";
    fs::copy(sales_fixture, copy, fs::copy_options::recursive);
    return copy;
  }

  // Every deal by its external id.
  std::map<std::string, json> deals() const {
    std::map<std::string, json> out;
    const auto page = json::parse(crm_ok({"--json", "opp", "list", "--limit", "1000"}));
    for (const auto& deal : page["items"])
      out[deal["external_id"].get<std::string>()] = deal;
    return out;
  }

  json history(const json& deal) const {
    return json::parse(crm_ok({"--json", "opp", "history", std::to_string(deal["id"].get<long long>())}))["items"];
  }

  json customer(const std::string& external_id) const {
    return json::parse(crm_ok({"--json", "customer", "find", "--external-id", external_id}));
  }

  // How many deals a listing with this filter holds, over all its pages.
  std::size_t count_deals(std::vector<std::string> filter) const {
    filter.insert(filter.begin(), {"--json", "opp", "list", "--limit", "1000"});
    std::size_t n = 0;
    std::string cursor;
    do {
      auto args = filter;
      if (!cursor.empty()) args.insert(args.end(), {"--cursor", cursor});
      const auto page = json::parse(crm_ok(args));
      n += page["items"].size();
      cursor = page["next_cursor"].get<std::string>();
    } while (!cursor.empty());
    return n;
  }
};

// The fields of a stage history entry a test checks.
json step(const json& entry) {
  json out;
  for (const char* key : {"from_stage", "to_stage", "status", "at", "probability", "by"}) out[key] = entry[key];
  return out;
}

TEST_F(ImportSalesCliTest, SummaryCountsAccountsDealsPerStageCorrectionsAndWarnings) {
  const auto summary = import(sales_fixture);
  EXPECT_EQ(summary["pipeline"], (json{{"name", "sales"}, {"created", true}}));
  EXPECT_EQ(summary["accounts"], (json{{"added", 3}, {"updated", 0}, {"unchanged", 0}}));
  EXPECT_EQ(summary["deals"]["imported"], 5);
  EXPECT_EQ(summary["deals"]["skipped"], 0);
  EXPECT_EQ(summary["deals"]["by_stage"], (json{{"Prospecting", 1}, {"Engaging", 2}, {"Won", 1}, {"Lost", 1}}));
  EXPECT_EQ(summary["as_of"], "2017-06-20");  // the latest date in sales_pipeline.csv
  EXPECT_EQ(summary["corrections"], (json{"sector 'technolgy' as 'technology' (1 account)",
                                          "product 'GTXPro' as 'GTX Pro' (1 deal)",
                                          "product 'gtx basic' as 'GTX Basic' (1 deal)"}));
  EXPECT_EQ(summary["warnings"],
            (json{"product 'Quantum Widget' is not in products.csv: 1 deal without an amount unless won (first on line 6)",
                  "sales agent 'Ann Newcomer' is not in sales_teams.csv: 1 deal without manager and regional office "
                  "(first on line 6)"}));
}

TEST_F(ImportSalesCliTest, SummaryTableSaysWhatHappened) {
  const auto result = crm({"import", "sales", sales_fixture.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "pipeline       sales (created)\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "accounts       3 added, 0 updated, 0 unchanged\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "deals          5 imported, 0 already there (skipped)\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "  Engaging     2\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "read           product 'GTXPro' as 'GTX Pro' (1 deal)\n")) << result.out;
  EXPECT_TRUE(contains(result.out, "warning        product 'Quantum Widget' is not in products.csv")) << result.out;
  // One finished bar per phase on stderr, nothing else.
  EXPECT_EQ(result.err,
            "importing accounts     [##############################] 3/3\n"
            "importing deals        [##############################] 5/5\n");
}

TEST_F(ImportSalesCliTest, AWonDealHasItsCloseValueAndThreeStepsOfHistory) {
  import(sales_fixture);
  const auto won = deals().at("W1");
  EXPECT_EQ(won["name"], "GTX Pro for Acme Corporation");  // the product as products.csv spells it
  EXPECT_EQ(won["customer_id"], customer("account:Acme Corporation")["id"]);
  EXPECT_EQ(won["pipeline"], "sales");
  EXPECT_EQ(won["stage"], "Engaging");
  EXPECT_EQ(won["status"], "won");
  EXPECT_EQ(won["probability"], 100);
  EXPECT_EQ(won["amount"], (json{{"minor", 451400}, {"currency", "USD"}}));  // close_value 4514, in cents
  EXPECT_EQ(won["owner"], "Moses Frase");
  EXPECT_EQ(won["created_at"], ms(2017, 1, 5));
  EXPECT_EQ(won["closed_at"], ms(2017, 3, 1));
  EXPECT_EQ(won["attributes"], (json{{"manager", "Dustin Brinkmann"},
                                     {"product", "GTX Pro"},
                                     {"regional_office", "Central"},
                                     {"series", "GTX"}}));

  const auto steps = history(won);
  ASSERT_EQ(steps.size(), 3U) << steps;
  EXPECT_EQ(step(steps[0]), (json{{"from_stage", ""}, {"to_stage", "Prospecting"}, {"status", "open"},
                                  {"at", ms(2017, 1, 5)}, {"probability", 10}, {"by", "Moses Frase"}}));
  EXPECT_EQ(step(steps[1]), (json{{"from_stage", "Prospecting"}, {"to_stage", "Engaging"}, {"status", "open"},
                                  {"at", ms(2017, 1, 5)}, {"probability", 50}, {"by", "Moses Frase"}}));
  EXPECT_EQ(step(steps[2]), (json{{"from_stage", "Engaging"}, {"to_stage", "Engaging"}, {"status", "won"},
                                  {"at", ms(2017, 3, 1)}, {"probability", 100}, {"by", "Moses Frase"}}));
}

TEST_F(ImportSalesCliTest, ALostDealKeepsTheListPriceAndAReason) {
  import(sales_fixture);
  const auto lost = deals().at("L1");
  EXPECT_EQ(lost["status"], "lost");
  EXPECT_EQ(lost["lost_reason"], "lost (imported)");
  EXPECT_EQ(lost["amount"], (json{{"minor", 5500}, {"currency", "USD"}}));  // MG Special lists at 55
  EXPECT_EQ(lost["probability"], 0);
  EXPECT_EQ(lost["closed_at"], ms(2017, 4, 2));
  EXPECT_EQ(history(lost).back()["status"], "lost");
}

TEST_F(ImportSalesCliTest, OpenDealsEnterAtTheEngageDateOrTheFilesLatestDate) {
  import(sales_fixture);
  const auto all = deals();
  const auto& engaging = all.at("E1");  // no account
  EXPECT_EQ(engaging["name"], "GTX Basic");
  EXPECT_EQ(engaging["customer_id"], 0);
  EXPECT_EQ(engaging["stage"], "Engaging");
  EXPECT_EQ(engaging["status"], "open");
  EXPECT_EQ(engaging["probability"], 50);
  EXPECT_EQ(engaging["amount"], (json{{"minor", 55000}, {"currency", "USD"}}));  // the list price
  const auto steps = history(engaging);
  ASSERT_EQ(steps.size(), 2U) << steps;
  EXPECT_EQ(steps[0]["at"], ms(2017, 6, 20));
  EXPECT_EQ(steps[1]["at"], ms(2017, 6, 20));

  const auto& prospecting = all.at("P1");  // "gtx basic", no engage date
  EXPECT_EQ(prospecting["name"], "GTX Basic for Cheese, Inc.");
  EXPECT_EQ(prospecting["stage"], "Prospecting");
  EXPECT_EQ(prospecting["probability"], 10);
  EXPECT_EQ(prospecting["created_at"], ms(2017, 6, 20));
  EXPECT_EQ(history(prospecting).size(), 1U);

  const auto& unknown = all.at("X1");  // unknown product and agent
  EXPECT_EQ(unknown["name"], "Quantum Widget for Acme Corporation");
  EXPECT_EQ(unknown["amount"], nullptr);
  EXPECT_EQ(unknown["attributes"], (json{{"product", "Quantum Widget"}}));
}

TEST_F(ImportSalesCliTest, AsOfSetsWhenUndatedProspectsEnteredThePipeline) {
  const auto result = crm({"--json", "import", "sales", sales_fixture.string(), "--as-of", "2018-01-01"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out)["as_of"], "2018-01-01");
  EXPECT_EQ(deals().at("P1")["created_at"], ms(2018, 1, 1));
}

TEST_F(ImportSalesCliTest, AccountsBecomeOrganisationsWithCleanedAttributes) {
  import(sales_fixture);
  const auto acme = customer("account:Acme Corporation");
  EXPECT_EQ(acme["kind"], "organisation");
  EXPECT_EQ(acme["display_name"], "Acme Corporation");
  EXPECT_EQ(acme["attributes"], (json{{"employees", 2822},
                                      {"office_location", "United States"},
                                      {"revenue", 1100040000},  // 1100.04 million dollars
                                      {"sector", "technology"},
                                      {"year_established", 1996}}));
  EXPECT_EQ(customer("account:Betatech")["attributes"]["sector"], "medical");  // " Medical " trimmed, lower-cased
  EXPECT_EQ(customer("account:Cheese, Inc.")["attributes"]["subsidiary_of"], "Acme Corporation");
}

TEST_F(ImportSalesCliTest, ImportingAgainChangesNothing) {
  import(sales_fixture);
  const auto before = snapshot();
  const auto again = import(sales_fixture);
  EXPECT_EQ(again["pipeline"]["created"], false);
  EXPECT_EQ(again["accounts"], (json{{"added", 0}, {"updated", 0}, {"unchanged", 3}}));
  EXPECT_EQ(again["deals"]["imported"], 0);
  EXPECT_EQ(again["deals"]["skipped"], 5);
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ImportSalesCliTest, ImportingAgainUpdatesAnAccountThatChangedAndAddsNewDeals) {
  import(sales_fixture);
  const auto dir = copy_of_fixture();
  replace_line(dir / "accounts.csv", 3, "Betatech,medical,1986,647.18,1200,Kenya,");
  std::ofstream(dir / "sales_pipeline.csv", std::ios::app) << "N1,Moses Frase,MG Special,Betatech,Engaging,2017-07-01,,\n";
  const auto again = import(dir);
  EXPECT_EQ(again["accounts"], (json{{"added", 0}, {"updated", 1}, {"unchanged", 2}}));
  EXPECT_EQ(again["deals"]["imported"], 1);
  EXPECT_EQ(again["deals"]["skipped"], 5);
  EXPECT_EQ(customer("account:Betatech")["attributes"]["employees"], 1200);
}

TEST_F(ImportSalesCliTest, BlankLinesAndWindowsLineEndingsAreRead) {
  const auto dir = copy_of_fixture();
  std::ofstream(dir / "sales_pipeline.csv", std::ios::app) << "\n\n";
  std::string crlf;
  for (const char c : read_text(dir / "accounts.csv")) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  std::ofstream(dir / "accounts.csv", std::ios::binary | std::ios::trunc) << crlf;
  const auto summary = import(dir);
  EXPECT_EQ(summary["accounts"]["added"], 3);
  EXPECT_EQ(summary["deals"]["imported"], 5);
  EXPECT_EQ(customer("account:Acme Corporation")["attributes"]["office_location"], "United States");
}

TEST_F(ImportSalesCliTest, AMalformedRowIsRefusedNamingFileLineAndFieldAndNothingIsWritten) {
  const auto dir = copy_of_fixture();
  const auto pipeline = (dir / "sales_pipeline.csv").string();
  const std::array<std::pair<std::string, std::string>, 6> cases{{
      {"E1,Violet Mclelland,GTX Basic,,Engaging,2017-06-31,,",
       "engage_date: date '2017-06-31': expected a day as YYYY-MM-DD, like 2026-12-31"},
      {"E1,Violet Mclelland,GTX Basic,,Closing,2017-06-20,,",
       "deal_stage: 'Closing': not one of Prospecting, Engaging, Won, Lost"},
      {"E1,Violet Mclelland,GTX Basic,,Won,2017-06-20,2017-07-01,-5", "close_value: '-5': negative"},
      {"E1,Violet Mclelland,GTX Basic,,Won,2017-06-20,2017-06-01,100",
       "close_date: '2017-06-01': before the engage_date '2017-06-20'"},
      {"E1,Violet Mclelland,GTX Basic,,Lost,2017-06-20,,0", "close_date: empty, but the deal is Lost"},
      {"W1,Violet Mclelland,GTX Basic,,Engaging,2017-06-20,,", "opportunity_id: 'W1': also on line 2"},
  }};
  const auto good = read_text(pipeline);
  for (const auto& [row, problem] : cases) {
    std::ofstream(pipeline, std::ios::binary | std::ios::trunc) << good;
    replace_line(pipeline, 4, row);
    expect_refused({"import", "sales", dir.string()}, "crm: error: " + pipeline + ":4: " + problem + "\n");
  }
  EXPECT_EQ(crm({"pipeline", "show", "sales"}).exit_code, 1) << "not even the pipeline is created";
}

TEST_F(ImportSalesCliTest, AFileWithTooFewColumnsIsRefusedInTheCsvLibrarysWords) {
  const auto dir = copy_of_fixture();
  replace_line(dir / "accounts.csv", 3, "Betatech,medical,1986");
  expect_refused({"import", "sales", dir.string()},
                 "crm: error: Too few columns in line 3 in file \"" + (dir / "accounts.csv").string() + "\".\n");
}

TEST_F(ImportSalesCliTest, AMissingFileIsRefused) {
  const auto dir = copy_of_fixture();
  fs::remove(dir / "products.csv");
  expect_refused({"import", "sales", dir.string()},
                 "crm: error: " + (dir / "products.csv").string() +
                     ": no such file (the data set is accounts.csv, products.csv, sales_teams.csv and "
                     "sales_pipeline.csv in one directory)\n");
}

TEST_F(ImportSalesCliTest, ARowTheEngineRefusesRollsBackEverythingTheImportWrote) {
  import(sales_fixture);
  const auto dir = copy_of_fixture();
  // New accounts and deals first, then a row the engine refuses: an external id over 256 bytes.
  std::ofstream(dir / "accounts.csv", std::ios::app) << "Dynamo,retail,2001,1,2,France,\n";
  std::ofstream(dir / "sales_pipeline.csv", std::ios::app)
      << "N1,Moses Frase,MG Special,Dynamo,Engaging,2017-07-01,,\n"
      << std::string(300, 'Z') << ",Moses Frase,MG Special,Dynamo,Engaging,2017-07-01,,\n";
  const auto before = snapshot();
  const auto result = crm({"import", "sales", dir.string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  const auto last_line = result.err.substr(result.err.rfind('\n', result.err.size() - 2) + 1);
  EXPECT_TRUE(last_line.starts_with("crm: error: " + (dir / "sales_pipeline.csv").string() +
                                    ":8: opportunity.external_id: "))
      << result.err;
  EXPECT_EQ(snapshot(), before);
}

// --- Reports on the fixture --------------------------------------------------
//
// What the import makes of the fixture's rows (README "History"), amounts in
// USD cents:
//   W1 Moses Frase      Won       Prospecting + Engaging 2017-01-05, won 2017-03-01, 451400 (close_value)
//   L1 Darcel Schlecht  Lost      Prospecting + Engaging 2017-02-10, lost 2017-04-02, 5500 (MG Special list price)
//   E1 Violet Mclelland Engaging  Prospecting + Engaging 2017-06-20, 55000 (GTX Basic)
//   P1 Moses Frase      Prospecting at the as-of day 2017-06-20, 55000 (GTX Basic)
//   X1 Ann Newcomer     Engaging  Prospecting + Engaging 2017-05-01, no amount (unknown product)
// None has an expected close date.

json money(std::int64_t cents) { return json{{"minor", cents}, {"currency", "USD"}}; }

TEST_F(ImportSalesCliTest, FunnelOfTheWholeHistory) {
  import(sales_fixture);
  // No --currency: every amount is in USD, so the values are too.
  const auto f = json::parse(crm_ok({"--json", "pipeline", "funnel", "SALES"}));
  EXPECT_EQ(f["pipeline"], "sales");  // the stored spelling
  EXPECT_EQ(f["currency"], "USD");
  EXPECT_EQ(f["window"]["from"], 0);
  ASSERT_EQ(f["stages"].size(), 2U) << f;
  // Prospecting: all 5 deals entered it; value 451400 + 5500 + 55000 + 55000 + 0 = 566900.
  // W1, L1, E1, X1 went on to Engaging: advanced 4, conversion 4/5. Each left
  // it on the day it entered it: median 0 days.
  EXPECT_EQ(f["stages"][0], (json{{"stage", "Prospecting"}, {"entered", 5}, {"value", money(566900)}, {"advanced", 4},
                                  {"conversion_to_next", 0.8}, {"median_days_in_stage", 0.0}}));
  // Engaging: W1, L1, E1, X1 entered it; value 451400 + 5500 + 55000 + 0 = 511900.
  // Only W1 was won afterwards: advanced 1, conversion 1/4. Exits: W1 won
  // after 2017-01-05 -> 2017-03-01 = 26 + 28 + 1 = 55 days, L1 lost after
  // 2017-02-10 -> 2017-04-02 = 18 + 31 + 2 = 51 days; median (51 + 55) / 2 = 53.
  EXPECT_EQ(f["stages"][1], (json{{"stage", "Engaging"}, {"entered", 4}, {"value", money(511900)}, {"advanced", 1},
                                  {"conversion_to_next", 0.25}, {"median_days_in_stage", 53.0}}));
  // W1 won (451400), L1 lost: win rate 1 / (1 + 1).
  EXPECT_EQ(f["won"], 1);
  EXPECT_EQ(f["lost"], 1);
  EXPECT_EQ(f["won_value"], money(451400));
  EXPECT_EQ(f["win_rate"], 0.5);
  EXPECT_EQ(f["skipped_other_currency"], 0);

  const auto table = crm_ok({"pipeline", "funnel", "sales", "--from", "2017-01-01", "--to", "2017-12-31"});
  EXPECT_EQ(table,
            "funnel of pipeline sales, 2017-01-01 to 2017-12-31, values in USD\n"
            "stage        entered        value  advanced  to next  median days\n"
            "Prospecting        5  5669.00 USD         4    80.0%          0.0\n"
            "Engaging           4  5119.00 USD         1    25.0%         53.0\n"
            "won       1 (4514.00 USD)\n"
            "lost      1\n"
            "win rate  50.0%\n");
}

TEST_F(ImportSalesCliTest, FunnelOfAWindowCountsOnlyItsEventsAndItsLastDayIsIncluded) {
  import(sales_fixture);
  // On 2017-06-20 only E1 (Prospecting and Engaging) and P1 (Prospecting) entered stages.
  // Prospecting: 2 entered, 55000 + 55000; E1 advanced (1/2), after 0 days.
  // Engaging: E1 entered, 55000; nothing left it. Nothing closed.
  const auto f = json::parse(crm_ok({"--json", "pipeline", "funnel", "sales", "--from", "2017-06-20", "--to",
                                     "2017-06-20", "--currency", "USD"}));
  EXPECT_EQ(f["window"], (json{{"from", ms(2017, 6, 20)}, {"to", ms(2017, 6, 21)}}));
  EXPECT_EQ(f["stages"][0], (json{{"stage", "Prospecting"}, {"entered", 2}, {"value", money(110000)}, {"advanced", 1},
                                  {"conversion_to_next", 0.5}, {"median_days_in_stage", 0.0}}));
  EXPECT_EQ(f["stages"][1], (json{{"stage", "Engaging"}, {"entered", 1}, {"value", money(55000)}, {"advanced", 0},
                                  {"conversion_to_next", 0.0}, {"median_days_in_stage", nullptr}}));
  EXPECT_EQ(f["won"], 0);
  EXPECT_EQ(f["lost"], 0);
  EXPECT_EQ(f["win_rate"], nullptr);

  // The day before: nothing entered.
  const auto before = json::parse(crm_ok({"--json", "pipeline", "funnel", "sales", "--to", "2017-06-19", "--from",
                                          "2017-06-01"}));
  EXPECT_EQ(before["stages"][0]["entered"], 0);
  EXPECT_EQ(before["stages"][0]["conversion_to_next"], nullptr);

  // In euros every amount is left out, and the deals are counted.
  const auto eur = json::parse(crm_ok({"--json", "pipeline", "funnel", "sales", "--currency", "EUR"}));
  EXPECT_EQ(eur["stages"][0]["entered"], 5);
  EXPECT_EQ(eur["stages"][0]["value"], (json{{"minor", 0}, {"currency", "EUR"}}));
  EXPECT_EQ(eur["skipped_other_currency"], 4);  // X1 has no amount
}

TEST_F(ImportSalesCliTest, FunnelRefusesAnUnknownPipelineAndAReversedWindow) {
  import(sales_fixture);
  auto result = crm({"pipeline", "funnel", "nope"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ") && contains(result.err, "nope")) << result.err;
  expect_refused({"pipeline", "funnel", "sales", "--from", "2017-02-01", "--to", "2017-01-31"},
                 "crm: error: --to 2017-01-31 is before --from 2017-02-01\n");
  result = crm({"pipeline", "funnel", "sales", "--from", "2017-02-30"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "2017-02-30")) << result.err;
}

TEST_F(ImportSalesCliTest, ForecastRowsPerPeriodOwnerAndCategory) {
  import(sales_fixture);
  // Lost L1 is left out. W1 is won in March 2017: category closed, weighs its
  // whole amount. The open deals have no expected close: unscheduled (last),
  // by owner; weighted = amount x probability: E1 55000 x 50% = 27500,
  // P1 55000 x 10% = 5500, X1 no amount = 0.
  const auto f = json::parse(crm_ok({"--json", "pipeline", "forecast", "--pipeline", "sales"}));
  EXPECT_EQ(f["pipeline"], "sales");
  EXPECT_EQ(f["period"], "month");
  EXPECT_EQ(f["window"], nullptr);
  EXPECT_EQ(f["rows"], (json{{{"period_start", ms(2017, 3, 1)}, {"owner", "Moses Frase"}, {"category", "closed"},
                              {"deals", 1}, {"amount", money(451400)}, {"weighted", money(451400)}},
                             {{"period_start", nullptr}, {"owner", "Ann Newcomer"}, {"category", "best_case"},
                              {"deals", 1}, {"amount", money(0)}, {"weighted", money(0)}},
                             {{"period_start", nullptr}, {"owner", "Moses Frase"}, {"category", "pipeline"},
                              {"deals", 1}, {"amount", money(55000)}, {"weighted", money(5500)}},
                             {{"period_start", nullptr}, {"owner", "Violet Mclelland"}, {"category", "best_case"},
                              {"deals", 1}, {"amount", money(55000)}, {"weighted", money(27500)}}}));
  EXPECT_EQ(crm_ok({"pipeline", "forecast", "--period", "quarter"}),
            "forecast of every pipeline, values in USD\n"
            "period       owner             category   deals       amount     weighted\n"
            "2017 Q1      Moses Frase       closed         1  4514.00 USD  4514.00 USD\n"
            "unscheduled  Ann Newcomer      best_case      1     0.00 USD     0.00 USD\n"
            "unscheduled  Moses Frase       pipeline       1   550.00 USD    55.00 USD\n"
            "unscheduled  Violet Mclelland  best_case      1   550.00 USD   275.00 USD\n");

  // A window keeps the deals dated inside it (its last day included) and drops the unscheduled ones.
  const auto q1 = json::parse(crm_ok({"--json", "pipeline", "forecast", "--period", "quarter", "--from", "2017-03-01",
                                      "--to", "2017-03-01"}));
  EXPECT_EQ(q1["rows"], (json{{{"period_start", ms(2017, 1, 1)}, {"owner", "Moses Frase"}, {"category", "closed"},
                               {"deals", 1}, {"amount", money(451400)}, {"weighted", money(451400)}}}));
  EXPECT_EQ(json::parse(crm_ok({"--json", "pipeline", "forecast", "--to", "2017-02-28"}))["rows"], json::array());
  expect_refused({"pipeline", "forecast", "--period", "week"},
                 "crm: error: unknown forecast period 'week' (expected one of: month, quarter)\n");
}

TEST_F(ImportSalesCliTest, ForecastByOwnerSumsOpenAndWonDealsLargestWeightedFirst) {
  import(sales_fixture);
  // Violet Mclelland: E1 open, 55000 weighted 27500. Moses Frase: P1 open,
  // 55000 weighted 5500, and W1 won, 451400. Ann Newcomer: X1 open, no amount.
  const auto f = json::parse(crm_ok({"--json", "pipeline", "forecast", "--pipeline", "sales", "--by-owner"}));
  EXPECT_EQ(f["owners"],
            (json{{{"owner", "Violet Mclelland"}, {"open_deals", 1}, {"open_amount", money(55000)},
                   {"weighted", money(27500)}, {"won_deals", 0}, {"won_amount", money(0)}},
                  {{"owner", "Moses Frase"}, {"open_deals", 1}, {"open_amount", money(55000)},
                   {"weighted", money(5500)}, {"won_deals", 1}, {"won_amount", money(451400)}},
                  {{"owner", "Ann Newcomer"}, {"open_deals", 1}, {"open_amount", money(0)}, {"weighted", money(0)},
                   {"won_deals", 0}, {"won_amount", money(0)}}}));
  EXPECT_EQ(crm_ok({"pipeline", "forecast", "--by-owner"}),
            "forecast of every pipeline, values in USD\n"
            "owner             open deals  open amount    weighted  won deals   won amount\n"
            "Violet Mclelland           1   550.00 USD  275.00 USD          0     0.00 USD\n"
            "Moses Frase                1   550.00 USD   55.00 USD          1  4514.00 USD\n"
            "Ann Newcomer               1     0.00 USD    0.00 USD          0     0.00 USD\n");
}

TEST_F(ImportSalesCliTest, SalesCycleAndAlerts) {
  import(sales_fixture);
  // W1: created 2017-01-05, won 2017-03-01 = 55 days; L1: 2017-02-10 to 2017-04-02 = 51 days.
  const auto c = json::parse(crm_ok({"--json", "pipeline", "cycle", "--pipeline", "sales"}));
  EXPECT_EQ(c["won"], 1);
  EXPECT_EQ(c["lost"], 1);
  EXPECT_EQ(c["won_days"], (json{{"mean", 55.0}, {"median", 55.0}}));
  EXPECT_EQ(c["closed_days"], (json{{"mean", 53.0}, {"median", 53.0}}));
  // Only W1 closed in March.
  EXPECT_EQ(json::parse(crm_ok({"--json", "pipeline", "cycle", "--from", "2017-03-01", "--to", "2017-03-31"}))["lost"], 0);

  // No deal has an expected close and no customer a credit limit: no alerts.
  EXPECT_EQ(json::parse(crm_ok({"--json", "pipeline", "alerts", "--now", "2030-01-01"})),
            (json{{"now", ms(2030, 1, 1)}, {"overdue_deals", json::array()}, {"credit_alerts", json::array()}}));
  // A deal due 2026-12-31 is overdue from the next day on.
  crm_ok({"opp", "add", "--name", "Tea supply", "--stage", "Proposal", "--amount", "120", "--close", "2026-12-31",
          "--owner", "ann"});
  EXPECT_EQ(json::parse(crm_ok({"--json", "pipeline", "alerts", "--now", "2026-12-31"}))["overdue_deals"].size(), 0U);
  const auto late = json::parse(crm_ok({"--json", "pipeline", "alerts", "--now", "2027-01-01"}))["overdue_deals"];
  ASSERT_EQ(late.size(), 1U);
  EXPECT_EQ(late[0]["name"], "Tea supply");
  const auto table = crm_ok({"pipeline", "alerts", "--now", "2027-01-11"});
  EXPECT_TRUE(contains(table, "overdue deals at 2027-01-11 00:00 UTC: 1\n")) << table;
  EXPECT_TRUE(contains(table, "ann    2026-12-31         11\n")) << table;
  EXPECT_TRUE(contains(table, "customers over their credit limit: 0\n")) << table;

  // A customer whose open deals add up to more than its credit limit (in GBP, the region's currency).
  const auto customer = id_of(crm_ok({"--json", "customer", "add", "--from-json",
                                      R"({"display_name": "Tea Ltd", "credit_limit": {"minor": 10000, "currency": "GBP"}})"}));
  crm_ok({"opp", "add", "--name", "Big order", "--customer", std::to_string(customer), "--stage", "Proposal",
          "--amount", "100.01"});
  const auto credit = json::parse(crm_ok({"--json", "pipeline", "alerts", "--now", "2026-01-01"}))["credit_alerts"];
  ASSERT_EQ(credit.size(), 1U) << credit;
  EXPECT_EQ(credit[0]["customer_id"], customer);
  EXPECT_EQ(credit[0]["limit"], (json{{"minor", 10000}, {"currency", "GBP"}}));
  EXPECT_EQ(credit[0]["exposure"], (json{{"minor", 10001}, {"currency", "GBP"}}));
}

// What the tests check the reports against, read from sales_pipeline.csv
// with the same CSV library but none of the import's code.
struct AgentRows {
  std::map<std::string, std::size_t> by_stage;
  std::int64_t won_cents = 0;  // close_value of the Won rows, in cents
};

struct PipelineRows {
  std::size_t rows = 0;
  std::size_t engaged = 0;  // rows with an engage_date
  std::map<std::string, std::size_t> by_stage;
  std::map<std::string, AgentRows> agents;
};

PipelineRows sales_rows(const fs::path& file) {
  io::CSVReader<4, io::trim_chars<' '>, io::double_quote_escape<',', '"'>> reader(file.string());
  reader.read_header(io::ignore_extra_column, "sales_agent", "deal_stage", "engage_date", "close_value");
  PipelineRows out;
  for (std::string agent, stage, engaged, value; reader.read_row(agent, stage, engaged, value);) {
    ++out.rows;
    out.engaged += engaged.empty() ? 0 : 1;
    ++out.by_stage[stage];
    auto& a = out.agents[agent];
    ++a.by_stage[stage];
    if (stage == "Won") a.won_cents += cents(value);
  }
  return out;
}

// The real data set is imported once, into a database each test copies.
class RealDataSetTest : public ImportSalesCliTest {
 protected:
  static const TempDir& shared() {
    static const TempDir dir;
    return dir;
  }
  static json& import_summary() {
    static json summary;
    return summary;
  }

  void SetUp() override {
    if (!fs::exists(real_sales / "sales_pipeline.csv")) GTEST_SKIP() << "no data set at " << real_sales;
    const auto db = shared() / "crm.db";
    if (import_summary().is_null()) {
      ASSERT_EQ(run_crm({"--db", db.string(), "init"}, shared().path()).exit_code, 0);
      const auto result = run_crm({"--db", db.string(), "--json", "import", "sales", real_sales.string()}, shared().path());
      ASSERT_EQ(result.exit_code, 0) << result.err;
      import_summary() = json::parse(result.out);
    }
    for (const auto& file : fs::directory_iterator(shared().path()))  // crm.db and any SQLite side files
      if (file.path().filename().string().starts_with("crm.db"))
        fs::copy_file(file.path(), dir_ / file.path().filename().string(), fs::copy_options::overwrite_existing);
  }
};

TEST_F(RealDataSetTest, ImportsEveryDealInItsStage) {
  const auto expected = sales_rows(real_sales / "sales_pipeline.csv").by_stage;
  const auto& summary = import_summary();
  std::cout << "[ info     ] imported the real data set in " << summary["seconds"] << " s\n";

  std::size_t total = 0;
  for (const auto& [stage, n] : expected) {
    EXPECT_EQ(summary["deals"]["by_stage"][stage], n) << stage;
    total += n;
  }
  EXPECT_EQ(total, 8800U);
  EXPECT_EQ(summary["deals"]["imported"], total);
  EXPECT_EQ(summary["accounts"]["added"], 85);
  EXPECT_EQ(summary["warnings"], json::array());
  EXPECT_EQ(json::parse(crm_ok({"--json", "init"}))["counts"]["opportunities"], total);

  // What the database holds, listed back: won and lost by status, open deals by stage.
  EXPECT_EQ(count_deals({"--status", "won"}), expected.at("Won"));
  EXPECT_EQ(count_deals({"--status", "lost"}), expected.at("Lost"));
  const auto open = count_deals({"--status", "open"});
  const auto prospecting = count_deals({"--pipeline", "sales", "--stage", "prospecting"});
  EXPECT_EQ(prospecting, expected.at("Prospecting"));
  EXPECT_EQ(open - prospecting, expected.at("Engaging"));
}

TEST_F(RealDataSetTest, FunnelCountsEveryRow) {
  const auto rows = sales_rows(real_sales / "sales_pipeline.csv");
  const auto f = json::parse(crm_ok({"--json", "pipeline", "funnel", "sales"}));
  const auto won = rows.by_stage.at("Won");
  const auto lost = rows.by_stage.at("Lost");
  EXPECT_EQ(f["won"], won);
  EXPECT_EQ(f["lost"], lost);
  EXPECT_DOUBLE_EQ(f["win_rate"].get<double>(), static_cast<double>(won) / static_cast<double>(won + lost));
  std::int64_t won_cents = 0;
  for (const auto& [agent, a] : rows.agents) won_cents += a.won_cents;
  EXPECT_EQ(f["won_value"], money(won_cents));
  // The import puts every deal through Prospecting (README "History"), and
  // every row with an engage_date through Engaging.
  ASSERT_EQ(f["stages"].size(), 2U) << f;
  EXPECT_EQ(f["stages"][0]["stage"], "Prospecting");
  EXPECT_EQ(f["stages"][0]["entered"], rows.rows);
  EXPECT_EQ(f["stages"][1]["stage"], "Engaging");
  EXPECT_EQ(f["stages"][1]["entered"], rows.engaged);
  // Advancing from Engaging is winning.
  EXPECT_EQ(f["stages"][1]["advanced"], won);
  EXPECT_EQ(f["skipped_other_currency"], 0);
}

TEST_F(RealDataSetTest, ForecastByOwnerHasEveryAgentWithTheirWonAmount) {
  const auto rows = sales_rows(real_sales / "sales_pipeline.csv");
  const auto f = json::parse(crm_ok({"--json", "pipeline", "forecast", "--pipeline", "sales", "--by-owner"}));
  const auto& owners = f["owners"];
  ASSERT_EQ(owners.size(), rows.agents.size()) << owners;
  std::int64_t previous_weighted = std::numeric_limits<std::int64_t>::max();
  for (const auto& o : owners) {
    const auto agent = o["owner"].get<std::string>();
    ASSERT_TRUE(rows.agents.contains(agent)) << agent;
    const auto& a = rows.agents.at(agent);
    const auto count = [&a](const char* stage) { return a.by_stage.contains(stage) ? a.by_stage.at(stage) : 0U; };
    EXPECT_EQ(o["won_amount"], money(a.won_cents)) << agent;
    EXPECT_EQ(o["won_deals"], count("Won")) << agent;
    EXPECT_EQ(o["open_deals"], count("Prospecting") + count("Engaging")) << agent;
    const auto weighted = o["weighted"]["minor"].get<std::int64_t>();
    EXPECT_LE(weighted, previous_weighted) << "sorted by weighted amount, largest first: " << agent;
    previous_weighted = weighted;
  }
}

}  // namespace
}  // namespace crm::test
