// SPDX-License-Identifier: Apache-2.0
#pragma once
// FP-growth (Han, Pei & Yin, "Mining frequent patterns without candidate
// generation", SIGMOD 2000) over integer items: the machinery behind
// crm/analytics/basket.hpp, which turns names into ids and itemsets into rules.
//
// An FP-tree is a prefix tree of the transactions, each with its items in one
// global order (most frequent first), so that common prefixes share nodes and
// every node counts the transactions through it. The itemsets that end in
// item i are read from i's nodes: the paths above them (i's conditional
// pattern base) form a smaller tree, mined the same way, recursively.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

namespace crm::analytics::detail {

// Called once per frequent itemset: its items (caller's ids, in no
// particular order; valid only during the call) and how many transactions
// hold them all.
using ItemsetVisitor = std::function<void(std::span<const std::uint32_t> items, std::uint64_t count)>;

// Visits every itemset of 1..max_size items held by at least min_count (>= 1)
// transactions, each exactly once, but no more than max_itemsets of them:
// returns false when it stopped because more were left. Transaction t is
// items[ends[t-1]..ends[t]) (ends[-1] = 0); ids are < item_count and
// distinct within a transaction.
//
// Order: items are ranked by count, most frequent first, ties by smaller id;
// an itemset is visited after every one of its subsets. So the itemsets
// visited before a stop are closed under subsets, and which ones they are
// depends only on the counts and the ids, not on the order of transactions.
//
// Cost: one pass to count items, O(N log N) to build the tree of the N
// frequent item occurrences, then one conditional tree per frequent itemset
// of fewer than max_size items, built from that itemset's prefix paths.
bool fp_growth(std::span<const std::uint32_t> items, std::span<const std::size_t> ends,
               std::size_t item_count, std::uint64_t min_count, std::size_t max_size,
               std::size_t max_itemsets, const ItemsetVisitor& visit);

}  // namespace crm::analytics::detail
