// SPDX-License-Identifier: Apache-2.0
#pragma once
// What closed leads teach the predictive score: won/lost tallies per lead
// feature. The engine keeps them (Engine::lead_outcomes()), adding a lead in
// the transaction that closes it; crm/pipeline/scoring.hpp's predict() reads
// them. In the model because the engine stores them.

#include <cstdint>
#include <map>
#include <string>

#include "crm/model/lead.hpp"

namespace crm {

struct Tally {
  std::int64_t won = 0;
  std::int64_t lost = 0;

  friend bool operator==(const Tally&, const Tally&) = default;
};

// Counts per feature value (crm/model/lead_features.hpp); a value whose
// tally falls to zero is erased, so the distinct values of a field are those
// of closed leads and remove() undoes add() exactly.
struct OutcomeCounts {
  Tally total;
  std::map<std::string, std::map<std::string, Tally>> by_field;  // field -> value -> tally

  // Records one closed lead, every feature of it (not only configured fields).
  void add(const Lead& lead, bool won);
  // Forgets one closed lead (e.g. re-opened), given as it was added; counts
  // never go below zero.
  void remove(const Lead& lead, bool won);

  friend bool operator==(const OutcomeCounts&, const OutcomeCounts&) = default;
};

}  // namespace crm
