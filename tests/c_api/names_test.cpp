// SPDX-License-Identifier: Apache-2.0
// The names crm.h kept from before its naming rules (crm.h, "Names"): each
// deprecated alias does what its new name does, with the same arguments,
// and its messages name the alias. The suites elsewhere call the new names;
// this one calls every alias at least once, beside its new name.
#include <nlohmann/json.hpp>

#include <string>

#include "c_api_fixture.hpp"
#include "c_api_json.hpp"

namespace crm_c_test {
namespace {

using nlohmann::json;

class CApiNamesTest : public CApiTest {
 protected:
  Opportunity add_deal(const char* name, const char* stage) {
    const std::string text = std::string(R"({"name": ")") + name + R"(", "stage": ")" + stage + R"("})";
    crm_opportunity* raw = nullptr;
    EXPECT_EQ(crm_opportunity_from_json(text.c_str(), &raw), CRM_OK) << message();
    Opportunity deal(raw);
    EXPECT_EQ(crm_opportunity_create(engine.get(), raw), CRM_OK) << message();
    return deal;
  }

  Lead add_lead(const char* text) {
    crm_lead* raw = nullptr;
    EXPECT_EQ(crm_lead_from_json(text, &raw), CRM_OK) << message();
    Lead lead(raw);
    EXPECT_EQ(crm_lead_create(engine.get(), raw), CRM_OK) << message();
    return lead;
  }
};

TEST_F(CApiNamesTest, MoveWinAndLoseAreMoveStageCloseWonAndCloseLost) {
  const auto a = add_deal("tills", "prospecting");
  const auto b = add_deal("scales", "prospecting");

  crm_opportunity* raw = nullptr;
  ASSERT_EQ(crm_opportunity_move(engine.get(), crm_opportunity_id(a.get()), 1, "demo", "ann", &raw), CRM_OK)
      << message();
  Opportunity moved_by_alias(raw);
  ASSERT_EQ(crm_opportunity_move_stage(engine.get(), crm_opportunity_id(b.get()), 1, "demo", "ann", &raw), CRM_OK)
      << message();
  Opportunity moved(raw);
  EXPECT_STREQ(crm_opportunity_stage(moved_by_alias.get()), "Demo");
  EXPECT_STREQ(crm_opportunity_stage(moved.get()), "Demo");
  EXPECT_EQ(crm_opportunity_probability(moved_by_alias.get()), crm_opportunity_probability(moved.get()));
  EXPECT_EQ(crm_opportunity_version(moved_by_alias.get()), 2);

  ASSERT_EQ(crm_opportunity_win(engine.get(), crm_opportunity_id(a.get()), 2, "bo", &raw), CRM_OK) << message();
  Opportunity won(raw);
  EXPECT_STREQ(crm_opportunity_status(won.get()), "won");

  ASSERT_EQ(crm_opportunity_lose(engine.get(), crm_opportunity_id(b.get()), 2, "price", nullptr, &raw), CRM_OK)
      << message();
  Opportunity lost(raw);
  EXPECT_STREQ(crm_opportunity_status(lost.get()), "lost");
  EXPECT_STREQ(crm_opportunity_lost_reason(lost.get()), "price");

  // The new names close deals the same way.
  const auto c = add_deal("labels", "proposal");
  const auto d = add_deal("rolls", "proposal");
  EXPECT_EQ(crm_opportunity_close_won(engine.get(), crm_opportunity_id(c.get()), 1, nullptr, nullptr), CRM_OK)
      << message();
  EXPECT_EQ(crm_opportunity_close_lost(engine.get(), crm_opportunity_id(d.get()), 1, "timing", nullptr, nullptr),
            CRM_OK)
      << message();
  ASSERT_EQ(crm_opportunity_get(engine.get(), crm_opportunity_id(d.get()), &raw), CRM_OK);
  Opportunity stored(raw);
  EXPECT_STREQ(crm_opportunity_status(stored.get()), "lost");
}

TEST_F(CApiNamesTest, AnAliasNamesItselfInItsMessages) {
  EXPECT_EQ(crm_opportunity_win(engine.get(), 999, 1, nullptr, nullptr), CRM_NOT_FOUND);
  EXPECT_EQ(message().rfind("crm_opportunity_win: ", 0), 0U) << message();
  EXPECT_EQ(crm_opportunity_close_won(engine.get(), 999, 1, nullptr, nullptr), CRM_NOT_FOUND);
  EXPECT_EQ(message().rfind("crm_opportunity_close_won: ", 0), 0U) << message();

  EXPECT_EQ(crm_lead_assign(engine.get(), 1, nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_lead_assign: rules_json is NULL");
  EXPECT_EQ(crm_lead_assign_json(engine.get(), 1, nullptr, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message(), "crm_lead_assign_json: rules_json is NULL");

  EXPECT_EQ(crm_run_due(engine.get(), CRM_TIME_MAX_MS + 1, 0, nullptr), CRM_INVALID_ARGUMENT);
  EXPECT_EQ(message().rfind("crm_run_due: ", 0), 0U) << message();
}

TEST_F(CApiNamesTest, LeadAliasesAssignScoreCreateAndConvertAsTheirJsonNames) {
  const char* rules = R"({"rules": [{"name": "all", "strategy": "fixed_owner", "owner": "ann"}]})";
  const auto first = add_lead(R"({"display_name": "Ada Lovelace", "source": "web"})");
  const auto second = add_lead(R"({"display_name": "Grace Hopper", "source": "web"})");
  char* raw = nullptr;
  ASSERT_EQ(crm_lead_assign(engine.get(), crm_lead_id(first.get()), rules, &raw), CRM_OK) << message();
  const json by_alias = take(raw);
  ASSERT_EQ(crm_lead_assign_json(engine.get(), crm_lead_id(second.get()), rules, &raw), CRM_OK) << message();
  EXPECT_EQ(by_alias, take(raw));
  EXPECT_EQ(by_alias["owner"], "ann");

  ASSERT_EQ(crm_lead_score(engine.get(), crm_lead_id(first.get()), nullptr, &raw), CRM_OK) << message();
  const json score_by_alias = take(raw);
  ASSERT_EQ(crm_lead_score_json(engine.get(), crm_lead_id(first.get()), nullptr, &raw), CRM_OK) << message();
  EXPECT_EQ(score_by_alias, take(raw));
  EXPECT_TRUE(score_by_alias.contains("probability"));

  // A lead like the first: the alias creates it and names the first as a candidate.
  crm_lead* similar = nullptr;
  ASSERT_EQ(crm_lead_from_json(R"({"display_name": "Ada Lovelace", "source": "web"})", &similar), CRM_OK);
  Lead similar_owned(similar);
  ASSERT_EQ(crm_lead_create_checked(engine.get(), similar, "warn", &raw), CRM_OK) << message();
  const json candidates = take(raw);
  EXPECT_GT(crm_lead_id(similar), 0);
  ASSERT_FALSE(candidates.empty());
  EXPECT_EQ(candidates[0]["id"], crm_lead_id(first.get()));
  crm_lead* refused = nullptr;
  ASSERT_EQ(crm_lead_from_json(R"({"display_name": "Ada Lovelace", "source": "web"})", &refused), CRM_OK);
  Lead refused_owned(refused);
  EXPECT_EQ(crm_lead_create_checked_json(engine.get(), refused, "refuse", nullptr), CRM_ALREADY_EXISTS);
  EXPECT_EQ(crm_lead_id(refused), 0);

  const auto qualified_a = add_lead(R"({"display_name": "Alan Turing", "status": "qualified"})");
  const auto qualified_b = add_lead(R"({"display_name": "Edsger Dijkstra", "status": "qualified"})");
  ASSERT_EQ(crm_lead_convert(engine.get(), crm_lead_id(qualified_a.get()), 1, nullptr, &raw), CRM_OK) << message();
  const json converted_by_alias = take(raw);
  ASSERT_EQ(crm_lead_convert_json(engine.get(), crm_lead_id(qualified_b.get()), 1, nullptr, &raw), CRM_OK)
      << message();
  const json converted = take(raw);
  EXPECT_EQ(converted_by_alias["lead"]["status"], "converted");
  EXPECT_EQ(converted["lead"]["status"], "converted");
  EXPECT_EQ(converted_by_alias["customer"]["display_name"], "Alan Turing");
  EXPECT_EQ(converted["customer"]["display_name"], "Edsger Dijkstra");
}

TEST_F(CApiNamesTest, RunDueAndTheStatisticsRebuildAsTheirJsonNames) {
  char* raw = nullptr;
  ASSERT_EQ(crm_run_due(engine.get(), 0, 0, &raw), CRM_OK) << message();
  const json ran_by_alias = take(raw);
  ASSERT_EQ(crm_run_due_json(engine.get(), 0, 0, &raw), CRM_OK) << message();
  EXPECT_EQ(ran_by_alias, take(raw));
  EXPECT_EQ(ran_by_alias, json({{"ran", 0}, {"skipped", 0}, {"failed", 0}, {"more", false}}));

  const auto ada = add_customer("Ada", nullptr);
  ASSERT_EQ(crm_purchase_log(engine.get(), crm_customer_id(ada.get()), 1799, "GBP", nullptr, nullptr, nullptr), CRM_OK)
      << message();
  ASSERT_EQ(crm_purchase_stats_rebuild(engine.get(), &raw), CRM_OK) << message();
  const json rebuilt_by_alias = take(raw);
  ASSERT_EQ(crm_purchase_stats_rebuild_json(engine.get(), &raw), CRM_OK) << message();
  EXPECT_EQ(rebuilt_by_alias, take(raw));
  EXPECT_EQ(rebuilt_by_alias["purchases"], 1);
  EXPECT_EQ(rebuilt_by_alias["corrected"], 0);
}

}  // namespace
}  // namespace crm_c_test
