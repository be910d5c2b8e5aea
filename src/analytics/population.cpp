// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
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

Timestamp measured_at(const Population& population, std::optional<Timestamp> as_of, std::string_view field) {
  const Timestamp latest = latest_purchase(population);
  if (!as_of) return latest;
  check_timestamp(*as_of, field);
  if (*as_of == Timestamp{})
    throw Error(Errc::invalid_argument, std::string(field) + ": " + to_iso8601(*as_of) +
                                            " is the epoch, which report options read as the latest purchase; "
                                            "leave as_of out to measure at the latest purchase");
  if (*as_of < latest)
    throw Error(Errc::invalid_argument, std::string(field) + ": " + to_iso8601(*as_of) +
                                            " is before the latest purchase in " +
                                            std::string(population.currency.code()) + " (" + to_iso8601(latest) +
                                            "); every stored purchase is measured, so measure at or after it");
  return *as_of;
}

}  // namespace crm::analytics
