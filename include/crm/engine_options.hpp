// SPDX-License-Identifier: Apache-2.0
#pragma once
// How an engine is set up: EngineOptions, given to Engine's constructor
// (crm/engine.hpp). Kept apart from the engine's calls, as LevelDB keeps
// its options in options.h.

#include <cstddef>
#include <memory>
#include <string>

#include "crm/normalize.hpp"
#include "crm/time.hpp"

namespace crm {

struct EngineOptions {
  // ISO 3166 region for phone numbers written without a country code.
  std::string default_region = "US";
  PhoneCheck phone_check = PhoneCheck::valid;
  // The engine's only source of time; null means the system clock. The engine
  // reads it through a range check (options().clock is that wrapper): a
  // reading outside the supported range fails the call with
  // Errc::invalid_argument ("clock: …") instead of being stamped.
  std::shared_ptr<const Clock> clock{};
  // The longest chain of workflow rules whose actions set off further rules
  // (docs/WORKFLOW.md); a longer one fails the change that started it.
  std::size_t workflow_depth_limit = 8;
  // The most rule actions one change may set off, counted across the whole
  // chain it starts (docs/WORKFLOW.md, "Work is bounded"); one more fails the
  // change with Errc::conflict naming the rule chain. At least 1.
  std::size_t workflow_action_limit = 2000;
};

}  // namespace crm
