// SPDX-License-Identifier: Apache-2.0
// A pipeline as it stood at a past date, rebuilt from the stage history.
#include <unordered_map>
#include <utility>

#include "crm/pipeline/reports.hpp"
#include "pipeline/report_support.hpp"

namespace crm {

PipelineSnapshot pipeline_snapshot(const Engine& engine, const SnapshotQuery& query) {
  constexpr std::string_view what = "snapshot query";
  detail::check_currency(query.currency, what);
  if (!is_supported(query.as_of)) check_timestamp(query.as_of, std::string(what) + ".as_of");
  detail::PipelineNames names(detail::require_pipeline(engine, query.pipeline, what));

  // Each deal's last entry at or before as_of is how it stood then.
  std::unordered_map<Id, StageChange> last;
  detail::each_page(engine, StageChangeQuery{}, [&](StageChange& change) {
    if (change.at > query.as_of) return false;
    const Id deal = change.opportunity_id;
    last.insert_or_assign(deal, std::move(change));
    return true;
  });

  PipelineSnapshot result;
  for (const auto& stage : names.pipeline().stages)
    result.stages.push_back(
        SnapshotStage{.stage = stage.name, .amount = Money{0, query.currency}, .weighted = Money{0, query.currency}});
  for (const auto& [deal, entry] : last) {
    if (!names.is_pipeline(entry.pipeline)) continue;
    if (entry.status != DealStatus::open) {
      ++(entry.status == DealStatus::won ? result.won : result.lost);
      continue;
    }
    const std::size_t i = names.stage_index(entry.to_stage);
    if (i == result.stages.size()) continue;  // a stage since removed
    SnapshotStage& row = result.stages[i];
    ++row.deals;
    if (!detail::add_amount(row.amount, entry.amount)) {
      ++result.skipped_other_currency;
      continue;
    }
    if (entry.amount)
      row.weighted =
          row.weighted + Money{detail::weighted_minor(entry.amount->minor, entry.probability), query.currency};
  }
  return result;
}

}  // namespace crm
