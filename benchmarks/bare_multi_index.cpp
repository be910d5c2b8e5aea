// SPDX-License-Identifier: Apache-2.0
#include "bare_multi_index.hpp"

#include <boost/multi_index/composite_key.hpp>
#include <boost/multi_index/hashed_index.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index_container.hpp>

#include <crm/normalize.hpp>

#include <stdexcept>
#include <string>

#include "data_generator.hpp"

namespace crm::bench {

// A named namespace, not an anonymous one: Impl below holds these types
// (GCC flags anonymous ones there once a unity build includes this file).
namespace bare_rows {

namespace bmi = boost::multi_index;

// A customer with the keys its ordered indexes sort by.
struct BareCustomerRow {
  Id id;
  std::string name_key;  // fold_case(display_name)
  std::string owner;
  LifecycleStage stage;
  Customer customer;
};

using BareCustomers = bmi::multi_index_container<
    BareCustomerRow,
    bmi::indexed_by<bmi::hashed_unique<bmi::member<BareCustomerRow, Id, &BareCustomerRow::id>>,
                    bmi::ordered_non_unique<bmi::member<BareCustomerRow, std::string, &BareCustomerRow::name_key>>,
                    bmi::ordered_non_unique<bmi::member<BareCustomerRow, std::string, &BareCustomerRow::owner>>,
                    bmi::ordered_non_unique<bmi::member<BareCustomerRow, LifecycleStage, &BareCustomerRow::stage>>>>;

// One unique key (a phone, an e-mail, an external id) or one tag of a customer.
struct BareKey {
  std::string key;
  Id id;
};
using BareUniqueKeys =
    bmi::multi_index_container<BareKey, bmi::indexed_by<bmi::hashed_unique<bmi::member<BareKey, std::string, &BareKey::key>>>>;
using BareTags = bmi::multi_index_container<
    BareKey, bmi::indexed_by<bmi::ordered_unique<bmi::composite_key<BareKey, bmi::member<BareKey, std::string, &BareKey::key>,
                                                                    bmi::member<BareKey, Id, &BareKey::id>>>>>;

using BareInteractions = bmi::multi_index_container<
    Interaction,
    bmi::indexed_by<bmi::hashed_unique<bmi::member<Interaction, Id, &Interaction::id>>,
                    bmi::ordered_unique<bmi::composite_key<Interaction, bmi::member<Interaction, Id, &Interaction::customer_id>,
                                                           bmi::member<Interaction, Timestamp, &Interaction::occurred_at>,
                                                           bmi::member<Interaction, Id, &Interaction::id>>>>>;

struct BareStatsRow {
  Id customer;
  std::string currency;
  PurchaseStats stats;
};
using BareStats = bmi::multi_index_container<
    BareStatsRow,
    bmi::indexed_by<bmi::ordered_unique<bmi::composite_key<BareStatsRow, bmi::member<BareStatsRow, Id, &BareStatsRow::customer>,
                                                           bmi::member<BareStatsRow, std::string, &BareStatsRow::currency>>>>>;

}  // namespace bare_rows

using namespace bare_rows;

struct BareMultiIndex::Impl {
  Timestamp now;
  Id last_id = 0;
  BareCustomers customers;
  BareUniqueKeys phones, emails, external_ids;
  BareTags tags;
  BareInteractions interactions;
  BareStats stats;

  std::optional<Customer> by_key(const BareUniqueKeys& keys, const std::string& key) const {
    const auto it = keys.find(key);
    if (it == keys.end()) return std::nullopt;
    return customers.find(it->id)->customer;
  }

  // Recomputes a customer's statistics in one currency after an erase.
  void recount(Id customer, const std::string& currency) {
    if (const auto it = stats.find(boost::make_tuple(customer, currency)); it != stats.end()) stats.erase(it);
    auto& by_customer = interactions.get<1>();
    for (auto it = by_customer.lower_bound(boost::make_tuple(customer)); it != by_customer.end() && it->customer_id == customer; ++it)
      if (it->kind == InteractionKind::purchase && it->amount && it->amount->currency.code() == currency) add(*it);
  }

  void add(const Interaction& x) {
    const Money& amount = *x.amount;
    const std::string code(amount.currency.code());
    const auto it = stats.find(boost::make_tuple(x.customer_id, code));
    if (it == stats.end()) {
      stats.insert({x.customer_id, code,
                    {.customer_id = x.customer_id, .currency = amount.currency, .purchases = 1, .purchase_days = 1,
                     .total_minor = amount.minor, .first_day_minor = amount.minor, .first_at = x.occurred_at,
                     .last_at = x.occurred_at}});
      return;
    }
    if (x.occurred_at < it->stats.last_at) throw std::logic_error("bare: purchases must come in time order per customer");
    stats.modify(it, [&](BareStatsRow& row) {
      PurchaseStats& s = row.stats;
      if (utc_day(x.occurred_at) == utc_day(s.first_at)) s.first_day_minor += amount.minor;
      if (utc_day(x.occurred_at) != utc_day(s.last_at)) ++s.purchase_days;
      s.total_minor += amount.minor;
      ++s.purchases;
      s.last_at = x.occurred_at;
    });
  }
};

BareMultiIndex::BareMultiIndex(Timestamp now) : impl_(std::make_unique<Impl>()) { impl_->now = now; }
BareMultiIndex::~BareMultiIndex() = default;

Id BareMultiIndex::insert_customer(Customer c) {
  auto& m = *impl_;
  for (auto& phone : c.phones) phone = normalize_phone(phone, home_region);
  for (auto& email : c.emails) email = normalize_email(email);
  for (const auto& phone : c.phones)
    if (m.phones.count(phone) != 0) throw std::runtime_error("bare: phone " + phone + " is taken");
  for (const auto& email : c.emails)
    if (m.emails.count(email) != 0) throw std::runtime_error("bare: e-mail " + email + " is taken");
  if (!c.external_id.empty() && m.external_ids.count(c.external_id) != 0)
    throw std::runtime_error("bare: external id " + c.external_id + " is taken");
  c.id = ++m.last_id;
  c.version = 1;
  c.created_at = c.updated_at = m.now;
  for (const auto& phone : c.phones) m.phones.insert({phone, c.id});
  for (const auto& email : c.emails) m.emails.insert({email, c.id});
  if (!c.external_id.empty()) m.external_ids.insert({c.external_id, c.id});
  for (const auto& tag : c.tags) m.tags.insert({tag, c.id});
  const Id id = c.id;
  std::string name_key = fold_case(c.display_name);
  std::string owner = c.owner;
  const LifecycleStage stage = c.stage;
  m.customers.insert({id, std::move(name_key), std::move(owner), stage, std::move(c)});
  return id;
}

Id BareMultiIndex::insert_interaction(Interaction x) {
  auto& m = *impl_;
  if (m.customers.find(x.customer_id) == m.customers.end())
    throw std::runtime_error("bare: customer " + std::to_string(x.customer_id) + " not found");
  x.id = ++m.last_id;
  x.version = 1;
  x.created_at = m.now;
  const bool purchase = x.kind == InteractionKind::purchase && x.amount.has_value();
  const Id id = x.id;
  const auto [it, inserted] = m.interactions.insert(std::move(x));
  if (purchase) m.add(*it);
  return id;
}

void BareMultiIndex::erase_interaction(Id id) {
  auto& m = *impl_;
  const auto it = m.interactions.find(id);
  if (it == m.interactions.end()) return;
  const Id customer = it->customer_id;
  const std::optional<Money> amount = it->amount;
  m.interactions.erase(it);
  if (amount) m.recount(customer, std::string(amount->currency.code()));
}

std::optional<Customer> BareMultiIndex::find_by_phone(std::string_view typed) const {
  return impl_->by_key(impl_->phones, normalize_phone(typed, home_region, PhoneCheck::possible));
}

std::optional<Customer> BareMultiIndex::find_by_email(std::string_view typed) const {
  return impl_->by_key(impl_->emails, normalize_email(typed));
}

std::optional<Customer> BareMultiIndex::find_by_external_id(std::string_view external_id) const {
  return impl_->by_key(impl_->external_ids, std::string(external_id));
}

std::vector<Interaction> BareMultiIndex::last_interactions(Id customer, std::size_t limit) const {
  const auto& by_customer = impl_->interactions.get<1>();
  auto it = by_customer.upper_bound(boost::make_tuple(customer));
  const auto begin = by_customer.lower_bound(boost::make_tuple(customer));
  std::vector<Interaction> out;
  while (it != begin && out.size() < limit) out.push_back(*--it);
  return out;
}

std::vector<PurchaseStats> BareMultiIndex::purchase_stats(Id customer) const {
  std::vector<PurchaseStats> out;
  for (auto it = impl_->stats.lower_bound(boost::make_tuple(customer)); it != impl_->stats.end() && it->customer == customer; ++it)
    out.push_back(it->stats);
  return out;
}

void BareMultiIndex::restore_stats(Id customer, const std::vector<PurchaseStats>& saved) {
  auto& stats = impl_->stats;
  stats.erase(stats.lower_bound(boost::make_tuple(customer)), stats.upper_bound(boost::make_tuple(customer)));
  for (const auto& s : saved) stats.insert({customer, std::string(s.currency.code()), s});
}

std::size_t BareMultiIndex::customers() const { return impl_->customers.size(); }
std::size_t BareMultiIndex::interactions() const { return impl_->interactions.size(); }

}  // namespace crm::bench
