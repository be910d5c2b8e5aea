// SPDX-License-Identifier: Apache-2.0
#pragma once
// Visits every record a store scan yields, page by page, in scan order.
// The visitor may erase the record it is given: the next page starts after
// the last key seen.

#include "crm/store/store.hpp"

namespace crm::detail {

template <class Visit>
void each_stored(const Store& store, Scan scan, Visit visit) {
  scan.limit = 1000;
  for (auto page = store.scan(scan);; page = store.scan(scan)) {
    for (const auto& stored : page.records) visit(stored);
    if (page.cursor.empty()) return;
    scan.after = page.cursor;
  }
}

}  // namespace crm::detail
