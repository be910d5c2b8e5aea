// SPDX-License-Identifier: Apache-2.0
#pragma once
// Helpers every backend shares: key ranges for scans, id cursors and the
// error messages of the storage contract, so all backends say the same thing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crm/error.hpp"
#include "crm/store/store.hpp"

namespace crm::detail {

// The smallest key greater than every key starting with `prefix`, or nothing
// when no such bound exists (empty prefix, or all 0xff bytes).
std::optional<std::string> prefix_successor(std::string_view prefix);

// The stored keys an index scan may list: those after `lower` and before
// `upper` (nothing: to the index's end). The cursor narrows the prefix's
// range and never widens it, whatever the caller passes back.
struct KeyRange {
  std::string lower;
  std::optional<std::string> upper;
  bool empty() const { return upper && *upper <= lower; }
};
KeyRange scan_range(const Scan& scan);

// Big-endian bytes of an id: the sort suffix of index entries and the cursor
// of id-ordered scans.
std::string id_key(Id id);
// The id in an id cursor; throws Errc::invalid_argument for anything else.
Id id_from_key(std::string_view key);

// Sorted index entries end in the record id so that equal keys stay unique.
inline std::string sorted_entry(std::string_view key, Id id) { return std::string(key) + id_key(id); }

// Scan limits are 1..max_scan_limit.
inline constexpr std::size_t max_scan_limit = 10000;
void check_scan(const Scan& scan);
void check_write(std::string_view collection, const RecordWrite& record);

// The keys sorted, each once: a record that lists a key twice owns it once.
std::vector<IndexKey> distinct(std::vector<IndexKey> keys);

[[noreturn]] void throw_not_found(std::string_view collection, Id id);
[[noreturn]] void throw_stale(std::string_view collection, Id id, Version expected, Version stored);
[[noreturn]] void throw_key_taken(std::string_view index, std::string_view key, Id holder);

}  // namespace crm::detail
