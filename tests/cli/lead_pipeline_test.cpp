// SPDX-License-Identifier: Apache-2.0
// crm lead add --duplicates, lead duplicates, convert, assign and score,
// through the real binary.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

class LeadPipelineCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }

  // Adds a lead without the duplicate check; returns its id.
  std::string add_lead(std::vector<std::string> options) const {
    options.insert(options.begin(), {"--json", "lead", "add", "--duplicates", "allow"});
    return std::to_string(id_of(crm_ok(options)));
  }

  std::string write_file(const std::string& name, const std::string& text) const {
    const auto path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
};

// --- lead add --duplicates ---------------------------------------------------

TEST_F(LeadPipelineCliTest, AddWarnsAboutDuplicatesOnStderrByDefaultAndStoresTheLead) {
  const auto first = add_lead({"--name", "Ada Lovelace", "--email", "ada@example.com"});
  const auto result = crm({"--json", "lead", "add", "--name", "Ada Byron", "--email", "ADA@example.com"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  const auto stored = json::parse(result.out);
  const auto second = std::to_string(stored["id"].get<long long>());
  EXPECT_EQ(result.err, "crm: warning: lead " + second + " 'Ada Byron' may duplicate:\n"
                        "kind  id  name          score  why\n"
                        "lead   " + first + "  Ada Lovelace   1.00  email exact\n");
  EXPECT_EQ(crm_ok({"--json", "lead", "show", second}), result.out);
}

TEST_F(LeadPipelineCliTest, AddUnderRefuseExitsOneNamingTheCandidateAndWritesNothing) {
  const auto first = add_lead({"--name", "Ada Lovelace", "--phone", "+44 20 7946 0000"});
  expect_refused({"lead", "add", "--name", "A. Lovelace", "--phone", "020 7946 0000", "--duplicates", "refuse"},
                 "crm: error: lead 'A. Lovelace': looks like a duplicate of lead " + first +
                     " 'Ada Lovelace' (score 1.00; phone exact)\n");
}

TEST_F(LeadPipelineCliTest, AddUnderAllowSaysNothing) {
  add_lead({"--name", "Ada Lovelace", "--email", "ada@example.com"});
  const auto result = crm({"lead", "add", "--name", "Ada Lovelace", "--email", "ada@example.com", "--duplicates",
                           "allow"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "");
}

TEST_F(LeadPipelineCliTest, AddRefusesAnUnknownPolicy) {
  expect_refused({"lead", "add", "--name", "Ada", "--duplicates", "maybe"},
                 "crm: error: unknown duplicate policy 'maybe' (expected one of: refuse, warn, allow)\n");
}

// --- lead duplicates ---------------------------------------------------------

TEST_F(LeadPipelineCliTest, DuplicatesListsTheLeadsAndCustomersOneLeadResembles) {
  const auto customer = std::to_string(
      id_of(crm_ok({"--json", "customer", "add", "--name", "Grace Hopper", "--email", "grace@navy.mil"})));
  const auto twin = add_lead({"--given", "Grace", "--family", "Hopper", "--company", "Navy"});
  const auto lead = add_lead({"--given", "Grace", "--family", "Hopper", "--email", "grace@navy.mil"});
  add_lead({"--name", "Alan Turing"});

  const auto listed = crm_ok({"lead", "duplicates", lead});
  // Equal scores: leads before customers.
  EXPECT_EQ(listed, "kind      id  name          score  why\n"
                    "lead       " + twin + "  Grace Hopper   1.00  person-name initials 1.00\n"
                    "customer   " + customer + "  Grace Hopper   1.00  email exact\n")
      << listed;

  const auto out = json::parse(crm_ok({"--json", "lead", "duplicates", lead}));
  ASSERT_EQ(out["duplicates"].size(), 2U);
  EXPECT_EQ(out["duplicates"][1]["kind"], "customer");
  EXPECT_EQ(out["duplicates"][1]["reasons"], (json{{{"field", "email"}, {"method", "exact"}, {"similarity", 1.0}}}));
  EXPECT_EQ(crm_ok({"lead", "duplicates", add_lead({"--name", "Zoe Quinn"})}),
            "no duplicates of lead " + std::to_string(std::stoll(lead) + 2) + "\n");
}

TEST_F(LeadPipelineCliTest, ScanListsEveryPairOnce) {
  EXPECT_EQ(crm_ok({"lead", "duplicates", "--scan"}), "no duplicates\n");
  const auto a = add_lead({"--name", "Ada Lovelace", "--email", "ada@example.com"});
  const auto b = add_lead({"--name", "Ada Lovelace", "--email", "ada@example.com"});
  add_lead({"--name", "Alan Turing"});
  const auto out = json::parse(crm_ok({"--json", "lead", "duplicates", "--scan"}));
  ASSERT_EQ(out["pairs"].size(), 1U) << out.dump();
  EXPECT_EQ(std::to_string(out["pairs"][0]["lead_id"].get<long long>()), a);
  EXPECT_EQ(std::to_string(out["pairs"][0]["duplicate"]["id"].get<long long>()), b);
  const auto table = crm_ok({"lead", "duplicates", "--scan"});
  EXPECT_NE(table.find(a + "  lead   " + b + "  Ada Lovelace   1.00  email exact"), std::string::npos) << table;
}

TEST_F(LeadPipelineCliTest, DuplicatesRefusesAnUnknownLeadAndNeedsAnIdOrScan) {
  expect_refused({"lead", "duplicates", "42"}, "crm: error: lead 42: not found\n");
  const auto result = crm({"lead", "duplicates"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("a lead id or --scan is required"), std::string::npos) << result.err;
}

// --- lead convert ------------------------------------------------------------

TEST_F(LeadPipelineCliTest, ConvertCreatesCustomerOrganisationAndDealAndMovesInteractions) {
  const auto lead = add_lead({"--given", "Björn", "--family", "Müller", "--company", "Müller GmbH", "--email",
                              "bjoern@example.de", "--status", "working", "--owner", "alice"});
  crm_ok({"log", "--lead", lead, "--subject", "First call"});
  crm_ok({"log", "--lead", lead, "--subject", "Second call"});
  crm_ok({"lead", "update", lead, "--status", "qualified"});

  const auto out = crm_ok({"lead", "convert", lead, "--organisation", "--deal", "Tea supply", "--stage", "proposal",
                           "--amount", "1200", "--currency", "EUR"});
  EXPECT_NE(out.find("lead                " + lead + " Björn Müller (converted)\n"), std::string::npos) << out;
  EXPECT_NE(out.find(" Björn Müller (created)\n"), std::string::npos) << out;
  EXPECT_NE(out.find(" Müller GmbH (created)\n"), std::string::npos) << out;
  EXPECT_NE(out.find(" Tea supply, Proposal, 1200.00 EUR (created)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("interactions moved  2\n"), std::string::npos) << out;

  const auto stored = json::parse(crm_ok({"--json", "lead", "show", lead}));
  EXPECT_EQ(stored["status"], "converted");
  const auto customer = std::to_string(stored["converted_customer_id"].get<long long>());
  const auto person = json::parse(crm_ok({"--json", "customer", "show", customer}));
  EXPECT_NE(person["organisation_id"], 0);
  const auto deals = json::parse(crm_ok({"--json", "opp", "list", "--customer",
                                         std::to_string(person["organisation_id"].get<long long>())}));
  ASSERT_EQ(deals["items"].size(), 1U);
  EXPECT_EQ(deals["items"][0]["owner"], "alice");

  // A second lead of the same company reuses the organisation.
  const auto second = add_lead({"--given", "Anna", "--family", "Schmidt", "--company", "müller gmbh", "--status",
                                "working"});
  crm_ok({"lead", "update", second, "--status", "qualified"});
  const auto again = json::parse(crm_ok({"--json", "lead", "convert", second, "--organisation"}));
  EXPECT_EQ(again["organisation_created"], false);
  EXPECT_EQ(again["customer_created"], true);
  EXPECT_EQ(again["organisation"]["id"], person["organisation_id"]);
  EXPECT_EQ(again["interactions_moved"], 0);
  EXPECT_TRUE(again["opportunity"].is_null());
}

TEST_F(LeadPipelineCliTest, ConvertAttachesToTheCustomerGiven) {
  const auto customer = std::to_string(id_of(crm_ok({"--json", "customer", "add", "--name", "Zed Ltd"})));
  const auto lead = add_lead({"--name", "Ada Lovelace", "--status", "working"});
  crm_ok({"lead", "update", lead, "--status", "qualified"});
  const auto out = json::parse(crm_ok({"--json", "lead", "convert", lead, "--customer", customer}));
  EXPECT_EQ(std::to_string(out["customer"]["id"].get<long long>()), customer);
  EXPECT_EQ(out["customer_created"], false);
  EXPECT_EQ(out["lead"]["status"], "converted");
}

TEST_F(LeadPipelineCliTest, ConvertRefusesALeadThatIsNotQualifiedAndWritesNothing) {
  const auto lead = add_lead({"--name", "Ada Lovelace", "--company", "Analytical Ltd"});
  expect_refused({"lead", "convert", lead, "--organisation", "--deal", "Engine", "--stage", "proposal"},
                 "crm: error: lead " + lead + ": only a qualified lead converts (it is new)\n");
}

// --- lead assign ---------------------------------------------------------------

TEST_F(LeadPipelineCliTest, AssignPicksTheOwnerByTheRulesAndRecordsIt) {
  const auto rules = write_file("rules.json", R"({"rules": [
    {"name": "emea", "territory": "EMEA", "strategy": "round_robin",
     "team": [{"name": "alice"}, {"name": "bob"}]},
    {"name": "retail", "industry": "retail", "strategy": "fixed_owner", "owner": "carol"}]})");
  const auto first = add_lead({"--name", "Ada", "--territory", "emea"});
  const auto second = add_lead({"--name", "Bea", "--territory", "EMEA"});
  const auto shop = add_lead({"--name", "Cy", "--industry", "Retail"});
  const auto other = add_lead({"--name", "Di", "--industry", "mining"});

  EXPECT_EQ(crm_ok({"lead", "assign", first, "--rules", rules}),
            "lead " + first + " 'Ada': owner alice (rule 'emea', round_robin)\n");
  EXPECT_EQ(crm_ok({"lead", "assign", second, "--rules", rules}),
            "lead " + second + " 'Bea': owner bob (rule 'emea', round_robin)\n");
  EXPECT_EQ(json::parse(crm_ok({"--json", "lead", "assign", shop, "--rules", rules})),
            (json{{"lead_id", std::stoll(shop)}, {"assigned", true}, {"owner", "carol"}, {"rule", "retail"},
                  {"strategy", "fixed_owner"}}));
  EXPECT_EQ(crm_ok({"lead", "assign", other, "--rules", rules}),
            "lead " + other + " 'Di': no rule matches; owner unchanged\n");

  const auto stored = json::parse(crm_ok({"--json", "lead", "show", second}));
  EXPECT_EQ(stored["owner"], "bob");
  EXPECT_EQ(stored["assignment_rule"], "emea");
}

TEST_F(LeadPipelineCliTest, AssignRefusesARulesFileWithAnUnknownKey) {
  const auto lead = add_lead({"--name", "Ada", "--territory", "EMEA"});
  const auto rules = write_file("rules.json", R"({"rules": [{"name": "emea", "teritory": "EMEA", "owner": "alice"}]})");
  expect_refused({"lead", "assign", lead, "--rules", rules},
                 "crm: error: rules file '" + rules +
                     "': rules[0]: unknown key 'teritory' (known: name, territory, industry, source, strategy, owner, "
                     "team)\n");
  const auto team = write_file("team.json", R"({"rules": [{"name": "emea", "strategy": "load_balanced",
      "team": [{"name": "alice", "capcity": 3}]}]})");
  expect_refused({"lead", "assign", lead, "--rules", team},
                 "crm: error: rules file '" + team +
                     "': rules[0].team[0]: unknown key 'capcity' (known: name, capacity)\n");
  const auto strategy = write_file("strategy.json", R"({"rules": [{"name": "emea", "strategy": "random"}]})");
  expect_refused({"lead", "assign", lead, "--rules", strategy},
                 "crm: error: rules file '" + strategy +
                     "': rules[0].strategy: unknown assignment strategy 'random' (expected one of: fixed_owner, "
                     "round_robin, load_balanced)\n");
}

// --- lead score ----------------------------------------------------------------

TEST_F(LeadPipelineCliTest, ScoreSaysNotTrainedBeforeAnyLeadIsClosed) {
  const auto lead = add_lead({"--name", "Ada", "--source", "web"});
  EXPECT_EQ(crm_ok({"lead", "score", lead}), "lead " + lead + " 'Ada': not trained yet (no closed leads)\n");
  EXPECT_EQ(json::parse(crm_ok({"--json", "lead", "score", lead}))["trained"], false);
}

TEST_F(LeadPipelineCliTest, ScorePrintsTheProbabilityAndTheContributions) {
  // Five won leads from the web, five lost from fairs: names far apart, so no conversion is refused as similar.
  for (const char* name : {"Alice", "Bob", "Carol", "Dave", "Erin"}) {
    const auto id = add_lead({"--name", name, "--source", "web", "--status", "qualified"});
    crm_ok({"lead", "convert", id});
  }
  for (const char* name : {"Frank", "Grace", "Heidi", "Ivan", "Judy"})
    add_lead({"--name", name, "--source", "fair", "--status", "disqualified", "--reason", "no budget"});
  const auto lead = add_lead({"--name", "Zed", "--source", "Web"});

  // prior 1/2; P(web|won) = 5.1/5.2, P(web|lost) = 0.1/5.2: weight ln 51 = 3.93, probability 51/52.
  EXPECT_EQ(crm_ok({"lead", "score", lead}),
            "lead " + lead + " 'Zed': 98% likely to convert (probability 0.9808; from 5 won, 5 lost)\n"
                             "source=web  +3.93\n");
  const auto out = json::parse(crm_ok({"--json", "lead", "score", lead}));
  EXPECT_EQ(out["percent"], 98);
  EXPECT_EQ(out["contributions"][0]["field"], "source");
  EXPECT_NEAR(out["contributions"][0]["weight"].get<double>(), 3.9318, 1e-4);
  // Below --min-count a value does not count.
  EXPECT_NE(crm_ok({"lead", "score", lead, "--min-count", "6"}).find("50% likely"), std::string::npos);
}

TEST_F(LeadPipelineCliTest, ScoreRefusesAnUnknownLead) {
  expect_refused({"lead", "score", "42"}, "crm: error: lead 42: not found\n");
}

}  // namespace
}  // namespace crm::test
