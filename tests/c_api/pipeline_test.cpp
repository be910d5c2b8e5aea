// SPDX-License-Identifier: Apache-2.0
// The C API's pipeline calls: deal moves and their history, pipelines as
// JSON, lead conversion, duplicates and the reports. Results are read back
// with nlohmann-json, as a host would parse them.
#include <nlohmann/json.hpp>

#include <string>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;

// A window that holds every event a test makes: the engine runs on the system clock.
constexpr const char* always = R"("window": {"from": 0, "to": 4102444800000})";

// Takes ownership of a returned string and parses it.
class CApiPipelineTest : public CApiTest {
 protected:
  Opportunity add_deal(const std::string& name, const std::string& stage, long long minor) {
    const std::string text = R"({"name": ")" + name + R"(", "stage": ")" + stage +
                             R"(", "amount": {"minor": )" + std::to_string(minor) + R"(, "currency": "EUR"}})";
    crm_opportunity* raw = nullptr;
    EXPECT_EQ(crm_opportunity_from_json(text.c_str(), &raw), CRM_OK) << message();
    Opportunity deal(raw);
    EXPECT_EQ(crm_opportunity_create(engine.get(), raw), CRM_OK) << message();
    return deal;
  }

  Opportunity move(const crm_opportunity* deal, const char* stage) {
    crm_opportunity* raw = nullptr;
    EXPECT_EQ(crm_opportunity_move_stage(engine.get(), crm_opportunity_id(deal), crm_opportunity_version(deal), stage,
                                         "ann", &raw),
              CRM_OK)
        << message();
    return Opportunity(raw);
  }

  Lead add_lead(const char* text) {
    crm_lead* raw = nullptr;
    EXPECT_EQ(crm_lead_from_json(text, &raw), CRM_OK) << message();
    Lead lead(raw);
    EXPECT_EQ(crm_lead_create(engine.get(), raw), CRM_OK) << message();
    return lead;
  }

  // The lead as stored, as JSON.
  json stored_lead(int64_t id) {
    crm_lead* raw = nullptr;
    EXPECT_EQ(crm_lead_get(engine.get(), id, &raw), CRM_OK) << message();
    Lead lead(raw);
    char* text = nullptr;
    EXPECT_EQ(crm_lead_to_json(raw, &text), CRM_OK) << message();
    return take(text);
  }

  json assign(int64_t lead_id, const char* rules) {
    char* raw = nullptr;
    EXPECT_EQ(crm_lead_assign_json(engine.get(), lead_id, rules, &raw), CRM_OK) << message();
    return take(raw);
  }

  json score(int64_t lead_id, const char* config) {
    char* raw = nullptr;
    EXPECT_EQ(crm_lead_score_json(engine.get(), lead_id, config, &raw), CRM_OK) << message();
    return take(raw);
  }

  json report(const char* name, const std::string& query) {
    char* raw = nullptr;
    EXPECT_EQ(crm_report_json(engine.get(), name, query.c_str(), &raw), CRM_OK) << message();
    return take(raw);
  }
};

// ---- Deal moves and history ------------------------------------------------------

TEST_F(CApiPipelineTest, MovesADealAndRecordsWhoMovedIt) {
  const auto deal = add_deal("tills", "prospecting", 1000);
  const auto moved = move(deal.get(), "demo");
  ASSERT_NE(moved, nullptr);
  EXPECT_STREQ(crm_opportunity_stage(moved.get()), "Demo");  // the pipeline's spelling
  EXPECT_EQ(crm_opportunity_version(moved.get()), crm_opportunity_version(deal.get()) + 1);

  crm_opportunity* raw = nullptr;
  ASSERT_EQ(crm_opportunity_close_won(engine.get(), crm_opportunity_id(moved.get()), crm_opportunity_version(moved.get()),
                                      "bo", &raw),
            CRM_OK)
      << message();
  Opportunity won(raw);
  EXPECT_STREQ(crm_opportunity_status(won.get()), "won");

  char* history = nullptr;
  ASSERT_EQ(crm_opportunity_history_json(engine.get(), crm_opportunity_id(deal.get()), &history), CRM_OK) << message();
  const json entries = take(history);
  ASSERT_EQ(entries.size(), 3U);
  EXPECT_EQ(entries[0]["from_stage"], "");
  EXPECT_EQ(entries[0]["to_stage"], "Prospecting");
  EXPECT_EQ(entries[1]["from_stage"], "Prospecting");
  EXPECT_EQ(entries[1]["to_stage"], "Demo");
  EXPECT_EQ(entries[1]["by"], "ann");
  EXPECT_EQ(entries[1]["probability"], 40);
  EXPECT_EQ(entries[2]["status"], "won");
  EXPECT_EQ(entries[2]["by"], "bo");
  EXPECT_EQ(entries[2]["amount"], json({{"minor", 1000}, {"currency", "EUR"}}));
  EXPECT_TRUE(entries[2]["at"].is_number_integer());
}

TEST_F(CApiPipelineTest, AStaleMoveConflictsAndChangesNothing) {
  const auto deal = add_deal("tills", "prospecting", 1000);
  const auto moved = move(deal.get(), "demo");
  crm_opportunity* raw = reinterpret_cast<crm_opportunity*>(1);
  EXPECT_EQ(crm_opportunity_move_stage(engine.get(), crm_opportunity_id(deal.get()), crm_opportunity_version(deal.get()),
                                       "proposal", nullptr, &raw),
            CRM_CONFLICT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(crm_opportunity_move_stage(engine.get(), crm_opportunity_id(deal.get()), crm_opportunity_version(moved.get()),
                                       "no such stage", nullptr, nullptr),
            CRM_INVALID_ARGUMENT);
  char* history = nullptr;
  ASSERT_EQ(crm_opportunity_history_json(engine.get(), crm_opportunity_id(deal.get()), &history), CRM_OK);
  EXPECT_EQ(take(history).size(), 2U);
}

TEST_F(CApiPipelineTest, LosingADealNeedsAReason) {
  const auto deal = add_deal("tills", "proposal", 1000);
  const auto id = crm_opportunity_id(deal.get());
  const auto version = crm_opportunity_version(deal.get());
  EXPECT_EQ(crm_opportunity_close_lost(engine.get(), id, version, nullptr, nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_opportunity_close_lost(engine.get(), id, version, "price", nullptr, nullptr), CRM_OK) << message();
  crm_opportunity* raw = nullptr;
  ASSERT_EQ(crm_opportunity_get(engine.get(), id, &raw), CRM_OK);
  Opportunity lost(raw);
  EXPECT_STREQ(crm_opportunity_status(raw), "lost");
}

TEST_F(CApiPipelineTest, TheHistoryOfAnUnknownDealIsNotFound) {
  char* history = nullptr;
  EXPECT_EQ(crm_opportunity_history_json(engine.get(), 99, &history), CRM_NOT_FOUND);
  EXPECT_EQ(history, nullptr);
}

// ---- Pipelines ---------------------------------------------------------------------

TEST_F(CApiPipelineTest, SavesAPipelineAndFindsItByName) {
  char* raw = nullptr;
  ASSERT_EQ(crm_pipeline_save_json(engine.get(),
                                   R"({"name": "Renewals", "stages": [{"name": "Due", "probability": 50},
                                       {"name": "Quoted", "probability": 80, "category": "commit"}]})",
                                   &raw),
            CRM_OK)
      << message();
  json saved = take(raw);
  EXPECT_GT(saved["id"].get<long long>(), 0);
  EXPECT_EQ(saved["version"], 1);

  saved["stages"].push_back({{"name", "Signed"}, {"probability", 95}, {"category", "commit"}});
  ASSERT_EQ(crm_pipeline_save_json(engine.get(), saved.dump().c_str(), nullptr), CRM_OK) << message();
  EXPECT_EQ(crm_pipeline_save_json(engine.get(), saved.dump().c_str(), nullptr), CRM_CONFLICT);  // stale version

  ASSERT_EQ(crm_pipeline_get_json(engine.get(), "renewals", &raw), CRM_OK) << message();
  const json found = take(raw);
  EXPECT_EQ(found["version"], 2);
  ASSERT_EQ(found["stages"].size(), 3U);
  EXPECT_EQ(found["stages"][2]["name"], "Signed");
}

TEST_F(CApiPipelineTest, TheDefaultPipelineIsKnownAndOthersAreNotFound) {
  char* raw = nullptr;
  ASSERT_EQ(crm_pipeline_get_json(engine.get(), "default", &raw), CRM_OK) << message();
  EXPECT_EQ(take(raw)["stages"][0]["name"], "Prospecting");
  EXPECT_EQ(crm_pipeline_get_json(engine.get(), "nope", &raw), CRM_NOT_FOUND);
  EXPECT_EQ(raw, nullptr);
}

TEST_F(CApiPipelineTest, APipelineWithAnUnknownKeyIsRefused) {
  char* raw = nullptr;
  EXPECT_EQ(crm_pipeline_save_json(engine.get(), R"({"name": "X", "stages": [], "colour": 1})", &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("colour"), std::string::npos) << message();
  EXPECT_EQ(crm_pipeline_get_json(engine.get(), "X", &raw), CRM_NOT_FOUND);
}

// ---- Conversion ------------------------------------------------------------------------

TEST_F(CApiPipelineTest, ConvertsALeadIntoACustomerAndADeal) {
  const auto lead = add_lead(
      R"({"given_name": "Grace", "family_name": "Hopper", "company": "Navy", "email": "grace@navy.example",
          "status": "qualified"})");
  char* raw = nullptr;
  ASSERT_EQ(crm_lead_convert_json(engine.get(), crm_lead_id(lead.get()), crm_lead_version(lead.get()),
                                  R"({"with_organisation": true,
                                 "opportunity": {"name": "Compilers", "stage": "proposal",
                                                 "amount": {"minor": 50000, "currency": "USD"}}})",
                             &raw),
            CRM_OK)
      << message();
  const json result = take(raw);
  EXPECT_EQ(result["lead"]["status"], "converted");
  EXPECT_TRUE(result["customer_created"].get<bool>());
  EXPECT_EQ(result["customer"]["emails"], json::array({"grace@navy.example"}));
  EXPECT_EQ(result["organisation"]["display_name"], "Navy");
  EXPECT_EQ(result["opportunity"]["customer_id"], result["organisation"]["id"]);
  EXPECT_EQ(result["interactions_moved"], 0);

  crm_customer* customer = nullptr;
  ASSERT_EQ(crm_customer_find_by_email(engine.get(), "GRACE@navy.example", &customer), CRM_OK) << message();
  Customer owned(customer);
  EXPECT_EQ(crm_customer_id(customer), result["customer"]["id"].get<long long>());
}

TEST_F(CApiPipelineTest, BadConversionOptionsAreRefusedAndNothingIsWritten) {
  const auto lead = add_lead(R"({"display_name": "Grace", "status": "qualified"})");
  const auto id = crm_lead_id(lead.get());
  const auto version = crm_lead_version(lead.get());
  char* raw = nullptr;
  EXPECT_EQ(crm_lead_convert_json(engine.get(), id, version, R"({"with_organization": true})", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("'with_organization'"), std::string::npos) << message();
  EXPECT_EQ(crm_lead_convert_json(engine.get(), id, version, R"({"with_organisation": "yes"})", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("with_organisation: expected true or false"), std::string::npos) << message();
  EXPECT_EQ(crm_lead_convert_json(engine.get(), id, version, R"({"on_similar": "merge"})", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_lead_convert_json(engine.get(), id, version, "{not json", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(customer_count(), 0U);
  crm_lead* stored = nullptr;
  ASSERT_EQ(crm_lead_get(engine.get(), id, &stored), CRM_OK);
  Lead owned(stored);
  EXPECT_EQ(crm_lead_version(stored), version);

  EXPECT_EQ(crm_lead_convert_json(engine.get(), id, version, nullptr, nullptr), CRM_OK) << message();  // defaults
  EXPECT_EQ(customer_count(), 1U);
  EXPECT_EQ(crm_lead_convert_json(engine.get(), id, version + 1, nullptr, nullptr), CRM_CONFLICT);  // twice
}

// ---- Duplicates -------------------------------------------------------------------------

TEST_F(CApiPipelineTest, FindsDuplicatesOfALeadAmongLeadsAndCustomers) {
  const auto customer = add_customer("Ada Lovelace", "020 7946 0018");
  const auto lead = add_lead(R"({"given_name": "Ada", "family_name": "Lovelace", "email": "ada@example.com"})");
  char* raw = nullptr;
  ASSERT_EQ(crm_lead_duplicates_json(engine.get(), R"({"display_name": "A. Lovelace", "phone": "+44 20 7946 0018",
                                                       "email": "ADA@example.com"})",
                                     &raw),
            CRM_OK)
      << message();
  const json found = take(raw);
  ASSERT_EQ(found.size(), 2U);
  for (const auto& candidate : found) {
    EXPECT_EQ(candidate["score"], 1.0);
    const auto id = candidate["kind"] == "lead" ? crm_lead_id(lead.get()) : crm_customer_id(customer.get());
    EXPECT_EQ(candidate["id"], id);
    EXPECT_EQ(candidate["reasons"][0]["method"], "exact");
  }
}

TEST_F(CApiPipelineTest, CreatesALeadUnderADuplicatePolicy) {
  const auto first = add_lead(R"({"display_name": "Ada", "email": "ada@example.com"})");
  crm_lead* raw = nullptr;
  ASSERT_EQ(crm_lead_from_json(R"({"display_name": "Ada L", "email": "Ada@Example.com"})", &raw), CRM_OK);
  Lead second(raw);
  char* duplicates = nullptr;
  EXPECT_EQ(crm_lead_create_checked_json(engine.get(), raw, "refuse", &duplicates), CRM_ALREADY_EXISTS);
  EXPECT_EQ(duplicates, nullptr);
  EXPECT_EQ(crm_lead_id(raw), 0);
  EXPECT_EQ(crm_lead_create_checked_json(engine.get(), raw, "maybe", &duplicates), CRM_INVALID_ARGUMENT);
  ASSERT_EQ(crm_lead_create_checked_json(engine.get(), raw, "warn", &duplicates), CRM_OK) << message();
  const json found = take(duplicates);
  EXPECT_GT(crm_lead_id(raw), crm_lead_id(first.get()));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0]["id"], crm_lead_id(first.get()));
}

TEST_F(CApiPipelineTest, AScanFindsAPlantedPairOfDuplicates) {
  const auto customer = add_customer("Alan Turing", "020 7946 0019");
  const auto first = add_lead(R"({"display_name": "Ada Lovelace", "email": "ada@example.com"})");
  const auto second = add_lead(R"({"display_name": "Ada L.", "email": "ADA@example.com"})");
  const auto alan = add_lead(R"({"display_name": "A. Turing", "phone": "+44 20 7946 0019"})");
  const auto other = add_lead(R"({"display_name": "Grace Hopper", "email": "grace@navy.example"})");
  char* raw = nullptr;
  ASSERT_EQ(crm_duplicates_scan_json(engine.get(), &raw), CRM_OK) << message();
  const json pairs = take(raw)["pairs"];
  ASSERT_EQ(pairs.size(), 2U) << pairs.dump();
  bool ada = false;
  bool turing = false;
  for (const auto& pair : pairs) {
    if (pair["lead_id"] == crm_lead_id(first.get())) {
      ada = true;
      EXPECT_EQ(pair["kind"], "lead");
      EXPECT_EQ(pair["id"], crm_lead_id(second.get()));
      EXPECT_EQ(pair["name"], "Ada L.");
      EXPECT_EQ(pair["score"], 1.0);
    } else {
      turing = true;
      EXPECT_EQ(pair["lead_id"], crm_lead_id(alan.get()));
      EXPECT_EQ(pair["kind"], "customer");
      EXPECT_EQ(pair["id"], crm_customer_id(customer.get()));
    }
    EXPECT_NE(pair["lead_id"], crm_lead_id(other.get()));
  }
  EXPECT_TRUE(ada && turing);
  EXPECT_EQ(crm_duplicates_scan_json(engine.get(), nullptr), CRM_INVALID_ARGUMENT);
}

// ---- Assignment ---------------------------------------------------------------------------

constexpr const char* emea_rules = R"({"rules": [
    {"name": "emea", "territory": "EMEA", "strategy": "round_robin", "team": [{"name": "ann"}, {"name": "bo"}]},
    {"name": "big", "industry": "banking", "strategy": "load_balanced", "team": [{"name": "cy", "capacity": 1}]}]})";

TEST_F(CApiPipelineTest, RoundRobinAssignsTwoLeadsToTwoOwners) {
  const auto a = add_lead(R"({"display_name": "A", "territory": "emea"})");
  const auto b = add_lead(R"({"display_name": "B", "territory": "Emea"})");
  const json first = assign(crm_lead_id(a.get()), emea_rules);
  EXPECT_EQ(first, json({{"assigned", true}, {"rule", "emea"}, {"strategy", "round_robin"}, {"owner", "ann"}}));
  const json second = assign(crm_lead_id(b.get()), emea_rules);
  EXPECT_EQ(second["owner"], "bo");
  const json stored = stored_lead(crm_lead_id(b.get()));
  EXPECT_EQ(stored["owner"], "bo");
  EXPECT_EQ(stored["assignment_rule"], "emea");
  EXPECT_TRUE(stored["assigned_at"].is_number_integer());
  EXPECT_EQ(crm_lead_assign_json(engine.get(), crm_lead_id(a.get()), emea_rules, nullptr), CRM_OK) << message();
}

TEST_F(CApiPipelineTest, NoMatchingRuleAssignsNothingAndAFullTeamConflicts) {
  const auto apac = add_lead(R"({"display_name": "A", "territory": "APAC"})");
  const json none = assign(crm_lead_id(apac.get()), emea_rules);
  EXPECT_EQ(none, json({{"assigned", false}, {"rule", nullptr}, {"strategy", nullptr}, {"owner", nullptr}}));
  EXPECT_EQ(stored_lead(crm_lead_id(apac.get()))["version"], crm_lead_version(apac.get()));

  const auto bank = add_lead(R"({"display_name": "B", "industry": "Banking"})");
  const auto bank2 = add_lead(R"({"display_name": "C", "industry": "banking"})");
  EXPECT_EQ(assign(crm_lead_id(bank.get()), emea_rules)["owner"], "cy");
  char* raw = nullptr;
  EXPECT_EQ(crm_lead_assign_json(engine.get(), crm_lead_id(bank2.get()), emea_rules, &raw), CRM_CONFLICT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(crm_lead_assign_json(engine.get(), 999, emea_rules, &raw), CRM_NOT_FOUND);
}

TEST_F(CApiPipelineTest, BadAssignmentRulesAreRefusedNamingTheKey) {
  const auto lead = add_lead(R"({"display_name": "A", "territory": "EMEA"})");
  const auto id = crm_lead_id(lead.get());
  char* raw = nullptr;
  EXPECT_EQ(crm_lead_assign_json(engine.get(), id, R"({"rules": [{"name": "x", "teem": []}]})", &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("assignment rules.rules[0]: unknown key 'teem'"), std::string::npos) << message();
  EXPECT_EQ(crm_lead_assign_json(engine.get(), id, R"({"rules": [{"name": "x", "strategy": "random"}]})", &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("assignment rules.rules[0].strategy: "), std::string::npos) << message();
  EXPECT_EQ(crm_lead_assign_json(engine.get(), id, R"({"rules": [{"owner": "ann"}]})", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("assignment rules.rules[0].name: required"), std::string::npos) << message();
  EXPECT_EQ(crm_lead_assign_json(engine.get(), id,
                                 R"({"rules": [{"name": "x", "strategy": "load_balanced",
                                           "team": [{"name": "ann", "capacity": -1}]}]})",
                            &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("rules[0].team[0].capacity: expected an integer in 0.."), std::string::npos) << message();
  EXPECT_EQ(crm_lead_assign_json(engine.get(), id, R"({"rules": {}})", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("assignment rules.rules: expected an array, not an object"), std::string::npos)
      << message();
  EXPECT_EQ(crm_lead_assign_json(engine.get(), id, R"({"rules": [{"name": "x", "strategy": "round_robin"}]})", &raw),
            CRM_INVALID_ARGUMENT);  // validate(): a round robin needs a team
  EXPECT_EQ(crm_lead_assign_json(engine.get(), id, nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  const json stored = stored_lead(id);
  EXPECT_EQ(stored["version"], crm_lead_version(lead.get()));
  EXPECT_EQ(stored["owner"], "");
}

// ---- Scoring ----------------------------------------------------------------------------

TEST_F(CApiPipelineTest, ThePredictiveScoreLearnsFromClosedLeads) {
  const auto fresh = add_lead(R"({"display_name": "New", "source": "Web"})");
  const json untrained = score(crm_lead_id(fresh.get()), nullptr);
  EXPECT_FALSE(untrained["trained"].get<bool>());
  EXPECT_EQ(untrained["percent"], 50);
  EXPECT_FALSE(untrained.contains("rule_score"));

  for (int i = 0; i < 5; ++i) {
    const std::string won = R"({"display_name": "Won )" + std::to_string(i) + R"(", "source": "web", "status": "qualified"})";
    const auto lead = add_lead(won.c_str());
    ASSERT_EQ(crm_lead_convert_json(engine.get(), crm_lead_id(lead.get()), crm_lead_version(lead.get()),
                                    R"({"on_similar": "allow"})", nullptr),
              CRM_OK)
        << message();
    const std::string lost =
        R"({"display_name": "Lost )" + std::to_string(i) + R"(", "source": "cold call", "status": "disqualified",
                                "status_reason": "no budget"})";
    add_lead(lost.c_str());
  }
  const json web = score(crm_lead_id(fresh.get()), nullptr);
  EXPECT_TRUE(web["trained"].get<bool>());
  EXPECT_GT(web["percent"].get<int>(), 50);
  EXPECT_GT(web["probability"].get<double>(), 0.5);
  ASSERT_EQ(web["contributions"].size(), 1U);
  EXPECT_EQ(web["contributions"][0]["field"], "source");
  EXPECT_EQ(web["contributions"][0]["value"], "web");
  EXPECT_GT(web["contributions"][0]["weight"].get<double>(), 0);

  const auto cold = add_lead(R"({"display_name": "Cold", "source": "Cold Call"})");
  EXPECT_LT(score(crm_lead_id(cold.get()), nullptr)["percent"].get<int>(), 50);
  // A value seen in fewer closed leads than min_count is ignored.
  EXPECT_EQ(score(crm_lead_id(cold.get()), R"({"min_count": 6})")["contributions"], json::array());
  EXPECT_EQ(score(crm_lead_id(cold.get()), R"({"fields": ["industry"]})")["contributions"], json::array());
}

TEST_F(CApiPipelineTest, TheRuleScoreCountsTheLeadsInteractions) {
  const auto lead = add_lead(R"({"display_name": "Ada", "source": "Web Form"})");
  const auto id = crm_lead_id(lead.get());
  for (const char* direction : {"inbound", "outbound"}) {
    const std::string text = R"({"lead_id": )" + std::to_string(id) + R"(, "direction": ")" + direction +
                             R"(", "kind": "call"})";
    crm_interaction* raw = nullptr;
    ASSERT_EQ(crm_interaction_from_json(text.c_str(), &raw), CRM_OK) << message();
    Interaction owned(raw);
    ASSERT_EQ(crm_interaction_create(engine.get(), raw), CRM_OK) << message();
  }
  const json result = score(id, R"({
      "rules": [{"field": "source", "op": "contains", "value": "web", "points": 30},
                {"field": "industry", "op": "present", "points": 50}],
      "behaviour": [{"kind": "interactions-at-least", "threshold": 2, "points": 20},
                    {"kind": "inbound-at-least", "threshold": 2, "points": 40},
                    {"kind": "contacted-within-days", "threshold": 7, "points": 15}]})");
  EXPECT_FALSE(result["trained"].get<bool>());
  const json& rules = result["rule_score"];
  EXPECT_EQ(rules["score"], 65);
  EXPECT_EQ(rules["raw"], 65);
  ASSERT_EQ(rules["hits"].size(), 3U) << rules.dump();
  EXPECT_EQ(rules["hits"][0]["points"], 30);
  EXPECT_EQ(rules["hits"][1]["points"], 20);
  EXPECT_EQ(rules["hits"][2]["points"], 15);
  EXPECT_EQ(rules["hits"][1]["description"], "interactions-at-least 2");

  const json clamped = score(id, R"({"rules": [{"field": "source", "op": "present", "points": -20}]})");
  EXPECT_EQ(clamped["rule_score"]["score"], 0);
  EXPECT_EQ(clamped["rule_score"]["raw"], -20);
  EXPECT_EQ(score(id, R"({"behaviour": []})")["rule_score"]["hits"], json::array());
}

TEST_F(CApiPipelineTest, BadScoringConfigIsRefusedNamingTheKey) {
  const auto lead = add_lead(R"({"display_name": "Ada", "source": "web"})");
  const auto id = crm_lead_id(lead.get());
  const std::pair<const char*, const char*> cases[] = {
      {R"({"smoothin": 1})", "scoring config: unknown key 'smoothin'"},
      {R"({"smoothing": "x"})", "scoring config.smoothing: expected a number, not a string"},
      {R"({"smoothing": 0})", "scoring config.smoothing: expected a number above 0"},
      {R"({"fields": ["source", 1]})", "scoring config.fields[1]: expected a string"},
      {R"({"min_count": 1.5})", "scoring config.min_count: expected a 64-bit integer"},
      {R"({"rules": [{"field": "source", "op": "like"}]})", "scoring config.rules[0].op: "},
      {R"({"rules": [{"op": "present"}]})", "scoring config.rules[0].field: required"},
      {R"({"rules": [{"field": "source", "points": 3000000000}]})", "scoring config.rules[0].points: expected an integer in"},
      {R"({"behaviour": [{"kind": "emails-at-least"}]})", "scoring config.behaviour[0].kind: "},
      {R"({"behaviour": [{"threshold": 1}]})", "scoring config.behaviour[0].kind: required"},
      {R"({"behaviour": [{"kind": "inbound-at-least", "weight": 1}]})", "scoring config.behaviour[0]: unknown key 'weight'"},
      {"[]", "scoring config: expected an object"},
  };
  for (const auto& [config, expected] : cases) {
    char* raw = nullptr;
    EXPECT_EQ(crm_lead_score_json(engine.get(), id, config, &raw), CRM_INVALID_ARGUMENT) << config;
    EXPECT_NE(message().find(expected), std::string::npos) << message();
    EXPECT_EQ(raw, nullptr);
  }
  char* raw = nullptr;
  EXPECT_EQ(crm_lead_score_json(engine.get(), 999, nullptr, &raw), CRM_NOT_FOUND);
  EXPECT_EQ(crm_lead_score_json(engine.get(), id, nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
}

// ---- Reports --------------------------------------------------------------------------

// Three deals: A Prospecting → Qualification → won; B Prospecting →
// Qualification; C Prospecting → lost.
TEST_F(CApiPipelineTest, TheFunnelCountsATinyDataSet) {
  const auto a = add_deal("A", "prospecting", 1000);
  const auto b = add_deal("B", "prospecting", 2000);
  const auto c = add_deal("C", "prospecting", 3000);
  const auto a2 = move(a.get(), "qualification");
  const auto b2 = move(b.get(), "qualification");
  ASSERT_EQ(crm_opportunity_close_won(engine.get(), crm_opportunity_id(a2.get()), crm_opportunity_version(a2.get()), nullptr,
                                      nullptr),
            CRM_OK);
  ASSERT_EQ(crm_opportunity_close_lost(engine.get(), crm_opportunity_id(c.get()), crm_opportunity_version(c.get()), "price",
                                       nullptr, nullptr),
            CRM_OK);

  const json funnel = report("funnel", std::string(R"({"currency": "EUR", )") + always + "}");
  const auto& prospecting = funnel["stages"][0];
  EXPECT_EQ(prospecting["stage"], "Prospecting");
  EXPECT_EQ(prospecting["entered"], 3);
  EXPECT_EQ(prospecting["advanced"], 2);
  EXPECT_EQ(prospecting["value"], json({{"minor", 6000}, {"currency", "EUR"}}));
  const auto& qualification = funnel["stages"][1];
  EXPECT_EQ(qualification["entered"], 2);
  EXPECT_EQ(qualification["advanced"], 1);
  EXPECT_EQ(qualification["conversion_to_next"], 0.5);
  EXPECT_EQ(funnel["stages"][2]["entered"], 0);
  EXPECT_TRUE(funnel["stages"][2]["conversion_to_next"].is_null());
  EXPECT_EQ(funnel["won"], 1);
  EXPECT_EQ(funnel["lost"], 1);
  EXPECT_EQ(funnel["won_value"], json({{"minor", 1000}, {"currency", "EUR"}}));
  EXPECT_EQ(funnel["win_rate"], 0.5);

  const json cycle = report("sales_cycle", std::string("{") + always + "}");
  EXPECT_EQ(cycle["won"], 1);
  EXPECT_EQ(cycle["lost"], 1);

  const json snapshot = report("snapshot", R"({"as_of": 4102444800000, "currency": "EUR"})");
  EXPECT_EQ(snapshot["stages"][1]["deals"], 1);  // B in Qualification
  EXPECT_EQ(snapshot["stages"][1]["amount"], json({{"minor", 2000}, {"currency", "EUR"}}));
  EXPECT_EQ(snapshot["stages"][1]["weighted"], json({{"minor", 400}, {"currency", "EUR"}}));  // 20 %

  const json forecast = report("forecast", R"({"currency": "EUR", "period": "quarter"})");
  ASSERT_EQ(forecast["rows"].size(), 2U);  // B unscheduled, A won (closed) this quarter
  EXPECT_EQ(forecast["rows"][1]["period_start"], nullptr);
  EXPECT_EQ(forecast["rows"][1]["weighted"], json({{"minor", 400}, {"currency", "EUR"}}));
}

TEST_F(CApiPipelineTest, OverdueDealsAndCreditAlerts) {
  crm_opportunity* raw = nullptr;
  ASSERT_EQ(crm_opportunity_from_json(R"({"name": "late", "stage": "demo", "expected_close": 1000})", &raw), CRM_OK);
  Opportunity late(raw);
  ASSERT_EQ(crm_opportunity_create(engine.get(), raw), CRM_OK) << message();
  json overdue = report("overdue", R"({"now": 2000})");
  ASSERT_EQ(overdue["deals"].size(), 1U);
  EXPECT_EQ(overdue["deals"][0]["name"], "late");
  EXPECT_EQ(report("overdue", R"({"now": 1000})")["deals"].size(), 0U);
  EXPECT_EQ(report("overdue", "{}")["deals"].size(), 1U);  // now by the system clock
  EXPECT_EQ(report("credit", "{}")["alerts"], json::array());
}

TEST_F(CApiPipelineTest, BadReportQueriesAreRefusedNamingTheKey) {
  char* raw = nullptr;
  EXPECT_EQ(crm_report_json(engine.get(), "funnel", R"({"currency": "EUR"})", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("funnel query.window: required"), std::string::npos) << message();
  EXPECT_EQ(crm_report_json(engine.get(), "funnel", R"({"currency": "EUR", "window": {"from": 0, "to": "x"}})", &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("funnel query.window.to: expected an integer, not a string"), std::string::npos)
      << message();
  EXPECT_EQ(crm_report_json(engine.get(), "snapshot", R"({"currency": "EUR", "as_of": 1.5})", &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("snapshot query.as_of: expected a 64-bit integer, not 1.5"), std::string::npos) << message();
  EXPECT_EQ(crm_report_json(engine.get(), "funnel", R"({"currency": "EUR", "windows": {}})", &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("funnel query: unknown key 'windows'"), std::string::npos) << message();
  EXPECT_EQ(crm_report_json(engine.get(), "forecast", R"({"currency": "EUR", "period": "week"})", &raw),
            CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("forecast query.period: unknown forecast period 'week'"), std::string::npos) << message();
  EXPECT_EQ(crm_report_json(engine.get(), "forecast", R"({"currency": 978})", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("forecast query.currency: expected a string"), std::string::npos) << message();
  EXPECT_EQ(crm_report_json(engine.get(), "credit", "[]", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_report_json(engine.get(), "pareto", "{}", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_NE(message().find("unknown report 'pareto'"), std::string::npos) << message();
  EXPECT_EQ(crm_report_json(engine.get(), "snapshot", R"({"pipeline": "nope", "as_of": 0, "currency": "EUR"})", &raw),
            CRM_NOT_FOUND);
  EXPECT_EQ(raw, nullptr);
}

TEST_F(CApiPipelineTest, NullArgumentsAreRefused) {
  char* raw = nullptr;
  EXPECT_EQ(crm_report_json(engine.get(), nullptr, "{}", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_report_json(engine.get(), "credit", nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_report_json(nullptr, "credit", nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_opportunity_move_stage(engine.get(), 1, 1, nullptr, nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_pipeline_get_json(engine.get(), nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_pipeline_save_json(engine.get(), nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_lead_duplicates_json(engine.get(), nullptr, &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(crm_lead_create_checked_json(engine.get(), nullptr, "allow", &raw), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(raw, nullptr);
  EXPECT_EQ(crm_opportunity_version(nullptr), 0);
  EXPECT_EQ(crm_lead_version(nullptr), 0);
  EXPECT_STREQ(crm_opportunity_stage(nullptr), "");
  EXPECT_STREQ(crm_opportunity_status(nullptr), "");
}

TEST_F(CApiPipelineTest, AClosedEngineRunsNoReport) {
  ASSERT_EQ(crm_engine_close(engine.get()), CRM_OK);
  char* raw = nullptr;
  EXPECT_EQ(crm_report_json(engine.get(), "credit", nullptr, &raw), CRM_CLOSED);
  EXPECT_EQ(raw, nullptr);
}

}  // namespace
}  // namespace crm_c_test
