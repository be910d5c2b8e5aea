#pragma once
// The memory store's records and their snapshot file (Boost.Serialization).

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

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

// Writes the records atomically: to a temporary file, synced, then renamed
// over `path`. Throws Errc::storage on any I/O failure, leaving `path` as it was.
void write_snapshot(const std::filesystem::path& path, Id last_id, const std::vector<const MemoryRecord*>& records);

// Reads a snapshot, passing each record to `sink`. Throws Errc::not_found for
// a missing file and Errc::corrupt for one that is not a valid crm snapshot.
void read_snapshot(const std::filesystem::path& path, Id& last_id, const std::function<void(MemoryRecord)>& sink);

}  // namespace crm::detail
