// SPDX-License-Identifier: Apache-2.0
// Checks, weighting and statistics shared by the pipeline reports and alerts.
#include "pipeline/report_support.hpp"

#include <algorithm>
#include <utility>

#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "text/quote.hpp"

namespace crm::detail {

void check_window(const TimeWindow& window, std::string_view what) {
  if (!is_supported(window.from)) check_timestamp(window.from, std::string(what) + ".window.from");
  if (!is_supported(window.to)) check_timestamp(window.to, std::string(what) + ".window.to");
  if (window.to < window.from)
    throw Error(Errc::invalid_argument, std::string(what) + ".window.to: " + to_iso8601(window.to) +
                                            " is before window.from " + to_iso8601(window.from));
}

void check_currency(const Currency& currency, std::string_view what) {
  if (currency.empty())
    throw Error(Errc::invalid_argument,
                std::string(what) + ".currency: required (reports are in one currency, e.g. Currency::of(\"EUR\"))");
}

Pipeline require_pipeline(const Engine& engine, std::string_view name, std::string_view what) {
  auto pipeline = engine.find_pipeline(name);
  if (!pipeline)
    throw Error(Errc::not_found, std::string(what) + ".pipeline: no pipeline named " + detail::quote(name));
  return std::move(*pipeline);
}

std::int64_t weighted_minor(std::int64_t minor, std::int32_t probability) {
  // Split so that no intermediate product exceeds |minor|: q × p <= |minor|
  // for p <= 100, and r × p < 100 × 100.
  const bool negative = minor < 0;
  // -(minor + 1) + 1 avoids negating INT64_MIN.
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(minor + 1)) + 1U : static_cast<std::uint64_t>(minor);
  const auto p = static_cast<std::uint64_t>(probability);
  const std::uint64_t result = magnitude / 100U * p + (magnitude % 100U * p + 50U) / 100U;
  // Negate in unsigned arithmetic: C++20 converts modulo 2^64, so a result
  // of 2^63 becomes INT64_MIN instead of overflowing.
  return static_cast<std::int64_t>(negative ? 0U - result : result);
}

double days_between(Timestamp from, Timestamp to) {
  constexpr double ms_per_day = 86'400'000.0;
  return static_cast<double>((to - from).count()) / ms_per_day;
}

std::optional<double> mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double sum = 0;
  for (const double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

std::optional<double> median(std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  if (values.size() % 2 == 1) return *middle;
  const double below = *std::max_element(values.begin(), middle);
  return (below + *middle) / 2;
}

bool add_amount(Money& sum, const std::optional<Money>& amount) {
  if (!amount) return true;
  if (amount->currency != sum.currency) return false;
  sum = sum + *amount;
  return true;
}

PipelineNames::PipelineNames(Pipeline pipeline)
    : pipeline_(std::move(pipeline)), folded_name_(fold_case(pipeline_.name)) {
  names_.emplace(pipeline_.name, true);
  for (std::size_t i = 0; i < pipeline_.stages.size(); ++i) stages_.emplace(pipeline_.stages[i].name, i);
}

bool PipelineNames::is_pipeline(const std::string& name) {
  auto [it, inserted] = names_.try_emplace(name, false);
  if (inserted) it->second = fold_case(name) == folded_name_;
  return it->second;
}

std::size_t PipelineNames::stage_index(const std::string& stage) {
  auto [it, inserted] = stages_.try_emplace(stage, 0);
  if (inserted) it->second = pipeline_.stage_index(stage);
  return it->second;
}

}  // namespace crm::detail
