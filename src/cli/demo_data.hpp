// SPDX-License-Identifier: Apache-2.0
#pragma once
// The demo's data: customers of several languages and regions with valid
// phones, unique e-mails, tiers, tags and stages; organisations; a year of
// interactions and purchases in each customer's currency; leads and deals.
//
// Deterministic: the same seed gives the same records (ids and the times the
// engine stamps aside). Not thread-safe.

#include <crm/model/customer.hpp>
#include <crm/model/interaction.hpp>
#include <crm/model/lead.hpp>
#include <crm/model/opportunity.hpp>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace crm::cli::demo {

// A small generator with the same output on every platform (the standard
// distributions are not specified to the bit).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  bool chance(int percent) { return below(100) < static_cast<std::size_t>(percent); }

 private:
  std::uint64_t state_;
};

// The customers the walk-through uses; the same whatever the seed.
struct Regular {
  const char* external_id;
  const char* phone;  // as stored, E.164
};
inline constexpr Regular ada{"DEMO-000001", "+442079460018"};
inline constexpr Regular wei{"DEMO-000002", "+8613800138000"};

class DemoData {
 public:
  explicit DemoData(std::uint64_t seed);

  // Ada Lovelace (London) and 张伟 (Beijing), with their cultures.
  std::vector<std::pair<Customer, std::size_t>> regulars();

  // A culture, drawn by its weight: the language, region and currency of a customer.
  std::size_t pick_culture();
  Customer organisation(std::size_t culture);
  // A person; joins one of `organisations` (ids of the same culture) now and then.
  Customer person(std::size_t culture, const std::vector<Id>& organisations);
  // Zero to five interactions of the past year for a stored customer, purchases in its currency.
  std::vector<Interaction> history(const Customer& customer, std::size_t culture);
  Lead lead(std::size_t culture);
  Opportunity opportunity(const Customer& organisation, std::size_t culture);

 private:
  std::string next_external_id();
  std::string phone(std::size_t culture, bool mobile);
  std::string email(std::string local, std::size_t culture);
  Money price(std::int64_t pence, std::size_t culture) const;

  Rng rng_;
  std::size_t serial_ = 0;
  std::set<std::string> phones_, emails_;  // already handed out: both are unique keys
};

}  // namespace crm::cli::demo
