// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the pipeline reports and alerts share: query checks, paging through
// engine listings, name matching against a pipeline, weighting and the
// statistics of durations.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "crm/engine.hpp"
#include "crm/money.hpp"
#include "crm/pipeline/reports.hpp"
#include "pipeline/each_page.hpp"

namespace crm::detail {

// Errc::invalid_argument "<what>.window.to: … is before window.from …", or
// "<what>.window.from: … is outside the supported range …" for either end.
void check_window(const TimeWindow& window, std::string_view what);
// Errc::invalid_argument "<what>.currency: required …" for an empty currency.
void check_currency(const Currency& currency, std::string_view what);
// The stored (or built-in default) pipeline; Errc::not_found names it otherwise.
Pipeline require_pipeline(const Engine& engine, std::string_view name, std::string_view what);

// amount × probability / 100, rounded half away from zero to the minor unit,
// without overflowing for any int64 amount.
std::int64_t weighted_minor(std::int64_t minor, std::int32_t probability);

// (to - from) in fractional days.
double days_between(Timestamp from, Timestamp to);
// Both nullopt for no values; the median of an even count is the mean of the
// middle two. Reorders `values`.
std::optional<double> mean(const std::vector<double>& values);
std::optional<double> median(std::vector<double>& values);

// Adds `amount` to `sum` when it is in sum's currency and reports whether it
// was (a missing amount adds zero and counts as added).
bool add_amount(Money& sum, const std::optional<Money>& amount);

// Names as stored on deals and history entries, matched against one
// pipeline's names case-insensitively. Records hold the pipeline's own
// spelling, so the exact comparison nearly always decides and fold_case runs
// once per other spelling met.
class PipelineNames {
 public:
  explicit PipelineNames(Pipeline pipeline);

  const Pipeline& pipeline() const { return pipeline_; }
  bool is_pipeline(const std::string& name);
  // The stage's position in the pipeline, or stages.size() for none.
  std::size_t stage_index(const std::string& stage);

 private:
  Pipeline pipeline_;
  std::string folded_name_;
  std::unordered_map<std::string, bool> names_;
  std::unordered_map<std::string, std::size_t> stages_;
};

}  // namespace crm::detail
