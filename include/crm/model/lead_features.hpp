// SPDX-License-Identifier: Apache-2.0
#pragma once
// A lead seen as (field, value) pairs: what the scorers (crm/pipeline/
// scoring.hpp) weigh and what the engine tallies when a lead closes
// (crm/model/lead_outcomes.hpp). In the model because the engine, below the
// sales services, needs it to keep those tallies.

#include <string>
#include <vector>

#include "crm/model/lead.hpp"

namespace crm {

// One (field, value) pair of a lead, as both scorers read it.
struct LeadFeature {
  std::string field;  // "source", "tag", "attribute:vip"…
  std::string value;  // trimmed and case-folded

  friend bool operator==(const LeadFeature&, const LeadFeature&) = default;
};

// The lead's features in a fixed order: source, industry, territory,
// job_title, company, email_domain (after the @), phone_country (calling code
// of an E.164 phone, "44"), one "tag" per tag, owner, then "attribute:<name>"
// per custom attribute (bool "true"/"false", numbers in decimal, timestamps in
// ISO 8601). Values are trimmed and fold_case'd; empty values give no feature.
// Throws Errc::invalid_argument for text that is not valid UTF-8.
std::vector<LeadFeature> lead_features(const Lead& lead);

}  // namespace crm
