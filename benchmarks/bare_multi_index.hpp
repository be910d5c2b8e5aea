// SPDX-License-Identifier: Apache-2.0
#pragma once
// The memory baseline: customers and interactions as plain structs in bare
// Boost.MultiIndex containers, what a host would write by hand for a cache.
//
// It keeps the indexes the engine keeps for these records -- unique phone,
// e-mail and external id; customers by folded name, owner, stage and tag;
// interactions by (customer, time); statistics per (customer, currency) --
// and normalises what they need with the same crm:: calls. Unlike the
// MemoryStore it stores records as structs rather than encoded bodies, has
// no transactions (a failed insert is checked before anything is changed),
// no locks and no validation of the other fields. One thread.

#include <crm/analytics/purchase_stats.hpp>
#include <crm/model/customer.hpp>
#include <crm/model/interaction.hpp>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace crm::bench {

class BareMultiIndex {
 public:
  explicit BareMultiIndex(Timestamp now);
  ~BareMultiIndex();
  BareMultiIndex(const BareMultiIndex&) = delete;
  BareMultiIndex& operator=(const BareMultiIndex&) = delete;

  // Normalises the phones and e-mails as typed and stores the customer; throws if a key is taken.
  Id insert_customer(Customer customer);
  // Stores an interaction of a stored customer; a purchase updates the customer's statistics.
  Id insert_interaction(Interaction interaction);
  void erase_interaction(Id id);

  std::optional<Customer> find_by_phone(std::string_view typed) const;
  std::optional<Customer> find_by_email(std::string_view typed) const;
  std::optional<Customer> find_by_external_id(std::string_view external_id) const;
  std::vector<Interaction> last_interactions(Id customer, std::size_t limit) const;
  std::vector<PurchaseStats> purchase_stats(Id customer) const;
  // Puts back statistics saved with purchase_stats() (the purchase benchmark cleans up after itself).
  void restore_stats(Id customer, const std::vector<PurchaseStats>& saved);

  std::size_t customers() const;
  std::size_t interactions() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace crm::bench
