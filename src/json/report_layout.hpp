// SPDX-License-Identifier: Apache-2.0
#pragma once
// The reports' fields as JSON spells them, so that records and reports are
// written by the same code (record_json.cpp) and every host — the C API,
// the command line — gets one spelling.

#include <array>
#include <string_view>
#include <tuple>

#include "crm/pipeline/reports.hpp"
#include "engine/layout.hpp"

namespace crm::detail {

template <>
struct Layout<FunnelStage> {
  static auto fields(auto& s) {
    return std::tie(s.stage, s.entered, s.value, s.advanced, s.conversion_to_next, s.median_days_in_stage);
  }
  static constexpr std::array<std::string_view, 6> names{"stage",    "entered",            "value",
                                                         "advanced", "conversion_to_next", "median_days_in_stage"};
};

template <>
struct Layout<Funnel> {
  static auto fields(auto& f) {
    return std::tie(f.stages, f.won, f.lost, f.won_value, f.win_rate, f.skipped_other_currency);
  }
  static constexpr std::array<std::string_view, 6> names{"stages",    "won",      "lost",
                                                         "won_value", "win_rate", "skipped_other_currency"};
};

template <>
struct Layout<ForecastRow> {
  static auto fields(auto& r) { return std::tie(r.period_start, r.owner, r.category, r.deals, r.amount, r.weighted); }
  static constexpr std::array<std::string_view, 6> names{"period_start", "owner",  "category",
                                                         "deals",        "amount", "weighted"};
};

template <>
struct Layout<Forecast> {
  static auto fields(auto& f) { return std::tie(f.rows, f.skipped_other_currency); }
  static constexpr std::array<std::string_view, 2> names{"rows", "skipped_other_currency"};
};

template <>
struct Layout<CycleDays> {
  static auto fields(auto& d) { return std::tie(d.mean, d.median); }
  static constexpr std::array<std::string_view, 2> names{"mean", "median"};
};

template <>
struct Layout<SalesCycle> {
  static auto fields(auto& c) { return std::tie(c.won, c.lost, c.won_days, c.closed_days); }
  static constexpr std::array<std::string_view, 4> names{"won", "lost", "won_days", "closed_days"};
};

template <>
struct Layout<SnapshotStage> {
  static auto fields(auto& s) { return std::tie(s.stage, s.deals, s.amount, s.weighted); }
  static constexpr std::array<std::string_view, 4> names{"stage", "deals", "amount", "weighted"};
};

template <>
struct Layout<PipelineSnapshot> {
  static auto fields(auto& p) { return std::tie(p.stages, p.won, p.lost, p.skipped_other_currency); }
  static constexpr std::array<std::string_view, 4> names{"stages", "won", "lost", "skipped_other_currency"};
};

// run_due()'s report.
template <>
struct Layout<RunDueReport> {
  static auto fields(auto& r) { return std::tie(r.ran, r.skipped, r.failed, r.more); }
  static constexpr std::array<std::string_view, 4> names{"ran", "skipped", "failed", "more"};
};

static_assert(names_match_fields<RunDueReport>() && names_match_fields<FunnelStage>() && names_match_fields<Funnel>() && names_match_fields<ForecastRow>() &&
              names_match_fields<Forecast>() && names_match_fields<CycleDays>() && names_match_fields<SalesCycle>() &&
              names_match_fields<SnapshotStage>() && names_match_fields<PipelineSnapshot>());

}  // namespace crm::detail
