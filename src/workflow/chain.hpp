#pragma once
// The chain of rule firings on this thread: a rule's action changes a
// record, which fires rules, whose actions change records... The chain is
// bounded (the engine's workflow_depth_limit) and a rule may fire only once
// per record in it, so a set of rules that would trigger each other forever
// fails with a message that shows the loop instead of running away.

#include <cstddef>
#include <cstdint>
#include <string>

#include "crm/id.hpp"
#include "workflow/rule.hpp"

namespace crm::detail::workflow {

struct ChainLink {
  std::string rule;
  Entity entity;
  Id record;
};

// How many firings are under way on this thread: 0 for a change the host made.
std::int32_t chain_depth();

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
