// SPDX-License-Identifier: Apache-2.0
#include "crm/pipeline/conversion.hpp"

#include <algorithm>

#include "crm/error.hpp"
#include "pipeline/each_page.hpp"

namespace crm {

namespace {

std::string lead_name(const Lead& lead) { return "lead " + std::to_string(lead.id); }

void check_convertible(const Lead& lead, Version expected) {
  if (lead.version != expected)
    throw Error(Errc::conflict, lead_name(lead) + ": version " + std::to_string(expected) + " is stale (stored " +
                                    std::to_string(lead.version) + "): reload and retry");
  if (lead.status == LeadStatus::converted)
    throw Error(Errc::conflict,
                lead_name(lead) + ": already converted to customer " + std::to_string(lead.converted_customer_id));
  if (lead.status != LeadStatus::qualified)
    throw Error(Errc::conflict, lead_name(lead) + ": only a qualified lead converts (it is " +
                                    std::string(to_string(lead.status)) + ")");
}

bool has_person_name(const Lead& lead) {
  return !lead.given_name.empty() || !lead.family_name.empty() || lead.display_name != lead.company;
}

// The organisation called `name`, found case-insensitively or created.
Customer organisation_named(Engine& engine, const std::string& name, const std::string& owner) {
  const std::string wanted = fold_case(name);
  std::optional<Customer> found;
  detail::each_page(engine, CustomerQuery{.name_prefix = name}, [&](const Customer& c) {
    if (!found && c.kind == PartyKind::organisation && fold_case(c.display_name) == wanted) found = c;
  });
  if (found) return *found;
  Customer organisation;
  organisation.kind = PartyKind::organisation;
  organisation.display_name = name;
  organisation.owner = owner;
  return engine.create(organisation);
}

Customer person_from(const Lead& lead, Id organisation) {
  Customer c;
  c.display_name = lead.display_name;
  c.given_name = lead.given_name;
  c.family_name = lead.family_name;
  if (!lead.email.empty()) c.emails = {lead.email};
  if (!lead.phone.empty()) c.phones = {lead.phone};
  c.tags = lead.tags;
  c.attributes = lead.attributes;
  c.owner = lead.owner;
  c.organisation_id = organisation;
  return c;
}

// An existing customer the lead is certainly (exactly) the same as, if any;
// `similar` collects the ones it only resembles.
std::optional<Id> existing_customer(const Engine& engine, const Lead& lead, const ConversionOptions& options,
                                    std::vector<DuplicateCandidate>& similar) {
  for (auto& candidate : find_duplicates(engine, lead, options.rules)) {
    if (candidate.kind != RecordKind::customer) continue;
    const bool exact = std::any_of(candidate.match.reasons.begin(), candidate.match.reasons.end(),
                                   [](const MatchReason& r) { return r.method == MatchMethod::exact; });
    if (exact) return candidate.id;
    similar.push_back(std::move(candidate));
  }
  if (!similar.empty() && options.on_similar == DuplicatePolicy::refuse) {
    const auto& best = similar.front();
    throw Error(Errc::already_exists, lead_name(lead) + ": resembles customer " + std::to_string(best.id) + " '" +
                                          best.name + "' (score " + std::to_string(best.match.score).substr(0, 4) +
                                          "): attach to it with customer_id, or convert with on_similar allow");
  }
  return std::nullopt;
}

std::size_t move_interactions(Engine& engine, const Lead& lead, Id customer, Id opportunity) {
  std::vector<Interaction> moving;
  detail::each_page(engine, InteractionQuery{.lead_id = lead.id}, [&](const Interaction& i) { moving.push_back(i); });
  for (auto& i : moving) {
    if (i.customer_id == 0) i.customer_id = customer;
    if (i.opportunity_id == 0) i.opportunity_id = opportunity;
    engine.update(std::move(i));
  }
  return moving.size();
}

}  // namespace

ConversionResult convert_lead(Engine& engine, Id lead_id, Version expected, const ConversionOptions& options) {
  auto tx = engine.transaction();
  ConversionResult result;
  Lead lead = engine.get<Lead>(lead_id);
  check_convertible(lead, expected);

  if (options.with_organisation && !lead.company.empty())
    result.organisation = organisation_named(engine, lead.company, lead.owner);
  const Id organisation_id = result.organisation ? result.organisation->id : 0;

  if (options.customer_id != 0) {
    result.customer = engine.get<Customer>(options.customer_id);
  } else if (auto existing = existing_customer(engine, lead, options, result.similar)) {
    result.customer = engine.get<Customer>(*existing);
  } else if (!has_person_name(lead) && result.organisation) {
    result.customer = *result.organisation;  // a lead for a company, not a person
  } else {
    result.customer = engine.create(person_from(lead, organisation_id));
    result.customer_created = true;
  }

  if (options.opportunity) {
    Opportunity deal = *options.opportunity;
    deal.customer_id = organisation_id != 0 ? organisation_id : result.customer.id;
    deal.lead_id = lead.id;
    if (deal.owner.empty()) deal.owner = lead.owner;
    result.opportunity = engine.create(std::move(deal));
  }
  const Id deal_id = result.opportunity ? result.opportunity->id : 0;
  result.interactions_moved = move_interactions(engine, lead, result.customer.id, deal_id);

  lead.status = LeadStatus::converted;
  lead.converted_customer_id = result.customer.id;
  lead.converted_opportunity_id = deal_id;
  result.lead = engine.update(std::move(lead));
  // Each write returned its record as stored then; a later step's rules may
  // have changed an earlier one (a deal's rule tagging its organisation).
  if (result.organisation) result.organisation = engine.get<Customer>(result.organisation->id);
  result.customer = engine.get<Customer>(result.customer.id);
  if (result.opportunity) result.opportunity = engine.get<Opportunity>(result.opportunity->id);
  tx.commit();
  return result;
}

}  // namespace crm
