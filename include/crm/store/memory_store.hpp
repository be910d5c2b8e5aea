// SPDX-License-Identifier: Apache-2.0
#pragma once
// The in-memory backend (Boost.MultiIndex): for tests, caches and benchmarks.
// Its contents can be saved to and loaded from a snapshot file
// (Boost.Serialization). The snapshot calls are in their own library,
// crm::snapshot, so a host that does not call them does not link
// Boost.Serialization; one that does links crm::snapshot as well.

#include <chrono>
#include <filesystem>
#include <memory>

#include "crm/store/store.hpp"

namespace crm {

namespace detail {
struct MemorySnapshotAccess;  // src/store/memory_snapshot.hpp
}

struct MemoryOptions {
  // How long a write waits for another thread's transaction, and a read for
  // a write transaction in progress (readers wait for writers here), before
  // it fails with Errc::busy. 0..86,400,000 ms (a day).
  std::chrono::milliseconds busy_timeout = default_busy_timeout;
};

class MemoryStore final : public Store {
 public:
  // Throws Errc::invalid_argument for a busy timeout outside its range.
  explicit MemoryStore(MemoryOptions options = {});
  ~MemoryStore() override;
  MemoryStore(const MemoryStore&) = delete;
  MemoryStore& operator=(const MemoryStore&) = delete;

  // Writes every committed record to `path` atomically (a temporary file
  // renamed over it). Refused inside a transaction of the calling thread.
  // Needs crm::snapshot.
  void save_snapshot(const std::filesystem::path& path) const;

  // A store holding the records of a snapshot. Throws Errc::not_found for a
  // missing file and Errc::corrupt for one that is not a crm snapshot.
  // Needs crm::snapshot.
  static std::unique_ptr<MemoryStore> load_snapshot(const std::filesystem::path& path, MemoryOptions options = {});

  void begin() override;
  void commit() override;
  void rollback() noexcept override;

  Id insert(std::string_view collection, const RecordWrite& record) override;
  Version update(std::string_view collection, Id id, Version expected, const RecordWrite& record) override;
  void erase(std::string_view collection, Id id, Version expected) override;

  std::optional<StoredRecord> get(std::string_view collection, Id id) const override;
  std::optional<Id> find(std::string_view index, std::string_view key) const override;
  ScanResult scan(const Scan& scan) const override;
  std::size_t count(std::string_view collection) const override;

 private:
  friend struct detail::MemorySnapshotAccess;  // what the snapshot calls read and fill
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crm
