// SPDX-License-Identifier: Apache-2.0
#pragma once
// The durable default backend: one SQLite file in WAL mode.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "crm/store/store.hpp"

namespace crm {

struct SqliteOptions {
  // full: a commit survives power loss (fsync on every commit).
  // normal: a commit survives a crash of the process; power loss may undo
  // the last commits, never corrupt the file. Faster for bulk loads.
  enum class Durability { full, normal };
  Durability durability = Durability::full;
  // Opens an existing file for reading only. Works in a read-only directory,
  // on a read-only file system and from a read-only copy (docs/RELIABILITY.md).
  bool read_only = false;
  // How long a write waits for the write slot: another thread's transaction
  // in this process, or another process's lock on the file. After it the
  // call fails with Errc::busy. 0..86,400,000 ms (a day).
  std::chrono::milliseconds busy_timeout = default_busy_timeout;
  // Pages of the file each connection keeps in memory, in MiB (0: SQLite's
  // default of about 2 MiB). A file much larger than the cache pays a read
  // from the operating system for most pages it touches; bulk loads into
  // large files run faster with more. Each reading thread has its own
  // connection, so the memory used is up to this much per connection.
  std::int64_t page_cache_mib = 0;
};

// Throws crm::Error(Errc::invalid_argument) for options no store can take
// (a page cache outside 0..2^20 MiB, a busy timeout outside 0 ms..1 day);
// SqliteStore checks them before it touches the file.
void check_options(const SqliteOptions& options);

class SqliteStore final : public Store {
 public:
  // The schema version this build writes; older files are migrated forward.
  static constexpr int schema_version = 1;

  // Opens or creates the database at `path`. Throws crm::Error:
  // Errc::corrupt for a file that is not a crm database (left untouched),
  // Errc::unsupported for a database written by a newer crm,
  // Errc::storage when the file cannot be opened or created.
  explicit SqliteStore(const std::filesystem::path& path, SqliteOptions options = {});
  ~SqliteStore() override;
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

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
  void open_read_only(const std::filesystem::path& path);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crm
