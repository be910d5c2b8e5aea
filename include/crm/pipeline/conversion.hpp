// SPDX-License-Identifier: Apache-2.0
#pragma once
// Lead conversion: one atomic call turns a qualified lead into a customer
// (or attaches it to an existing one), optionally an organisation, and
// optionally an opportunity, and moves the lead's interactions with it.
// Any failure on the way leaves every record as it was.

#include <cstddef>
#include <optional>
#include <string>

#include "crm/engine.hpp"
#include "crm/pipeline/dedup.hpp"

namespace crm {

struct ConversionOptions {
  // Attach the lead to this customer instead of finding or creating one.
  Id customer_id = 0;
  // Also find (same name, case-insensitively) or create an organisation
  // named after the lead's company, and make a new person a member of it.
  bool with_organisation = false;
  // Create this deal for the customer (its organisation when there is one);
  // customer_id and lead_id are filled in, an empty owner becomes the lead's.
  std::optional<Opportunity> opportunity{};
  // A stored customer that matches exactly (e-mail, phone, external_id) is
  // always reused. One that only resembles the lead (fuzzy match) refuses
  // the conversion under `refuse`, naming it, so the caller can attach to it
  // with customer_id; under warn or allow a new customer is created anyway.
  DuplicatePolicy on_similar = DuplicatePolicy::refuse;
  MatchRules rules = MatchRules::defaults();
};

struct ConversionResult {
  Lead lead{};  // converted, pointing at the customer and deal
  Customer customer{};
  bool customer_created = false;
  std::optional<Customer> organisation{};
  std::optional<Opportunity> opportunity{};
  std::size_t interactions_moved = 0;  // now also linked to the customer (and deal)
  std::vector<DuplicateCandidate> similar{};  // resembling customers left alone (warn/allow)
};

// Converts lead `lead` at version `expected`. Errc::conflict when the lead
// is not qualified (converting twice included) or the version is stale;
// Errc::already_exists when a similar customer blocks it (see on_similar).
ConversionResult convert_lead(Engine& engine, Id lead, Version expected, const ConversionOptions& options = {});

}  // namespace crm
