// SPDX-License-Identifier: Apache-2.0
#pragma once
// Keeps the stored PurchaseStats in step with the purchases the engine
// writes (crm/model/purchase_stats.hpp), inside the write's transaction.
//
// A new purchase is added in O(1) store reads (one more, a short index probe,
// when it falls between the customer's first and last purchase day); an
// update or erase of a purchase recomputes that customer's statistics from
// their own interactions, since a removed first or last purchase cannot be
// subtracted. rebuild() recomputes everything from the history.

#include <vector>

#include "crm/model/purchase_stats.hpp"
#include "crm/model/interaction.hpp"
#include "crm/store/store.hpp"

namespace crm {

namespace detail {

// Whether an interaction counts in the statistics: a purchase of a customer.
inline bool counts_as_purchase(const Interaction& i) {
  return i.kind == InteractionKind::purchase && i.customer_id != 0 && i.amount.has_value();
}

class PurchaseStatsCache;

class PurchaseStatsKeeper {
 public:
  // Tells `cache` which customers' statistics each write touched.
  PurchaseStatsKeeper(Store& store, PurchaseStatsCache& cache) : store_(store), cache_(cache) {}

  // After the store has written the interaction; `before` is its stored
  // state on update and erase, `after` its new state (null on erase).
  void on_write(const Interaction* before, const Interaction* after);

  // Builds the statistics of a database written before they existed, once:
  // the commit writes the marker that says they are built.
  void build_if_missing();

  PurchaseStatsRebuild rebuild();

  std::vector<PurchaseStats> of_customer(Id customer) const;

 private:
  void add(const Interaction& purchase);
  void recompute(Id customer);
  bool other_purchase_on_day(const Interaction& purchase) const;

  Store& store_;
  PurchaseStatsCache& cache_;
};

}  // namespace detail
}  // namespace crm
