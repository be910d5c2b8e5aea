// SPDX-License-Identifier: Apache-2.0
#pragma once
// What Engine::check() finds: the stored records that cannot be used, so a
// host can learn of damage (a bad sector, a stray write, a broken copy of
// the file) and go on using the rest of its data.
//
// A record is damaged when its stored body does not decode (get() of it is
// Errc::corrupt naming it; a listing leaves it out of Page::items and names
// it in Page::damaged), or when a unique key it holds (a phone, an e-mail,
// an external id) does not lead back to it, so lookups by that key miss it.

#include <cstddef>
#include <string>
#include <vector>

#include "crm/id.hpp"

namespace crm {

struct DamagedRecord {
  std::string collection{};  // the store's collection: "customer", "interaction", "workflow_rule"…
  Id id = 0;
  std::string problem{};     // "stored body is unreadable (parse error)", "customer.phone '+44…' leads to record 9"
};

struct CheckReport {
  std::size_t records = 0;               // records read, of every collection
  std::vector<DamagedRecord> damaged{};  // by collection, then id; a record once per problem

  bool ok() const { return damaged.empty(); }
};

}  // namespace crm
