// SPDX-License-Identifier: Apache-2.0
// Assignment over an engine: the decision is recorded on the lead, and the
// state it reads (last owner, open leads) comes from stored leads.
#include <gtest/gtest.h>

#include "crm/pipeline/assignment.hpp"
#include "support/engine_fixture.hpp"

namespace crm::test {
namespace {

class AssignLeadTest : public EngineTest {
 protected:
  Lead lead_from(std::string territory, LeadStatus status = LeadStatus::new_lead, std::string owner = {}) {
    Lead l;
    l.display_name = "Lead " + std::to_string(++made_);
    l.territory = std::move(territory);
    l.status = status;
    if (status == LeadStatus::disqualified) l.status_reason = "no budget";
    l.owner = std::move(owner);
    return engine->create(l);
  }

  std::string assign(const Lead& l, const AssignmentRules& rules) {
    clock->advance(std::chrono::seconds(1));
    const auto decision = assign_lead(*engine, l.id, rules);
    return decision ? decision->owner : "-";
  }

  int made_ = 0;
};

AssignmentRules team_rules(AssignStrategy strategy, std::vector<TeamMember> team) {
  return {{{.name = "emea", .territory = "EMEA", .strategy = strategy, .team = std::move(team)},
           {.name = "rest", .owner = "dora"}}};
}

TEST_P(AssignLeadTest, RoundRobinTakesTurnsAndRecordsTheRule) {
  const auto rules = team_rules(AssignStrategy::round_robin, {{"ann"}, {"bob"}, {"cy"}});
  std::vector<std::string> owners;
  for (int i = 0; i < 4; ++i) owners.push_back(assign(lead_from("emea"), rules));
  EXPECT_EQ(owners, (std::vector<std::string>{"ann", "bob", "cy", "ann"}));
  const auto last = engine->list(LeadQuery{.assignment_rule = "emea", .limit = 1}).items.at(0);
  EXPECT_EQ(last.owner, "ann");
  EXPECT_EQ(last.assignment_rule, "emea");
  EXPECT_EQ(last.assigned_at, clock->now());
}

TEST_P(AssignLeadTest, TheTurnSurvivesReopeningTheStore) {
  const auto rules = team_rules(AssignStrategy::round_robin, {{"ann"}, {"bob"}});
  assign(lead_from("emea"), rules);
  reopen();
  EXPECT_EQ(assign(lead_from("emea"), rules), "bob");
}

TEST_P(AssignLeadTest, LoadBalancingGoesToTheLeastLoadedUnderCapacity) {
  lead_from("", LeadStatus::new_lead, "ann");
  lead_from("", LeadStatus::working, "ann");
  lead_from("", LeadStatus::disqualified, "bob");  // closed leads do not count
  lead_from("", LeadStatus::new_lead, "bob");
  const auto rules = team_rules(AssignStrategy::load_balanced, {{"ann", 3}, {"bob", 3}});
  EXPECT_EQ(assign(lead_from("emea"), rules), "bob");  // ann 2 open, bob 1
  EXPECT_EQ(assign(lead_from("emea"), rules), "ann");  // 2 each: team order
  EXPECT_EQ(assign(lead_from("emea"), rules), "bob");  // ann 3 (full), bob 2
  const auto full = lead_from("emea");
  EXPECT_EQ(error_of([&] { assign_lead(*engine, full.id, rules); }).code, Errc::conflict);
  EXPECT_EQ(engine->get<Lead>(full.id).owner, "") << "a refused assignment changes nothing";
}

TEST_P(AssignLeadTest, TheFirstMatchingRuleWinsAndNoMatchChangesNothing) {
  const auto rules = team_rules(AssignStrategy::round_robin, {{"ann"}});
  EXPECT_EQ(assign(lead_from("APAC"), rules), "dora");
  const AssignmentRules only_emea{{{.name = "emea", .territory = "EMEA", .owner = "ann"}}};
  const auto apac = lead_from("APAC");
  EXPECT_EQ(assign(apac, only_emea), "-");
  EXPECT_EQ(engine->get<Lead>(apac.id), apac);
}

INSTANTIATE_TEST_SUITE_P(Backends, AssignLeadTest, testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace crm::test
