// SPDX-License-Identifier: Apache-2.0
#pragma once
// One entry of an opportunity's stage history, written by the engine in the
// same transaction as the change: when a deal is created, moves stage, or is
// closed won or lost. Entries are never changed or erased; reports (funnel,
// cycle length, snapshots) are computed from them.

#include <cstdint>
#include <optional>
#include <string>

#include "crm/id.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/money.hpp"
#include "crm/time.hpp"

namespace crm {

struct StageChange {
  Id id = 0;
  Version version = 0;

  Id opportunity_id = 0;
  std::string pipeline{};
  std::string from_stage{};  // empty on the entry that created the deal
  std::string to_stage{};    // equals from_stage when only the status changed
  DealStatus status = DealStatus::open;  // the deal's status after the change
  // The deal as it stood after the change, so that a snapshot as of any
  // date can be rebuilt from the history alone.
  std::optional<Money> amount{};
  std::int32_t probability = 0;
  std::string owner{};

  Timestamp at{};
  std::string by{};  // who made the change, as the caller named them; may be empty

  friend bool operator==(const StageChange&, const StageChange&) = default;
};

// One step of a deal's past, for importing a deal with its history from
// another system (Engine::import_opportunity).
struct StageStep {
  std::string stage{};
  DealStatus status = DealStatus::open;
  Timestamp at{};
  std::string by{};
};

}  // namespace crm
