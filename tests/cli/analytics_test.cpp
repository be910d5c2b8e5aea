// SPDX-License-Identifier: Apache-2.0
// crm report rfm | value | clv | basket, crm segment, crm stats, run as the
// real binary over a shop built through the tool itself.
//
// The shop (EUR unless said; days from 2026-01-01, every purchase at 10:00 UTC;
// as of day 89 = 2026-03-31, the latest purchase):
//
//   customer   purchases (day: EUR)                  n  total  recency  R F M  segment    avg
//   Ada (vip)  10:20 30:20 50:20 70:20 89:20          5  100      0     5 5 4  champions   20
//   Bob        5:10 40:10 60:10 80:10                 4   40      9     3 4 2  loyal       10
//   Cyd (vip)  20:100 50:100 70:100                   3  300     19     2 3 5  at risk    100
//   Dee        1:5 10:5                               2   10     79     1 2 1  lost        5
//   Eve        85:60                                  1   60      4     4 1 3  promising  60
//   Fay        50: 30 USD                             (the only USD buyer)
//   Gus        nothing
//
// With 5 customers and 5 scores every cut is one customer's value, so the
// scores are ranks. Line items (baskets: the purchases that have them):
//   Ada 10 {TEA, MUG}, Ada 30 {TEA}, Ada 50 {TEA, MUG}, Bob 5 {TEA}, Bob 40 {MUG},
//   Cyd 20 {TEA, MUG, SCONE}, Cyd 50 {SCONE}, Dee 1 {SCONE}, Eve 85 {TEA, SCONE}, Fay 50 {TEA}
// n = 10; TEA 7, MUG 4, SCONE 4, TEA+MUG 3, TEA+SCONE 2, MUG+SCONE 1.
// Gus has a call logged, which is no purchase.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <crm/engine.hpp>
#include <crm/store/sqlite_store.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "cli_runner.hpp"
#include "support/units.hpp"

namespace crm::test {
namespace {

using nlohmann::json;


// Day d of 2026 (d = 0 is 2026-01-01) at 10:00 UTC, in ms.
std::int64_t at_day(int d) {
  using namespace std::chrono;
  const auto t = sys_days{year{2026} / 1 / 1} + days{d} + hours{10};
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

json item(const std::string& sku, const std::string& description, std::int64_t quantity, std::int64_t price_minor,
          const std::string& currency = "EUR") {
  return {{"sku", sku},
          {"description", description},
          {"quantity", quantity},
          {"unit_price", {{"minor", price_minor}, {"currency", currency}}}};
}

json tea(std::int64_t minor, const std::string& currency = "EUR") { return item("TEA", "Breakfast tea", 1, minor, currency); }
json mug(std::int64_t minor) { return item("MUG", "Blue mug", 1, minor); }
json scone(std::int64_t quantity, std::int64_t minor) { return item("SCONE", "Fruit scone", quantity, minor); }

// The first line of the output that starts with `start`, or "".
std::string line_of(const std::string& out, const std::string& start) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with(start)) return line;
  return "";
}

// Builds the shop above through the tool in `dir` (crm.db), and writes the
// customers' ids to dir/ids.json last.
void build_shop(const std::filesystem::path& dir) {
  const auto db = (dir / "crm.db").string();
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db});
    const auto result = run_crm(args, dir);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  };
  run({"init"});
  json ids = json::object();
  for (const auto& [name, vip] : std::vector<std::pair<std::string, bool>>{
           {"Ada", true}, {"Bob", false}, {"Cyd", true}, {"Dee", false}, {"Eve", false}, {"Fay", false}, {"Gus", false}}) {
    std::vector<std::string> add{"--json", "customer", "add", "--name", name};
    if (vip) add.insert(add.end(), {"--tag", "vip"});
    ids[name] = std::to_string(json::parse(run(add)).at("id").get<long long>());
  }
  const auto log = [&](const std::string& who, int day, json purchase) {
    purchase["customer_id"] = std::stoll(ids[who].get<std::string>());
    purchase["kind"] = "purchase";
    purchase["occurred_at"] = at_day(day);
    run({"log", "--from-json", purchase.dump()});
  };
  const auto buy = [&](const std::string& who, int day, std::int64_t minor) {
    log(who, day, {{"amount", {{"minor", minor}, {"currency", "EUR"}}}});
  };
  const auto buy_items = [&](const std::string& who, int day, const std::vector<json>& items) {
    log(who, day, {{"items", items}});
  };
  buy_items("Ada", 10, {tea(1200), mug(800)});
  buy_items("Ada", 30, {tea(2000)});
  buy_items("Ada", 50, {tea(1200), mug(800)});
  buy("Ada", 70, 2000);
  buy("Ada", 89, 2000);
  buy_items("Bob", 5, {tea(1000)});
  buy_items("Bob", 40, {mug(1000)});
  buy("Bob", 60, 1000);
  buy("Bob", 80, 1000);
  buy_items("Cyd", 20, {tea(5000), mug(4000), scone(1, 1000)});
  buy_items("Cyd", 50, {scone(2, 5000)});
  buy("Cyd", 70, 10000);
  buy_items("Dee", 1, {scone(1, 500)});
  buy("Dee", 10, 500);
  buy_items("Eve", 85, {tea(3000), scone(1, 3000)});
  buy_items("Fay", 50, {tea(3000, "USD")});
  run({"log", "--customer", ids["Gus"].get<std::string>(), "--kind", "call", "--subject", "not a purchase"});
  std::ofstream(dir / "ids.json") << ids.dump();
}

// ctest runs every test in a process of its own: the shop (some thirty runs
// of crm) is built once per build of crm and of these tests, next to the test
// binary, and each test copies it. A shop is built aside and renamed into
// place whole, so tests running at once never see half of one.
std::filesystem::path shop_dir() {
  namespace fs = std::filesystem;
  const auto stamp = [](const fs::path& file) {
    return std::to_string(fs::last_write_time(file).time_since_epoch().count()) + "-" +
           std::to_string(fs::file_size(file));
  };
  const fs::path self = fs::read_symlink("/proc/self/exe");
  const std::string prefix = "analytics-shop-";
  const fs::path dir = self.parent_path() / (prefix + stamp(CRM_CLI_PATH) + "-" + stamp(self));
  if (fs::exists(dir / "ids.json")) return dir;
  const fs::path aside = dir.string() + ".building-" + std::to_string(::getpid());
  fs::remove_all(aside);
  fs::create_directories(aside);
  build_shop(aside);
  if (::testing::Test::HasFailure()) return aside;  // a broken shop is not kept for later runs
  std::error_code ec;
  fs::rename(aside, dir, ec);
  if (ec) fs::remove_all(aside, ec);  // another process put its shop in place first
  for (const auto& entry : fs::directory_iterator(self.parent_path())) {  // shops of earlier builds
    const auto name = entry.path().filename().string();
    if (name.starts_with(prefix) && name.find(".building-") == std::string::npos && entry.path() != dir)
      fs::remove_all(entry.path(), ec);
  }
  return dir;
}

// Copies the database files of `from` into `to`.
void copy_database(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (const auto& entry : std::filesystem::directory_iterator(from))
    if (entry.path().filename().string().starts_with("crm.db"))
      std::filesystem::copy_file(entry.path(), to / entry.path().filename());
}

class AnalyticsCliTest : public CliTest {
 protected:
  static void SetUpTestSuite() {
    shop_ = new std::filesystem::path(shop_dir());
    std::ifstream in(*shop_ / "ids.json");
    ids_ = new json(json::parse(in));
  }
  static void TearDownTestSuite() {
    delete shop_;
    delete ids_;
    shop_ = nullptr;
    ids_ = nullptr;
  }

  void SetUp() override { copy_database(*shop_, dir_.path()); }

  static std::string id(const std::string& name) { return ids_->at(name).get<std::string>(); }

  json crm_json(std::vector<std::string> args) const {
    args.insert(args.begin(), "--json");
    return json::parse(crm_ok(args));
  }

  // The customers a segment query lists, by name, in order.
  std::vector<std::string> segment(std::vector<std::string> options) const {
    options.insert(options.begin(), "segment");
    const auto page = crm_json(options);
    std::map<long long, std::string> names;
    for (const auto& [name, customer] : ids_->items()) names[std::stoll(customer.get<std::string>())] = name;
    std::vector<std::string> out;
    for (const auto& member : page.at("items")) out.push_back(names.at(member.at("customer_id").get<long long>()));
    return out;
  }

  // Checks that the command fails with exit code 1 and exactly this line on
  // stderr; the analytics commands only read, so nothing else can change.
  void expect_error(std::vector<std::string> args, const std::string& error_line) const {
    const auto result = crm(std::move(args));
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, "");
    EXPECT_EQ(result.err, error_line);
  }

  static std::filesystem::path* shop_;
  static json* ids_;
};

std::filesystem::path* AnalyticsCliTest::shop_ = nullptr;
json* AnalyticsCliTest::ids_ = nullptr;

using Strings = std::vector<std::string>;

// --- report rfm ---------------------------------------------------------------

TEST_F(AnalyticsCliTest, RfmCountsTheCustomersOfEachSegment) {
  const auto rfm = crm_json({"report", "rfm"});
  EXPECT_EQ(rfm["currency"], "EUR");  // 5 customers bought in EUR, 1 in USD
  EXPECT_EQ(rfm["customers"], 5);
  EXPECT_EQ(rfm["scores"], 5);
  EXPECT_EQ(rfm["as_of"], at_day(89));
  std::map<std::string, int> segments;
  for (const auto& s : rfm["segments"]) segments[s["name"]] = s["customers"];
  EXPECT_EQ(segments, (std::map<std::string, int>{{"champions", 1}, {"loyal", 1}, {"potential loyalist", 0},
                                                  {"new", 0}, {"promising", 1}, {"need attention", 0},
                                                  {"about to sleep", 0}, {"at risk", 1}, {"can't lose", 0},
                                                  {"hibernating", 0}, {"lost", 1}}));
  EXPECT_EQ(rfm["segments"].size(), 11U);  // in table order, no unsegmented
  EXPECT_EQ(rfm["segments"][0]["name"], "champions");
}

TEST_F(AnalyticsCliTest, RfmCutsAreTheCustomersValues) {
  const auto rfm = crm_json({"report", "rfm"});
  EXPECT_EQ(rfm["cuts"]["recency_ms"], (json{79 * day_ms, 19 * day_ms, 9 * day_ms, 4 * day_ms}));
  EXPECT_EQ(rfm["cuts"]["frequency"], (json{1, 2, 3, 4}));
  EXPECT_EQ(rfm["cuts"]["monetary_minor"], (json{1000, 4000, 6000, 10000}));
  EXPECT_EQ(rfm["score_counts"]["r"], (json{1, 1, 1, 1, 1}));
  EXPECT_EQ(rfm["score_counts"]["f"], (json{1, 1, 1, 1, 1}));
  EXPECT_EQ(rfm["score_counts"]["m"], (json{1, 1, 1, 1, 1}));
}

TEST_F(AnalyticsCliTest, RfmTableShowsSegmentsSharesCutsAndScoreCounts) {
  const auto out = crm_ok({"report", "rfm"});
  EXPECT_NE(out.find("RFM of 5 customers who bought in EUR, as of 2026-03-31 10:00 UTC, 5 scores\n"),
            std::string::npos) << out;
  EXPECT_TRUE(line_of(out, "champions ").ends_with(" 1  20.0%")) << out;
  EXPECT_TRUE(line_of(out, "new ").ends_with(" 0   0.0%")) << out;
  const auto recency = line_of(out, "recency (days)");
  EXPECT_NE(recency.find("79.0"), std::string::npos) << out;
  EXPECT_TRUE(recency.ends_with(" 4.0")) << out;
  EXPECT_TRUE(line_of(out, "monetary").ends_with(" 100.00 EUR")) << out;
  EXPECT_NE(line_of(out, "monetary").find(" 10.00 EUR"), std::string::npos) << out;
  EXPECT_NE(line_of(out, "customers per score").find("1  2  3  4  5"), std::string::npos) << out;
}

TEST_F(AnalyticsCliTest, RfmMeasuresAtTheAsOfTimeGiven) {
  const auto rfm = crm_json({"report", "rfm", "--as-of", "2026-04-30T10:00"});
  EXPECT_EQ(rfm["as_of"], at_day(119));
  EXPECT_EQ(rfm["cuts"]["recency_ms"], (json{109 * day_ms, 49 * day_ms, 39 * day_ms, 34 * day_ms}));
}

TEST_F(AnalyticsCliTest, RfmWithOtherScoresAndNoTableNamesNoSegment) {
  const auto rfm = crm_json({"report", "rfm", "--scores", "3"});
  EXPECT_EQ(rfm["segments"], (json{{{"name", ""}, {"customers", 5}}}));
  EXPECT_EQ(rfm["cuts"]["frequency"], (json{2, 4}));  // ceil(5k/3) - 1 = 1, 3
  const auto out = crm_ok({"report", "rfm", "--scores", "3"});
  EXPECT_TRUE(line_of(out, "(no segment)").ends_with(" 5  100.0%")) << out;
  EXPECT_NE(out.find("no segment table for 3 scores (the default is for 5): give --segments FILE\n"),
            std::string::npos) << out;
}

TEST_F(AnalyticsCliTest, RfmReadsASegmentTableFile) {
  std::ofstream(dir_ / "segments.json") << R"([{"name": "top", "r": [4, 5], "f": [4, 5]},
                                               {"name": "rest", "r": [1, 5], "f": [1, 5]}])";
  const auto rfm = crm_json({"report", "rfm", "--segments", (dir_ / "segments.json").string()});
  EXPECT_EQ(rfm["segments"], (json{{{"name", "top"}, {"customers", 1}}, {{"name", "rest"}, {"customers", 4}}}));
}

TEST_F(AnalyticsCliTest, RfmRefusesABadSegmentTableNamingTheFileAndPlace) {
  const auto file = (dir_ / "bad.json").string();
  std::ofstream(file) << R"([{"name": "top", "r": [4, 6], "f": [4, 5]}])";
  const auto result = crm({"report", "rfm", "--segments", file});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: segments file '" + file + "': rfm segments[0]")) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(AnalyticsCliTest, RefusesAnAsOfBeforeTheLatestPurchase) {
  expect_error({"report", "rfm", "--as-of", "2026-03-01"},
               "crm: error: --as-of: 2026-03-01T00:00:00.000Z is before the latest purchase in EUR "
               "(2026-03-31T10:00:00.000Z); every stored purchase is measured, so measure at or after it\n");
}

// --- report value -------------------------------------------------------------

TEST_F(AnalyticsCliTest, ValueSplitsAtTheMedians) {
  const auto value = crm_json({"report", "value"});
  EXPECT_EQ(value["currency"], "EUR");
  EXPECT_EQ(value["customers"], 5);
  EXPECT_EQ(value["thresholds"]["frequency"], 3.0);               // of 1 2 3 4 5
  EXPECT_EQ(value["thresholds"]["average_spend_minor"], 2000.0);  // of 5 10 20 60 100 EUR
  // High is strictly above: Ada (5, 20) and Bob (4, 10) are frequent, Cyd (3, 100) and Eve (1, 60) spenders.
  EXPECT_EQ(value["quadrants"], json::parse(R"([
      {"quadrant": "best", "customers": 0, "total_minor": 0},
      {"quadrant": "frequent", "customers": 2, "total_minor": 14000},
      {"quadrant": "spender", "customers": 2, "total_minor": 36000},
      {"quadrant": "uncertain", "customers": 1, "total_minor": 1000}])"));
  // Everybody's first purchase is within the default 90 days.
  EXPECT_EQ(value["stages"][0], (json{{"stage", "new"}, {"customers", 5}}));
}

TEST_F(AnalyticsCliTest, ValueTakesThresholdsAndLifecycleRules) {
  const auto value = crm_json({"report", "value", "--frequency-threshold", "2", "--spend-threshold", "15",
                               "--new-within", "30"});
  EXPECT_EQ(value["thresholds"]["average_spend_minor"], 1500.0);
  EXPECT_EQ(value["quadrants"], json::parse(R"([
      {"quadrant": "best", "customers": 2, "total_minor": 40000},
      {"quadrant": "frequent", "customers": 1, "total_minor": 4000},
      {"quadrant": "spender", "customers": 1, "total_minor": 6000},
      {"quadrant": "uncertain", "customers": 1, "total_minor": 1000}])"));
  // Eve is new (4 days); Dee declines (79 days since, against a gap of 9); Bob
  // and Cyd grow (fewer than 5); Ada is mature.
  EXPECT_EQ(value["stages"], json::parse(R"([
      {"stage": "new", "customers": 1}, {"stage": "growing", "customers": 2}, {"stage": "mature", "customers": 1},
      {"stage": "declining", "customers": 1}, {"stage": "churned", "customers": 0}])"));
}

TEST_F(AnalyticsCliTest, ValueTableShowsQuadrantsThresholdsAndStages) {
  const auto out = crm_ok({"report", "value"});
  EXPECT_NE(out.find("value matrix of 5 customers who bought in EUR, as of 2026-03-31 10:00 UTC\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("split at 3 purchases (median) and 20.00 EUR average spend per purchase (median); high is above\n"),
            std::string::npos) << out;
  EXPECT_TRUE(line_of(out, "spender ").ends_with(" 2  40.0%  360.00 EUR")) << out;
  EXPECT_TRUE(line_of(out, "new ").ends_with(" 5  100.0%")) << out;
}

TEST_F(AnalyticsCliTest, ValueRefusesBadLifecycleRulesWithTheLibrarysMessage) {
  const auto result = crm({"report", "value", "--mature-purchases", "1"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: lifecycle options.mature_purchases: must be 2 or more")) << result.err;
}

TEST_F(AnalyticsCliTest, ValueRefusesASpendThresholdWithTooManyDecimals) {
  expect_error({"report", "value", "--spend-threshold", "15.001"},
               "crm: error: amount '15.001': more than 2 decimals for EUR\n");
}

// --- report basket ------------------------------------------------------------

TEST_F(AnalyticsCliTest, BasketFindsTheRulesWithTheirSupportConfidenceAndLift) {
  const auto basket = crm_json({"report", "basket", "--min-support", "0.2"});
  EXPECT_EQ(basket["baskets"], 10);
  EXPECT_EQ(basket["items"], 3);
  EXPECT_EQ(basket["itemsets"], 5);  // TEA, MUG, SCONE, TEA+MUG, TEA+SCONE
  // TEA -> SCONE (2/7) is under the 0.3 confidence; lift ties keep confidence order.
  ASSERT_EQ(basket["rules"].size(), 3U) << basket;
  const auto& best = basket["rules"][0];
  EXPECT_EQ(best["antecedent"], (json{"MUG"}));
  EXPECT_EQ(best["consequent"], (json{"TEA"}));
  EXPECT_EQ(best["baskets"], 3);
  EXPECT_DOUBLE_EQ(best["support"].get<double>(), 0.3);               // 3 / 10
  EXPECT_DOUBLE_EQ(best["confidence"].get<double>(), 0.75);           // 3 / 4
  EXPECT_DOUBLE_EQ(best["lift"].get<double>(), 10.0 * 3 / (4 * 7));  // n count(A u C) / (count(A) count(C))
  EXPECT_EQ(basket["rules"][1]["antecedent"], (json{"TEA"}));
  EXPECT_DOUBLE_EQ(basket["rules"][1]["confidence"].get<double>(), 3.0 / 7);
  EXPECT_EQ(basket["rules"][2]["antecedent"], (json{"SCONE"}));
  EXPECT_DOUBLE_EQ(basket["rules"][2]["lift"].get<double>(), 10.0 * 2 / (4 * 7));
}

TEST_F(AnalyticsCliTest, BasketTableShowsTheRulesAndTheItemsDescriptions) {
  const auto out = crm_ok({"report", "basket", "--min-support", "0.2"});
  EXPECT_NE(out.find("market basket of 10 purchases with line items: 3 distinct SKUs, 5 frequent itemsets\n"),
            std::string::npos) << out;
  const auto rule = line_of(out, "MUG ");
  EXPECT_NE(rule.find(" TEA "), std::string::npos) << out;
  EXPECT_TRUE(rule.ends_with(" 3    30.0%       75.0%  1.07")) << out;
  EXPECT_NE(out.find("Blue mug\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Breakfast tea\n"), std::string::npos) << out;
}

TEST_F(AnalyticsCliTest, BasketWindowIncludesItsLastDay) {
  // Up to 2026-01-31 (day 30, included): Ada 10 and 30, Bob 5, Cyd 20, Dee 1.
  EXPECT_EQ(crm_json({"report", "basket", "--to", "2026-01-31"})["baskets"], 5);
  EXPECT_EQ(crm_json({"report", "basket", "--from", "2026-02-01"})["baskets"], 5);
  EXPECT_EQ(crm_json({"report", "basket", "--from", "2026-01-11", "--to", "2026-01-11"})["baskets"], 1);
}

TEST_F(AnalyticsCliTest, BasketKeepsTheBestRulesAsked) {
  const auto basket = crm_json({"report", "basket", "--min-support", "0.2", "--max-rules", "1"});
  ASSERT_EQ(basket["rules"].size(), 1U);
  EXPECT_EQ(basket["rules"][0]["antecedent"], (json{"MUG"}));
}

TEST_F(AnalyticsCliTest, BasketRefusesBadOptionsAndWindows) {
  expect_error({"report", "basket", "--min-support", "0"},
               "crm: error: basket options.min_support: 0 is outside (0, 1]\n");
  expect_error({"report", "basket", "--from", "2026-02-01", "--to", "2026-01-31"},
               "crm: error: --to 2026-01-31 is before --from 2026-02-01\n");
}

// The issue's shape through the tool: 50 purchases of the same 13 products,
// every itemset up to 16 items, every rule (--max-rules 0). The miner stops
// at its budget of rule candidates, and both the table and --json say so.
class BasketBudgetCliTest : public CliTest {
 protected:
  void SetUp() override {
    crm_ok({"init"});
    Engine engine(std::make_unique<SqliteStore>(db_));
    Customer ada;
    ada.display_name = "Ada";
    const Id id = engine.create(ada).id;
    for (int b = 0; b < 50; ++b) {
      Interaction purchase;
      purchase.customer_id = id;
      purchase.kind = InteractionKind::purchase;
      purchase.occurred_at = from_millis(at_day(b));
      for (int p = 0; p < 13; ++p)
        purchase.items.push_back({.sku = "P" + std::to_string(p), .quantity = 1, .unit_price = Money::of(100, "EUR")});
      engine.create(purchase);
    }
  }
};

TEST_F(BasketBudgetCliTest, IssueShapeStopsAtTheBudgetAndSaysSo) {
  const auto result = crm({"--json", "report", "basket", "--max-itemset", "16", "--max-rules", "0"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto basket = json::parse(result.out);
  EXPECT_EQ(basket["truncated"], true);
  EXPECT_EQ(basket["stopped_by"], "max_rule_candidates");
  EXPECT_EQ(basket["rules"].size(), 10000U);

  const auto table = crm_ok({"report", "basket", "--max-itemset", "16", "--max-rules", "3"});
  EXPECT_NE(table.find("stopped early: the budget of 1000000 rule candidates (--max-rule-candidates) ran out"),
            std::string::npos)
      << table;
}

TEST_F(BasketBudgetCliTest, BudgetsCanBeSetAndAreChecked) {
  const auto few = crm({"--json", "report", "basket", "--max-itemset", "16", "--max-itemsets", "100"});
  ASSERT_EQ(few.exit_code, 0) << few.err;
  EXPECT_EQ(json::parse(few.out)["stopped_by"], "max_itemsets");
  const auto refused = crm({"report", "basket", "--max-rules", "10001"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(refused.err, "crm: error: basket options.max_rules: 10001 is above the cap of 10000 (0 means the cap)\n");
}

// --- segment ------------------------------------------------------------------

TEST_F(AnalyticsCliTest, SegmentListsTheCustomersOfAnRfmSegment) {
  EXPECT_EQ(segment({"--segment", "champions"}), (Strings{"Ada"}));
  EXPECT_EQ(segment({"--segment", "at risk", "--segment", "lost"}), (Strings{"Cyd", "Dee"}));
}

TEST_F(AnalyticsCliTest, SegmentFiltersByScoreRanges) {
  EXPECT_EQ(segment({"--r", "4-5"}), (Strings{"Ada", "Eve"}));
  EXPECT_EQ(segment({"--m", "5"}), (Strings{"Cyd"}));
  EXPECT_EQ(segment({"--r", "1-3", "--f", "2-4"}), (Strings{"Bob", "Cyd", "Dee"}));
}

TEST_F(AnalyticsCliTest, SegmentFiltersByQuadrantAndStage) {
  EXPECT_EQ(segment({"--quadrant", "spender"}), (Strings{"Cyd", "Eve"}));
  EXPECT_EQ(segment({"--quadrant", "best", "--frequency-threshold", "2", "--spend-threshold", "15"}),
            (Strings{"Ada", "Cyd"}));
  EXPECT_EQ(segment({"--stage", "declining", "--new-within", "30"}), (Strings{"Dee"}));
  EXPECT_EQ(segment({"--stage", "growing", "--stage", "mature", "--new-within", "30"}), (Strings{"Ada", "Bob", "Cyd"}));
}

TEST_F(AnalyticsCliTest, SegmentFiltersByPurchasesSpendAndTags) {
  EXPECT_EQ(segment({"--min-purchases", "3"}), (Strings{"Ada", "Bob", "Cyd"}));
  EXPECT_EQ(segment({"--max-purchases", "2"}), (Strings{"Dee", "Eve"}));
  EXPECT_EQ(segment({"--min-total", "50", "--max-total", "100.00"}), (Strings{"Ada", "Eve"}));
  EXPECT_EQ(segment({"--tag", "VIP"}), (Strings{"Ada", "Cyd"}));
  EXPECT_EQ(segment({"--tag", "vip", "--quadrant", "spender"}), (Strings{"Cyd"}));
  EXPECT_EQ(segment({"--last-to", "2026-03-21"}), (Strings{"Cyd", "Dee"}));  // day 79
}

TEST_F(AnalyticsCliTest, SegmentMeasuresAtTheAsOfTimeGiven) {
  // Dee's last purchase is 79 days before the latest one, 109 days before April 30.
  EXPECT_EQ(segment({"--stage", "churned", "--churned-after", "100"}), Strings{});
  EXPECT_EQ(segment({"--stage", "churned", "--churned-after", "100", "--as-of", "2026-04-30T10:00"}), (Strings{"Dee"}));
}

TEST_F(AnalyticsCliTest, SegmentOfAnotherCurrency) {
  EXPECT_EQ(segment({"--currency", "USD"}), (Strings{"Fay"}));
}

TEST_F(AnalyticsCliTest, SegmentPagesWithACursor) {
  const auto first = crm_json({"segment", "--limit", "2"});
  ASSERT_EQ(first["items"].size(), 2U);
  EXPECT_EQ(first["items"][0]["customer_id"].get<long long>(), std::stoll(id("Ada")));
  EXPECT_EQ(first["items"][1]["customer_id"].get<long long>(), std::stoll(id("Bob")));
  ASSERT_NE(first["next_cursor"], "");
  EXPECT_EQ(segment({"--limit", "2", "--cursor", first["next_cursor"]}), (Strings{"Cyd", "Dee"}));
  const auto out = crm_ok({"segment", "--limit", "2"});
  EXPECT_NE(out.find("next page: --cursor " + first["next_cursor"].get<std::string>() + "\n"), std::string::npos)
      << out;
}

TEST_F(AnalyticsCliTest, SegmentAllPagesThroughEverything) {
  const auto all = crm_json({"segment", "--all"});
  EXPECT_EQ(all["items"].size(), 5U);
  EXPECT_EQ(all["next_cursor"], "");
  const auto out = crm_ok({"segment", "--all", "--max-purchases", "4"});
  EXPECT_NE(out.find("\n4 customers\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("next page"), std::string::npos) << out;
}

TEST_F(AnalyticsCliTest, SegmentJsonCarriesTheLibrarysKeys) {
  const auto page = crm_json({"segment", "--segment", "champions"});
  ASSERT_EQ(page["items"].size(), 1U);
  const auto& ada = page["items"][0];
  for (const char* key : {"customer_id", "currency", "purchases", "purchase_days", "total_minor", "first_day_minor",
                          "average_minor", "first_at", "last_at", "r", "f", "m", "segment", "quadrant", "stage"})
    EXPECT_TRUE(ada.contains(key)) << key;
  EXPECT_EQ(ada["total_minor"], 10000);
  EXPECT_EQ((json{ada["r"], ada["f"], ada["m"]}), (json{5, 5, 4}));
  EXPECT_EQ(ada["quadrant"], "frequent");
  EXPECT_EQ(ada["stage"], "new");
}

TEST_F(AnalyticsCliTest, SegmentTableIsACallList) {
  const auto out = crm_ok({"segment", "--tag", "vip"});
  const auto ada = line_of(out, std::string(id("Ada").size() == 1 ? " " : "") + id("Ada") + "  Ada");
  EXPECT_NE(ada.find("  5  100.00 EUR  2026-03-31 10:00  5 5 4  champions  frequent  new"), std::string::npos) << out;
  EXPECT_NE(out.find("  Cyd  "), std::string::npos) << out;
  EXPECT_EQ(crm_ok({"segment", "--segment", "new"}), "no customers\n");
}

TEST_F(AnalyticsCliTest, SegmentRefusesBadScoreRanges) {
  expect_error({"segment", "--r", "5-x"},
               "crm: error: --r '5-x': expected a score or a range of scores LOW-HIGH, like 4-5\n");
  expect_error({"segment", "--f", "4-7"}, "crm: error: segment query.f: [4, 7] is not a range of 1..5\n");
}

TEST_F(AnalyticsCliTest, SegmentRefusesUnknownNames) {
  expect_error({"segment", "--segment", "vips"}, "crm: error: segment query.segments: no RFM segment is named 'vips'\n");
  const auto result = crm({"segment", "--quadrant", "golden"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
  EXPECT_NE(result.err.find("golden"), std::string::npos) << result.err;
}

// --- stats --------------------------------------------------------------------

TEST_F(AnalyticsCliTest, StatsGivesACustomersStatisticsPerCurrency) {
  const auto stats = crm_json({"stats", id("Cyd")});
  ASSERT_EQ(stats.size(), 1U);
  EXPECT_EQ(stats[0]["currency"], "EUR");
  EXPECT_EQ(stats[0]["purchases"], 3);
  EXPECT_EQ(stats[0]["purchase_days"], 3);
  EXPECT_EQ(stats[0]["total_minor"], 30000);
  EXPECT_EQ(stats[0]["first_day_minor"], 10000);
  EXPECT_EQ(stats[0]["first_at"], at_day(20));
  EXPECT_EQ(stats[0]["last_at"], at_day(70));
  EXPECT_DOUBLE_EQ(stats[0]["average_minor"].get<double>(), 10000.0);

  const auto out = crm_ok({"stats", id("Fay")});
  EXPECT_NE(out.find("purchase statistics of customer " + id("Fay") + " (Fay)\n"), std::string::npos) << out;
  EXPECT_EQ(line_of(out, "USD"),
            "USD               1     1  30.00 USD  30.00 USD  30.00 USD  2026-02-20 10:00  2026-02-20 10:00")
      << out;
}

TEST_F(AnalyticsCliTest, StatsOfACustomerWithoutPurchases) {
  EXPECT_EQ(crm_json({"stats", id("Gus")}), json::array());
  EXPECT_EQ(crm_ok({"stats", id("Gus")}), "purchase statistics of customer " + id("Gus") + " (Gus)\nno purchases\n");
}

TEST_F(AnalyticsCliTest, StatsRefusesAnUnknownCustomer) {
  const auto result = crm({"stats", "999"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
  EXPECT_NE(result.err.find("999"), std::string::npos) << result.err;
}

TEST_F(AnalyticsCliTest, StatsRebuildOnAHealthyFileMendsNothing) {
  const auto rebuild = crm_json({"stats", "rebuild"});
  EXPECT_EQ(rebuild, json::parse(R"({"purchases": 16, "stats": 6, "added": 0, "corrected": 0, "removed": 0})"));
  EXPECT_EQ(crm_ok({"stats", "rebuild"}),
            "purchase statistics rebuilt from 16 purchases: 6 (customer, currency) statistics\n"
            "nothing to mend: the stored statistics agreed with the history\n");
}

TEST_F(AnalyticsCliTest, StatsRebuildMendsAMissingStatistic) {
  {
    SqliteStore store(db_);
    const auto stored = store.scan(Scan{.collection = "purchase_stats", .limit = 1}).records;
    ASSERT_EQ(stored.size(), 1U);
    store.erase("purchase_stats", stored[0].id, stored[0].version);
  }
  EXPECT_EQ(crm_ok({"stats", "rebuild"}),
            "purchase statistics rebuilt from 16 purchases: 6 (customer, currency) statistics\n"
            "mended: 1 added, 0 corrected, 0 removed\n");
  EXPECT_EQ(crm_json({"stats", "rebuild"})["added"], 0);
}

TEST_F(AnalyticsCliTest, StatsWithoutACustomerIsAUsageError) {
  const auto result = crm({"stats"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("customer"), std::string::npos) << result.err;
}

// --- errors shared by the reports ---------------------------------------------

TEST_F(AnalyticsCliTest, RefusesAnUnknownCurrency) {
  const auto result = crm({"report", "rfm", "--currency", "XYZ"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
  EXPECT_NE(result.err.find("XYZ"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST_F(AnalyticsCliTest, SaysWhenNobodyBoughtInTheCurrency) {
  for (const char* report : {"rfm", "value", "clv"})
    expect_error({"report", report, "--currency", "JPY"}, "crm: error: no customer has bought in JPY\n");
  expect_error({"segment", "--currency", "JPY"}, "crm: error: no customer has bought in JPY\n");
}

TEST(AnalyticsCliEmptyTest, SaysWhenNobodyBoughtAnything) {
  TempDir dir;
  const auto db = (dir / "crm.db").string();
  ASSERT_EQ(run_crm({"--db", db, "init"}, dir.path()).exit_code, 0);
  for (const char* report : {"rfm", "value", "clv"}) {
    const auto result = run_crm({"--db", db, "report", report}, dir.path());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "crm: error: no customer has bought anything yet\n");
  }
  const auto basket = run_crm({"--db", db, "report", "basket"}, dir.path());
  EXPECT_EQ(basket.exit_code, 0) << basket.err;
  EXPECT_EQ(basket.out,
            "market basket of 0 purchases with line items: 0 distinct SKUs, 0 frequent itemsets\n"
            "min support 1.0%, min confidence 30.0%, itemsets up to 3 items\nno rules\n");
}

TEST_F(AnalyticsCliTest, ClvRefusesAPopulationTooSmallToFit) {
  const auto result = crm({"report", "clv", "--currency", "USD"});  // Fay alone
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
}

// --- report clv ---------------------------------------------------------------

// A CDNOW-style log of `customers` buyers over 39 weeks of 1997 from a
// BG/NBD-like process (each buys at their own weekly rate until they drop
// out), seeded so every run sees the same file. Uses the engine's raw
// output only: std's distributions differ between standard libraries.
std::string synthetic_cdnow(int customers, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const auto u = [&] { return (static_cast<double>(rng()) + 0.5) / 4294967296.0; };
  std::ostringstream out;
  out << "customer_id date number_of_cds dollar_value\n";
  constexpr int end_day = 272;  // 1997-09-30
  for (int c = 1; c <= customers; ++c) {
    const double rate = 0.05 + 0.6 * u() * u();  // purchases per week while alive
    const double drop = 0.1 + 0.5 * u();         // chance to leave after each purchase
    const double spend = 10 + 40 * u();          // their usual dollars per purchase
    double day = std::floor(u() * 84);           // first purchase in the first 12 weeks
    for (;;) {
      using namespace std::chrono;
      const year_month_day ymd{sys_days{year{1997} / 1 / 1} + days{static_cast<int>(day)}};
      char line[64];
      const double dollars = std::round(spend * (0.5 + u()) * 100) / 100;
      std::snprintf(line, sizeof line, " %05d %04d%02u%02u  1   %.2f\n", c, static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), dollars);
      out << line;
      if (u() < drop) break;
      day += std::ceil(-std::log(u()) / rate * 7);
      if (day > end_day) break;
    }
  }
  return out.str();
}

class ClvCliTest : public CliTest {
 protected:
  static void SetUpTestSuite() {
    dir_of_data_ = new TempDir();
    std::ofstream(*dir_of_data_ / "cdnow.txt") << synthetic_cdnow(300, 20260101);
    const auto db = (*dir_of_data_ / "crm.db").string();
    ASSERT_EQ(run_crm({"--db", db, "init"}, dir_of_data_->path()).exit_code, 0);
    const auto imported =
        run_crm({"--db", db, "import", "cdnow", (*dir_of_data_ / "cdnow.txt").string()}, dir_of_data_->path());
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  static void TearDownTestSuite() {
    delete dir_of_data_;
    dir_of_data_ = nullptr;
  }
  void SetUp() override { copy_database(dir_of_data_->path(), dir_.path()); }

  static TempDir* dir_of_data_;
};

TempDir* ClvCliTest::dir_of_data_ = nullptr;

TEST_F(ClvCliTest, FitsBothModelsAndValuesEveryCustomer) {
  const auto clv = json::parse(crm_ok({"--json", "report", "clv"}));
  EXPECT_EQ(clv["currency"], "USD");
  EXPECT_EQ(clv["customers"], 300);
  EXPECT_GT(clv["repeat_customers"].get<int>(), 50);
  EXPECT_EQ(clv["period_days"], 7.0);
  EXPECT_EQ(clv["horizon_periods"], 52);
  for (const char* p : {"r", "alpha", "a", "b"}) EXPECT_GT(clv["bg_nbd"][p].get<double>(), 0) << p;
  for (const char* p : {"p", "q", "gamma_minor"}) EXPECT_GT(clv["gamma_gamma"][p].get<double>(), 0) << p;
  EXPECT_GT(clv["gamma_gamma"]["q"].get<double>(), 1);  // a finite mean spend
  EXPECT_LT(clv["bg_nbd"]["log_likelihood"].get<double>(), 0);
  EXPECT_EQ(clv["bg_nbd"]["customers"], 300);
  EXPECT_TRUE(clv["bg_nbd"]["converged"].get<bool>());
  EXPECT_TRUE(clv["gamma_gamma"]["converged"].get<bool>());
  int banded = 0;
  for (const auto& band : clv["churn_risk_bands"]) banded += band.get<int>();
  EXPECT_EQ(banded, 300);
}

TEST_F(ClvCliTest, ListsTheTopCustomersHighestValueFirst) {
  const auto clv = json::parse(crm_ok({"--json", "report", "clv", "--top", "5"}));
  const auto& top = clv["top"];
  ASSERT_EQ(top.size(), 5U);
  double sum = 0;
  for (std::size_t i = 0; i < top.size(); ++i) {
    const auto& c = top[i];
    EXPECT_GE(c["p_alive"].get<double>(), 0);
    EXPECT_LE(c["p_alive"].get<double>(), 1);
    EXPECT_NEAR(c["churn_risk"].get<double>(), 1 - c["p_alive"].get<double>(), 1e-12);
    EXPECT_GE(c["expected_purchases"].get<double>(), 0);
    EXPECT_GT(c["clv_minor"].get<double>(), 0);
    EXPECT_LE(c["recency"].get<double>(), c["age"].get<double>());
    if (i > 0) {
      EXPECT_GE(top[i - 1]["clv_minor"].get<double>(), c["clv_minor"].get<double>());
    }
    sum += c["clv_minor"].get<double>();
  }
  EXPECT_GT(clv["total_clv_minor"].get<double>(), sum);
}

TEST_F(ClvCliTest, DiscountingAndMarginLowerTheValue) {
  const auto plain = json::parse(crm_ok({"--json", "report", "clv"}));
  const auto lower =
      json::parse(crm_ok({"--json", "report", "clv", "--discount-rate", "0.01", "--margin", "0.5", "--horizon", "26"}));
  EXPECT_EQ(lower["horizon_periods"], 26);
  EXPECT_DOUBLE_EQ(lower["margin"].get<double>(), 0.5);
  EXPECT_LT(lower["total_clv_minor"].get<double>(), plain["total_clv_minor"].get<double>() / 2);
  EXPECT_EQ(lower["bg_nbd"], plain["bg_nbd"]);  // the same fit
}

TEST_F(ClvCliTest, TableShowsTheModelsTheBandsAndTheTopCustomersByName) {
  const auto out = crm_ok({"report", "clv", "--top", "3"});
  EXPECT_NE(out.find("customer lifetime value in USD as of 1997-"), std::string::npos) << out;
  EXPECT_NE(out.find(": 300 customers, "), std::string::npos) << out;
  EXPECT_TRUE(line_of(out, "BG/NBD (purchases)").ends_with("  300  yes")) << out;
  EXPECT_NE(line_of(out, "Gamma-Gamma (spend)").find(" USD "), std::string::npos) << out;
  EXPECT_TRUE(line_of(out, "total CLV over 52 periods: ").ends_with(" USD")) << out;
  EXPECT_NE(out.find("\n80-100%"), std::string::npos) << out;
  EXPECT_NE(out.find("top 3 by CLV"), std::string::npos) << out;
  EXPECT_NE(out.find("CDNOW customer "), std::string::npos) << out;
}

TEST_F(ClvCliTest, RefusesBadOptionsWithTheLibrarysMessages) {
  const auto margin = crm({"report", "clv", "--margin", "1.5"});
  EXPECT_EQ(margin.exit_code, 1);
  EXPECT_TRUE(margin.err.starts_with("crm: error: ")) << margin.err;
  const auto period = crm({"report", "clv", "--period-days", "0"});
  EXPECT_EQ(period.exit_code, 1);
  EXPECT_EQ(period.err, "crm: error: clv report.period: must be positive\n");
  const auto top = crm({"report", "clv", "--top", "1001"});
  EXPECT_EQ(top.exit_code, 1);
  EXPECT_EQ(top.err, "crm: error: clv report.top: 1001 is more than 1000\n");
}

}  // namespace
}  // namespace crm::test
