// SPDX-License-Identifier: Apache-2.0
// Lead scoring: data-driven rules and naive Bayes over closed leads (the
// features and the tallies are in src/model, where the engine keeps them).
#include "crm/pipeline/scoring.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

#include "crm/error.hpp"
#include "crm/normalize.hpp"
#include "text/quote.hpp"
#include "text/utf8.hpp"

namespace crm {

namespace {

std::string double_text(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

bool matches(const ScoringRule& rule, const std::vector<LeadFeature>& features) {
  const std::string needle = rule.op == RuleOp::present ? std::string{} : fold_case(detail::trim(rule.value));
  return std::any_of(features.begin(), features.end(), [&](const LeadFeature& f) {
    if (f.field != rule.field) return false;
    switch (rule.op) {
      case RuleOp::equals: return f.value == needle;
      case RuleOp::contains: return f.value.find(needle) != std::string::npos;
      case RuleOp::present: return true;
    }
    return false;
  });
}

bool meets(const BehaviourRule& rule, const LeadActivity& activity, Timestamp now) {
  switch (rule.kind) {
    case BehaviourKind::interactions_at_least: return std::cmp_greater_equal(activity.interactions, rule.threshold);
    case BehaviourKind::inbound_at_least: return std::cmp_greater_equal(activity.inbound, rule.threshold);
    case BehaviourKind::contacted_within_days: {
      if (!activity.last_contact || rule.threshold < 0) return false;
      constexpr std::int64_t day_ms = 86'400'000;
      if (rule.threshold > std::numeric_limits<std::int64_t>::max() / day_ms) return true;
      return to_millis(now) - to_millis(*activity.last_contact) <= rule.threshold * day_ms;
    }
  }
  return false;
}

std::string describe(const ScoringRule& rule) {
  std::string text = rule.field + " " + std::string(to_string(rule.op));
  if (rule.op != RuleOp::present) text.append(" ").append(detail::quote(rule.value));
  return text;
}

std::string describe(const BehaviourRule& rule) {
  return std::string(to_string(rule.kind)) + " " + std::to_string(rule.threshold);
}

}  // namespace

ScoreExplanation rule_score(const Lead& lead, const LeadActivity& activity, const RuleScoring& scoring,
                            Timestamp now) {
  ScoreExplanation result;
  const auto features = lead_features(lead);
  for (std::size_t i = 0; i < scoring.rules.size(); ++i) {
    const auto& rule = scoring.rules[i];
    if (matches(rule, features)) result.hits.push_back({false, i, describe(rule), rule.points});
  }
  for (std::size_t i = 0; i < scoring.behaviour.size(); ++i) {
    const auto& rule = scoring.behaviour[i];
    if (meets(rule, activity, now)) result.hits.push_back({true, i, describe(rule), rule.points});
  }
  for (const auto& hit : result.hits) result.raw += hit.points;
  result.score = static_cast<std::int32_t>(std::clamp<std::int64_t>(result.raw, 0, 100));
  return result;
}

Prediction predict(const Lead& lead, const OutcomeCounts& counts, const PredictiveConfig& config) {
  const double s = config.smoothing;
  if (!(std::isfinite(s) && s > 0))
    throw Error(Errc::invalid_argument, "smoothing " + detail::quote(double_text(s)) + ": must be positive and finite");
  const auto min_count = std::max<std::int64_t>(config.min_count, 1);
  const auto won = static_cast<double>(counts.total.won);
  const auto lost = static_cast<double>(counts.total.lost);

  Prediction result;
  result.trained = counts.total.won + counts.total.lost > 0;
  double logit = std::log(won + s) - std::log(lost + s);  // ln(prior / (1 - prior))
  for (auto& f : lead_features(lead)) {
    if (std::find(config.fields.begin(), config.fields.end(), f.field) == config.fields.end()) continue;
    const auto field = counts.by_field.find(f.field);
    if (field == counts.by_field.end()) continue;
    const auto value = field->second.find(f.value);
    if (value == field->second.end() || value->second.won + value->second.lost < min_count) continue;
    const double k = static_cast<double>(field->second.size());
    const double weight = std::log(static_cast<double>(value->second.won) + s) - std::log(won + s * k) -
                          std::log(static_cast<double>(value->second.lost) + s) + std::log(lost + s * k);
    logit += weight;
    result.contributions.push_back({std::move(f.field), std::move(f.value), weight});
  }
  // Stable, so equal weights keep the fixed feature order.
  std::stable_sort(result.contributions.begin(), result.contributions.end(),
                   [](const Contribution& a, const Contribution& b) {
                     return std::abs(a.weight) > std::abs(b.weight);
                   });
  result.probability = 1.0 / (1.0 + std::exp(-logit));
  result.percent = static_cast<std::int32_t>(std::lround(result.probability * 100.0));
  return result;
}

}  // namespace crm
