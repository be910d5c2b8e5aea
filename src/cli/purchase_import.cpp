// SPDX-License-Identifier: Apache-2.0
#include "purchase_import.hpp"

#include <crm/error.hpp>

#include <string>
#include <utility>
#include <vector>

#include "progress.hpp"

namespace crm::cli {

namespace {

// A log customer as stored, or why the engine refused it.
struct Stored {
  Id id = 0;
  Version version = 0;
  std::string refused;  // the engine's message when id is 0
  std::size_t purchases = 0;
};

// Refuses a log whose data set, or part of it, was imported before.
void check_not_imported(const Engine& engine, const PurchaseLog& log) {
  for (const auto& c : log.customers)
    if (engine.find_customer_by_external_id(c.external_id))
      throw Error(Errc::already_exists, log.file.string() + ": " + log.format +
                                            " is in the database already: a customer with external id '" +
                                            c.external_id + "' exists (nothing imported)");
}

std::vector<Stored> create_customers(Engine& engine, const PurchaseLog& log) {
  std::vector<Stored> stored(log.customers.size());
  Progress bar("importing customers", log.customers.size());
  for (std::size_t n = 0; n < log.customers.size(); ++n) {
    const auto& c = log.customers[n];
    Customer customer;
    customer.display_name = c.display_name;
    customer.external_id = c.external_id;
    customer.attributes = c.attributes;
    try {
      const auto created = engine.create(std::move(customer));
      stored[n].id = created.id;
      stored[n].version = created.version;
    } catch (const Error& e) {
      if (e.code() != Errc::invalid_argument) throw;
      stored[n].refused = e.what();
    }
    bar.step();
  }
  return stored;
}

void add_amount(PurchaseImportSummary& s, const Money& amount, bool& mixed) {
  if (mixed) return;
  if (!s.amount) {
    s.amount = amount;
  } else if (s.amount->currency == amount.currency) {
    s.amount->minor += amount.minor;
  } else {
    mixed = true;
    s.amount.reset();
  }
}

}  // namespace

PurchaseImportSummary import_purchases(Engine& engine, const PurchaseLog& log) {
  PurchaseImportSummary s;
  s.skipped = log.skipped;
  auto transaction = engine.transaction();
  check_not_imported(engine, log);
  auto customers = create_customers(engine, log);
  bool mixed_currencies = false;
  {
    Progress bar("importing purchases", log.purchases.size());
    for (const auto& p : log.purchases) {
      auto& customer = customers.at(p.customer);
      if (customer.id == 0) {
        s.skipped.add("refused", "refused by the engine: " + customer.refused, p.line, p.rows);
        bar.step();
        continue;
      }
      Interaction i;
      i.customer_id = customer.id;
      i.channel = Channel::web;
      i.direction = Direction::inbound;
      i.kind = InteractionKind::purchase;
      i.occurred_at = p.occurred_at;
      i.subject = p.subject;
      i.amount = p.amount;
      i.items = p.items;
      i.attributes = p.attributes;
      try {
        const auto stored = engine.create(std::move(i));
        ++customer.purchases;
        ++s.purchases_imported;
        s.rows_imported += p.rows;
        if (stored.amount) add_amount(s, *stored.amount, mixed_currencies);
      } catch (const Error& e) {
        if (e.code() != Errc::invalid_argument) throw;
        s.skipped.add("refused", std::string("refused by the engine: ") + e.what(), p.line, p.rows);
      }
      bar.step();
    }
  }
  // A customer is in the log for its purchases: without one, it is not kept.
  for (const auto& c : customers) {
    if (c.id == 0) continue;
    if (c.purchases == 0)
      engine.erase<Customer>(c.id, c.version);
    else
      ++s.customers_created;
  }
  transaction.commit();
  return s;
}

}  // namespace crm::cli
