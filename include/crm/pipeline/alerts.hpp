// SPDX-License-Identifier: Apache-2.0
#pragma once
// Pipeline alerts as plain queries over an Engine: deals past their expected
// close date and customers over their credit limit. They read through the
// engine's public listings and write nothing; later they become workflow
// triggers. Like the reports, they page through listings one page at a time,
// so a write committed meanwhile may be partly seen.

#include <cstddef>
#include <string>
#include <vector>

#include "crm/engine.hpp"
#include "crm/id.hpp"
#include "crm/model/opportunity.hpp"
#include "crm/money.hpp"
#include "crm/time.hpp"

namespace crm {

// Open deals whose expected_close is before `now` (a deal due exactly at now
// is not overdue yet; one without expected_close never is), oldest close date
// first, then by id. Reads every open deal: O(open deals). A `now` outside the
// supported range of times is Errc::invalid_argument ("overdue_deals now: …").
std::vector<Opportunity> overdue_deals(const Engine& engine, Timestamp now);

// A customer whose exposure exceeds its credit limit.
struct CreditAlert {
  Id customer_id = 0;
  std::string name{};  // display_name
  Money limit{};
  // Sum of the amounts of the customer's open deals in the limit's currency.
  Money exposure{};
  std::vector<Id> open_deals{};  // the deals summed into exposure, by id (none without an amount)
  // The customer's open deals left out of exposure: amount in another currency.
  std::size_t other_currency_deals = 0;

  friend bool operator==(const CreditAlert&, const CreditAlert&) = default;
};

// Customers with a credit_limit whose exposure is strictly greater than it
// (exactly at the limit is no alert), by customer id. A deal counts against
// the customer it names only, not that customer's organisation; deals without
// an amount add nothing. Receivables (unpaid invoices) are not modelled yet,
// so exposure is open deals alone. Reads every open deal, then each customer
// that has one: O(open deals).
std::vector<CreditAlert> credit_alerts(const Engine& engine);

}  // namespace crm
