// SPDX-License-Identifier: Apache-2.0
#include "store/store_support.hpp"

#include <algorithm>
#include <tuple>

#include "text/quote.hpp"

namespace crm::detail {

std::optional<std::string> prefix_successor(std::string_view prefix) {
  std::string bound(prefix);
  while (!bound.empty() && static_cast<unsigned char>(bound.back()) == 0xff) bound.pop_back();
  if (bound.empty()) return std::nullopt;
  bound.back() = static_cast<char>(static_cast<unsigned char>(bound.back()) + 1);
  return bound;
}

KeyRange scan_range(const Scan& scan) {
  KeyRange range{scan.prefix, prefix_successor(scan.prefix)};
  if (scan.after.empty()) return range;
  if (!scan.descending && scan.after > range.lower) range.lower = scan.after;
  if (scan.descending && (!range.upper || scan.after < *range.upper)) range.upper = scan.after;
  return range;
}

std::string id_key(Id id) {
  std::string out(8, '\0');
  auto bits = static_cast<std::uint64_t>(id);
  for (int i = 7; i >= 0; --i, bits >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(bits & 0xff);
  return out;
}

Id id_from_key(std::string_view key) {
  if (key.size() != 8) throw Error(Errc::invalid_argument, "scan cursor: not a cursor of this collection");
  std::uint64_t bits = 0;
  for (char c : key) bits = (bits << 8) | static_cast<unsigned char>(c);
  return static_cast<Id>(bits);
}

void check_scan(const Scan& scan) {
  if (scan.limit == 0 || scan.limit > max_scan_limit)
    throw Error(Errc::invalid_argument,
                "scan limit " + std::to_string(scan.limit) + ": must be 1.." + std::to_string(max_scan_limit));
  if (scan.index.empty() && scan.collection.empty())
    throw Error(Errc::invalid_argument, "scan: name an index or a collection");
  if (scan.index.empty() && !scan.after.empty()) id_from_key(scan.after);
}

void check_write(std::string_view collection, const RecordWrite& record) {
  if (collection.empty()) throw Error(Errc::invalid_argument, "write: empty collection name");
  for (const auto& k : record.unique_keys)
    if (k.index.empty()) throw Error(Errc::invalid_argument, "write: unique key with an empty index name");
  for (const auto& k : record.sorted_keys)
    if (k.index.empty()) throw Error(Errc::invalid_argument, "write: sorted key with an empty index name");
}

void throw_not_found(std::string_view collection, Id id) {
  throw Error(Errc::not_found, std::string(collection) + " " + std::to_string(id) + ": not found");
}

void throw_stale(std::string_view collection, Id id, Version expected, Version stored) {
  throw Error(Errc::conflict, std::string(collection) + " " + std::to_string(id) + ": version " +
                                  std::to_string(expected) + " is stale (stored version is " +
                                  std::to_string(stored) + "); reload and retry");
}

void throw_key_taken(std::string_view index, std::string_view key, Id holder) {
  throw Error(Errc::already_exists,
              std::string(index) + " " + quote(key) + " already belongs to record " + std::to_string(holder));
}

std::vector<IndexKey> distinct(std::vector<IndexKey> keys) {
  std::sort(keys.begin(), keys.end(),
            [](const IndexKey& a, const IndexKey& b) { return std::tie(a.index, a.key) < std::tie(b.index, b.key); });
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace crm::detail
