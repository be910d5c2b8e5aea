// crm import sales: the fixture in tests/cli/data/sales (one deal per stage,
// a dirty product name, a deal without an account, an unknown product and
// agent), malformed files, and the real data set.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

// GCC may warn inside the CSV library's error path once it is inlined here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path fixture = fs::path(CRM_CLI_TEST_DATA) / "sales";
// The public data set sits beside the checkout, shared by its worktrees.
const fs::path real_data_set = fs::path(CRM_SOURCE_DIR) / ".." / "shared" / "data" / "crm-sales-opportunities";

std::int64_t ms(int year, unsigned month, unsigned day) {
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return std::chrono::duration_cast<std::chrono::milliseconds>(days.time_since_epoch()).count();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

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
    fs::copy(fixture, copy, fs::copy_options::recursive);
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
  const auto summary = import(fixture);
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
  const auto result = crm({"import", "sales", fixture.string()});
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
  import(fixture);
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
  import(fixture);
  const auto lost = deals().at("L1");
  EXPECT_EQ(lost["status"], "lost");
  EXPECT_EQ(lost["lost_reason"], "lost (imported)");
  EXPECT_EQ(lost["amount"], (json{{"minor", 5500}, {"currency", "USD"}}));  // MG Special lists at 55
  EXPECT_EQ(lost["probability"], 0);
  EXPECT_EQ(lost["closed_at"], ms(2017, 4, 2));
  EXPECT_EQ(history(lost).back()["status"], "lost");
}

TEST_F(ImportSalesCliTest, OpenDealsEnterAtTheEngageDateOrTheFilesLatestDate) {
  import(fixture);
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
  const auto result = crm({"--json", "import", "sales", fixture.string(), "--as-of", "2018-01-01"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(json::parse(result.out)["as_of"], "2018-01-01");
  EXPECT_EQ(deals().at("P1")["created_at"], ms(2018, 1, 1));
}

TEST_F(ImportSalesCliTest, AccountsBecomeOrganisationsWithCleanedAttributes) {
  import(fixture);
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
  import(fixture);
  const auto before = snapshot();
  const auto again = import(fixture);
  EXPECT_EQ(again["pipeline"]["created"], false);
  EXPECT_EQ(again["accounts"], (json{{"added", 0}, {"updated", 0}, {"unchanged", 3}}));
  EXPECT_EQ(again["deals"]["imported"], 0);
  EXPECT_EQ(again["deals"]["skipped"], 5);
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ImportSalesCliTest, ImportingAgainUpdatesAnAccountThatChangedAndAddsNewDeals) {
  import(fixture);
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
  import(fixture);
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

// Counts of deal_stage in the real sales_pipeline.csv, read here with the same
// CSV library but none of the import's code.
std::map<std::string, std::size_t> stages_in(const fs::path& file) {
  io::CSVReader<1, io::trim_chars<' '>, io::double_quote_escape<',', '"'>> reader(file.string());
  reader.read_header(io::ignore_extra_column, "deal_stage");
  std::map<std::string, std::size_t> counts;
  for (std::string stage; reader.read_row(stage);) ++counts[stage];
  return counts;
}

using RealDataSetTest = ImportSalesCliTest;

TEST_F(RealDataSetTest, ImportsEveryDealInItsStage) {
  if (!fs::exists(real_data_set / "sales_pipeline.csv")) GTEST_SKIP() << "no data set at " << real_data_set;
  const auto expected = stages_in(real_data_set / "sales_pipeline.csv");
  const auto result = crm({"--json", "import", "sales", real_data_set.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto summary = json::parse(result.out);
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

}  // namespace
}  // namespace crm::test
