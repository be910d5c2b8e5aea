// SPDX-License-Identifier: Apache-2.0
#pragma once
// The predictive score's training data as stored: one record per lead field
// with the won/lost tally of each value, plus one (field "") with the totals.
// The engine adds a lead to them in the transaction that closes it.

#include <map>
#include <string>

#include "crm/id.hpp"
#include "crm/model/lead_outcomes.hpp"

namespace crm::detail {

struct FieldOutcomes {
  Id id = 0;
  Version version = 0;
  std::string field{};                        // "" holds the totals under the value ""
  std::map<std::string, Tally> values{};
};

// Fields not counted: they name one party, so they predict nothing about
// the next lead and would only grow the tallies.
inline bool counted_field(std::string_view field) { return field != "company" && field != "owner"; }

}  // namespace crm::detail
