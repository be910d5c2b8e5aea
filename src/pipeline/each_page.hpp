// SPDX-License-Identifier: Apache-2.0
#pragma once
// Walks every item of an engine listing, max_page_size a page, for services
// that need all of it. A visitor that returns bool stops the walk by
// returning false. A damaged record stops the walk with Errc::corrupt naming
// it (require_whole): these services answer for all of the data or not at all.

#include <type_traits>

#include "crm/engine.hpp"

namespace crm::detail {

template <class Query, class Visit>
void each_page(const Engine& engine, Query query, Visit&& visit) {
  query.limit = max_page_size;
  for (;;) {
    auto page = engine.list(query);
    require_whole(page);  // a service that reads all of a listing must not count without a damaged record
    for (auto& item : page.items) {
      if constexpr (std::is_same_v<std::invoke_result_t<Visit&, decltype(item)>, bool>) {
        if (!visit(item)) return;
      } else {
        visit(item);
      }
    }
    if (page.next_cursor.empty()) return;
    query.cursor = std::move(page.next_cursor);
  }
}

}  // namespace crm::detail
