// SPDX-License-Identifier: Apache-2.0
#include <set>

#include "crm/limits.hpp"
#include "crm/normalize.hpp"
#include "model/validate.hpp"

namespace crm::detail {

void validate(Pipeline& p, const WriteContext&) {
  check_required(p.name, "pipeline.name", limits::short_text);
  if (p.stages.empty()) refuse("pipeline.stages", "a pipeline needs at least one stage");
  if (p.stages.size() > limits::pipeline_stages)
    refuse("pipeline.stages", std::to_string(p.stages.size()) + " stages, more than the limit of " +
                                  std::to_string(limits::pipeline_stages));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < p.stages.size(); ++i) {
    auto& stage = p.stages[i];
    const auto field = indexed("pipeline.stages", i);
    check_required(stage.name, field + ".name", limits::short_text);
    check_range(stage.probability, field + ".probability", 0, 100);
    check_enum(stage.category, field + ".category");
    if (!seen.insert(fold_case(stage.name)).second) refuse(field + ".name", "'" + stage.name + "' appears twice");
  }
  check_time(p.created_at, "pipeline.created_at");
  check_time(p.updated_at, "pipeline.updated_at");
}

}  // namespace crm::detail
