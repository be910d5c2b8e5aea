// SPDX-License-Identifier: Apache-2.0
// The weighted forecast: open and won deals by period, owner and category.
#include <chrono>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "crm/error.hpp"
#include "crm/pipeline/reports.hpp"
#include "pipeline/report_support.hpp"

namespace crm {

namespace {

Timestamp period_start(Timestamp t, ForecastPeriod period) {
  using namespace std::chrono;
  const year_month_day day{floor<days>(t)};
  unsigned first_month = static_cast<unsigned>(day.month());
  if (period == ForecastPeriod::quarter) first_month = (first_month - 1) / 3 * 3 + 1;
  return Timestamp{sys_days{day.year() / month{first_month} / 1}};
}

// Stage categories by pipeline name, looked up once per pipeline.
class Categories {
 public:
  explicit Categories(const Engine& engine) : engine_(engine) {}

  ForecastCategory of(const Opportunity& deal) {
    auto [it, inserted] = pipelines_.try_emplace(deal.pipeline);
    if (inserted) it->second = engine_.find_pipeline(deal.pipeline);
    const PipelineStage* stage = it->second ? it->second->find_stage(deal.stage) : nullptr;
    // The engine keeps a stage while a deal is in it; none can be missing
    // unless the pipeline changed between two pages of the listing.
    return stage != nullptr ? stage->category : ForecastCategory::pipeline;
  }

 private:
  const Engine& engine_;
  std::map<std::string, std::optional<Pipeline>> pipelines_;
};

}  // namespace

Forecast forecast(const Engine& engine, const ForecastQuery& query) {
  constexpr std::string_view what = "forecast query";
  if (query.window) detail::check_window(*query.window, what);
  detail::check_currency(query.currency, what);
  if (!is_known(query.period))
    throw Error(Errc::invalid_argument, "forecast query.period: unknown forecast period value " +
                                            std::to_string(static_cast<int>(query.period)));
  OpportunityQuery deals;
  if (query.pipeline) deals.pipeline = detail::require_pipeline(engine, *query.pipeline, what).name;

  // Unscheduled sorts after every period: (true, epoch) > (false, any time).
  using Key = std::tuple<bool, Timestamp, std::string, ForecastCategory>;
  std::map<Key, ForecastRow> rows;
  Categories categories(engine);
  Forecast result;
  detail::each_page(engine, deals, [&](const Opportunity& deal) {
    if (deal.status == DealStatus::lost) return true;
    const bool won = deal.status == DealStatus::won;
    const std::optional<Timestamp> date = won ? deal.closed_at : deal.expected_close;
    if (query.window && (!date || !query.window->contains(*date))) return true;
    if (deal.amount && deal.amount->currency != query.currency) {
      ++result.skipped_other_currency;
      return true;
    }
    const ForecastCategory category = won ? ForecastCategory::closed : categories.of(deal);
    const std::optional<Timestamp> start = date ? std::optional(period_start(*date, query.period)) : std::nullopt;
    auto [it, inserted] = rows.try_emplace(Key{!start, start.value_or(Timestamp{}), deal.owner, category});
    ForecastRow& row = it->second;
    if (inserted)
      row = ForecastRow{.period_start = start,
                        .owner = deal.owner,
                        .category = category,
                        .amount = Money{0, query.currency},
                        .weighted = Money{0, query.currency}};
    const std::int64_t minor = deal.amount ? deal.amount->minor : 0;
    ++row.deals;
    row.amount = row.amount + Money{minor, query.currency};
    row.weighted = row.weighted + Money{won ? minor : detail::weighted_minor(minor, deal.probability), query.currency};
    return true;
  });
  result.rows.reserve(rows.size());
  for (auto& [key, row] : rows) result.rows.push_back(std::move(row));
  return result;
}

}  // namespace crm
