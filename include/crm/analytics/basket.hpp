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

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace crm::analytics {

struct BasketOptions {
  double min_support = 0.01;     // share of baskets, in (0, 1]
  double min_confidence = 0.3;   // in [0, 1]; a rule is kept when confidence >= this
  std::size_t max_itemset = 3;   // largest itemset mined (antecedent + consequent), >= 2
  std::size_t max_rules = 1000;  // the best rules kept, in result order (0 = all)
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
  // naming the option ("basket options.min_support: 0 is outside (0, 1]").
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
  // FP-growth, whose cost follows the number of frequent itemsets F: about
  // one conditional tree per itemset smaller than max_itemset, and 2^k
  // splits per itemset of k items. Memory O(N + F + 2 · max_rules).
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
