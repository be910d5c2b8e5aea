// SPDX-License-Identifier: Apache-2.0
#include "workflow/chain.hpp"

#include <algorithm>
#include <vector>

#include "crm/normalize.hpp"
#include "workflow/rule_values.hpp"

namespace crm::detail::workflow {

namespace {

// What this thread's rules are doing. Rules run on the thread of the write
// that fired them, inside its transaction, so no other thread shares it.
struct ChainState {
  std::vector<ChainLink> links;
  std::size_t actions = 0;  // run for the current change
  bool exhausted = false;   // the current change went over its budget
  std::uint64_t edits = 0;
};
thread_local ChainState state;

std::string describe(const ChainLink& link) {
  return "'" + link.rule + "' on " + std::string(to_string(link.entity)) + " " + std::to_string(link.record);
}

// The chain as "'a' on customer 7 -> 'b' on task 9"; a chain made very deep
// by a raised depth limit shows its first and last few links.
std::string path(const std::vector<ChainLink>& links) {
  constexpr std::size_t shown_at_each_end = 4;
  std::string text;
  for (std::size_t i = 0; i < links.size(); ++i) {
    if (i == shown_at_each_end && links.size() > 2 * shown_at_each_end) {
      text += " -> ... (" + std::to_string(links.size() - 2 * shown_at_each_end) + " more)";
      i = links.size() - shown_at_each_end - 1;
      continue;
    }
    text += (i == 0 ? "" : " -> ") + describe(links[i]);
  }
  return text;
}

std::string path_to(const ChainLink& last) {
  auto links = state.links;
  links.push_back(last);
  return path(links);
}

}  // namespace

std::int32_t chain_depth() { return static_cast<std::int32_t>(state.links.size()); }

void begin_change() {
  state.actions = 0;
  state.exhausted = false;
}

void spend_action(const Rule& rule, std::size_t index, std::size_t limit) {
  if (state.actions < limit && !state.exhausted) {
    ++state.actions;
    return;
  }
  state.exhausted = true;
  throw RuleFailure(Errc::conflict,
                    "workflow: the change set off more than " + std::to_string(limit) +
                        " rule actions, the workflow action limit (rule chain: " + path(state.links) + ", " +
                        item("actions", index) + " (" + std::string(to_string(rule.actions[index].kind)) +
                        ")); give rules that set off more rules conditions their own changes make false");
}

bool budget_exhausted() { return state.exhausted; }

std::uint64_t rule_edits() { return state.edits; }
void count_rule_edit() { ++state.edits; }

ChainGuard::ChainGuard(ChainLink link, std::size_t depth_limit) {
  const bool again = std::any_of(state.links.begin(), state.links.end(), [&](const ChainLink& x) {
    return x.entity == link.entity && x.record == link.record && fold_case(x.rule) == fold_case(link.rule);
  });
  if (again)
    throw Error(Errc::conflict, "workflow: rule '" + link.rule + "' fired again on the same record (a cycle: " +
                                    path_to(link) + "); add a condition that its own change makes false");
  if (state.links.size() >= depth_limit)
    throw Error(Errc::conflict, "workflow: rules set off more than " + std::to_string(depth_limit) +
                                    " further rules in one chain (" + path_to(link) + ")");
  state.links.push_back(std::move(link));
}

ChainGuard::~ChainGuard() { state.links.pop_back(); }

}  // namespace crm::detail::workflow
