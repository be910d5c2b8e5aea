// SPDX-License-Identifier: Apache-2.0
#include "crm/analytics/analytics.hpp"

namespace crm::analytics {

BasketReport basket_report(const Engine& engine, const BasketQuery& query) {
  if (query.from) check_timestamp(*query.from, "basket query.from");
  if (query.to) check_timestamp(*query.to, "basket query.to");
  BasketMiner miner(query.options);
  InteractionQuery all{.limit = max_page_size};
  std::vector<std::string> basket;
  do {
    const auto page = engine.list(all);
    require_whole(page);  // rules mined without a damaged purchase would be wrong, not partial
    for (const auto& i : page.items) {
      if (i.kind != InteractionKind::purchase || i.items.empty()) continue;
      if ((query.from && i.occurred_at < *query.from) || (query.to && i.occurred_at >= *query.to)) continue;
      basket.clear();
      for (const auto& item : i.items) basket.push_back(item.sku);
      miner.add(basket);
    }
    all.cursor = page.next_cursor;
  } while (!all.cursor.empty());
  return miner.mine();
}

}  // namespace crm::analytics
