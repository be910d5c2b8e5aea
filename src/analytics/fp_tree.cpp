// SPDX-License-Identifier: Apache-2.0
// FP-growth. Two choices differ from the paper's presentation:
//
// - Trees are built from their paths sorted lexicographically. In sorted
//   order the longest prefix a path shares with any earlier path is the one
//   it shares with the path just before it, so insertion keeps only the
//   previous path's nodes and never searches a node's children.
// - A conditional tree keeps its parent's item order (restricted to the
//   items frequent in it) instead of re-sorting by conditional frequency.
//   The itemsets found are the same; the tree may share a little less.
// - Items are taken most frequent first (the paper starts from the least
//   frequent). The itemsets are the same, but now each comes after all of
//   its subsets, so a budget that stops the walk leaves a set of itemsets
//   closed under subsets: every rule of them can still be scored exactly.
#include "analytics/fp_tree.hpp"

#include <algorithm>
#include <limits>
#include <numeric>
#include <vector>

namespace crm::analytics::detail {

namespace {

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

// Weighted transactions over a tree's dense items 0..k-1, each ascending.
struct Paths {
  std::vector<std::uint32_t> items;
  std::vector<std::size_t> ends;
  std::vector<std::uint64_t> weights;

  std::span<const std::uint32_t> at(std::size_t p) const {
    const std::size_t begin = p == 0 ? 0 : ends[p - 1];
    return std::span<const std::uint32_t>(items).subspan(begin, ends[p] - begin);
  }
  // Closes the path made of the items pushed since the last close.
  void close(std::uint64_t weight) {
    ends.push_back(items.size());
    weights.push_back(weight);
  }
};

struct Tree {
  // Node 0 is the root; the others carry an item and the weight through them.
  std::vector<std::uint32_t> parent{none};
  std::vector<std::uint32_t> item{none};
  std::vector<std::uint64_t> count{0};
  std::vector<std::uint32_t> next{none};  // the next node of the same item (the paper's node-link)
  // Per item of this tree (dense 0..k-1, in the global order):
  std::vector<std::uint32_t> original;  // the caller's id
  std::vector<std::uint64_t> support;   // total weight of its nodes
  std::vector<std::uint32_t> head;      // its first node
};

Tree build(const Paths& paths, std::vector<std::uint32_t> original) {
  Tree tree;
  const std::size_t k = original.size();
  tree.original = std::move(original);
  tree.support.assign(k, 0);
  tree.head.assign(k, none);
  const std::size_t most_nodes = paths.items.size() + 1;  // when no two paths share a prefix
  tree.parent.reserve(most_nodes);
  tree.item.reserve(most_nodes);
  tree.count.reserve(most_nodes);
  tree.next.reserve(most_nodes);

  std::vector<std::size_t> order;
  order.reserve(paths.ends.size());
  for (std::size_t p = 0; p < paths.ends.size(); ++p)
    if (!paths.at(p).empty()) order.push_back(p);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto pa = paths.at(a), pb = paths.at(b);
    return std::lexicographical_compare(pa.begin(), pa.end(), pb.begin(), pb.end());
  });

  std::span<const std::uint32_t> previous;
  std::vector<std::uint32_t> previous_nodes;  // the nodes of `previous`, root side first
  for (const std::size_t p : order) {
    const auto path = paths.at(p);
    const std::uint64_t weight = paths.weights[p];
    const auto shared = static_cast<std::size_t>(
        std::mismatch(path.begin(), path.end(), previous.begin(), previous.end()).first - path.begin());
    previous_nodes.resize(shared);
    for (const std::uint32_t node : previous_nodes) tree.count[node] += weight;
    for (std::size_t d = shared; d < path.size(); ++d) {
      const auto node = static_cast<std::uint32_t>(tree.item.size());
      tree.parent.push_back(d == 0 ? 0 : previous_nodes[d - 1]);
      tree.item.push_back(path[d]);
      tree.count.push_back(weight);
      tree.next.push_back(tree.head[path[d]]);
      tree.head[path[d]] = node;
      previous_nodes.push_back(node);
    }
    for (const std::uint32_t i : path) tree.support[i] += weight;
    previous = path;
  }
  return tree;
}

struct Growth {
  std::uint64_t min_count;
  std::size_t max_size;
  std::size_t budget;  // itemsets that may still be visited
  const ItemsetVisitor& visit;
  std::vector<std::uint32_t> suffix;  // the itemset being extended, caller's ids
  bool stopped = false;               // the budget ran out with itemsets left

  // Every frequent itemset that is `suffix` plus a non-empty set of the
  // tree's items; the tree holds only items frequent together with suffix.
  // Item i's itemsets add i to items before it in the order, so going up
  // from i = 0 visits every subset of an itemset before the itemset.
  void grow(const Tree& tree) {
    for (std::size_t i = 0; i < tree.original.size(); ++i) {
      if (budget == 0) {
        stopped = true;
        return;
      }
      --budget;
      suffix.push_back(tree.original[i]);
      visit(suffix, tree.support[i]);
      if (suffix.size() < max_size && i > 0) {
        const Tree conditional = conditional_tree(tree, static_cast<std::uint32_t>(i));
        if (!conditional.original.empty()) grow(conditional);
      }
      suffix.pop_back();
      if (stopped) return;
    }
  }

  // The tree of i's prefix paths, each weighted by the count of i's node
  // below it, keeping the items (all before i in the order) still frequent.
  Tree conditional_tree(const Tree& tree, std::uint32_t i) const {
    Paths base;
    std::vector<std::uint64_t> counts(i, 0);
    for (std::uint32_t node = tree.head[i]; node != none; node = tree.next[node]) {
      const std::size_t begin = base.items.size();
      const std::uint64_t weight = tree.count[node];
      for (std::uint32_t up = tree.parent[node]; up != 0; up = tree.parent[up]) {
        base.items.push_back(tree.item[up]);
        counts[tree.item[up]] += weight;
      }
      std::reverse(base.items.begin() + static_cast<std::ptrdiff_t>(begin), base.items.end());
      base.close(weight);
    }

    std::vector<std::uint32_t> local(i, none);
    std::vector<std::uint32_t> original;
    for (std::uint32_t j = 0; j < i; ++j) {
      if (counts[j] < min_count) continue;
      local[j] = static_cast<std::uint32_t>(original.size());
      original.push_back(tree.original[j]);
    }
    if (original.empty()) return Tree{};

    // Drop the infrequent items and renumber, in place: order is kept.
    std::size_t out = 0, begin = 0;
    for (std::size_t p = 0; p < base.ends.size(); ++p) {
      for (std::size_t at = begin; at < base.ends[p]; ++at)
        if (local[base.items[at]] != none) base.items[out++] = local[base.items[at]];
      begin = base.ends[p];
      base.ends[p] = out;
    }
    base.items.resize(out);
    return build(base, std::move(original));
  }
};

}  // namespace

bool fp_growth(std::span<const std::uint32_t> items, std::span<const std::size_t> ends,
               std::size_t item_count, std::uint64_t min_count, std::size_t max_size,
               std::size_t max_itemsets, const ItemsetVisitor& visit) {
  if (max_size == 0) return true;
  min_count = std::max<std::uint64_t>(min_count, 1);

  std::vector<std::uint64_t> counts(item_count, 0);
  for (const std::uint32_t i : items) ++counts[i];

  // The global order: most frequent first, ties by id.
  std::vector<std::uint32_t> original;
  for (std::size_t i = 0; i < item_count; ++i)
    if (counts[i] >= min_count) original.push_back(static_cast<std::uint32_t>(i));
  if (original.empty()) return true;
  std::sort(original.begin(), original.end(), [&](std::uint32_t a, std::uint32_t b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
  });
  std::vector<std::uint32_t> rank(item_count, none);
  for (std::size_t r = 0; r < original.size(); ++r) rank[original[r]] = static_cast<std::uint32_t>(r);

  Paths transactions;
  transactions.ends.reserve(ends.size());
  transactions.weights.reserve(ends.size());
  std::size_t begin = 0;
  for (const std::size_t end : ends) {
    const std::size_t path_begin = transactions.items.size();
    for (std::size_t at = begin; at < end; ++at)
      if (rank[items[at]] != none) transactions.items.push_back(rank[items[at]]);
    std::sort(transactions.items.begin() + static_cast<std::ptrdiff_t>(path_begin), transactions.items.end());
    transactions.close(1);
    begin = end;
  }

  Growth growth{min_count, max_size, max_itemsets, visit, {}};
  growth.grow(build(transactions, std::move(original)));
  return !growth.stopped;
}

}  // namespace crm::analytics::detail
