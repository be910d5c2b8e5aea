// SPDX-License-Identifier: Apache-2.0
#pragma once
// What a pipeline means for a deal being written: its stage must be one of
// the pipeline's, its probability follows the stage, and every change of
// stage or status leaves a history entry.

#include <optional>
#include <string_view>

#include "crm/model/opportunity.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/model/stage_change.hpp"

namespace crm::detail {

// Spells the deal's pipeline and stage as the pipeline does, and sets the
// probability: 100 when won, 0 when lost, the stage's default on create
// (unless one was given), on a stage change and on reopening; otherwise the
// caller's. Throws Errc::invalid_argument for a stage the pipeline lacks.
void apply_pipeline(Opportunity& deal, const Pipeline& pipeline, const Opportunity* before);

// The history entry for writing `after` over `before` (null on create), or
// nothing when neither the stage nor the status changed.
std::optional<StageChange> stage_change(const Opportunity& after, const Opportunity* before, Timestamp at,
                                        std::string_view by);

}  // namespace crm::detail
