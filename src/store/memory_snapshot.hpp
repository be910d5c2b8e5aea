// SPDX-License-Identifier: Apache-2.0
#pragma once
// The memory store's records and their snapshot file (Boost.Serialization).
//
// The file format (memory_snapshot.cpp) is built into crm::snapshot, apart
// from the core library, so that only hosts that save or load snapshots
// link Boost.Serialization. The store's side, MemorySnapshotAccess, is in
// the core (memory_store.cpp), next to the records it reads and fills.

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "crm/store/memory_store.hpp"
#include "crm/store/store.hpp"

namespace crm::detail {

// A record as the memory store keeps it, with the index entries it owns
// (distinct; sorted keys as the engine gave them, without the id suffix).
struct MemoryRecord {
  Id id = 0;
  std::string collection;
  Version version = 0;
  std::string body;
  std::vector<IndexKey> unique_keys;
  std::vector<IndexKey> sorted_keys;
};

// The store's records for MemoryStore::save_snapshot and load_snapshot.
struct MemorySnapshotAccess {
  // Calls `write` with the last id given out and every committed record, in
  // collection then id order, while holding readers' access. Refused inside
  // a transaction of the calling thread.
  static void committed(const MemoryStore& store,
                        const std::function<void(Id last_id, const std::vector<const MemoryRecord*>&)>& write);

  // Fills a new, empty store: `read` sets its last id, then passes each
  // record to the sink, which refuses (Errc::corrupt, naming `path`) a bad
  // or repeated id and a unique key taken twice.
  using Sink = std::function<void(MemoryRecord)>;
  static void fill(MemoryStore& store, const std::filesystem::path& path,
                   const std::function<void(Id& last_id, const Sink& sink)>& read);
};

// Writes the records atomically: to a temporary file, synced, then renamed
// over `path`. Throws Errc::storage on any I/O failure, leaving `path` as it was.
void write_snapshot(const std::filesystem::path& path, Id last_id, const std::vector<const MemoryRecord*>& records);

// Reads a snapshot, passing each record to `sink`. Throws Errc::not_found for
// a missing file and Errc::corrupt for one that is not a valid crm snapshot.
void read_snapshot(const std::filesystem::path& path, Id& last_id, const std::function<void(MemoryRecord)>& sink);

}  // namespace crm::detail
