// SPDX-License-Identifier: Apache-2.0
// The won/lost tallies of closed leads (crm/model/lead_outcomes.hpp).
#include "crm/model/lead_outcomes.hpp"

#include "crm/model/lead_features.hpp"

namespace crm {

void OutcomeCounts::add(const Lead& lead, bool won) {
  ++(won ? total.won : total.lost);
  for (const auto& f : lead_features(lead)) {
    auto& tally = by_field[f.field][f.value];
    ++(won ? tally.won : tally.lost);
  }
}

void OutcomeCounts::remove(const Lead& lead, bool won) {
  auto& closed = won ? total.won : total.lost;
  if (closed > 0) --closed;
  for (const auto& f : lead_features(lead)) {
    const auto field = by_field.find(f.field);
    if (field == by_field.end()) continue;
    const auto value = field->second.find(f.value);
    if (value == field->second.end()) continue;
    auto& count = won ? value->second.won : value->second.lost;
    if (count > 0) --count;
    if (value->second == Tally{}) field->second.erase(value);
    if (field->second.empty()) by_field.erase(field);
  }
}

}  // namespace crm
