// SPDX-License-Identifier: Apache-2.0
#include <algorithm>

#include "crm/limits.hpp"
#include "model/validate.hpp"

namespace crm::detail {

namespace {

// Checks each entry, then drops repeats so that one address is listed once.
template <class Check>
void check_contacts(std::vector<std::string>& values, std::string_view field, Check&& check) {
  if (values.size() > limits::contacts) refuse(field, "more than " + std::to_string(limits::contacts) + " entries");
  std::vector<std::string> distinct;
  for (std::size_t i = 0; i < values.size(); ++i) {
    check(values[i], indexed(field, i));
    if (std::find(distinct.begin(), distinct.end(), values[i]) == distinct.end()) distinct.push_back(values[i]);
  }
  values = std::move(distinct);
}

void check_address(Address& a, const std::string& field) {
  check_text(a.label, field + ".label", limits::short_text);
  check_text(a.line1, field + ".line1", limits::medium_text);
  check_text(a.line2, field + ".line2", limits::medium_text);
  check_text(a.city, field + ".city", limits::short_text);
  check_text(a.region, field + ".region", limits::short_text);
  check_text(a.postal_code, field + ".postal_code", limits::short_text);
  check_country(a.country, field + ".country");
}

}  // namespace

std::string joined_name(const std::string& given, const std::string& family) {
  if (given.empty()) return family;
  if (family.empty()) return given;
  return given + " " + family;
}

void validate(Customer& c, const WriteContext& context) {
  check_enum(c.kind, "customer.kind");
  check_enum(c.stage, "customer.stage");
  check_reference(c.organisation_id, "customer.organisation_id");
  if (c.kind == PartyKind::organisation && c.organisation_id != 0)
    refuse("customer.organisation_id", "only a person can belong to an organisation");

  check_text(c.given_name, "customer.given_name", limits::short_text);
  check_text(c.family_name, "customer.family_name", limits::short_text);
  check_text(c.display_name, "customer.display_name", limits::short_text);
  if (c.display_name.empty()) c.display_name = joined_name(c.given_name, c.family_name);
  check_required(c.display_name, "customer.display_name", limits::short_text);

  check_contacts(c.emails, "customer.emails", [](std::string& v, const std::string& f) { check_email(v, f); });
  check_contacts(c.phones, "customer.phones",
                 [&](std::string& v, const std::string& f) { check_phone(v, f, context); });
  if (c.addresses.size() > limits::addresses)
    refuse("customer.addresses", "more than " + std::to_string(limits::addresses) + " entries");
  for (std::size_t i = 0; i < c.addresses.size(); ++i) check_address(c.addresses[i], indexed("customer.addresses", i));

  check_tags(c.tags, "customer.tags");
  check_attributes(c.attributes, "customer.attributes");
  check_text(c.tier, "customer.tier", limits::short_text);
  check_text(c.owner, "customer.owner", limits::short_text);
  check_text(c.external_id, "customer.external_id", limits::short_text);
  if (c.credit_limit) check_money(*c.credit_limit, "customer.credit_limit", false);
  if (c.loyalty_points < 0)
    refuse("customer.loyalty_points", "must not be negative (" + std::to_string(c.loyalty_points) + ")");

  for (auto& [channel, consent] : c.consents) {
    const std::string field = "customer.consents." + std::string(to_string(channel));
    check_enum(channel, field);
    check_text(consent.source, field + ".source", limits::short_text);
    if (consent.at == Timestamp{}) consent.at = context.now;
    check_time(consent.at, field + ".at");
  }
  check_time(c.created_at, "customer.created_at");
  check_time(c.updated_at, "customer.updated_at");
}

}  // namespace crm::detail
