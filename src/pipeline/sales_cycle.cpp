// SPDX-License-Identifier: Apache-2.0
// Sales cycle length: days from creation to close of the deals closed in a window.
#include <optional>
#include <vector>

#include "crm/pipeline/reports.hpp"
#include "pipeline/report_support.hpp"

namespace crm {

SalesCycle sales_cycle(const Engine& engine, const SalesCycleQuery& query) {
  constexpr std::string_view what = "sales cycle query";
  detail::check_window(query.window, what);
  std::optional<detail::PipelineNames> names;
  if (query.pipeline) names.emplace(detail::require_pipeline(engine, *query.pipeline, what));

  // Closed deals are read through the status index: open ones are never loaded.
  std::vector<double> won_days, closed_days;
  SalesCycle result;
  for (const DealStatus status : {DealStatus::won, DealStatus::lost}) {
    detail::each_page(engine, OpportunityQuery{.status = status}, [&](const Opportunity& deal) {
      if (!deal.closed_at || !query.window.contains(*deal.closed_at)) return true;
      if (names && !names->is_pipeline(deal.pipeline)) return true;
      const double days = detail::days_between(deal.created_at, *deal.closed_at);
      closed_days.push_back(days);
      if (status == DealStatus::won) {
        ++result.won;
        won_days.push_back(days);
      } else {
        ++result.lost;
      }
      return true;
    });
  }
  result.won_days = CycleDays{detail::mean(won_days), detail::median(won_days)};
  result.closed_days = CycleDays{detail::mean(closed_days), detail::median(closed_days)};
  return result;
}

}  // namespace crm
