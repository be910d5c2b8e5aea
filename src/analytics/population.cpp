#include <algorithm>
#include <utility>

#include "crm/analytics/analytics.hpp"
#include "crm/error.hpp"

namespace crm::analytics {

Population purchase_population(const Engine& engine, std::string_view currency) {
  std::optional<Currency> chosen =
      currency.empty() ? std::nullopt : std::optional(Currency::of(currency));  // refuses an unknown code
  if (!chosen) {
    std::size_t most = 0;  // the most customers; the first code on a tie
    for (const auto& [code, customers] : engine.purchase_currencies())
      if (customers > most) {
        most = customers;
        chosen = code;
      }
    if (!chosen) throw Error(Errc::not_found, "no customer has bought anything yet");
  }
  auto customers = engine.purchase_population(*chosen);
  if (customers.empty()) throw Error(Errc::not_found, "no customer has bought in " + std::string(currency));
  return {*chosen, std::move(customers)};
}

Timestamp latest_purchase(const Population& population) {
  Timestamp latest{};
  for (const auto& customer : population.customers) latest = std::max(latest, customer.last_at);
  return latest;
}

}  // namespace crm::analytics
