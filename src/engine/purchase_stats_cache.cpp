// SPDX-License-Identifier: Apache-2.0
#include "engine/purchase_stats_cache.hpp"

#include <algorithm>

#include "engine/each_stored.hpp"
#include "engine/fresh_token.hpp"
#include "engine/layout.hpp"
#include "engine/purchase_stats_record.hpp"
#include "engine/record_codec.hpp"
#include "engine/record_keys.hpp"

namespace crm::detail {

namespace {

constexpr std::string_view marker_collection = Layout<PurchaseStatsMarker>::collection;

Scan whole(std::string_view collection) {
  Scan scan;
  scan.collection = collection;
  return scan;
}

std::optional<StoredRecord> stored_marker(const Store& store) {
  Scan scan = whole(marker_collection);
  scan.limit = 1;
  auto page = store.scan(scan);
  if (page.records.empty()) return std::nullopt;
  return std::move(page.records.front());
}

bool by_customer(const PurchaseStats& a, const PurchaseStats& b) { return a.customer_id < b.customer_id; }

}  // namespace

// --- One currency's table ---------------------------------------------------------

void PurchaseStatsCache::Table::put(const PurchaseStats& stats) {
  const auto it = std::lower_bound(rows.begin(), rows.end(), stats, by_customer);
  if (it == rows.end() || it->customer_id != stats.customer_id) {
    added[stats.customer_id] = stats;
    return;
  }
  if (it->purchases == 0) --removed;
  *it = stats;
}

void PurchaseStatsCache::Table::remove(Id customer) {
  if (added.erase(customer) > 0) return;
  const auto it = std::lower_bound(rows.begin(), rows.end(), PurchaseStats{.customer_id = customer}, by_customer);
  if (it == rows.end() || it->customer_id != customer || it->purchases == 0) return;
  it->purchases = 0;
  ++removed;
}

void PurchaseStatsCache::Table::compact() {
  if (added.empty() && removed == 0) return;
  std::vector<PurchaseStats> merged;
  merged.reserve(size());
  auto next = added.begin();
  for (const auto& row : rows) {
    for (; next != added.end() && next->first < row.customer_id; ++next) merged.push_back(next->second);
    if (row.purchases != 0) merged.push_back(row);
  }
  for (; next != added.end(); ++next) merged.push_back(next->second);
  rows = std::move(merged);
  added.clear();
  removed = 0;
}

// --- The cache -------------------------------------------------------------------

PurchaseStatsCache::PurchaseStatsCache(HookedStore& store, std::function<std::vector<PurchaseStats>(Id)> of_customer)
    : store_(store), of_customer_(std::move(of_customer)) {}

void PurchaseStatsCache::touched(Id customer) { touched_.insert(customer); }

void PurchaseStatsCache::touched_all() { touched_all_ = true; }

void PurchaseStatsCache::before_commit() {
  if (!touched_all_ && touched_.empty()) return;
  Committing c;
  bool loaded = false;
  {
    const std::lock_guard lock(mutex_);
    loaded = tables_.has_value();
  }
  // Re-read in the transaction: its final state, whatever savepoints rolled back.
  if (loaded && !touched_all_) {
    c.staged.reserve(touched_.size());
    for (const Id customer : touched_) c.staged.emplace_back(customer, of_customer_(customer));
    c.staged_all = true;
  }
  auto stored = stored_marker(store_);
  PurchaseStatsMarker marker = stored ? decode<PurchaseStatsMarker>(*stored) : PurchaseStatsMarker{};
  c.prior = marker.token;
  c.token = marker.token = fresh_token();
  if (stored)
    store_.update(marker_collection, marker.id, marker.version, record_write(marker));
  else
    store_.insert(marker_collection, record_write(marker));

  commit_order_.lock();  // released by after_commit
  committing_ = std::move(c);
  touched_.clear();
  touched_all_ = false;
}

void PurchaseStatsCache::after_commit(bool committed) noexcept {
  if (!committing_) return;  // nothing was touched
  const Committing c = std::move(*committing_);
  committing_.reset();
  const std::lock_guard order(commit_order_, std::adopt_lock);
  if (!committed) return;
  const std::lock_guard lock(mutex_);
  if (!tables_ || token_ == c.token) return;
  if (c.staged_all && token_ == c.prior) {
    // Applying allocates, and this runs after the commit, where nothing may
    // throw (noexcept: std::terminate). Without memory the copy is dropped
    // instead; the next read loads it again.
    try {
      for (const auto& [customer, stats] : c.staged) apply(*tables_, customer, stats);
      token_ = c.token;
    } catch (...) {
      tables_.reset();
    }
  } else {
    tables_.reset();  // not current for the state this commit built on: load again when read
  }
}

void PurchaseStatsCache::before_rollback() noexcept {
  touched_.clear();
  touched_all_ = false;
}

void PurchaseStatsCache::apply(Tables& tables, Id customer, const std::vector<PurchaseStats>& stats) {
  for (auto& [code, table] : tables)
    if (std::none_of(stats.begin(), stats.end(), [&in = code](const PurchaseStats& s) { return s.currency.code() == in; }))
      table.remove(customer);
  for (const auto& s : stats) tables[std::string(s.currency.code())].put(s);
}

std::uint64_t PurchaseStatsCache::stored_token() const {
  const auto stored = stored_marker(store_);
  return stored ? decode<PurchaseStatsMarker>(*stored).token : 0;
}

PurchaseStatsCache::Tables PurchaseStatsCache::load() const {
  Tables tables;
  each_stored(store_, whole(Layout<PurchaseStatsRecord>::collection), [&](const StoredRecord& r) {
    const auto stats = decode<PurchaseStatsRecord>(r).stats;
    tables[std::string(stats.currency.code())].rows.push_back(stats);
  });
  for (auto& [code, table] : tables) std::sort(table.rows.begin(), table.rows.end(), by_customer);
  return tables;
}

std::unique_lock<std::mutex> PurchaseStatsCache::current() const {
  const std::uint64_t token = stored_token();
  std::unique_lock lock(mutex_);
  if (tables_ && token_ == token) return lock;
  lock.unlock();
  // Loaded without the lock, so writers never wait for a scan. A commit made
  // meanwhile replaced the stored token: the next read loads again.
  Tables loaded = load();
  lock.lock();
  tables_ = std::move(loaded);
  token_ = token;
  return lock;
}

std::vector<std::pair<Currency, std::size_t>> PurchaseStatsCache::currencies() const {
  const auto count = [](const Tables& tables) {
    std::vector<std::pair<Currency, std::size_t>> out;
    for (const auto& [code, table] : tables)
      if (table.size() > 0) out.emplace_back(Currency::of(code), table.size());
    return out;
  };
  if (reads_own_writes()) return count(load());
  const auto lock = current();
  return count(*tables_);
}

std::vector<PurchaseStats> PurchaseStatsCache::population(const Currency& currency) const {
  if (reads_own_writes()) {
    auto tables = load();
    const auto it = tables.find(currency.code());
    return it == tables.end() ? std::vector<PurchaseStats>{} : std::move(it->second.rows);
  }
  const auto lock = current();
  const auto it = tables_->find(currency.code());
  if (it == tables_->end()) return {};
  it->second.compact();
  return it->second.rows;
}

}  // namespace crm::detail
