// SPDX-License-Identifier: Apache-2.0
// crm opp move | win | lose | history, and crm pipeline list | show.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;


class DealMoveCliTest : public CliTest {
 protected:
  void SetUp() override {
    crm_ok({"init"});
    id_ = std::to_string(
        id_of(crm_ok({"--json", "opp", "add", "--name", "Tea supply", "--stage", "prospecting", "--amount", "100"})));
  }

  json deal(std::vector<std::string> command) const {
    command.insert(command.begin(), "--json");
    return json::parse(crm_ok(command));
  }

  std::string id_;
};

TEST_F(DealMoveCliTest, MovePutsTheDealInTheStageWithItsProbability) {
  const auto moved = deal({"opp", "move", id_, "proposal", "--by", "ann"});
  EXPECT_EQ(moved["stage"], "Proposal");
  EXPECT_EQ(moved["probability"], 60);
  EXPECT_EQ(moved["version"], 2);
}

TEST_F(DealMoveCliTest, WinClosesTheDeal) {
  const auto won = deal({"opp", "win", id_});
  EXPECT_EQ(won["status"], "won");
  EXPECT_EQ(won["probability"], 100);
  EXPECT_NE(won["closed_at"], nullptr);
}

TEST_F(DealMoveCliTest, LoseClosesTheDealWithTheReason) {
  const auto lost = deal({"opp", "lose", id_, "--reason", "went with a rival"});
  EXPECT_EQ(lost["status"], "lost");
  EXPECT_EQ(lost["lost_reason"], "went with a rival");
  EXPECT_EQ(lost["probability"], 0);
}

TEST_F(DealMoveCliTest, LoseWithoutAReasonIsAUsageError) {
  const auto result = crm({"opp", "lose", id_});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "crm: error: --reason is required (see: crm opp lose --help)\n");
}

TEST_F(DealMoveCliTest, AClosedDealCannotBeMovedAndNothingIsWritten) {
  deal({"opp", "win", id_});
  expect_refused({"opp", "move", id_, "demo"},
                 "crm: error: opportunity " + id_ + ": cannot move a deal that is already won\n");
  expect_refused({"opp", "lose", id_, "--reason", "late"},
                 "crm: error: opportunity " + id_ + ": cannot lose a deal that is already won\n");
}

TEST_F(DealMoveCliTest, AStageTheDealsPipelineLacksIsRefused) {
  expect_refused({"opp", "move", id_, "Nowhere"},
                 "crm: error: opportunity.stage: 'Nowhere' is not a stage of pipeline 'default' (Prospecting, "
                 "Qualification, Needs analysis, Demo, Proposal, Negotiation, Contract)\n");
}

TEST_F(DealMoveCliTest, HistoryListsEveryChangeOldestFirstWithWhoMadeIt) {
  deal({"opp", "move", id_, "demo", "--by", "ann"});
  deal({"opp", "win", id_, "--by", "bob"});
  const auto items = deal({"opp", "history", id_})["items"];
  ASSERT_EQ(items.size(), 3U) << items;
  const auto step = [](const json& e) {
    return json{{"from", e["from_stage"]}, {"to", e["to_stage"]}, {"status", e["status"]}, {"by", e["by"]},
                {"probability", e["probability"]}};
  };
  EXPECT_EQ(step(items[0]), (json{{"from", ""}, {"to", "Prospecting"}, {"status", "open"}, {"by", ""}, {"probability", 10}}));
  EXPECT_EQ(step(items[1]), (json{{"from", "Prospecting"}, {"to", "Demo"}, {"status", "open"}, {"by", "ann"}, {"probability", 40}}));
  EXPECT_EQ(step(items[2]), (json{{"from", "Demo"}, {"to", "Demo"}, {"status", "won"}, {"by", "bob"}, {"probability", 100}}));
  EXPECT_EQ(items[2]["amount"], (json{{"minor", 10000}, {"currency", "GBP"}}));
  EXPECT_LE(items[0]["at"], items[2]["at"]);

  const auto table = crm_ok({"opp", "history", id_});
  EXPECT_TRUE(table.starts_with("when (UTC)        from         to           status      amount  prob  owner  by\n")) << table;
  EXPECT_TRUE(contains(table, "  Prospecting  Demo         open    100.00 GBP   40%         ann\n")) << table;
  EXPECT_TRUE(contains(table, "  Demo         Demo         won     100.00 GBP  100%         bob\n")) << table;
}

TEST_F(DealMoveCliTest, HistoryOfAnUnknownDealIsAnError) {
  const auto result = crm({"opp", "history", "999"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.err.starts_with("crm: error: ")) << result.err;
}

TEST_F(CliTest, PipelineShowListsStagesWithProbabilityAndCategory) {
  crm_ok({"init"});
  EXPECT_EQ(crm_ok({"pipeline", "show", "DEFAULT"}),
            "pipeline default (built in)\n"
            "#  stage           probability  category\n"
            "1  Prospecting             10%  pipeline\n"
            "2  Qualification           20%  pipeline\n"
            "3  Needs analysis          30%  pipeline\n"
            "4  Demo                    40%  best_case\n"
            "5  Proposal                60%  best_case\n"
            "6  Negotiation             75%  commit\n"
            "7  Contract                90%  commit\n");
  const auto p = json::parse(crm_ok({"--json", "pipeline", "show", "default"}));
  EXPECT_EQ(p["stages"][5], (json{{"name", "Negotiation"}, {"probability", 75}, {"category", "commit"}}));
}

TEST_F(CliTest, PipelineListShowsTheBuiltInDefaultAndEveryStoredPipeline) {
  crm_ok({"init"});
  EXPECT_EQ(crm_ok({"pipeline", "list"}),
            "name     stages  stored    stage names\n"
            "default       7  built in  Prospecting, Qualification, Needs analysis, Demo, Proposal, Negotiation, "
            "Contract\n");
  ASSERT_EQ(crm({"import", "sales", std::string(CRM_CLI_TEST_DATA) + "/sales"}).exit_code, 0);
  // The built-in default first (none named "default" is stored), then the stored ones in id order.
  EXPECT_EQ(crm_ok({"pipeline", "list"}),
            "name     stages  stored    stage names\n"
            "default       7  built in  Prospecting, Qualification, Needs analysis, Demo, Proposal, Negotiation, "
            "Contract\n"
            "sales         2  yes       Prospecting, Engaging\n");
  const auto listed = json::parse(crm_ok({"--json", "pipeline", "list"}));
  ASSERT_EQ(listed["items"].size(), 2U) << listed;
  EXPECT_EQ(listed["items"][0]["name"], "default");
  EXPECT_EQ(listed["items"][0]["id"], 0);
  EXPECT_EQ(listed["items"][1]["name"], "sales");
  EXPECT_NE(listed["items"][1]["id"], 0);
  EXPECT_EQ(crm_ok({"pipeline", "show", "sales"}),
            "pipeline sales\n"
            "#  stage        probability  category\n"
            "1  Prospecting          10%  pipeline\n"
            "2  Engaging             50%  best_case\n");
}

TEST_F(CliTest, PipelineShowOfAnUnknownPipelineIsAnError) {
  crm_ok({"init"});
  expect_refused({"pipeline", "show", "nope"}, "crm: error: no pipeline named 'nope'\n");
}

}  // namespace
}  // namespace crm::test
