// SPDX-License-Identifier: Apache-2.0
#pragma once
// Market-basket analysis: the itemsets bought together in at least a given
// share of baskets, and the association rules "who buys A also buys C" they
// imply, mined with FP-growth (Han, Pei & Yin 2000; docs/ANALYTICS.md).
//
// Pure: no engine, no store, no clock. Counts are exact integers; measures
// are ratios of those counts rounded once to double, so results are the same
// on every platform and do not depend on the order baskets or items arrive in.
//
// A basket is a set of item names (any bytes; compared and sorted by
// std::string's <). With n baskets:
//   count(X)      = baskets holding every item of X
//   support(X)    = count(X) / n
//   confidence    = count(A ∪ C) / count(A)           for a rule A → C
//   lift          = n · count(A ∪ C) / (count(A) · count(C))
//                 = confidence / support(C)
// An itemset is frequent when count(X) >= ceil(min_support · n), at least 1;
// a product within a relative 1e-12 of an integer counts as that integer, so
// 0.07 of 100 baskets asks for 7 baskets, not 8.
//
// Bounded work: dense data at a low support has exponentially many frequent
// itemsets (every subset of k items bought together is one), and an itemset
// of k items splits into 2^k - 2 rules. mine() therefore works within two
// budgets, itemsets mined and rule candidates scored, keeps at most
// basket_max_rules_cap rules, and says in its result when a budget stopped it.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crm/enum_names.hpp"

namespace crm::analytics {

// The largest values the options below accept (docs/ANALYTICS.md).
inline constexpr std::size_t basket_max_itemset_cap = 16;               // 2^16 - 2 splits of one itemset
inline constexpr std::size_t basket_max_rules_cap = 10'000;             // and what max_rules 0 means
inline constexpr std::size_t basket_max_itemsets_cap = 500'000;         // frequent itemsets mined
inline constexpr std::size_t basket_max_rule_candidates_cap = 10'000'000;  // splits scored

struct BasketOptions {
  double min_support = 0.01;     // share of baskets, in (0, 1]
  double min_confidence = 0.3;   // in [0, 1]; a rule is kept when confidence >= this
  std::size_t max_itemset = 3;   // largest itemset mined (antecedent + consequent), 2..16
  std::size_t max_rules = 1000;  // the best rules kept, in result order; 0..10,000, 0 = 10,000
  // Budgets of work. Mining visits frequent itemsets built from the most
  // frequent items first, and stops before the (max_itemsets + 1)th; rules
  // are scored itemset by itemset in that order, and scoring stops before an
  // itemset whose 2^k - 2 splits would take the candidates scored past
  // max_rule_candidates. Either way the report says so (stopped_by).
  std::size_t max_itemsets = 100'000;           // 1..500,000
  std::size_t max_rule_candidates = 1'000'000;  // 1..10,000,000
};

// Which budget stopped a mine() early, if any.
enum class BasketStop : std::uint8_t {
  none,                // every frequent itemset was mined and every split scored
  max_itemsets,        // mining stopped: more frequent itemsets were left
  max_rule_candidates  // scoring stopped: splits of the later itemsets were left
};

// A frequent itemset and the baskets that hold all of its items.
struct FrequentItemset {
  std::vector<std::string> items;  // sorted, distinct
  std::size_t baskets = 0;

  friend bool operator==(const FrequentItemset&, const FrequentItemset&) = default;
};

// A rule A → C: baskets holding every item of A tend to hold every item of C.
struct AssociationRule {
  std::vector<std::string> antecedent;  // A: sorted, non-empty
  std::vector<std::string> consequent;  // C: sorted, non-empty, disjoint from A
  std::size_t baskets = 0;              // count(A ∪ C)
  double support = 0;                   // count(A ∪ C) / n
  double confidence = 0;                // count(A ∪ C) / count(A)
  double lift = 0;                      // n · count(A ∪ C) / (count(A) · count(C))

  friend bool operator==(const AssociationRule&, const AssociationRule&) = default;
};

struct BasketReport {
  std::size_t baskets = 0;  // n: every basket added, empty ones included
  std::size_t items = 0;    // distinct item names seen
  // Every frequent itemset of 1..max_itemset items: by size, then baskets
  // descending, then items (lexicographically, as vectors of strings).
  std::vector<FrequentItemset> itemsets;
  // Every rule from a frequent itemset of >= 2 items split into non-empty A
  // and C that reaches min_confidence, best first: lift descending, then
  // confidence descending, then support descending, then antecedent, then
  // consequent (lexicographically); the first max_rules of them.
  std::vector<AssociationRule> rules;
  // How many rules reached min_confidence among the candidates scored;
  // `rules` keeps the best max_rules of them.
  std::size_t rules_found = 0;
  // The budget that stopped the work, if one did. Then `itemsets` holds the
  // itemsets mined before it ran out (with every subset of each, so every
  // measure is exact), and `rules` the best rules of the itemsets scored.
  BasketStop stopped_by = BasketStop::none;

  // True when a budget stopped the work before every rule was considered.
  bool truncated() const noexcept { return stopped_by != BasketStop::none; }

  friend bool operator==(const BasketReport&, const BasketReport&) = default;
};

// Collects baskets one at a time, then mines them. Item names are interned:
// each distinct name is stored once and baskets hold 4-byte ids, so a caller
// can stream millions of purchases (about 4 bytes per item of a basket plus
// 8 per basket, plus each distinct name once).
//
// Move-only: copying would double a large history by accident. Not
// thread-safe for add(); mine() may run concurrently with other mine() calls.
class BasketMiner {
 public:
  // Keeps the options for every later mine(). Throws Errc::invalid_argument
  // naming the option ("basket options.min_support: 0 is outside (0, 1]"),
  // also for a value above its cap.
  explicit BasketMiner(BasketOptions options);

  BasketMiner(BasketMiner&&) noexcept = default;
  BasketMiner& operator=(BasketMiner&&) noexcept = default;
  BasketMiner(const BasketMiner&) = delete;
  BasketMiner& operator=(const BasketMiner&) = delete;
  ~BasketMiner() = default;

  // Adds one purchase's items. An item named twice counts once; an empty
  // basket still counts in n. O(m log m) for m items, plus one hash lookup
  // each. On an exception nothing is added. Throws Errc::invalid_argument
  // past 2^32 - 2 distinct names, or 2^32 - 2 items over all baskets.
  void add(std::span<const std::string> basket);

  // Frequent itemsets and rules of every basket added so far (see
  // BasketReport for the order). O(N log N) for the N items stored, plus
  // FP-growth, whose cost follows the number of frequent itemsets F (at most
  // max_itemsets): about one conditional tree per itemset smaller than
  // max_itemset, and 2^k - 2 splits per itemset of k items (at most
  // max_rule_candidates in all). Memory O(N + F + 2 · max_rules).
  BasketReport mine() const;

  // The options given to the constructor.
  const BasketOptions& options() const noexcept { return options_; }

 private:
  std::uint32_t intern(const std::string& item);

  BasketOptions options_;
  // Each name lives once, as a key of ids_; names_[id] points at it (keys of
  // an unordered_map keep their address across rehashes and moves).
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<const std::string*> names_;
  std::vector<std::uint32_t> items_;  // every basket's ids, sorted and distinct within it
  std::vector<std::size_t> ends_;     // ends_[b]: one past basket b's last id in items_
};

}  // namespace crm::analytics

namespace crm {

// Spelt as the option that stopped the work ("max_itemsets"), as JSON and the
// command line name it.
template <>
struct EnumNames<analytics::BasketStop> {
  static constexpr std::string_view what = "basket stop";
  static constexpr std::array<std::pair<analytics::BasketStop, std::string_view>, 3> names{{
      {analytics::BasketStop::none, "none"},
      {analytics::BasketStop::max_itemsets, "max_itemsets"},
      {analytics::BasketStop::max_rule_candidates, "max_rule_candidates"},
  }};
};

}  // namespace crm
