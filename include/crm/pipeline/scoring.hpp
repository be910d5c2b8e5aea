// SPDX-License-Identifier: Apache-2.0
#pragma once
// Lead scoring as pure functions over a Lead and data the host supplies: a
// rule-based score configured as data, and a predictive score (naive Bayes)
// learned from closed leads. Nothing here reads or writes the engine.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "crm/enum_names.hpp"
#include "crm/model/lead.hpp"
#include "crm/model/lead_features.hpp"  // LeadFeature, lead_features()
#include "crm/model/lead_outcomes.hpp"  // Tally, OutcomeCounts
#include "crm/time.hpp"

namespace crm {

// --- Rule-based score -------------------------------------------------------

// Numeric values may be stored by hosts: never renumber, only append.
enum class RuleOp : std::uint8_t { equals = 0, contains = 1, present = 2 };

template <>
struct EnumNames<RuleOp> {
  static constexpr std::string_view what = "rule operator";
  static constexpr std::array<std::pair<RuleOp, std::string_view>, 3> names{{
      {RuleOp::equals, "equals"},
      {RuleOp::contains, "contains"},
      {RuleOp::present, "present"},
  }};
};

// Adds `points` (may be negative) when a feature named `field` matches:
// equals/contains compare case-insensitively, present ignores `value`.
// A rule counts once even when several values match (two matching tags).
struct ScoringRule {
  std::string field;
  RuleOp op = RuleOp::equals;
  std::string value;
  std::int32_t points = 0;
};

// What the host counted for a lead; the engine's interactions are one source.
struct LeadActivity {
  std::size_t interactions = 0;
  std::size_t inbound = 0;
  std::optional<Timestamp> last_contact;
};

enum class BehaviourKind : std::uint8_t { interactions_at_least = 0, inbound_at_least = 1, contacted_within_days = 2 };

template <>
struct EnumNames<BehaviourKind> {
  static constexpr std::string_view what = "behaviour rule";
  static constexpr std::array<std::pair<BehaviourKind, std::string_view>, 3> names{{
      {BehaviourKind::interactions_at_least, "interactions-at-least"},
      {BehaviourKind::inbound_at_least, "inbound-at-least"},
      {BehaviourKind::contacted_within_days, "contacted-within-days"},
  }};
};

// Adds `points` when the activity reaches `threshold`: a count at least
// threshold, or a last contact at most threshold days before `now` (one
// after `now` counts; a negative number of days never fires).
struct BehaviourRule {
  BehaviourKind kind = BehaviourKind::interactions_at_least;
  std::int64_t threshold = 0;
  std::int32_t points = 0;
};

struct RuleScoring {
  std::vector<ScoringRule> rules;
  std::vector<BehaviourRule> behaviour;
};

// One rule that fired.
struct RuleHit {
  bool behaviour = false;   // false: RuleScoring::rules[index]; true: ::behaviour[index]
  std::size_t index = 0;
  std::string description;  // "source equals 'web form'", "inbound-at-least 2"
  std::int32_t points = 0;
};

struct ScoreExplanation {
  std::int32_t score = 0;  // raw clamped to 0..100
  std::int64_t raw = 0;    // sum of the hits' points
  std::vector<RuleHit> hits;  // in configuration order: rules, then behaviour
};

// Sums the points of every rule that matches the lead's features and every
// behaviour rule the activity meets; the score is that sum clamped to 0..100.
// Throws as lead_features() does.
ScoreExplanation rule_score(const Lead& lead, const LeadActivity& activity, const RuleScoring& scoring,
                            Timestamp now);

// --- Predictive score (naive Bayes) -----------------------------------------
//
// Learned from closed leads: won (converted) and lost (disqualified). With s
// the smoothing, W = total.won, L = total.lost:
//
//   prior P(won)  = (W + s) / (W + L + 2s)
//   for each configured field f and each value v the lead has for f, with
//   tally won_v + lost_v >= max(min_count, 1), and k_f the number of distinct
//   values recorded for f (Lidstone smoothing):
//     P(v|won)    = (won_v  + s) / (W + s·k_f)
//     P(v|lost)   = (lost_v + s) / (L + s·k_f)
//     weight_v    = ln(P(v|won) / P(v|lost))        (> 0 favours winning)
//   logit         = ln(prior / (1 - prior)) + Σ weight_v
//   probability   = 1 / (1 + e^-logit);  percent = round(100 · probability)
//
// Sparse values (tally below min_count) are ignored, so one lucky lead does
// not dominate. s > 0 keeps a value seen in only one class finite. With no
// closed lead at all the formula gives 0.5 (50%) and trained is false: hosts
// should not store that as a score.

struct PredictiveConfig {
  std::vector<std::string> fields = {"source",       "industry",      "territory", "job_title",
                                     "email_domain", "phone_country", "tag"};
  double smoothing = 0.1;      // s; must be finite and > 0
  std::int64_t min_count = 5;  // values seen in fewer closed leads are ignored
};

// ln(P(v|won) / P(v|lost)) of one value of the lead.
struct Contribution {
  std::string field;
  std::string value;
  double weight = 0;
};

struct Prediction {
  double probability = 0;
  std::int32_t percent = 0;                // 0..100
  std::vector<Contribution> contributions;  // by |weight|, largest first
  bool trained = false;                     // false: no closed lead counted yet
};

// The probability that the lead is won, by the formula above, with the
// contributions that moved it. Throws Errc::invalid_argument when the
// smoothing is not a positive finite number, and as lead_features() does.
Prediction predict(const Lead& lead, const OutcomeCounts& counts, const PredictiveConfig& config);

}  // namespace crm
