#include <algorithm>
#include <map>

#include "crm/analytics/analytics.hpp"
#include "crm/error.hpp"

namespace crm::analytics {

Population purchase_population(const Engine& engine, std::string_view currency) {
  const std::optional<Currency> wanted =
      currency.empty() ? std::nullopt : std::optional(Currency::of(currency));  // refuses an unknown code
  std::map<std::string, std::vector<PurchaseStats>, std::less<>> by_currency;
  PurchaseStatsQuery query{.limit = max_page_size};
  do {
    auto page = engine.list(query);
    for (auto& stats : page.items)
      if (!wanted || stats.currency == *wanted) by_currency[std::string(stats.currency.code())].push_back(stats);
    query.cursor = std::move(page.next_cursor);
  } while (!query.cursor.empty());

  if (by_currency.empty())
    throw Error(Errc::not_found, wanted ? "no customer has bought in " + std::string(currency)
                                        : std::string("no customer has bought anything yet"));
  auto chosen = by_currency.begin();  // the most customers; the first code on a tie
  for (auto it = by_currency.begin(); it != by_currency.end(); ++it)
    if (it->second.size() > chosen->second.size()) chosen = it;
  return {chosen->second.front().currency, std::move(chosen->second)};
}

Timestamp latest_purchase(const Population& population) {
  Timestamp latest{};
  for (const auto& customer : population.customers) latest = std::max(latest, customer.last_at);
  return latest;
}

}  // namespace crm::analytics
