// SPDX-License-Identifier: Apache-2.0
#pragma once
// RFM scoring: each customer's recency, frequency and monetary value ranked
// against a population of one currency, scored 1..q, and named by the first
// matching rule of a segment table (docs/ANALYTICS.md).
//
// Pure functions of their arguments: no engine, no store, no clock. Every
// comparison is on integers (ms, purchase counts, minor units), so scores are
// exact and the same on every platform.
//
// A customer's score in a dimension is 1 + floor(q * W / n): n the population
// size, W the customers strictly worse (larger recency, fewer purchases,
// less spent). Ties share a score; a one-time buyer always gets F = 1.
// RfmCuts holds the same ranking as q-1 cut values per dimension, so a
// customer can be scored later without the population.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/model/purchase_stats.hpp"
#include "crm/time.hpp"

namespace crm::analytics {

// Scores low..high, inclusive, in one dimension.
struct ScoreRange {
  int low = 1;
  int high = 5;

  bool holds(int score) const { return low <= score && score <= high; }
  friend bool operator==(const ScoreRange&, const ScoreRange&) = default;
};

// One rule of a segment table. The default m, 1..5, is "any" for 5 scores;
// with another q set it to {1, q}.
struct RfmSegment {
  std::string name;
  ScoreRange r, f, m;

  friend bool operator==(const RfmSegment&, const RfmSegment&) = default;
};

// The default table, for 5 scores: champions, loyal, potential loyalist, new,
// promising, need attention, about to sleep, at risk, can't lose, hibernating,
// lost. It covers every R x F cell once, with M any (docs/ANALYTICS.md).
std::vector<RfmSegment> default_rfm_segments();

struct RfmOptions {
  Timestamp as_of{};
  int scores = 5;  // q, 2..9
  std::vector<RfmSegment> segments = default_rfm_segments();
};

// The q-1 cut values of each dimension, index k-1 for k = 1..q-1. Frequency
// and monetary cuts ascend and a value scores 1 + #{k : value > cut_k};
// recency cuts descend and a value scores 1 + #{k : value < cut_k}.
struct RfmCuts {
  Timestamp as_of{};
  int scores = 5;
  std::size_t population = 0;
  std::vector<std::int64_t> recency_ms, frequency, monetary_minor;

  friend bool operator==(const RfmCuts&, const RfmCuts&) = default;
};

// Ranks a population of one currency as of `as_of` into `scores` scores.
// O(n log n). Throws Errc::invalid_argument for scores outside 2..9, an empty
// population, mixed currencies, a last purchase after as_of, or an as_of
// outside the supported range of times (time.hpp).
RfmCuts rfm_cuts(std::span<const PurchaseStats> population, Timestamp as_of, int scores = 5);

struct RfmScore {
  int r = 0, f = 0, m = 0;
  std::string segment;  // "" when no rule matches

  friend bool operator==(const RfmScore&, const RfmScore&) = default;
};

// The name of the first rule (in table order) whose three ranges hold
// (r, f, m), or "" when none does. The view points into `segments`.
std::string_view rfm_segment(std::span<const RfmSegment> segments, int r, int f, int m);

// Scores one customer against cuts (from rfm_cuts, possibly of another
// population) and names its segment. O(q + table size); does not re-check the
// table (see check_segments). Throws Errc::invalid_argument for malformed
// cuts or a last purchase after cuts.as_of.
RfmScore rfm_score(const RfmCuts& cuts, const PurchaseStats& customer, std::span<const RfmSegment> segments);

// Checks a segment table for `scores` scores: scores in 2..9, names non-empty
// and unique, every range within 1..scores with low <= high. Throws
// Errc::invalid_argument naming the segment and range ("rfm segments[2] ('new').f: ...").
void check_segments(std::span<const RfmSegment> segments, int scores);

// Reads a segment table: [{"name": "champions", "r": [5, 5], "f": [4, 5],
// "m": [1, 5]}, ...], "m" optional (absent = 1..scores). Strict: unknown or
// duplicate keys, wrong types and bad ranges throw Errc::invalid_argument
// naming the place ("rfm segments[1].r[0]: ..."). The result passes check_segments.
std::vector<RfmSegment> rfm_segments_from_json(std::string_view json, int scores);

// Writes a segment table in the shape rfm_segments_from_json reads, every
// range (m included) spelt out, in table order.
std::string to_json(std::span<const RfmSegment> segments);

struct RfmSummary {
  RfmCuts cuts;
  // Customers per segment, in table order (zeros included), then "" for the
  // unsegmented if there are any.
  std::vector<std::pair<std::string, std::size_t>> segments;
  // Customers per score: [dimension r=0, f=1, m=2][score-1].
  std::array<std::array<std::size_t, 9>, 3> score_counts{};

  friend bool operator==(const RfmSummary&, const RfmSummary&) = default;
};

// Cuts, segment counts and score counts of a population in one call.
// Checks options.segments against options.scores first; throws as rfm_cuts
// and check_segments do. O(n log n + n * table size).
RfmSummary rfm_summary(std::span<const PurchaseStats> population, const RfmOptions& options);

}  // namespace crm::analytics
