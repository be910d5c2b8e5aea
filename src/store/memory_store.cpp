// SPDX-License-Identifier: Apache-2.0
#include "crm/store/memory_store.hpp"

#include <boost/multi_index/composite_key.hpp>
#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index_container.hpp>

#include <algorithm>
#include <atomic>
#include <shared_mutex>

#include "crm/error.hpp"
#include "store/memory_snapshot.hpp"
#include "store/store_support.hpp"
#include "store/shared_latch.hpp"
#include "store/transaction_gate.hpp"

namespace crm {

namespace {

namespace bmi = boost::multi_index;
using detail::MemoryRecord;

struct by_id {};
struct by_collection {};

using Records = bmi::multi_index_container<
    MemoryRecord,
    bmi::indexed_by<
        bmi::hashed_unique<bmi::tag<by_id>, bmi::member<MemoryRecord, Id, &MemoryRecord::id>>,
        bmi::ordered_unique<bmi::tag<by_collection>,
                            bmi::composite_key<MemoryRecord,
                                               bmi::member<MemoryRecord, std::string, &MemoryRecord::collection>,
                                               bmi::member<MemoryRecord, Id, &MemoryRecord::id>>>>>;

// An index entry. `key` is the index name, a NUL, then the key bytes (and,
// for sorted entries, the record id): index names hold no NUL, so the entries
// of one index are one contiguous range in key order.
struct KeyEntry {
  std::string key;
  Id id;
};

using UniqueKeys = bmi::multi_index_container<
    KeyEntry, bmi::indexed_by<bmi::hashed_unique<bmi::member<KeyEntry, std::string, &KeyEntry::key>>>>;
using SortedKeys = bmi::multi_index_container<
    KeyEntry, bmi::indexed_by<bmi::ordered_unique<bmi::member<KeyEntry, std::string, &KeyEntry::key>>>>;

std::string entry_key(std::string_view index, std::string_view key) {
  std::string out;
  out.reserve(index.size() + 1 + key.size() + 8);
  out.append(index).push_back('\0');
  out.append(key);
  return out;
}

// One change made inside a transaction, with what it replaced.
struct Undo {
  enum class Op { inserted, updated, erased } op;
  MemoryRecord before;  // for inserted: only the id matters
};

}  // namespace

struct MemoryStore::Impl {
  Impl(MemoryStore& store, MemoryOptions options)
      : gate(options.busy_timeout,
             [&store] {
               while (store.impl_->gate.held()) store.rollback();
             }),
        rw(options.busy_timeout) {}

  detail::TransactionGate gate;
  mutable detail::SharedLatch rw;  // held exclusively by the open transaction; shared by readers

  Records records;
  UniqueKeys unique;
  SortedKeys sorted;
  Id last_id = 0;

  std::vector<Undo> undo;
  std::vector<std::size_t> marks;  // undo size at each open level
  Id last_id_at_begin = 0;

  // Set when a rollback ran out of memory half-way (it re-inserts what it
  // undoes, which allocates): the contents are then neither what was
  // committed nor what the transaction wrote, so every later call fails
  // rather than answer from them. Better than std::terminate in a noexcept
  // rollback, which is what the host would get otherwise.
  std::atomic<bool> broken{false};

  void check_whole() const {
    if (broken.load(std::memory_order_relaxed))
      throw Error(Errc::storage,
                  "memory store: a rollback ran out of memory half-way, so what it holds is no longer what was "
                  "committed; load the last snapshot into a new store");
  }

  // Runs a read under a shared lock, or directly when this thread holds the
  // transaction (it already has the exclusive lock).
  template <class F>
  auto read(F&& body) const {
    check_whole();
    if (gate.held()) return body();
    std::shared_lock lock(rw);
    return body();
  }

  template <class F>
  auto write(MemoryStore& store, F&& body) {
    check_whole();
    const bool own = !gate.held();
    if (own) store.begin();
    try {
      auto result = body();
      if (own) store.commit();
      return result;
    } catch (...) {
      if (own) store.rollback();
      throw;
    }
  }

  void add_keys(const MemoryRecord& r) {
    for (const auto& k : r.unique_keys) unique.insert({entry_key(k.index, k.key), r.id});
    for (const auto& k : r.sorted_keys) sorted.insert({detail::sorted_entry(entry_key(k.index, k.key), r.id), r.id});
  }

  void remove_keys(const MemoryRecord& r) {
    for (const auto& k : r.unique_keys) unique.erase(entry_key(k.index, k.key));
    for (const auto& k : r.sorted_keys) sorted.erase(detail::sorted_entry(entry_key(k.index, k.key), r.id));
  }

  void check_unique(const std::vector<IndexKey>& keys, Id self) const {
    for (const auto& k : keys)
      if (auto it = unique.find(entry_key(k.index, k.key)); it != unique.end() && it->id != self)
        detail::throw_key_taken(k.index, k.key, it->id);
  }

  const MemoryRecord& checked(std::string_view collection, Id id, Version expected) const {
    auto it = records.find(id);
    if (it == records.end() || it->collection != collection) detail::throw_not_found(collection, id);
    if (it->version != expected) detail::throw_stale(collection, id, expected, it->version);
    return *it;
  }

  void put(MemoryRecord record) {
    add_keys(record);
    records.insert(std::move(record));
  }

  void remove(Id id) {
    auto it = records.find(id);
    remove_keys(*it);
    records.erase(it);
  }

  // Undoes the changes logged after position `mark`, newest first.
  void undo_to(std::size_t mark) noexcept {
    try {
      while (undo.size() > mark) {
        Undo& u = undo.back();
        if (u.op != Undo::Op::erased) remove(u.before.id);
        if (u.op != Undo::Op::inserted) put(std::move(u.before));
        undo.pop_back();
      }
    } catch (...) {  // out of memory: see `broken`
      broken = true;
      undo.resize(mark);  // shrinking allocates nothing
    }
  }

  ScanResult scan(const Scan& scan) const {
    ScanResult result;
    std::vector<std::string> row_keys;
    auto emit = [&](Id id, std::string key) {
      const auto& r = *records.find(id);
      result.records.push_back({r.id, r.version, r.body});
      row_keys.push_back(std::move(key));
      return result.records.size() > scan.limit;
    };
    if (scan.index.empty()) {
      const auto& by_coll = records.get<by_collection>();
      const Id after = scan.after.empty() ? (scan.descending ? INT64_MAX : 0) : detail::id_from_key(scan.after);
      if (scan.descending) {
        auto it = std::make_reverse_iterator(by_coll.lower_bound(std::make_tuple(scan.collection, after)));
        auto end = std::make_reverse_iterator(by_coll.lower_bound(std::make_tuple(scan.collection)));
        for (; it != end; ++it)
          if (emit(it->id, detail::id_key(it->id))) break;
      } else {
        auto it = by_coll.upper_bound(std::make_tuple(scan.collection, after));
        auto end = by_coll.upper_bound(std::make_tuple(scan.collection));
        for (; it != end; ++it)
          if (emit(it->id, detail::id_key(it->id))) break;
      }
    } else {
      const auto range = detail::scan_range(scan);
      if (range.empty()) return result;  // else first could lie past last
      const std::string head = entry_key(scan.index, "");
      const std::string lower = head + range.lower;
      // Without an upper key the range ends where the index name ends.
      const std::string upper = range.upper ? head + *range.upper : *detail::prefix_successor(head);
      const auto first = sorted.upper_bound(lower);
      const auto last = sorted.lower_bound(upper);
      if (scan.descending) {
        for (auto it = std::make_reverse_iterator(last); it != std::make_reverse_iterator(first); ++it)
          if (emit(it->id, it->key.substr(head.size()))) break;
      } else {
        for (auto it = first; it != last; ++it)
          if (emit(it->id, it->key.substr(head.size()))) break;
      }
    }
    if (result.records.size() > scan.limit) {
      result.records.pop_back();
      result.cursor = row_keys[scan.limit - 1];
    }
    return result;
  }
};

MemoryStore::MemoryStore(MemoryOptions options) {
  detail::check_busy_timeout(options.busy_timeout, "memory store: busy_timeout");
  impl_ = std::make_unique<Impl>(*this, options);
}

MemoryStore::~MemoryStore() {
  // A transaction still open here belongs to this thread, or to one that
  // left it behind: roll it back for its owner.
  impl_->gate.roll_back_holder();
}

void MemoryStore::begin() {
  auto& impl = *impl_;
  impl.check_whole();
  if (impl.gate.enter() == 1) {
    try {
      impl.rw.lock();
    } catch (...) {
      impl.gate.leave();
      throw;
    }
    impl.last_id_at_begin = impl.last_id;
  }
  impl.marks.push_back(impl.undo.size());
}

void MemoryStore::commit() {
  auto& impl = *impl_;
  impl.gate.require_held("commit()");
  impl.marks.pop_back();
  if (impl.gate.depth() == 1) {
    impl.undo.clear();
    impl.rw.unlock();
  }
  impl.gate.leave();
}

void MemoryStore::rollback() noexcept {
  auto& impl = *impl_;
  if (!impl.gate.held()) return;
  impl.undo_to(impl.marks.back());
  impl.marks.pop_back();
  if (impl.gate.depth() == 1) {
    impl.last_id = impl.last_id_at_begin;
    impl.rw.unlock();
  }
  impl.gate.leave();
}

Id MemoryStore::insert(std::string_view collection, const RecordWrite& record) {
  detail::check_write(collection, record);
  return impl_->write(*this, [&] {
    auto& impl = *impl_;
    MemoryRecord r{impl.last_id + 1, std::string(collection), 1, record.body, detail::distinct(record.unique_keys),
                   detail::distinct(record.sorted_keys)};
    impl.check_unique(r.unique_keys, 0);
    impl.undo.push_back({Undo::Op::inserted, MemoryRecord{r.id, {}, 0, {}, {}, {}}});
    impl.put(std::move(r));
    return ++impl.last_id;
  });
}

Version MemoryStore::update(std::string_view collection, Id id, Version expected, const RecordWrite& record) {
  detail::check_write(collection, record);
  return impl_->write(*this, [&] {
    auto& impl = *impl_;
    const MemoryRecord& current = impl.checked(collection, id, expected);
    MemoryRecord next{id, current.collection, expected + 1, record.body, detail::distinct(record.unique_keys),
                      detail::distinct(record.sorted_keys)};
    impl.check_unique(next.unique_keys, id);
    impl.undo.push_back({Undo::Op::updated, current});
    impl.remove(id);
    impl.put(std::move(next));
    return expected + 1;
  });
}

void MemoryStore::erase(std::string_view collection, Id id, Version expected) {
  impl_->write(*this, [&] {
    auto& impl = *impl_;
    impl.undo.push_back({Undo::Op::erased, impl.checked(collection, id, expected)});
    impl.remove(id);
    return 0;
  });
}

std::optional<StoredRecord> MemoryStore::get(std::string_view collection, Id id) const {
  return impl_->read([&]() -> std::optional<StoredRecord> {
    auto it = impl_->records.find(id);
    if (it == impl_->records.end() || it->collection != collection) return std::nullopt;
    return StoredRecord{it->id, it->version, it->body};
  });
}

std::optional<Id> MemoryStore::find(std::string_view index, std::string_view key) const {
  return impl_->read([&]() -> std::optional<Id> {
    auto it = impl_->unique.find(entry_key(index, key));
    if (it == impl_->unique.end()) return std::nullopt;
    return it->id;
  });
}

ScanResult MemoryStore::scan(const Scan& scan) const {
  detail::check_scan(scan);
  return impl_->read([&] { return impl_->scan(scan); });
}

std::size_t MemoryStore::count(std::string_view collection) const {
  return impl_->read([&] {
    const auto& by_coll = impl_->records.get<by_collection>();
    const auto [first, last] = by_coll.equal_range(std::make_tuple(std::string(collection)));
    return static_cast<std::size_t>(std::distance(first, last));
  });
}

void detail::MemorySnapshotAccess::committed(
    const MemoryStore& store, const std::function<void(Id, const std::vector<const MemoryRecord*>&)>& write) {
  const auto& impl = *store.impl_;
  if (impl.gate.held())
    throw Error(Errc::invalid_argument, "save_snapshot: commit or roll back this thread's transaction first");
  impl.check_whole();  // never save what a broken rollback left
  std::shared_lock lock(impl.rw);
  std::vector<const MemoryRecord*> records;
  records.reserve(impl.records.size());
  for (const auto& r : impl.records.get<by_collection>()) records.push_back(&r);
  write(impl.last_id, records);
}

void detail::MemorySnapshotAccess::fill(MemoryStore& store, const std::filesystem::path& path,
                                        const std::function<void(Id&, const Sink&)>& read) {
  auto& impl = *store.impl_;
  read(impl.last_id, [&](MemoryRecord record) {
    if (record.id <= 0 || record.id > impl.last_id || impl.records.count(record.id) != 0)
      throw Error(Errc::corrupt, "snapshot '" + path.string() + "': bad or repeated record id " + std::to_string(record.id));
    try {
      impl.check_unique(record.unique_keys, record.id);
    } catch (const Error& e) {
      throw Error(Errc::corrupt, "snapshot '" + path.string() + "': " + e.what());
    }
    impl.put(std::move(record));
  });
}

}  // namespace crm
