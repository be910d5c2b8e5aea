// SPDX-License-Identifier: Apache-2.0
#pragma once
// The chain of rule firings on this thread: a rule's action changes a
// record, which fires rules, whose actions change records... The chain is
// bounded in depth (the engine's workflow_depth_limit) and in breadth (the
// workflow_action_limit: actions run for one change, across the whole chain
// it starts), and a rule may fire only once per record in it, so a set of
// rules that would trigger each other forever, or multiply without end,
// fails with a message that shows the chain instead of running away.

#include <cstddef>
#include <cstdint>
#include <string>

#include "crm/error.hpp"
#include "crm/id.hpp"
#include "workflow/rule.hpp"

namespace crm::detail::workflow {

struct ChainLink {
  std::string rule;
  Entity entity;
  Id record;
};

// A failure that already names the rule and action it came from (or the
// chain that broke a bound), so the rules above it in the chain pass it on
// as it is rather than naming themselves around it. Callers see a crm::Error.
class RuleFailure : public Error {
 public:
  using Error::Error;
};

// How many firings are under way on this thread: 0 for a change the host made.
std::int32_t chain_depth();

// Starts the work count of a new change: the engine calls it for each change
// a host makes (chain_depth() == 0) and for each timed action run_due runs.
void begin_change();

// Counts one action of the rule at the end of the chain. Throws RuleFailure
// (Errc::conflict) naming the chain and the action once the change has run
// `limit` actions; from then on budget_exhausted() is true until the next
// begin_change(), so that no failure policy can swallow it.
void spend_action(const Rule& rule, std::size_t index, std::size_t limit);
bool budget_exhausted();

// Records changed by rule actions on this thread, ever increasing: a write
// compares it before and after its rules ran to learn whether they may have
// changed the record it wrote.
std::uint64_t rule_edits();
void count_rule_edit();

// Joins the chain for its lifetime. Throws Errc::conflict, changing nothing,
// when `link` is already in the chain (a cycle) or the chain is full.
class ChainGuard {
 public:
  ChainGuard(ChainLink link, std::size_t depth_limit);
  ~ChainGuard();
  ChainGuard(const ChainGuard&) = delete;
  ChainGuard& operator=(const ChainGuard&) = delete;
};

}  // namespace crm::detail::workflow
