// SPDX-License-Identifier: Apache-2.0
#include "engine/purchase_stats.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <unordered_set>

#include "engine/each_stored.hpp"
#include "engine/layout.hpp"
#include "engine/purchase_stats_cache.hpp"
#include "engine/record_codec.hpp"
#include "engine/record_keys.hpp"

namespace crm::detail {

namespace {

constexpr std::string_view stats_collection = Layout<PurchaseStatsRecord>::collection;
constexpr std::int64_t ms_per_day = 86'400'000;

Scan index_scan(std::string_view index_name, std::string prefix) {
  Scan scan;
  scan.index = index_name;
  scan.prefix = std::move(prefix);
  return scan;
}

std::vector<PurchaseStatsRecord> stored_of(const Store& store, Id customer, std::string_view currency = {}) {
  std::vector<PurchaseStatsRecord> stored;
  each_stored(store, index_scan(index::purchase_stats_customer, purchase_stats_key(customer, currency)),
              [&](const StoredRecord& r) { stored.push_back(decode<PurchaseStatsRecord>(r)); });
  return stored;
}

// One customer's statistics per currency, from their purchases fed in time
// order (the order of index::interaction_customer).
class CustomerTally {
 public:
  void add(const Interaction& purchase) {
    const Money& amount = *purchase.amount;
    auto& [stats, last_day] = by_currency_[std::string(amount.currency.code())];
    const std::int64_t day = utc_day(purchase.occurred_at);
    if (stats.purchases == 0) {
      stats = {.customer_id = purchase.customer_id, .currency = amount.currency, .first_at = purchase.occurred_at};
      stats.purchase_days = 1;
    } else if (day != last_day) {
      ++stats.purchase_days;
    }
    if (day == utc_day(stats.first_at)) stats.first_day_minor = (Money{stats.first_day_minor, amount.currency} + amount).minor;
    stats.total_minor = (stats.total() + amount).minor;
    ++stats.purchases;
    stats.last_at = purchase.occurred_at;
    last_day = day;
  }

  std::vector<PurchaseStats> take() {
    std::vector<PurchaseStats> all;
    for (auto& [code, entry] : by_currency_) all.push_back(entry.first);
    by_currency_.clear();
    return all;
  }

 private:
  std::map<std::string, std::pair<PurchaseStats, std::int64_t>> by_currency_;  // with the last day seen
};

// Replaces a customer's stored statistics with `computed` (all currencies),
// counting what differed.
void sync(Store& store, Id customer, const std::vector<PurchaseStats>& computed, PurchaseStatsRebuild& report) {
  auto stored = stored_of(store, customer);
  for (const auto& stats : computed) {
    const auto same_currency = [&](const PurchaseStatsRecord& r) { return r.stats.currency == stats.currency; };
    const auto it = std::find_if(stored.begin(), stored.end(), same_currency);
    if (it == stored.end()) {
      store.insert(stats_collection, record_write(PurchaseStatsRecord{.stats = stats}));
      ++report.added;
      continue;
    }
    if (it->stats != stats) {
      it->stats = stats;
      store.update(stats_collection, it->id, it->version, record_write(*it));
      ++report.corrected;
    }
    stored.erase(it);
  }
  for (const auto& orphan : stored) {
    store.erase(stats_collection, orphan.id, orphan.version);
    ++report.removed;
  }
}

}  // namespace

void PurchaseStatsKeeper::on_write(const Interaction* before, const Interaction* after) {
  if (before == nullptr) {
    if (after != nullptr && counts_as_purchase(*after)) add(*after);
    return;
  }
  const Id old_customer = counts_as_purchase(*before) ? before->customer_id : 0;
  const Id new_customer = after != nullptr && counts_as_purchase(*after) ? after->customer_id : 0;
  if (old_customer != 0) recompute(old_customer);
  if (new_customer != 0 && new_customer != old_customer) recompute(new_customer);
}

void PurchaseStatsKeeper::add(const Interaction& purchase) {
  const Money& amount = *purchase.amount;
  auto stored = stored_of(store_, purchase.customer_id, amount.currency.code());
  if (stored.empty()) {
    PurchaseStatsRecord record{.stats = {.customer_id = purchase.customer_id,
                                         .currency = amount.currency,
                                         .purchases = 1,
                                         .purchase_days = 1,
                                         .total_minor = amount.minor,
                                         .first_day_minor = amount.minor,
                                         .first_at = purchase.occurred_at,
                                         .last_at = purchase.occurred_at}};
    store_.insert(stats_collection, record_write(record));
    cache_.touched(purchase.customer_id);
    return;
  }
  auto& record = stored.front();
  auto& s = record.stats;
  const std::int64_t day = utc_day(purchase.occurred_at), first_day = utc_day(s.first_at),
                     last_day = utc_day(s.last_at);
  const bool new_day = day < first_day || day > last_day ||
                       (day != first_day && day != last_day && !other_purchase_on_day(purchase));
  if (day < first_day) s.first_day_minor = amount.minor;
  if (day == first_day) s.first_day_minor = (Money{s.first_day_minor, s.currency} + amount).minor;
  s.total_minor = (s.total() + amount).minor;
  ++s.purchases;
  s.purchase_days += new_day ? 1 : 0;
  s.first_at = std::min(s.first_at, purchase.occurred_at);
  s.last_at = std::max(s.last_at, purchase.occurred_at);
  store_.update(stats_collection, record.id, record.version, record_write(record));
  cache_.touched(purchase.customer_id);
}

// Whether the customer has another purchase in this currency on the same UTC
// day: a scan of their interactions from the start of that day.
bool PurchaseStatsKeeper::other_purchase_on_day(const Interaction& purchase) const {
  const std::int64_t day_start = utc_day(purchase.occurred_at) * ms_per_day;
  Scan scan = index_scan(index::interaction_customer, number_key(purchase.customer_id));
  scan.after = scan.prefix + number_key(day_start);  // sorts just before the day's first entry
  scan.limit = 64;
  for (auto page = store_.scan(scan);; page = store_.scan(scan)) {
    for (const auto& stored : page.records) {
      const auto other = decode<Interaction>(stored);
      if (to_millis(other.occurred_at) >= day_start + ms_per_day) return false;
      if (other.id != purchase.id && counts_as_purchase(other) &&
          other.amount->currency == purchase.amount->currency)
        return true;
    }
    if (page.cursor.empty()) return false;
    scan.after = page.cursor;
  }
}

void PurchaseStatsKeeper::recompute(Id customer) {
  CustomerTally tally;
  each_stored(store_, index_scan(index::interaction_customer, number_key(customer)), [&](const StoredRecord& r) {
    const auto interaction = decode<Interaction>(r);
    if (counts_as_purchase(interaction)) tally.add(interaction);
  });
  PurchaseStatsRebuild ignored;
  sync(store_, customer, tally.take(), ignored);
  cache_.touched(customer);
}

PurchaseStatsRebuild PurchaseStatsKeeper::rebuild() {
  PurchaseStatsRebuild report;
  Transaction tx(store_);
  cache_.touched_all();
  // Every customer's interactions, customer by customer in time order.
  std::unordered_set<Id> seen;
  CustomerTally tally;
  Id current = 0;
  const auto flush = [&] {
    if (current == 0) return;
    auto computed = tally.take();
    report.stats += computed.size();
    sync(store_, current, computed, report);
    seen.insert(current);
  };
  each_stored(store_, index_scan(index::interaction_customer, {}), [&](const StoredRecord& r) {
    const auto interaction = decode<Interaction>(r);
    if (interaction.customer_id != current) {
      flush();
      current = interaction.customer_id;
    }
    if (!counts_as_purchase(interaction)) return;
    tally.add(interaction);
    ++report.purchases;
  });
  flush();
  // Statistics of customers who have no interactions left at all.
  Scan all;
  all.collection = stats_collection;
  each_stored(store_, all, [&](const StoredRecord& r) {
    if (seen.contains(decode<PurchaseStatsRecord>(r).stats.customer_id)) return;
    store_.erase(stats_collection, r.id, r.version);
    ++report.removed;
  });
  tx.commit();
  return report;
}

void PurchaseStatsKeeper::build_if_missing() {
  if (store_.count(Layout<PurchaseStatsMarker>::collection) > 0) return;
  Scan any;
  any.collection = Layout<Interaction>::collection;
  any.limit = 1;
  if (store_.scan(any).records.empty()) return;  // nothing to build: the first statistics write marks the file
  rebuild();
}

std::vector<PurchaseStats> PurchaseStatsKeeper::of_customer(Id customer) const {
  std::vector<PurchaseStats> all;
  for (auto& record : stored_of(store_, customer)) all.push_back(record.stats);
  return all;
}

}  // namespace crm::detail
