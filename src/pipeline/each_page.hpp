#pragma once
// Walks every page of an engine listing, for services that need all of it.

#include "crm/engine.hpp"

namespace crm::detail {

template <class Query, class Each>
void each_page(const Engine& engine, Query query, Each&& each) {
  query.limit = max_page_size;
  for (;;) {
    auto page = engine.list(query);
    for (const auto& record : page.items) each(record);
    if (page.next_cursor.empty()) return;
    query.cursor = std::move(page.next_cursor);
  }
}

}  // namespace crm::detail
