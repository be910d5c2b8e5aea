#include "workflow/chain.hpp"

#include <algorithm>
#include <vector>

#include "crm/error.hpp"
#include "crm/normalize.hpp"

namespace crm::detail::workflow {

namespace {

thread_local std::vector<ChainLink> chain;

std::string describe(const ChainLink& link) {
  return "'" + link.rule + "' on " + std::string(to_string(link.entity)) + " " + std::to_string(link.record);
}

std::string path_to(const ChainLink& last) {
  std::string text;
  for (const auto& link : chain) text += describe(link) + " -> ";
  return text + describe(last);
}

}  // namespace

std::int32_t chain_depth() { return static_cast<std::int32_t>(chain.size()); }

ChainGuard::ChainGuard(ChainLink link, std::size_t depth_limit) {
  const bool again = std::any_of(chain.begin(), chain.end(), [&](const ChainLink& x) {
    return x.entity == link.entity && x.record == link.record && fold_case(x.rule) == fold_case(link.rule);
  });
  if (again)
    throw Error(Errc::conflict, "workflow: rule '" + link.rule + "' fired again on the same record (a cycle: " +
                                    path_to(link) + "); add a condition that its own change makes false");
  if (chain.size() >= depth_limit)
    throw Error(Errc::conflict, "workflow: rules set off more than " + std::to_string(depth_limit) +
                                    " further rules in one chain (" + path_to(link) + ")");
  chain.push_back(std::move(link));
}

ChainGuard::~ChainGuard() { chain.pop_back(); }

}  // namespace crm::detail::workflow
