// SPDX-License-Identifier: Apache-2.0
#pragma once
// Lead assignment: rules are data (stored and edited by the host), and one
// pure function picks the owner of a lead from them. It reads the past only
// through AssignmentState, so the same lead, rules and state always give the
// same decision; the engine fills the state from stored data and writes the
// result.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/enum_names.hpp"
#include "crm/model/lead.hpp"

namespace crm {

// How a matching rule picks the owner. Numeric values may be stored: never
// renumber, only append.
enum class AssignStrategy : std::uint8_t { fixed_owner = 0, round_robin = 1, load_balanced = 2 };

template <>
struct EnumNames<AssignStrategy> {
  static constexpr std::string_view what = "assignment strategy";
  static constexpr std::array<std::pair<AssignStrategy, std::string_view>, 3> names{{
      {AssignStrategy::fixed_owner, "fixed_owner"},
      {AssignStrategy::round_robin, "round_robin"},
      {AssignStrategy::load_balanced, "load_balanced"},
  }};
};

struct TeamMember {
  std::string name{};  // the owner name written on the lead; unique in its team (case-insensitively)
  // load_balanced: the most open leads this member may hold; 0 = unlimited. Such a team is
  // all limited or all unlimited: no share orders an unlimited member against a limited one.
  std::size_t capacity = 0;

  friend bool operator==(const TeamMember&, const TeamMember&) = default;
};

struct AssignmentRule {
  std::string name{};  // required, unique in its rule set (case-insensitively); recorded on the lead

  // Conditions. Each non-empty one must equal the lead's field, compared
  // case-insensitively (fold_case); a rule with none matches every lead.
  std::string territory{};
  std::string industry{};
  std::string source{};

  AssignStrategy strategy = AssignStrategy::fixed_owner;
  std::string owner{};             // fixed_owner: who gets every matching lead
  std::vector<TeamMember> team{};  // round_robin / load_balanced: the members, in order

  friend bool operator==(const AssignmentRule&, const AssignmentRule&) = default;
};

// An ordered rule set: the first rule that matches a lead decides.
struct AssignmentRules {
  std::vector<AssignmentRule> rules{};

  friend bool operator==(const AssignmentRules&, const AssignmentRules&) = default;
};

// The past, as the decision needs it. Plain callables rather than an abstract
// class: the engine fills them with two lambdas over its open transaction, a
// test with two over a map. Only the one the matching rule's strategy needs is
// called; leaving that one empty is refused with Errc::invalid_argument.
struct AssignmentState {
  // The owner this rule assigned most recently, or nullopt if none (round_robin).
  std::function<std::optional<std::string>(std::string_view rule)> last_owner{};
  // How many open (new or working) leads this owner holds now (load_balanced).
  std::function<std::size_t(std::string_view owner)> open_leads{};
};

struct AssignmentDecision {
  std::string rule{};  // the name of the rule that matched
  AssignStrategy strategy = AssignStrategy::fixed_owner;
  std::string owner{};

  friend bool operator==(const AssignmentDecision&, const AssignmentDecision&) = default;
};

// Checks a rule set before it is stored; throws Errc::invalid_argument naming the rule and
// problem ("assignment rule 'emea': round_robin needs a team"). decide_assignment() expects
// rules that passed: it refuses what would be undefined behaviour but diagnoses no more.
void validate(const AssignmentRules& rules);

// The first rule matching `lead` and the owner it picks, or nullopt when none matches.
// round_robin: the member after the rule's last owner, wrapping, else the first. load_balanced:
// the lowest open/capacity share below capacity, ties to team order, else throws Errc::conflict.
std::optional<AssignmentDecision> decide_assignment(const Lead& lead, const AssignmentRules& rules,
                                                    const AssignmentState& state);

// True when every non-empty condition of `rule` equals `lead`'s field, case-insensitively.
bool matches(const AssignmentRule& rule, const Lead& lead);

class Engine;

// Decides the owner of stored lead `lead` by `rules` and records the
// decision on it (owner, assignment_rule, assigned_at from the engine's
// clock) in one transaction, reading the state from stored leads: a rule's
// last owner is that of the lead it assigned most recently; open leads are
// an owner's new and working ones. Returns nullopt, changing nothing, when
// no rule matches. Throws as validate() and decide_assignment() do.
std::optional<AssignmentDecision> assign_lead(Engine& engine, Id lead, const AssignmentRules& rules);

}  // namespace crm
