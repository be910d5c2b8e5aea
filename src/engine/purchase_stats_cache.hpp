// SPDX-License-Identifier: Apache-2.0
#pragma once
// Every stored PurchaseStats in memory, by currency in customer order, for
// the analytics that read a whole population: RFM over a million customers
// then costs a copy of a vector, not a pass over the store.
//
// The copy is loaded by the first read and kept in step with commits. The
// keeper says which customers a transaction touched; just before it commits
// the cache re-reads their statistics (when a copy is loaded) and replaces
// the token of the stored marker (PurchaseStatsMarker); after it commits the
// copy takes the re-read statistics and the new token. Every read compares
// the stored token with the copy's: a commit by another engine on the same
// file replaced it, so the copy is loaded again. A rolled-back transaction
// changes neither the token nor the copy.
//
// Inside its own write transaction a thread that has touched statistics
// reads them from the store, so it sees its own uncommitted purchases.
//
// Thread safety: reads from any thread. touched() and the listener calls
// come from the thread that holds the write transaction.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "crm/model/purchase_stats.hpp"
#include "engine/hooked_store.hpp"

namespace crm::detail {

class PurchaseStatsCache final : public TransactionListener {
 public:
  // `of_customer` reads one customer's stored statistics (every currency).
  PurchaseStatsCache(HookedStore& store, std::function<std::vector<PurchaseStats>(Id)> of_customer);

  // From the keeper, inside the write transaction.
  void touched(Id customer);
  void touched_all();  // a rebuild: anything may have changed

  void before_commit() override;
  void after_commit(bool committed) noexcept override;
  void before_rollback() noexcept override;

  // Customers with statistics in each currency, in code order.
  std::vector<std::pair<Currency, std::size_t>> currencies() const;
  // Every customer's statistics in `currency`, in customer id order.
  std::vector<PurchaseStats> population(const Currency& currency) const;

 private:
  // One currency's statistics: `rows` in customer order, where a row with
  // purchases == 0 was removed; customers not in `rows` wait in `added`.
  // compact() merges both back into `rows`.
  struct Table {
    std::vector<PurchaseStats> rows;
    std::map<Id, PurchaseStats> added;
    std::size_t removed = 0;

    std::size_t size() const { return rows.size() - removed + added.size(); }
    void put(const PurchaseStats& stats);
    void remove(Id customer);
    void compact();
  };
  using Tables = std::map<std::string, Table, std::less<>>;  // by currency code

  // What a transaction hands to after_commit.
  struct Committing {
    std::vector<std::pair<Id, std::vector<PurchaseStats>>> staged;  // touched customers, re-read
    bool staged_all = false;  // staged holds every touched customer
    std::uint64_t prior = 0;  // the stored token before this transaction
    std::uint64_t token = 0;  // the token it wrote
  };

  bool reads_own_writes() const { return store_.in_transaction() && (touched_all_ || !touched_.empty()); }
  std::uint64_t stored_token() const;
  Tables load() const;
  // Locks mutex_ with a copy current for the stored token.
  std::unique_lock<std::mutex> current() const;
  static void apply(Tables& tables, Id customer, const std::vector<PurchaseStats>& stats);

  HookedStore& store_;
  std::function<std::vector<PurchaseStats>(Id)> of_customer_;

  mutable std::mutex mutex_;  // guards the copy, never held while the store is scanned
  mutable std::optional<Tables> tables_;
  mutable std::uint64_t token_ = 0;  // the stored token tables_ is current for

  // The write transaction's, owned by the thread holding it.
  std::unordered_set<Id> touched_;
  bool touched_all_ = false;
  std::optional<Committing> committing_;
  // Locked by before_commit, unlocked by the after_commit that follows on
  // the same thread: the copy takes commits in the order they were made.
  std::mutex commit_order_;
};

}  // namespace crm::detail
