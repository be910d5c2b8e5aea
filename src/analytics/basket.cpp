// SPDX-License-Identifier: Apache-2.0
// Baskets to rules: names are interned to ids, FP-growth (fp_tree.cpp) finds
// the frequent itemsets, and every split of each one is scored, within the
// budgets of BasketOptions. Itemsets are kept as ascending *name ranks* (an
// item's position in the sorted names), so comparing two itemsets or rules
// "by items" compares integers, not strings; FP-growth is handed ranks too,
// so its order (and where a budget stops it) does not depend on the order
// in which names were first seen.
#include "crm/analytics/basket.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <span>
#include <string>

#include "analytics/fp_tree.hpp"
#include "crm/error.hpp"
#include "model/field_rules.hpp"

namespace crm::analytics {

namespace {

// Ids and tree nodes are 32-bit; the largest value marks "no item".
constexpr std::size_t max_ids = std::numeric_limits<std::uint32_t>::max() - 1;

using crm::detail::refuse;  // Errc::invalid_argument, "field: problem"

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

BasketOptions checked(BasketOptions options) {
  // Written so that NaN fails every test.
  if (!(options.min_support > 0 && options.min_support <= 1))
    refuse("basket options.min_support", number(options.min_support) + " is outside (0, 1]");
  if (!(options.min_confidence >= 0 && options.min_confidence <= 1))
    refuse("basket options.min_confidence", number(options.min_confidence) + " is outside [0, 1]");
  if (options.max_itemset < 2)
    refuse("basket options.max_itemset", std::to_string(options.max_itemset) + " is below 2: a rule needs two items");
  if (options.max_itemset > basket_max_itemset_cap)
    refuse("basket options.max_itemset", std::to_string(options.max_itemset) + " is above " +
                                             std::to_string(basket_max_itemset_cap) +
                                             ": an itemset of k items splits into 2^k - 2 rules");
  if (options.max_rules > basket_max_rules_cap)
    refuse("basket options.max_rules", std::to_string(options.max_rules) + " is above the cap of " +
                                           std::to_string(basket_max_rules_cap) + " (0 means the cap)");
  const auto in_range = [](const char* field, std::size_t value, std::size_t cap) {
    if (value < 1 || value > cap)
      refuse(field, std::to_string(value) + " is outside 1.." + std::to_string(cap));
  };
  in_range("basket options.max_itemsets", options.max_itemsets, basket_max_itemsets_cap);
  in_range("basket options.max_rule_candidates", options.max_rule_candidates, basket_max_rule_candidates_cap);
  return options;
}

// ceil(min_support * n), at least 1. The product of a decimal fraction and n
// can land just above the integer meant (0.07 * 100 = 7.000000000000001), so
// a product within a relative 1e-12 of an integer is taken as that integer.
std::uint64_t min_count(double min_support, std::size_t baskets) {
  const double exact = min_support * static_cast<double>(baskets);
  const double nearest = std::round(exact);
  const double count =
      std::fabs(exact - nearest) <= 1e-12 * std::max(1.0, exact) ? nearest : std::ceil(exact);
  return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(count));
}

// Frequent itemsets as ascending name ranks in one array.
struct Found {
  std::vector<std::uint32_t> ranks;
  struct Set {
    std::size_t begin = 0;
    std::size_t size = 0;
    std::uint64_t count = 0;
  };
  std::vector<Set> sets;

  std::span<const std::uint32_t> items(const Set& set) const {
    return std::span<const std::uint32_t>(ranks).subspan(set.begin, set.size);
  }
};

struct SpanHash {
  std::size_t operator()(std::span<const std::uint32_t> items) const noexcept {
    std::uint64_t h = 0xcbf29ce484222325u;  // FNV-1a, one id at a time
    for (const std::uint32_t i : items) h = (h ^ i) * 0x100000001b3u;
    return static_cast<std::size_t>(h);
  }
};

struct SpanEqual {
  bool operator()(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) const noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
};

// A rule as the itemset it splits and the positions (bits) of its antecedent.
struct Candidate {
  std::size_t set = 0;
  std::uint64_t antecedent = 0;
  std::uint64_t count = 0;
  double confidence = 0;
  double lift = 0;
};

// The items of `items` whose positions are set in `mask`, compared
// lexicographically with another such selection: <0, 0 or >0.
int compare_selected(std::span<const std::uint32_t> a, std::uint64_t a_mask,
                     std::span<const std::uint32_t> b, std::uint64_t b_mask) {
  std::size_t i = 0, j = 0;
  for (;;) {
    while (i < a.size() && !((a_mask >> i) & 1)) ++i;
    while (j < b.size() && !((b_mask >> j) & 1)) ++j;
    const bool a_done = i == a.size(), b_done = j == b.size();
    if (a_done || b_done) return a_done == b_done ? 0 : (a_done ? -1 : 1);
    if (a[i] != b[j]) return a[i] < b[j] ? -1 : 1;
    ++i;
    ++j;
  }
}

// The mask of the first `size` positions; size < 64 (checked before any rule).
std::uint64_t all_of(std::size_t size) { return (std::uint64_t{1} << size) - 1; }

// Positions in found.sets: by size, then count descending, then items.
std::vector<std::size_t> itemset_order(const Found& found) {
  std::vector<std::size_t> order(found.sets.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Found::Set &x = found.sets[a], &y = found.sets[b];
    if (x.size != y.size) return x.size < y.size;
    if (x.count != y.count) return x.count > y.count;
    const auto xs = found.items(x), ys = found.items(y);
    return std::lexicographical_compare(xs.begin(), xs.end(), ys.begin(), ys.end());
  });
  return order;
}

// The rules best_rules() keeps, and how the scoring went.
struct Scored {
  std::vector<Candidate> rules;  // best first
  std::size_t found = 0;         // candidates that reached min_confidence
  bool stopped = false;          // max_rule_candidates ran out with splits left
};

// Every split of the itemsets of >= 2 items, in the order they were found,
// until the next itemset's splits would pass max_rule_candidates; of those
// that reach min_confidence the best max_rules (the cap for 0), best first.
Scored best_rules(const Found& found, std::size_t baskets, const BasketOptions& options) {
  // Every subset of a frequent itemset is frequent and smaller, so found
  // holds the count of each antecedent and consequent.
  std::unordered_map<std::span<const std::uint32_t>, std::uint64_t, SpanHash, SpanEqual> count_of;
  count_of.reserve(found.sets.size());
  for (const Found::Set& set : found.sets) count_of.emplace(found.items(set), set.count);

  const auto better = [&](const Candidate& a, const Candidate& b) {
    if (a.lift != b.lift) return a.lift > b.lift;
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    if (a.count != b.count) return a.count > b.count;
    const auto as = found.items(found.sets[a.set]), bs = found.items(found.sets[b.set]);
    if (const int c = compare_selected(as, a.antecedent, bs, b.antecedent); c != 0) return c < 0;
    return compare_selected(as, ~a.antecedent & all_of(as.size()), bs, ~b.antecedent & all_of(bs.size())) < 0;
  };

  const auto n = static_cast<double>(baskets);
  const std::size_t keep = options.max_rules == 0 ? basket_max_rules_cap : options.max_rules;
  Scored scored;
  std::vector<Candidate>& rules = scored.rules;
  std::uint64_t budget = options.max_rule_candidates;
  std::vector<std::uint64_t> subset_count;
  std::vector<std::uint32_t> subset;
  for (std::size_t s = 0; s < found.sets.size(); ++s) {
    const auto items = found.items(found.sets[s]);
    if (items.size() < 2) continue;
    // max_itemset is at most 16 (checked): 2^16 - 2 splits at most.
    if (items.size() > basket_max_itemset_cap) throw Error(Errc::internal, "basket rules: an itemset of over 16 items");
    const std::uint64_t full = all_of(items.size());
    const std::uint64_t splits = full - 1;  // 2^k - 2: every mask but none and all
    if (splits > budget) {
      scored.stopped = true;
      break;
    }
    budget -= splits;
    subset_count.assign(full, 0);
    for (std::uint64_t mask = 1; mask < full; ++mask) {
      subset.clear();
      for (std::size_t i = 0; i < items.size(); ++i)
        if ((mask >> i) & 1) subset.push_back(items[i]);
      const auto hit = count_of.find(subset);
      if (hit == count_of.end()) throw Error(Errc::internal, "basket rules: a subset of a frequent itemset is missing");
      subset_count[mask] = hit->second;
    }
    const std::uint64_t both = found.sets[s].count;
    for (std::uint64_t mask = 1; mask < full; ++mask) {
      const std::uint64_t a = subset_count[mask], c = subset_count[full ^ mask];
      const double confidence = static_cast<double>(both) / static_cast<double>(a);
      if (confidence < options.min_confidence) continue;
      const double lift = n * static_cast<double>(both) / (static_cast<double>(a) * static_cast<double>(c));
      rules.push_back({s, mask, both, confidence, lift});
      ++scored.found;
    }
    // Memory stays under 2 * max_rules: past that, keep only the best max_rules.
    if (rules.size() / 2 >= keep) {
      std::nth_element(rules.begin(), rules.begin() + static_cast<std::ptrdiff_t>(keep), rules.end(), better);
      rules.resize(keep);
    }
  }
  if (rules.size() > keep) {
    std::partial_sort(rules.begin(), rules.begin() + static_cast<std::ptrdiff_t>(keep), rules.end(), better);
    rules.resize(keep);
  } else {
    std::sort(rules.begin(), rules.end(), better);
  }
  return scored;
}

}  // namespace

BasketMiner::BasketMiner(BasketOptions options) : options_(checked(options)) {}

std::uint32_t BasketMiner::intern(const std::string& item) {
  if (const auto found = ids_.find(item); found != ids_.end()) return found->second;
  if (names_.size() >= max_ids) refuse("basket item", "more than " + std::to_string(max_ids) + " distinct items");
  const auto id = static_cast<std::uint32_t>(names_.size());
  names_.push_back(nullptr);
  try {
    names_.back() = &ids_.emplace(item, id).first->first;
  } catch (...) {
    names_.pop_back();
    throw;
  }
  return id;
}

void BasketMiner::add(std::span<const std::string> basket) {
  const std::size_t begin = items_.size();
  const std::size_t known = names_.size();
  try {
    for (const std::string& item : basket) items_.push_back(intern(item));
    std::sort(items_.begin() + static_cast<std::ptrdiff_t>(begin), items_.end());
    items_.erase(std::unique(items_.begin() + static_cast<std::ptrdiff_t>(begin), items_.end()), items_.end());
    if (items_.size() > max_ids)
      refuse("basket", "more than " + std::to_string(max_ids) + " items over all baskets");
    ends_.push_back(items_.size());
  } catch (...) {
    items_.resize(begin);
    for (std::size_t id = known; id < names_.size(); ++id) ids_.erase(ids_.find(*names_[id]));
    names_.resize(known);
    throw;
  }
}

BasketReport BasketMiner::mine() const {
  BasketReport report;
  report.baskets = ends_.size();
  report.items = names_.size();
  if (report.baskets == 0) return report;

  std::vector<std::uint32_t> by_rank(names_.size());
  std::iota(by_rank.begin(), by_rank.end(), 0u);
  std::sort(by_rank.begin(), by_rank.end(), [&](std::uint32_t a, std::uint32_t b) { return *names_[a] < *names_[b]; });
  std::vector<std::uint32_t> rank(names_.size());
  for (std::size_t r = 0; r < by_rank.size(); ++r) rank[by_rank[r]] = static_cast<std::uint32_t>(r);

  // FP-growth sees name ranks, not ids: ties in its order (and so where a
  // budget stops it) then follow the names, not the order they arrived in.
  std::vector<std::uint32_t> ranked(items_.size());
  std::transform(items_.begin(), items_.end(), ranked.begin(), [&](std::uint32_t id) { return rank[id]; });

  Found found;
  const bool mined_all = detail::fp_growth(
      ranked, ends_, names_.size(), min_count(options_.min_support, report.baskets), options_.max_itemset,
      options_.max_itemsets, [&](std::span<const std::uint32_t> items, std::uint64_t count) {
        const std::size_t begin = found.ranks.size();
        found.ranks.insert(found.ranks.end(), items.begin(), items.end());
        std::sort(found.ranks.begin() + static_cast<std::ptrdiff_t>(begin), found.ranks.end());
        found.sets.push_back({begin, items.size(), count});
      });
  std::vector<std::uint32_t>().swap(ranked);  // not needed any more

  const auto name = [&](std::uint32_t r) -> const std::string& { return *names_[by_rank[r]]; };
  const auto names = [&](std::span<const std::uint32_t> items, std::uint64_t mask) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < items.size(); ++i)
      if ((mask >> i) & 1) out.push_back(name(items[i]));
    return out;
  };

  report.itemsets.reserve(found.sets.size());
  for (const std::size_t s : itemset_order(found)) {
    FrequentItemset& itemset = report.itemsets.emplace_back();
    for (const std::uint32_t r : found.items(found.sets[s])) itemset.items.push_back(name(r));
    itemset.baskets = static_cast<std::size_t>(found.sets[s].count);
  }

  const Scored scored = best_rules(found, report.baskets, options_);
  const std::vector<Candidate>& rules = scored.rules;
  report.rules_found = scored.found;
  report.stopped_by = !mined_all       ? BasketStop::max_itemsets
                      : scored.stopped ? BasketStop::max_rule_candidates
                                       : BasketStop::none;
  report.rules.reserve(rules.size());
  const auto n = static_cast<double>(report.baskets);
  for (const Candidate& rule : rules) {
    const auto items = found.items(found.sets[rule.set]);
    report.rules.push_back({names(items, rule.antecedent), names(items, ~rule.antecedent & all_of(items.size())),
                            static_cast<std::size_t>(rule.count), static_cast<double>(rule.count) / n,
                            rule.confidence, rule.lift});
  }
  return report;
}

}  // namespace crm::analytics
