// SPDX-License-Identifier: Apache-2.0
// RFM scores by cut values. Scoring against q-1 cuts is the same as counting
// the customers strictly worse (1 + floor(q * W / n)): with ascending values
// v, value x beats v[j] exactly when j < W, so x > cut_k = v[ceil(n*k/q) - 1]
// exactly when ceil(n*k/q) <= W, i.e. k <= q*W/n. Cuts let one customer be
// scored in O(q) after the population is gone.
#include "crm/analytics/rfm.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>

#include "crm/error.hpp"
#include "model/field_rules.hpp"
#include "text/quote.hpp"

namespace crm::analytics {

namespace {

constexpr std::size_t no_segment = std::numeric_limits<std::size_t>::max();

using crm::detail::refuse;  // Errc::invalid_argument, "field: problem"

using crm::detail::indexed;  // "field[index]"

// ISO 8601 for years 1..9999, raw ms beyond (where the calendar would not fit).
std::string when(Timestamp t) {
  constexpr std::int64_t year_1 = -62'135'596'800'000;      // 0001-01-01T00:00:00Z
  constexpr std::int64_t year_10000 = 253'402'300'800'000;  // 10000-01-01T00:00:00Z
  const std::int64_t ms = to_millis(t);
  return ms >= year_1 && ms < year_10000 ? to_iso8601(t) : std::to_string(ms) + " ms";
}

void check_scores(int scores, std::string_view field) {
  if (scores < 2 || scores > 9) refuse(std::string(field), std::to_string(scores) + " is outside 2..9");
}

std::int64_t recency_ms(Timestamp as_of, Timestamp last_at, const std::string& field) {
  if (last_at > as_of) refuse(field, when(last_at) + " is after as_of " + when(as_of));
  std::int64_t out = 0;
  if (__builtin_sub_overflow(to_millis(as_of), to_millis(last_at), &out))
    refuse(field, when(last_at) + " is too long before as_of " + when(as_of) + " to count in ms");
  return out;
}

// 1 + the cuts a value beats: above for frequency and monetary, below for recency.
int score_above(const std::vector<std::int64_t>& cuts, std::int64_t value) {
  int score = 1;
  for (const std::int64_t cut : cuts)
    if (value > cut) ++score;
  return score;
}

int score_below(const std::vector<std::int64_t>& cuts, std::int64_t value) {
  int score = 1;
  for (const std::int64_t cut : cuts)
    if (value < cut) ++score;
  return score;
}

void check_cuts(const RfmCuts& cuts) {
  check_scores(cuts.scores, "rfm cuts.scores");
  const auto expected = static_cast<std::size_t>(cuts.scores - 1);
  const auto check_size = [&](const std::vector<std::int64_t>& values, const char* field) {
    if (values.size() != expected)
      refuse(std::string("rfm cuts.") + field, "holds " + std::to_string(values.size()) + " cuts, not scores - 1 = " +
                                                   std::to_string(expected));
  };
  check_size(cuts.recency_ms, "recency_ms");
  check_size(cuts.frequency, "frequency");
  check_size(cuts.monetary_minor, "monetary_minor");
}

void check_range(const ScoreRange& range, const std::string& field, int scores) {
  if (range.low < 1 || range.high > scores)
    refuse(field, std::to_string(range.low) + ".." + std::to_string(range.high) + " is outside the scores 1.." +
                      std::to_string(scores));
  if (range.low > range.high)
    refuse(field, "low " + std::to_string(range.low) + " is above high " + std::to_string(range.high));
}

std::size_t segment_index(std::span<const RfmSegment> segments, int r, int f, int m) {
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (segments[i].r.holds(r) && segments[i].f.holds(f) && segments[i].m.holds(m)) return i;
  return no_segment;
}

}  // namespace

RfmCuts rfm_cuts(std::span<const PurchaseStats> population, Timestamp as_of, int scores) {
  check_scores(scores, "rfm scores");
  check_timestamp(as_of, "rfm as_of");
  if (population.empty()) refuse("rfm population", "empty; RFM scores rank customers against each other");
  const std::size_t n = population.size();
  std::vector<std::int64_t> recency(n), frequency(n), monetary(n);
  for (std::size_t i = 0; i < n; ++i) {
    const PurchaseStats& customer = population[i];
    if (customer.currency != population[0].currency)
      refuse(indexed("rfm population", i) + ".currency",
             crm::detail::quote(customer.currency.code()) + " differs from population[0]'s " +
                 crm::detail::quote(population[0].currency.code()) + "; RFM ranks one currency at a time");
    // recency_ms refuses such a customer by name: the message is built only then.
    if (customer.last_at > as_of || __builtin_sub_overflow(to_millis(as_of), to_millis(customer.last_at), &recency[i]))
      recency_ms(as_of, customer.last_at, indexed("rfm population", i) + ".last_at");
    frequency[i] = customer.purchases;
    monetary[i] = customer.total_minor;
  }
  RfmCuts cuts{.as_of = as_of, .scores = scores, .population = n, .recency_ms = {}, .frequency = {},
               .monetary_minor = {}};
  // The values at ceil(n*k/q) - 1 of each sorted order, k = 1..q-1, found by
  // successive selection (O(q n)) rather than sorting. Recency is better
  // when smaller, so its values order worst (largest) first.
  const auto q = static_cast<std::size_t>(scores);
  const auto select = [&](std::vector<std::int64_t>& values, auto worse_first) {
    std::vector<std::int64_t> out;
    auto from = values.begin();
    for (std::size_t k = 1; k < q; ++k) {
      const auto at = values.begin() + static_cast<std::ptrdiff_t>((n * k + q - 1) / q - 1);
      if (at >= from) {
        std::nth_element(from, at, values.end(), worse_first);
        from = at + 1;
      }
      out.push_back(*at);
    }
    return out;
  };
  cuts.recency_ms = select(recency, std::greater<>{});
  cuts.frequency = select(frequency, std::less<>{});
  cuts.monetary_minor = select(monetary, std::less<>{});
  return cuts;
}

std::string_view rfm_segment(std::span<const RfmSegment> segments, int r, int f, int m) {
  const std::size_t at = segment_index(segments, r, f, m);
  return at == no_segment ? std::string_view{} : std::string_view{segments[at].name};
}

RfmScore rfm_score(const RfmCuts& cuts, const PurchaseStats& customer, std::span<const RfmSegment> segments) {
  check_cuts(cuts);
  RfmScore score;
  score.r = score_below(cuts.recency_ms, recency_ms(cuts.as_of, customer.last_at, "customer.last_at"));
  score.f = score_above(cuts.frequency, customer.purchases);
  score.m = score_above(cuts.monetary_minor, customer.total_minor);
  score.segment = std::string(rfm_segment(segments, score.r, score.f, score.m));
  return score;
}

void check_segments(std::span<const RfmSegment> segments, int scores) {
  check_scores(scores, "rfm scores");
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const RfmSegment& segment = segments[i];
    const std::string where = indexed("rfm segments", i);
    if (segment.name.empty()) refuse(where + ".name", "required");
    if (const auto [it, added] = seen.emplace(segment.name, i); !added)
      refuse(where + ".name",
             crm::detail::quote(segment.name) + " is already the name of " + indexed("rfm segments", it->second));
    const std::string named = where + " (" + crm::detail::quote(segment.name) + ")";
    check_range(segment.r, named + ".r", scores);
    check_range(segment.f, named + ".f", scores);
    check_range(segment.m, named + ".m", scores);
  }
}

RfmSummary rfm_summary(std::span<const PurchaseStats> population, const RfmOptions& options) {
  check_segments(options.segments, options.scores);
  RfmSummary summary;
  summary.cuts = rfm_cuts(population, options.as_of, options.scores);
  // The segment of every (r, f, m), looked up once rather than per customer.
  const auto q = static_cast<std::size_t>(options.scores);
  std::vector<std::size_t> segment_of(q * q * q);
  for (std::size_t r = 1; r <= q; ++r)
    for (std::size_t f = 1; f <= q; ++f)
      for (std::size_t m = 1; m <= q; ++m)
        segment_of[((r - 1) * q + f - 1) * q + m - 1] =
            segment_index(options.segments, static_cast<int>(r), static_cast<int>(f), static_cast<int>(m));
  std::vector<std::size_t> counts(options.segments.size(), 0);
  std::size_t unsegmented = 0;
  const std::int64_t as_of = to_millis(options.as_of);
  for (const PurchaseStats& customer : population) {
    // rfm_cuts has checked every last_at against as_of: this cannot overflow.
    const int r = score_below(summary.cuts.recency_ms, as_of - to_millis(customer.last_at));
    const int f = score_above(summary.cuts.frequency, customer.purchases);
    const int m = score_above(summary.cuts.monetary_minor, customer.total_minor);
    ++summary.score_counts[0][static_cast<std::size_t>(r - 1)];
    ++summary.score_counts[1][static_cast<std::size_t>(f - 1)];
    ++summary.score_counts[2][static_cast<std::size_t>(m - 1)];
    const std::size_t at = segment_of[(static_cast<std::size_t>(r - 1) * q + static_cast<std::size_t>(f - 1)) * q +
                                      static_cast<std::size_t>(m - 1)];
    ++(at == no_segment ? unsegmented : counts[at]);
  }
  summary.segments.reserve(counts.size() + 1);
  for (std::size_t i = 0; i < counts.size(); ++i) summary.segments.emplace_back(options.segments[i].name, counts[i]);
  if (unsegmented > 0) summary.segments.emplace_back(std::string{}, unsegmented);
  return summary;
}

}  // namespace crm::analytics
