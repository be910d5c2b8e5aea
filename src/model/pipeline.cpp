// SPDX-License-Identifier: Apache-2.0
#include "crm/model/pipeline.hpp"

#include "crm/normalize.hpp"

namespace crm {

std::size_t Pipeline::stage_index(std::string_view stage) const {
  const std::string wanted = fold_case(stage);
  for (std::size_t i = 0; i < stages.size(); ++i)
    if (fold_case(stages[i].name) == wanted) return i;
  return stages.size();
}

const PipelineStage* Pipeline::find_stage(std::string_view stage) const {
  const auto i = stage_index(stage);
  return i < stages.size() ? &stages[i] : nullptr;
}

Pipeline default_pipeline() {
  using enum ForecastCategory;
  Pipeline p;
  p.name = "default";
  p.stages = {
      {"Prospecting", 10, pipeline}, {"Qualification", 20, pipeline}, {"Needs analysis", 30, pipeline},
      {"Demo", 40, best_case},       {"Proposal", 60, best_case},     {"Negotiation", 75, commit},
      {"Contract", 90, commit},
  };
  return p;
}

}  // namespace crm
