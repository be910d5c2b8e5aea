// SPDX-License-Identifier: Apache-2.0
#pragma once
// The raw SQLite baseline's record bodies and index keys, written by hand.
//
// The baseline stores what the engine stores, in the engine's own table
// layout (src/store/sqlite_schema.cpp), so that the ratio of the two measures
// the engine's layers and not a different file format: bodies are msgpack
// arrays of the fields in the order of src/engine/layout.hpp, index keys are
// built as src/engine/record_keys.cpp builds them, and a record's `keys`
// column holds its index entries as src/store/sqlite_store.cpp encodes them.
// The smoke test checks that a customer's body is the same bytes in both files.

#include <crm/analytics/purchase_stats.hpp>
#include <crm/model/customer.hpp>
#include <crm/model/interaction.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace crm::bench::raw {

std::string encode(const Customer& c);
std::string encode(const Interaction& i);
std::string encode(const PurchaseStats& s);
Customer decode_customer(std::string_view body, Id id, Version version);
Interaction decode_interaction(std::string_view body, Id id, Version version);
PurchaseStats decode_stats(std::string_view body);

// Key parts that sort like their values (as in the engine): text ends in a
// NUL, numbers are big-endian with the sign bit flipped; a sorted entry ends
// with the record id, big-endian.
std::string text_key(std::string_view text);
std::string number_key(std::int64_t value);
std::string id_key(Id id);

struct Key {
  std::string index;
  std::string key;
};

// The `keys` column: [[[index, key]...unique], [[index, key]...sorted]], each
// list in (index, key) order. Sorts both lists in place, the order the rows are written in.
std::string encode_keys(std::vector<Key>& unique, std::vector<Key>& sorted);

}  // namespace crm::bench::raw
