// SPDX-License-Identifier: Apache-2.0
// What the C++ engine does that the tool once could not: a lead's and a
// deal's interactions, adding a pipeline, and --from-json on update (the
// fields only JSON spells: consents, credit limit, addresses, attributes).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "cli_runner.hpp"

namespace crm::test {
namespace {

using nlohmann::json;

class ParityCliTest : public CliTest {
 protected:
  void SetUp() override { crm_ok({"init"}); }

  static std::vector<long long> item_ids(const std::string& page_json) {
    std::vector<long long> ids;
    const auto page = json::parse(page_json);  // kept: a range-for over a temporary's member would dangle
    for (const auto& item : page.at("items")) ids.push_back(item.at("id").get<long long>());
    return ids;
  }
};

TEST_F(ParityCliTest, ListsALeadsInteractionsNewestFirst) {
  const auto lead = std::to_string(id_of(crm_ok({"--json", "lead", "add", "--name", "Grace Hopper"})));
  const auto call = id_of(crm_ok({"--json", "log", "--lead", lead, "--kind", "call", "--subject", "intro"}));
  const auto visit = id_of(crm_ok({"--json", "log", "--lead", lead, "--kind", "visit", "--subject", "demo"}));
  const auto page = crm_ok({"--json", "lead", "history", lead});
  EXPECT_EQ(item_ids(page), (std::vector<long long>{visit, call})) << page;
  const auto table = crm_ok({"lead", "history", lead});
  EXPECT_LT(table.find("demo"), table.find("intro")) << table;
  expect_refused({"lead", "history", "99"}, "crm: error: lead 99: not found\n");
}

TEST_F(ParityCliTest, ListsADealsInteractions) {
  const auto lead = std::to_string(id_of(crm_ok({"--json", "lead", "add", "--name", "Grace Hopper"})));
  const auto deal = std::to_string(id_of(crm_ok({"--json", "opp", "add", "--name", "Tills", "--stage", "proposal"})));
  (void)crm_ok({"log", "--lead", lead, "--kind", "call"});
  const auto meeting = id_of(crm_ok({"--json", "log", "--lead", lead, "--opportunity", deal, "--kind", "meeting"}));
  EXPECT_EQ(item_ids(crm_ok({"--json", "opp", "interactions", deal})), std::vector<long long>{meeting});
  EXPECT_EQ(crm_ok({"opp", "interactions", deal, "--limit", "1"}).find("next page"), std::string::npos);
}

TEST_F(ParityCliTest, AddsAPipelineFromStagesAndListsIt) {
  const auto shown = crm_ok({"pipeline", "add", "Renewals", "--stage", "Due:20", "--stage", "Quoted:60:commit",
                             "--stage", "Renewed:100:closed"});
  EXPECT_NE(shown.find("pipeline Renewals (id 1)"), std::string::npos) << shown;
  const auto stored = json::parse(crm_ok({"--json", "pipeline", "show", "renewals"}));
  ASSERT_EQ(stored["stages"].size(), 3u);
  EXPECT_EQ(stored["stages"][1], (json{{"name", "Quoted"}, {"probability", 60}, {"category", "commit"}}));
  EXPECT_EQ(stored["stages"][0]["category"], "pipeline");
  const auto listed = crm_ok({"pipeline", "list"});
  EXPECT_NE(listed.find("Renewals"), std::string::npos) << listed;
  EXPECT_NE(listed.find("Due, Quoted, Renewed"), std::string::npos) << listed;
}

TEST_F(ParityCliTest, AddsAPipelineFromJson) {
  const auto stored = json::parse(crm_ok(
      {"--json", "pipeline", "add", "--from-json", R"({"name": "Tenders", "stages": [{"name": "Open", "probability": 5}]})"}));
  EXPECT_EQ(stored["name"], "Tenders");
  EXPECT_EQ(stored["id"], 1);
  expect_refused({"pipeline", "add", "tenders", "--stage", "Open:5"},
                 "crm: error: pipeline.name 'tenders' already belongs to record 1\n");
}

TEST_F(ParityCliTest, RefusesABadStageAndStoresNothing) {
  expect_refused({"pipeline", "add", "X", "--stage", "Qualify"},
                 "crm: error: stage 'Qualify': expected NAME:PROBABILITY[:CATEGORY], like Qualify:10\n");
  expect_refused({"pipeline", "add", "X", "--stage", "Qualify:ten"},
                 "crm: error: stage 'Qualify:ten': the probability is not a whole number\n");
  EXPECT_EQ(json::parse(crm_ok({"--json", "pipeline", "list"}))["items"].size(), 1u);  // the built-in default
}

TEST_F(ParityCliTest, UpdateFromJsonMergesTheGivenFieldsIntoTheStoredCustomer) {
  const auto id = std::to_string(id_of(crm_ok({"--json", "customer", "add", "--name", "Ada", "--tier", "gold",
                                               "--phone", "+44 20 7946 0018"})));
  const auto updated = json::parse(crm_ok(
      {"--json", "customer", "update", id, "--from-json",
       R"({"credit_limit": {"minor": 50000, "currency": "GBP"},
           "consents": {"sms": {"granted": true, "at": 1690000000000, "source": "pos"}},
           "addresses": [{"label": "home", "city": "London", "country": "GB"}],
           "attributes": {"shoe_size": 38}})"}));
  EXPECT_EQ(updated["version"], 2);
  EXPECT_EQ(updated["credit_limit"], (json{{"minor", 50000}, {"currency", "GBP"}}));
  EXPECT_EQ(updated["consents"]["sms"]["granted"], true);
  EXPECT_EQ(updated["addresses"][0]["city"], "London");
  EXPECT_EQ(updated["attributes"]["shoe_size"], 38);
  // The fields it did not name keep their stored values.
  EXPECT_EQ(updated["display_name"], "Ada");
  EXPECT_EQ(updated["tier"], "gold");
  EXPECT_EQ(updated["phones"], json::array({"+442079460018"}));
}

TEST_F(ParityCliTest, UpdateFromJsonReadsStandardInputAndWorksForEveryRecordType) {
  const auto lead = std::to_string(id_of(crm_ok({"--json", "lead", "add", "--name", "Grace"})));
  EXPECT_EQ(json::parse(crm_ok({"--json", "lead", "update", lead, "--from-json", "-"},
                               R"({"attributes": {"budget": 1000}})"))["attributes"]["budget"],
            1000);
  const auto deal = std::to_string(id_of(crm_ok({"--json", "opp", "add", "--name", "Tills", "--stage", "proposal"})));
  EXPECT_EQ(json::parse(crm_ok({"--json", "opp", "update", deal, "--from-json", R"({"owner": "ann"})"}))["owner"],
            "ann");
  const auto task = std::to_string(id_of(crm_ok({"--json", "task", "add", "--subject", "Call"})));
  const auto done = json::parse(crm_ok({"--json", "task", "update", task, "--from-json", R"({"status": "done"})"}));
  EXPECT_EQ(done["status"], "done");
  EXPECT_EQ(done["subject"], "Call");
}

TEST_F(ParityCliTest, UpdateFromJsonRefusesBadInputAndWritesNothing) {
  const auto id = std::to_string(id_of(crm_ok({"--json", "customer", "add", "--name", "Ada"})));
  expect_refused({"customer", "update", id, "--from-json", R"({"version": 7, "tier": "gold"})"},
                 "crm: error: customer " + id + ": version 7 is stale (stored version is 1); reload and retry\n");
  expect_refused({"customer", "update", id, "--from-json", R"({"id": 99})"},
                 "crm: error: --from-json: id 99 is not the record's id " + id + "\n");
  expect_refused({"customer", "update", id, "--from-json", "[1]"},
                 "crm: error: customer JSON: expected an object\n");
  const auto unknown = crm({"customer", "update", id, "--from-json", R"({"colour": "red"})"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("colour"), std::string::npos) << unknown.err;
  const auto both = crm({"customer", "update", id, "--tier", "gold", "--from-json", "{}"});
  EXPECT_NE(both.exit_code, 0);
  EXPECT_NE(both.err.find("--from-json"), std::string::npos) << both.err;
  EXPECT_EQ(json::parse(crm_ok({"--json", "customer", "show", id}))["version"], 1);
}

}  // namespace
}  // namespace crm::test
