// SPDX-License-Identifier: Apache-2.0
#pragma once
// The storage interface: the one narrow door between the engine and a backend.
//
// A backend keeps opaque record bodies together with the index keys the engine
// derives from them. It knows nothing about customers or leads: domain logic
// lives in the engine, so a new backend only has to implement this page.
// Every backend passes tests/store/conformance_test.cpp.
//
// Thread safety: a store may be used from any number of threads. One thread at
// a time holds the write transaction (begin() on another thread waits); reads
// from other threads see only committed data.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crm/id.hpp"

namespace crm {

// How long a store call waits for the write slot (another thread's
// transaction, another process's lock on the file) before Errc::busy,
// unless the store's options say otherwise.
inline constexpr std::chrono::milliseconds default_busy_timeout{5000};

// An index entry derived from a record. Index names are global
// ("customer.phone"); keys are compared as raw bytes (memcmp order).
struct IndexKey {
  std::string index{};
  std::string key{};

  friend bool operator==(const IndexKey&, const IndexKey&) = default;
};

// What the engine writes.
struct RecordWrite {
  std::string body{};                   // the encoded record, opaque to the store
  std::vector<IndexKey> unique_keys{};  // at most one record per (index, key)
  std::vector<IndexKey> sorted_keys{};  // for ordered listing; the store appends the record id
};

// What a store returns.
struct StoredRecord {
  Id id = 0;
  Version version = 0;
  std::string body{};
};

// A page of records from one sorted index, or from a collection in id order
// when `index` is empty.
struct Scan {
  std::string collection{};  // used when index is empty
  std::string index{};
  std::string prefix{};      // only keys that start with these bytes
  std::string after{};       // exclusive start: the cursor of the previous page; empty = from the start
  std::size_t limit = 100;
  bool descending = false;
};

struct ScanResult {
  std::vector<StoredRecord> records{};
  std::string cursor{};  // pass as Scan::after for the next page; empty when there is no next page
};

class Store {
 public:
  virtual ~Store() = default;

  // Transactions. The outermost begin() on a thread starts a transaction; a
  // begin() on a thread that already holds one nests inside it (a savepoint):
  // a nested rollback() undoes only the nested part, a nested commit() hands
  // its writes to the enclosing transaction. Only the outermost commit()
  // makes writes durable and visible to other threads. If commit() throws,
  // the transaction has been rolled back.
  //
  // A transaction belongs to the thread that began it, never to a later
  // thread: one whose thread ends while it is open is rolled back. begin()
  // waits for another thread's transaction at most the store's busy timeout,
  // then throws Errc::busy.
  virtual void begin() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;

  // Writes. Each is atomic: on failure it throws crm::Error and changes
  // nothing. Outside a transaction each runs in a transaction of its own.
  //
  // insert assigns a new id (never reused) and version 1. A taken unique key
  // fails with Errc::already_exists.
  virtual Id insert(std::string_view collection, const RecordWrite& record) = 0;
  // update replaces the body and keys if the stored version equals `expected`
  // and returns the new version; Errc::conflict otherwise, Errc::not_found if
  // there is no such record in that collection.
  virtual Version update(std::string_view collection, Id id, Version expected, const RecordWrite& record) = 0;
  virtual void erase(std::string_view collection, Id id, Version expected) = 0;

  // Reads.
  virtual std::optional<StoredRecord> get(std::string_view collection, Id id) const = 0;
  virtual std::optional<Id> find(std::string_view index, std::string_view key) const = 0;
  virtual ScanResult scan(const Scan& scan) const = 0;
  virtual std::size_t count(std::string_view collection) const = 0;
};

// RAII transaction: rolls back in its destructor unless commit() was called.
// It belongs to the thread that began it (engine calls on that thread join
// it), and to nothing that can be reused: a later thread never joins it.
class Transaction {
 public:
  // Begins (or nests) a transaction of the calling thread; waits for the
  // write slot at most the store's busy timeout (Errc::busy after it).
  explicit Transaction(Store& store);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Only on the thread that began it: Errc::invalid_argument elsewhere (the
  // transaction stays open for its owner).
  void commit();
  // From any thread. On another thread it rolls back for the owner, which
  // must not be using the store at that moment.
  void rollback() noexcept;

 private:
  Store* store_;
  std::uint64_t owner_;
};

}  // namespace crm
