// SPDX-License-Identifier: Apache-2.0
#include "engine/opportunity_rules.hpp"

#include "model/field_rules.hpp"
#include "text/quote.hpp"

namespace crm::detail {

namespace {

std::string stage_list(const Pipeline& pipeline) {
  std::string names;
  for (const auto& stage : pipeline.stages) names += (names.empty() ? "" : ", ") + stage.name;
  return names;
}

}  // namespace

void apply_pipeline(Opportunity& deal, const Pipeline& pipeline, const Opportunity* before) {
  const PipelineStage* stage = pipeline.find_stage(deal.stage);
  if (stage == nullptr)
    refuse("opportunity.stage",
           quote(deal.stage) + " is not a stage of pipeline '" + pipeline.name + "' (" + stage_list(pipeline) + ")");
  deal.pipeline = pipeline.name;
  deal.stage = stage->name;

  const bool moved = before == nullptr || before->stage != deal.stage || before->pipeline != deal.pipeline;
  const bool reopened = before != nullptr && before->status != DealStatus::open && deal.status == DealStatus::open;
  if (deal.status == DealStatus::won)
    deal.probability = 100;
  else if (deal.status == DealStatus::lost)
    deal.probability = 0;
  else if ((before == nullptr && deal.probability == 0) || (before != nullptr && moved) || reopened)
    deal.probability = stage->probability;
}

std::optional<StageChange> stage_change(const Opportunity& after, const Opportunity* before, Timestamp at,
                                        std::string_view by) {
  if (before != nullptr && before->stage == after.stage && before->pipeline == after.pipeline &&
      before->status == after.status)
    return std::nullopt;
  StageChange change;
  change.opportunity_id = after.id;
  change.pipeline = after.pipeline;
  change.from_stage = before != nullptr ? before->stage : std::string();
  change.to_stage = after.stage;
  change.status = after.status;
  change.amount = after.amount;
  change.probability = after.probability;
  change.owner = after.owner;
  change.at = at;
  change.by = std::string(by);
  return change;
}

}  // namespace crm::detail
