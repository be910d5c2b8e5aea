// SPDX-License-Identifier: Apache-2.0
#pragma once
// Pipeline reports as plain queries: a funnel, a weighted forecast, the sales
// cycle length and a snapshot of a pipeline as of a past date. Each is
// computed from the engine's public reads only (deal listings, the stage
// history, find_pipeline) and writes nothing; later they feed workflow
// triggers.
//
// Rules every report follows:
// - A TimeWindow is half-open: an event at `from` is inside it, one at `to`
//   is not. A window whose `to` is before its `from`, or an end or as_of
//   outside the supported range of times (time.hpp), is refused with
//   Errc::invalid_argument naming the field ("funnel query.window.to: …").
// - Values are in the one currency the query names (required). A deal whose
//   amount is in another currency adds to no value and is counted in
//   `skipped_other_currency`; currencies are never mixed or converted. A deal
//   without an amount adds zero.
// - Money is summed in integer minor units. A weighted amount is
//   amount × probability / 100 rounded half away from zero to the minor unit,
//   per deal, then summed. Sums that overflow throw Errc::invalid_argument.
// - Durations are fractional days (86 400 000 ms to a day); they are
//   statistics, so double is fine here.
// - A pipeline is named case-insensitively; an unknown one throws
//   Errc::not_found. Stage names are reported in the pipeline's spelling and
//   order; history in a stage the pipeline no longer has is not reported.
//
// Cost: reports page through what they read, max_page_size records a page.
// Funnel and snapshot replay the stage history from its first entry and keep
// a small state per deal: O(history) time, O(deals) memory. Pages are read
// one after another, not in one transaction, so a write committed while a
// report runs may be partly seen.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/engine.hpp"
#include "crm/enum_names.hpp"
#include "crm/model/pipeline.hpp"
#include "crm/money.hpp"
#include "crm/time.hpp"

namespace crm {

// [from, to): from is inside, to is not.
struct TimeWindow {
  Timestamp from{};
  Timestamp to{};

  bool contains(Timestamp t) const { return from <= t && t < to; }
  friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

// --- Funnel -----------------------------------------------------------------

// How deals flowed through one pipeline's stages during a window. The stage
// history is read in time order from its first entry up to window.to, keeping
// each deal's current stage and when it entered it; only events inside the
// window are counted. Definitions:
// - An *entry* into a stage is the history entry that created the deal, or
//   one that put it in another stage (or pipeline) than its previous entry.
//   A close or reopening in the same stage is not an entry.
// - An *exit* from a stage is the next entry of an open deal that moves it to
//   another stage or closes it won or lost; its duration runs from the deal's
//   latest entry into the stage (or its reopening there, if later).
struct FunnelQuery {
  std::string pipeline = "default";
  TimeWindow window{};
  Currency currency{};  // required
};

struct FunnelStage {
  std::string stage{};
  // Distinct deals with an entry into this stage inside the window.
  std::size_t entered = 0;
  // Their amounts as recorded on their first such entry.
  Money value{};
  // Of those deals, how many afterwards (before window.to) entered a later
  // stage of the pipeline or were won; skipping stages counts.
  std::size_t advanced = 0;
  // advanced / entered; nullopt when entered is 0.
  std::optional<double> conversion_to_next{};
  // Median of the durations of the exits from this stage inside the window
  // (the entry may be earlier); nullopt when there were none. With an even
  // count, the mean of the middle two.
  std::optional<double> median_days_in_stage{};
};

struct Funnel {
  std::vector<FunnelStage> stages{};  // every stage of the pipeline, in order
  // Deals of the pipeline whose closing entry is inside the window; a deal
  // closed, reopened and closed again in it counts once, by its last close.
  std::size_t won = 0;
  std::size_t lost = 0;
  Money won_value{};                 // the won deals' amounts on their closing entries
  std::optional<double> win_rate{};  // won / (won + lost); nullopt when both are 0
  // Distinct deals counted above whose amount was left out of a value.
  std::size_t skipped_other_currency = 0;
};

// Throws Errc::not_found for an unknown pipeline and Errc::invalid_argument
// for a reversed window or a missing currency.
Funnel funnel(const Engine& engine, const FunnelQuery& query);

// --- Weighted forecast ------------------------------------------------------

// Calendar periods, in UTC. Numeric values may be stored: only append.
enum class ForecastPeriod : std::uint8_t { month = 0, quarter = 1 };

template <>
struct EnumNames<ForecastPeriod> {
  static constexpr std::string_view what = "forecast period";
  static constexpr std::array<std::pair<ForecastPeriod, std::string_view>, 2> names{{
      {ForecastPeriod::month, "month"},
      {ForecastPeriod::quarter, "quarter"},
  }};
};

// Open deals are bucketed by expected_close and won deals by closed_at; lost
// deals are left out. An open deal's category is its stage's ForecastCategory
// in its pipeline and its weighted amount is amount × probability / 100 (the
// deal's own probability); a won deal is category `closed` and weighs its
// whole amount. An open deal without expected_close is "unscheduled".
struct ForecastQuery {
  std::optional<std::string> pipeline{};  // every pipeline when empty
  Currency currency{};                    // required
  ForecastPeriod period = ForecastPeriod::month;
  // When given, only deals whose date falls inside it; unscheduled deals are
  // then left out.
  std::optional<TimeWindow> window{};
};

struct ForecastRow {
  // Midnight UTC on the first day of the month or quarter (Jan, Apr, Jul,
  // Oct); nullopt for unscheduled deals.
  std::optional<Timestamp> period_start{};
  std::string owner{};
  ForecastCategory category = ForecastCategory::pipeline;
  std::size_t deals = 0;
  Money amount{};
  Money weighted{};

  friend bool operator==(const ForecastRow&, const ForecastRow&) = default;
};

struct Forecast {
  // One row per (period, owner, category) with deals, sorted by period
  // (unscheduled last), then owner (bytewise), then category (enum order).
  // Totals per owner or period are sums of rows.
  std::vector<ForecastRow> rows{};
  // Deals that would be in a row but whose amount is in another currency.
  std::size_t skipped_other_currency = 0;
};

// Throws Errc::not_found for an unknown pipeline and Errc::invalid_argument
// for a reversed window, a missing currency or an unknown period.
Forecast forecast(const Engine& engine, const ForecastQuery& query);

// --- Sales cycle length -----------------------------------------------------

// Deals closed (closed_at) inside the window, and the days from created_at to
// closed_at. An imported deal was created at its first step.
struct SalesCycleQuery {
  std::optional<std::string> pipeline{};  // every pipeline when empty
  TimeWindow window{};
};

struct CycleDays {
  std::optional<double> mean{};    // nullopt when no deal was closed
  std::optional<double> median{};  // the mean of the middle two for an even count
};

struct SalesCycle {
  std::size_t won = 0;
  std::size_t lost = 0;
  CycleDays won_days{};     // over the won deals
  CycleDays closed_days{};  // over the won and the lost deals
};

// Throws Errc::not_found for an unknown pipeline and Errc::invalid_argument
// for a reversed window.
SalesCycle sales_cycle(const Engine& engine, const SalesCycleQuery& query);

// --- Snapshot as of a past date ---------------------------------------------

// The pipeline as it stood at `as_of`, rebuilt from the stage history alone:
// each deal is taken as its last history entry at or before as_of (entries at
// as_of count). Deals created after as_of do not appear, nor do deals in
// another pipeline then. Amounts and probabilities are those recorded on that
// entry: an amount edited without a change of stage or status leaves no
// history, so it shows from the deal's next stage or status change.
struct SnapshotQuery {
  std::string pipeline = "default";
  Timestamp as_of{};
  Currency currency{};  // required
};

struct SnapshotStage {
  std::string stage{};
  std::size_t deals = 0;  // open deals in the stage then
  Money amount{};
  Money weighted{};  // amount × probability / 100 per deal, as above
};

struct PipelineSnapshot {
  std::vector<SnapshotStage> stages{};     // every stage of the pipeline, in order
  std::size_t won = 0;                     // deals of the pipeline closed won by as_of (and not reopened)
  std::size_t lost = 0;                    // likewise lost
  std::size_t skipped_other_currency = 0;  // open deals above left out of amount and weighted
};

// Throws Errc::not_found for an unknown pipeline and Errc::invalid_argument
// for a missing currency.
PipelineSnapshot pipeline_snapshot(const Engine& engine, const SnapshotQuery& query);

}  // namespace crm
