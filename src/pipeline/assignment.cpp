// SPDX-License-Identifier: Apache-2.0
// Lead assignment rules: validation and the decision.
#include "crm/pipeline/assignment.hpp"

#include <algorithm>
#include <set>

#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "text/utf8.hpp"
#include "text/quote.hpp"

namespace crm {
namespace {

[[noreturn]] void refuse(const AssignmentRule& rule, const std::string& problem) {
  throw Error(Errc::invalid_argument, "assignment rule " + detail::quote(rule.name) + ": " + problem);
}

bool is_team_strategy(AssignStrategy s) {
  return s == AssignStrategy::round_robin || s == AssignStrategy::load_balanced;
}

void check_condition(const AssignmentRule& rule, const std::string& value, std::string_view field) {
  if (detail::find_invalid_utf8(value)) refuse(rule, std::string(field) + " is not valid UTF-8");
}

void check_team(const AssignmentRule& rule) {
  const std::string strategy(to_string(rule.strategy));
  if (rule.team.empty()) refuse(rule, strategy + " needs a team");
  std::set<std::string> seen;
  std::size_t unlimited = 0;
  for (std::size_t i = 0; i < rule.team.size(); ++i) {
    const auto& member = rule.team[i];
    const std::string position = "team member " + std::to_string(i + 1);
    if (member.name.empty()) refuse(rule, position + " has no name");
    if (detail::find_invalid_utf8(member.name)) refuse(rule, position + " is not valid UTF-8");
    if (!seen.insert(fold_case(member.name)).second) refuse(rule, "team member " + detail::quote(member.name) + " appears twice");
    if (member.capacity == 0) ++unlimited;
  }
  // No ratio orders an unlimited member against a limited one, so refuse the mix.
  if (rule.strategy == AssignStrategy::load_balanced && unlimited != 0 && unlimited != rule.team.size())
    refuse(rule, "load_balanced team mixes limited and unlimited (capacity 0) members");
}

// Whether open_a/cap_a < open_b/cap_b, exactly and without overflow (caps > 0):
// compare the integer parts, then, Euclid-style, the reciprocals of the rest.
bool lower_load(std::size_t open_a, std::size_t cap_a, std::size_t open_b, std::size_t cap_b) {
  if (open_a / cap_a != open_b / cap_b) return open_a / cap_a < open_b / cap_b;
  open_a %= cap_a;
  open_b %= cap_b;
  if (open_b == 0) return false;
  if (open_a == 0) return true;
  return lower_load(cap_b, open_b, cap_a, open_a);  // a < b  <=>  1/b < 1/a
}

std::string round_robin(const AssignmentRule& rule, const AssignmentState& state) {
  if (!state.last_owner) throw Error(Errc::invalid_argument, "assignment state: last_owner is not set");
  const auto last = state.last_owner(rule.name);
  if (!last) return rule.team.front().name;
  const std::string wanted = fold_case(*last);
  for (std::size_t i = 0; i < rule.team.size(); ++i)
    if (fold_case(rule.team[i].name) == wanted) return rule.team[(i + 1) % rule.team.size()].name;
  return rule.team.front().name;  // the last owner has left the team: start again
}

std::string load_balanced(const AssignmentRule& rule, const AssignmentState& state) {
  if (!state.open_leads) throw Error(Errc::invalid_argument, "assignment state: open_leads is not set");
  const TeamMember* best = nullptr;
  std::size_t best_open = 0;
  for (const auto& member : rule.team) {
    const std::size_t open = state.open_leads(member.name);
    if (member.capacity != 0 && open >= member.capacity) continue;
    // Unlimited members compare by count (as if capacity 1); strict < keeps team order on ties.
    if (!best || lower_load(open, std::max<std::size_t>(member.capacity, 1), best_open,
                            std::max<std::size_t>(best->capacity, 1))) {
      best = &member;
      best_open = open;
    }
  }
  if (!best) throw Error(Errc::conflict, "assignment rule " + detail::quote(rule.name) + ": every team member is at capacity");
  return best->name;
}

// The lead's condition fields folded once per decision, not once per rule.
struct FoldedLead {
  std::string territory, industry, source;
  explicit FoldedLead(const Lead& lead)
      : territory(fold_case(lead.territory)), industry(fold_case(lead.industry)), source(fold_case(lead.source)) {}
};

bool condition_holds(const std::string& condition, const std::string& folded_field) {
  return condition.empty() || fold_case(condition) == folded_field;
}

bool matches(const AssignmentRule& rule, const FoldedLead& lead) {
  return condition_holds(rule.territory, lead.territory) && condition_holds(rule.industry, lead.industry) &&
         condition_holds(rule.source, lead.source);
}

// validate() gives the full diagnosis; these refusals only keep an unchecked
// rule set away from undefined behaviour.
std::string pick_owner(const AssignmentRule& rule, const AssignmentState& state) {
  if (is_team_strategy(rule.strategy) && rule.team.empty())
    refuse(rule, std::string(to_string(rule.strategy)) + " needs a team");
  switch (rule.strategy) {
    case AssignStrategy::fixed_owner:
      if (rule.owner.empty()) refuse(rule, "fixed_owner needs an owner");
      return rule.owner;
    case AssignStrategy::round_robin: return round_robin(rule, state);
    case AssignStrategy::load_balanced: return load_balanced(rule, state);
  }
  refuse(rule, "unknown strategy");
}

}  // namespace

void validate(const AssignmentRules& rules) {
  std::set<std::string> names;
  for (std::size_t i = 0; i < rules.rules.size(); ++i) {
    const auto& rule = rules.rules[i];
    if (rule.name.empty())
      throw Error(Errc::invalid_argument, "assignment rule #" + std::to_string(i + 1) + ": name is required");
    if (detail::find_invalid_utf8(rule.name))
      throw Error(Errc::invalid_argument, "assignment rule #" + std::to_string(i + 1) + ": name is not valid UTF-8");
    if (!names.insert(fold_case(rule.name)).second) refuse(rule, "another rule has this name");
    if (!is_known(rule.strategy)) refuse(rule, "unknown strategy");
    check_condition(rule, rule.territory, "territory");
    check_condition(rule, rule.industry, "industry");
    check_condition(rule, rule.source, "source");
    if (rule.strategy == AssignStrategy::fixed_owner && rule.owner.empty()) refuse(rule, "fixed_owner needs an owner");
    if (is_team_strategy(rule.strategy)) check_team(rule);
  }
}

bool matches(const AssignmentRule& rule, const Lead& lead) { return matches(rule, FoldedLead(lead)); }

std::optional<AssignmentDecision> decide_assignment(const Lead& lead, const AssignmentRules& rules,
                                                    const AssignmentState& state) {
  const FoldedLead folded(lead);
  for (const auto& rule : rules.rules)
    if (matches(rule, folded)) return AssignmentDecision{rule.name, rule.strategy, pick_owner(rule, state)};
  return std::nullopt;
}

}  // namespace crm
