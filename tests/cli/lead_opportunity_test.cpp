// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

class DealCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }
};

TEST_F(DealCliTest, AddsShowsAndListsALead) {
  const auto lead = json::parse(crm_ok({"--json", "lead", "add", "--given", "Björn", "--family", "Müller", "--company",
                                        "Müller GmbH", "--email", "Bjoern@Example.DE", "--phone", "+49 30 123456",
                                        "--status", "working", "--score", "70"}));
  EXPECT_EQ(lead["display_name"], "Björn Müller");
  EXPECT_EQ(lead["email"], "bjoern@example.de");
  EXPECT_EQ(lead["phone"], "+4930123456");
  const auto id = std::to_string(lead["id"].get<long long>());
  EXPECT_NE(crm_ok({"lead", "show", id}).find("company       Müller GmbH\n"), std::string::npos);
  const auto listed = crm_ok({"lead", "list", "--status", "working"});
  EXPECT_NE(listed.find("Björn Müller  Müller GmbH  bjoern@example.de  working     70"), std::string::npos) << listed;
  EXPECT_EQ(crm_ok({"lead", "list", "--status", "qualified"}), "no leads\n");
}

TEST_F(DealCliTest, RefusesALeadScoreOutOfRangeAndWritesNothing) {
  expect_refused({"lead", "add", "--name", "Ada", "--score", "101"},
                 "crm: error: lead.score: 101 is outside 0..100\n");
}

TEST_F(DealCliTest, AnIllegalLeadTransitionPrintsTheEnginesMessageAndWritesNothing) {
  const auto id = std::to_string(id_of(crm_ok({"--json", "lead", "add", "--name", "Ada", "--status", "new"})));
  expect_refused({"lead", "update", id, "--status", "qualified"},
                 "crm: error: lead " + id +
                     ": cannot go from new to qualified (new -> working -> qualified | disqualified; qualified -> "
                     "converted)\n");
  EXPECT_EQ(json::parse(crm_ok({"--json", "lead", "update", id, "--status", "working"}))["status"], "working");
}

TEST_F(DealCliTest, AddsAnOpportunityWithAmountAndCloseDay) {
  const auto customer = std::to_string(id_of(crm_ok({"--json", "customer", "add", "--name", "Acme Ltd", "--kind",
                                                      "organisation"})));
  const auto deal = json::parse(crm_ok({"--json", "opp", "add", "--name", "Tea supply", "--customer", customer,
                                        "--stage", "proposal", "--amount", "12000.50", "--currency", "EUR",
                                        "--close", "2026-12-31", "--probability", "50"}));
  EXPECT_EQ(deal["amount"], (json{{"minor", 1200050}, {"currency", "EUR"}}));
  EXPECT_EQ(deal["expected_close"], 1798675200000);  // 2026-12-31T00:00:00Z
  EXPECT_EQ(deal["pipeline"], "default");
  const auto shown = crm_ok({"opp", "show", std::to_string(deal["id"].get<long long>())});
  EXPECT_NE(shown.find("amount          12000.50 EUR\n"), std::string::npos) << shown;
  EXPECT_NE(shown.find("expected_close  2026-12-31T00:00:00.000Z\n"), std::string::npos) << shown;
  const auto listed = crm_ok({"opp", "list", "--customer", customer});
  EXPECT_NE(listed.find("Tea supply"), std::string::npos) << listed;
  EXPECT_NE(listed.find("12000.50 EUR   50%  open"), std::string::npos) << listed;
}

TEST_F(DealCliTest, RefusesALostDealWithoutAReasonAndWritesNothing) {
  expect_refused({"opp", "add", "--name", "Tea", "--stage", "closed", "--status", "lost"},
                 "crm: error: opportunity.lost_reason: required when the deal is lost\n");
}

TEST_F(DealCliTest, RefusesAnImpossibleCloseDay) {
  expect_refused({"opp", "add", "--name", "Tea", "--stage", "proposal", "--close", "2026-02-30"},
                 "crm: error: date '2026-02-30': expected a day as YYYY-MM-DD, like 2026-12-31\n");
}

TEST_F(DealCliTest, UpdateMovesADealToAnotherStage) {
  const auto id = std::to_string(id_of(crm_ok({"--json", "opp", "add", "--name", "Tea", "--stage", "proposal",
                                               "--amount", "100"})));
  const auto deal = json::parse(crm_ok({"--json", "opp", "update", id, "--stage", "negotiation", "--amount", "120"}));
  EXPECT_EQ(deal["stage"], "Negotiation");  // spelled as the pipeline does
  EXPECT_EQ(deal["amount"], (json{{"minor", 12000}, {"currency", "GBP"}}));
}

}  // namespace
}  // namespace crm::test
