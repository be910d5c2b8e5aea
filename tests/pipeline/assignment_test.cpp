// SPDX-License-Identifier: Apache-2.0
#include "crm/pipeline/assignment.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "support/errors.hpp"

namespace crm {
namespace {

using test::error_of;

// The past as plain maps: who each rule assigned last, how many open leads each owner holds.
struct History {
  std::map<std::string, std::string, std::less<>> last{};
  std::map<std::string, std::size_t, std::less<>> open{};

  AssignmentState state() const {
    return {[this](std::string_view rule) -> std::optional<std::string> {
              const auto it = last.find(rule);
              if (it == last.end()) return std::nullopt;
              return it->second;
            },
            [this](std::string_view owner) -> std::size_t {
              const auto it = open.find(owner);
              return it == open.end() ? 0 : it->second;
            }};
  }
};

Lead lead(std::string territory, std::string industry = "", std::string source = "") {
  Lead l;
  l.display_name = "Ada Lovelace";
  l.territory = std::move(territory);
  l.industry = std::move(industry);
  l.source = std::move(source);
  return l;
}

AssignmentRule fixed(std::string name, std::string owner) {
  AssignmentRule r;
  r.name = std::move(name);
  r.owner = std::move(owner);
  return r;
}

AssignmentRule team_rule(std::string name, AssignStrategy strategy, std::vector<TeamMember> team) {
  AssignmentRule r;
  r.name = std::move(name);
  r.strategy = strategy;
  r.team = std::move(team);
  return r;
}

std::string owner_of(const Lead& l, const AssignmentRules& rules, const History& history = {}) {
  const auto decision = decide_assignment(l, rules, history.state());
  return decision ? decision->owner : "<none>";
}

// --- Strategies -------------------------------------------------------------

TEST(AssignmentTest, FixedOwnerGivesEveryMatchingLeadToTheOwner) {
  const AssignmentRules rules{{fixed("all", "ann")}};
  const auto decision = decide_assignment(lead("EMEA"), rules, History{}.state());
  ASSERT_TRUE(decision);
  EXPECT_EQ(*decision, (AssignmentDecision{"all", AssignStrategy::fixed_owner, "ann"}));
}

TEST(AssignmentTest, RoundRobinStartsWithTheFirstMemberWhenTheRuleHasNoLastOwner) {
  const AssignmentRules rules{{team_rule("rr", AssignStrategy::round_robin, {{"ann"}, {"bob"}, {"cy"}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules), "ann");
}

TEST(AssignmentTest, RoundRobinGivesTheLeadToTheMemberAfterTheLastOwner) {
  const AssignmentRules rules{{team_rule("rr", AssignStrategy::round_robin, {{"ann"}, {"bob"}, {"cy"}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules, {.last = {{"rr", "bob"}}}), "cy");
}

TEST(AssignmentTest, RoundRobinWrapsFromTheLastMemberToTheFirst) {
  const AssignmentRules rules{{team_rule("rr", AssignStrategy::round_robin, {{"ann"}, {"bob"}, {"cy"}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules, {.last = {{"rr", "cy"}}}), "ann");
}

TEST(AssignmentTest, RoundRobinRestartsAtTheFirstMemberWhenTheLastOwnerLeftTheTeam) {
  const AssignmentRules rules{{team_rule("rr", AssignStrategy::round_robin, {{"ann"}, {"bob"}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules, {.last = {{"rr", "zoe"}}}), "ann");
}

TEST(AssignmentTest, RoundRobinFindsTheLastOwnerIgnoringCase) {
  const AssignmentRules rules{{team_rule("rr", AssignStrategy::round_robin, {{"Ann"}, {"Bob"}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules, {.last = {{"rr", "ann"}}}), "Bob");
}

TEST(AssignmentTest, RoundRobinReadsTheLastOwnerOfItsOwnRuleOnly) {
  const AssignmentRules rules{{team_rule("rr", AssignStrategy::round_robin, {{"ann"}, {"bob"}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules, {.last = {{"other", "ann"}}}), "ann");
}

TEST(AssignmentTest, LoadBalancedPicksTheMemberWithTheFewestOpenLeadsWhenUnlimited) {
  const AssignmentRules rules{{team_rule("lb", AssignStrategy::load_balanced, {{"ann"}, {"bob"}, {"cy"}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules, {.open = {{"ann", 4}, {"bob", 2}, {"cy", 3}}}), "bob");
}

TEST(AssignmentTest, LoadBalancedComparesOpenLeadsAsAShareOfCapacity) {
  // ann 5/10 = 0.5 beats bob 2/3 ≈ 0.67, although bob holds fewer leads.
  const AssignmentRules rules{{team_rule("lb", AssignStrategy::load_balanced, {{"bob", 3}, {"ann", 10}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules, {.open = {{"ann", 5}, {"bob", 2}}}), "ann");
}

TEST(AssignmentTest, LoadBalancedBreaksATieByTeamOrder) {
  // 2/4 and 1/2 are the same share: the earlier member wins, whichever it is.
  const AssignmentRules bob_first{{team_rule("lb", AssignStrategy::load_balanced, {{"bob", 2}, {"ann", 4}})}};
  const AssignmentRules ann_first{{team_rule("lb", AssignStrategy::load_balanced, {{"ann", 4}, {"bob", 2}})}};
  const History history{.open = {{"ann", 2}, {"bob", 1}}};
  EXPECT_EQ(owner_of(lead("EMEA"), bob_first, history), "bob");
  EXPECT_EQ(owner_of(lead("EMEA"), ann_first, history), "ann");
}

TEST(AssignmentTest, LoadBalancedSkipsAMemberAtCapacity) {
  const AssignmentRules rules{{team_rule("lb", AssignStrategy::load_balanced, {{"ann", 1}, {"bob", 10}})}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules, {.open = {{"ann", 1}, {"bob", 9}}}), "bob");
}

TEST(AssignmentTest, LoadBalancedRefusesWithAConflictWhenTheWholeTeamIsAtCapacity) {
  const AssignmentRules rules{{team_rule("lb", AssignStrategy::load_balanced, {{"ann", 1}, {"bob", 2}})}};
  const History history{.open = {{"ann", 1}, {"bob", 3}}};
  const auto failure = error_of([&] { (void)decide_assignment(lead("EMEA"), rules, history.state()); });
  EXPECT_EQ(failure.code, Errc::conflict);
  EXPECT_EQ(failure.message, "assignment rule 'lb': every team member is at capacity");
}

TEST(AssignmentTest, RefusesAStateMissingTheCallTheStrategyNeeds) {
  const AssignmentRules rules{{team_rule("rr", AssignStrategy::round_robin, {{"ann"}})}};
  const auto failure = error_of([&] { (void)decide_assignment(lead("EMEA"), rules, AssignmentState{}); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  EXPECT_EQ(failure.message, "assignment state: last_owner is not set");
}

// --- Conditions -------------------------------------------------------------

TEST(AssignmentTest, ConditionsMatchCaseInsensitively) {
  auto rule = fixed("de", "ann");
  rule.territory = "DACH";
  rule.industry = "Straße";
  EXPECT_TRUE(matches(rule, lead("dach", "STRASSE")));
}

TEST(AssignmentTest, EveryNonEmptyConditionMustMatch) {
  auto rule = fixed("emea-web", "ann");
  rule.territory = "EMEA";
  rule.source = "web form";
  EXPECT_TRUE(matches(rule, lead("EMEA", "", "Web Form")));
  EXPECT_FALSE(matches(rule, lead("EMEA", "", "trade show")));
  EXPECT_FALSE(matches(rule, lead("APAC", "", "web form")));
}

TEST(AssignmentTest, AnEmptyConditionMatchesAnyValue) {
  auto rule = fixed("emea", "ann");
  rule.territory = "EMEA";
  EXPECT_TRUE(matches(rule, lead("EMEA", "banking", "web form")));
  EXPECT_TRUE(matches(fixed("all", "ann"), lead("", "", "")));
}

TEST(AssignmentTest, TheFirstMatchingRuleWins) {
  auto emea = fixed("emea", "ann");
  emea.territory = "EMEA";
  const AssignmentRules rules{{emea, fixed("all", "bob"), fixed("also-all", "cy")}};
  EXPECT_EQ(owner_of(lead("EMEA"), rules), "ann");
  EXPECT_EQ(owner_of(lead("APAC"), rules), "bob");
}

TEST(AssignmentTest, NoMatchingRuleMeansNoDecision) {
  auto emea = fixed("emea", "ann");
  emea.territory = "EMEA";
  EXPECT_EQ(decide_assignment(lead("APAC"), AssignmentRules{{emea}}, History{}.state()), std::nullopt);
  EXPECT_EQ(decide_assignment(lead("APAC"), AssignmentRules{}, History{}.state()), std::nullopt);
}

// --- Determinism ------------------------------------------------------------

TEST(AssignmentTest, TheSameInputsAlwaysGiveTheSameDecision) {
  const AssignmentRules rules{{team_rule("lb", AssignStrategy::load_balanced, {{"ann", 4}, {"bob", 2}, {"cy", 6}}),
                               team_rule("rr", AssignStrategy::round_robin, {{"ann"}, {"bob"}})}};
  const History history{.last = {{"rr", "ann"}}, .open = {{"ann", 2}, {"bob", 1}, {"cy", 3}}};
  const auto first = decide_assignment(lead("EMEA"), rules, history.state());
  for (int i = 0; i < 100; ++i) EXPECT_EQ(decide_assignment(lead("EMEA"), rules, history.state()), first);
}

// --- validate() -------------------------------------------------------------

std::string validate_error(const AssignmentRules& rules) {
  const auto failure = error_of([&] { validate(rules); });
  EXPECT_EQ(failure.code, Errc::invalid_argument);
  return failure.message;
}

TEST(AssignmentValidateTest, AcceptsAWellFormedRuleSet) {
  auto emea = fixed("emea", "ann");
  emea.territory = "EMEA";
  const AssignmentRules rules{{emea, team_rule("rr", AssignStrategy::round_robin, {{"ann"}, {"bob"}}),
                               team_rule("lb", AssignStrategy::load_balanced, {{"ann", 5}, {"bob", 3}})}};
  EXPECT_NO_THROW(validate(rules));
  EXPECT_NO_THROW(validate(AssignmentRules{}));
}

TEST(AssignmentValidateTest, RefusesARuleWithoutANameGivingItsPosition) {
  EXPECT_EQ(validate_error({{fixed("a", "ann"), fixed("", "bob")}}), "assignment rule #2: name is required");
}

TEST(AssignmentValidateTest, RefusesTwoRulesWithTheSameNameIgnoringCase) {
  EXPECT_EQ(validate_error({{fixed("EMEA", "ann"), fixed("emea", "bob")}}),
            "assignment rule 'emea': another rule has this name");
}

TEST(AssignmentValidateTest, RefusesAFixedOwnerRuleWithoutAnOwner) {
  EXPECT_EQ(validate_error({{fixed("emea", "")}}), "assignment rule 'emea': fixed_owner needs an owner");
}

TEST(AssignmentValidateTest, RefusesATeamStrategyWithAnEmptyTeam) {
  EXPECT_EQ(validate_error({{team_rule("rr", AssignStrategy::round_robin, {})}}),
            "assignment rule 'rr': round_robin needs a team");
  EXPECT_EQ(validate_error({{team_rule("lb", AssignStrategy::load_balanced, {})}}),
            "assignment rule 'lb': load_balanced needs a team");
}

TEST(AssignmentValidateTest, RefusesATeamMemberWithoutAName) {
  EXPECT_EQ(validate_error({{team_rule("rr", AssignStrategy::round_robin, {{"ann"}, {""}})}}),
            "assignment rule 'rr': team member 2 has no name");
}

TEST(AssignmentValidateTest, RefusesATeamMemberListedTwiceIgnoringCase) {
  EXPECT_EQ(validate_error({{team_rule("rr", AssignStrategy::round_robin, {{"Ann"}, {"bob"}, {"ann"}})}}),
            "assignment rule 'rr': team member 'ann' appears twice");
}

TEST(AssignmentValidateTest, RefusesALoadBalancedTeamMixingLimitedAndUnlimitedMembers) {
  EXPECT_EQ(validate_error({{team_rule("lb", AssignStrategy::load_balanced, {{"ann", 5}, {"bob", 0}})}}),
            "assignment rule 'lb': load_balanced team mixes limited and unlimited (capacity 0) members");
}

TEST(AssignmentValidateTest, RefusesAnUnknownStrategy) {
  auto rule = fixed("emea", "ann");
  rule.strategy = static_cast<AssignStrategy>(9);
  EXPECT_EQ(validate_error({{rule}}), "assignment rule 'emea': unknown strategy");
}

TEST(AssignmentValidateTest, RefusesAConditionThatIsNotUtf8) {
  auto rule = fixed("emea", "ann");
  rule.industry = "\xff";
  EXPECT_EQ(validate_error({{rule}}), "assignment rule 'emea': industry is not valid UTF-8");
}

TEST(AssignStrategyTest, SpellingsRoundTrip) {
  for (const auto& [value, name] : EnumNames<AssignStrategy>::names) EXPECT_EQ(parse_enum<AssignStrategy>(name), value);
  EXPECT_EQ(to_string(AssignStrategy::load_balanced), "load_balanced");
}

}  // namespace
}  // namespace crm
