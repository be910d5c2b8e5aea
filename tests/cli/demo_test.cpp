// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

// Small, so the suite stays fast; the default of 5000 is timed by hand.
const std::string small = "60";


// 0 while the file does not exist.
std::uintmax_t size_of(const std::filesystem::path& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : size;
}

class DemoCliTest : public CliTest {
 protected:
  // The demo's standard output, after checking that it succeeded; its
  // progress bars go to stderr.
  std::string demo(std::vector<std::string> options) {
    options.insert(options.begin(), {"demo", "--customers", small});
    const auto result = crm(options);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }
};

TEST_F(DemoCliTest, LoadsTheDataAndWalksThroughADayAtTheTill) {
  const auto result = crm({"demo", "--customers", small});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto& out = result.out;
  EXPECT_TRUE(out.starts_with("Loaded 60 customers (1 organisation), ")) << out;
  // The three spellings of one number find the same customer.
  for (const char* typed : {"'020 7946 0018'   ", "'+44 20 7946 0018'", "'0044 20 7946 0018'"})
    EXPECT_TRUE(contains(out, std::string(typed))) << typed;
  std::size_t found = 0;
  for (std::size_t at = 0; (at = out.find("#1  Ada Lovelace  +442079460018", at)) != std::string::npos; ++at) ++found;
  EXPECT_EQ(found, 3U) << out;
  EXPECT_TRUE(contains(out, "17.99 GBP (the items' total)")) << out;
  EXPECT_TRUE(contains(out, "张伟")) << out;
  EXPECT_TRUE(contains(out, "crm: error: customer.phones[0]: phone '12ab': not a number")) << out;
  EXPECT_TRUE(contains(out, "crm: error: customer.phone '+442079460018' already belongs to record 1")) << out;
  EXPECT_TRUE(contains(out, "still 60 customers (60 before the two refusals)")) << out;
  // The progress bars end on stderr, one line per phase, and nothing else is there.
  EXPECT_TRUE(contains(result.err, "loading customers      [##############################] 60/60\n")) << result.err;
  EXPECT_FALSE(contains(result.err, "error")) << result.err;
}

TEST_F(DemoCliTest, HistoryShowsThePurchaseJustLoggedFirst) {
  const auto out = demo({});
  const auto history = out.substr(out.find("3. Her history, newest first:"));
  const auto header = history.find("when (UTC)");
  const auto till = history.find("Till 2");
  ASSERT_NE(till, std::string::npos) << history;
  EXPECT_EQ(history.find("purchase", header), history.find("purchase  Till 2", header)) << history;
}

TEST_F(DemoCliTest, OnAFileThatHoldsItAlreadyDoesNotLoadAgain) {
  demo({});
  const auto again = crm({"demo", "--customers", small});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(again.out.starts_with(db_.string() + " already holds the demo data (60 customers): not loading it again."))
      << again.out;
  EXPECT_EQ(json::parse(crm_ok({"--json", "init"}))["counts"]["customers"], 60);
}

TEST_F(DemoCliTest, DataIsMultilingualWithValidContacts) {
  demo({});
  const auto page = json::parse(crm_ok({"--json", "customer", "list", "--limit", "100"}));
  ASSERT_EQ(page["items"].size(), 60U);
  std::set<std::string> languages, regions, phones;
  std::size_t members = 0;
  for (const auto& c : page["items"]) {
    languages.insert(c["attributes"]["preferred_language"].get<std::string>());
    for (const auto& phone : c["phones"]) {
      EXPECT_TRUE(phone.get<std::string>().starts_with("+")) << phone;
      phones.insert(phone.get<std::string>().substr(0, 3));
    }
    if (c["organisation_id"] != 0) ++members;
  }
  EXPECT_GE(languages.size(), 5U);
  EXPECT_GE(phones.size(), 4U) << "phones of several regions";
  EXPECT_GE(members, 1U) << "some people belong to an organisation";
  const auto info = json::parse(crm_ok({"--json", "init"}));
  EXPECT_GT(info["counts"]["interactions"], 60);
  EXPECT_GT(info["counts"]["leads"], 0);
  EXPECT_GT(info["counts"]["opportunities"], 0);
}

TEST_F(DemoCliTest, IsDeterministicForASeed) {
  const auto names = [&](const std::filesystem::path& db) {
    const auto r = run_crm({"--db", db.string(), "--json", "demo", "--customers", small, "--seed", "7"}, dir_.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto page = run_crm({"--db", db.string(), "--json", "customer", "list", "--limit", "100"}, dir_.path());
    const auto listed = json::parse(page.out);
    std::vector<std::string> out;
    for (const auto& c : listed["items"])
      out.push_back(c["display_name"].get<std::string>() + " " + c["phones"].dump() + " " + c["emails"].dump());
    return out;
  };
  const auto first = names(dir_ / "a.db");
  EXPECT_EQ(first.size(), 60U);
  EXPECT_EQ(first, names(dir_ / "b.db"));
}

TEST_F(DemoCliTest, WithJsonPrintsASummary) {
  const auto summary = json::parse(demo({"--json"}));
  EXPECT_EQ(summary["loaded"], true);
  EXPECT_EQ(summary["customers"], 60);
}

TEST_F(DemoCliTest, KilledWhileLoadingLeavesNothingBehind) {
  const pid_t pid = start_crm({"--db", db_.string(), "demo", "--customers", "200000"}, dir_.path());
  ASSERT_GT(pid, 0);
  // Wait until the load has written a good part of its transaction, then kill it.
  const auto wal = std::filesystem::path(db_.string() + "-wal");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline && size_of(wal) < (2U << 20))
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_GE(size_of(wal), 2U << 20) << "the load never got going";
  kill(pid, SIGKILL);
  EXPECT_EQ(wait_crm(pid, dir_.path()).exit_code, -1);

  const auto info = json::parse(crm_ok({"--json", "init"}));
  EXPECT_EQ(info["counts"]["customers"], 0);
  EXPECT_EQ(info["counts"]["interactions"], 0);
}

}  // namespace
}  // namespace crm::test
