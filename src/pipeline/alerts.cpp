// SPDX-License-Identifier: Apache-2.0
// Alerts: overdue deals and customers over their credit limit.
#include "crm/pipeline/alerts.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "pipeline/report_support.hpp"

namespace crm {

std::vector<Opportunity> overdue_deals(const Engine& engine, Timestamp now) {
  check_timestamp(now, "overdue_deals now");
  std::vector<Opportunity> overdue;
  detail::each_page(engine, OpportunityQuery{.status = DealStatus::open}, [&](Opportunity& deal) {
    if (deal.expected_close && *deal.expected_close < now) overdue.push_back(std::move(deal));
    return true;
  });
  std::sort(overdue.begin(), overdue.end(), [](const Opportunity& a, const Opportunity& b) {
    return std::tie(*a.expected_close, a.id) < std::tie(*b.expected_close, b.id);
  });
  return overdue;
}

std::vector<CreditAlert> credit_alerts(const Engine& engine) {
  // Open deals by customer first: there are far fewer of them than customers.
  struct OpenDeal {
    Id id;
    std::optional<Money> amount;
  };
  std::map<Id, std::vector<OpenDeal>> by_customer;
  detail::each_page(engine, OpportunityQuery{.status = DealStatus::open}, [&](const Opportunity& deal) {
    if (deal.customer_id != 0) by_customer[deal.customer_id].push_back({deal.id, deal.amount});
    return true;
  });

  std::vector<CreditAlert> alerts;
  for (const auto& [customer_id, deals] : by_customer) {
    const auto customer = engine.find<Customer>(customer_id);
    if (!customer || !customer->credit_limit) continue;
    CreditAlert alert{.customer_id = customer_id,
                      .name = customer->display_name,
                      .limit = *customer->credit_limit,
                      .exposure = Money{0, customer->credit_limit->currency}};
    for (const auto& deal : deals) {
      if (!deal.amount) continue;
      if (detail::add_amount(alert.exposure, deal.amount))
        alert.open_deals.push_back(deal.id);
      else
        ++alert.other_currency_deals;
    }
    if (compare(alert.exposure, alert.limit) != std::strong_ordering::greater) continue;
    std::sort(alert.open_deals.begin(), alert.open_deals.end());
    alerts.push_back(std::move(alert));
  }
  return alerts;
}

}  // namespace crm
