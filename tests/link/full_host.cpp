// SPDX-License-Identifier: Apache-2.0
// A host that links crm::analytics and crm::snapshot besides crm::crm: the
// counterpart of core_till.cpp, showing that check_linked.cmake sees NLopt
// and Boost.Serialization when a program does link them.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

#include "crm/analytics/analytics.hpp"
#include "crm/engine.hpp"
#include "crm/store/memory_store.hpp"

int main() {
  auto store = std::make_unique<crm::MemoryStore>();
  const crm::MemoryStore& memory = *store;
  crm::Engine engine(std::move(store));
  crm::Customer ada;
  ada.display_name = "Ada";
  ada = engine.create(ada);
  engine.create(crm::Interaction{
      .customer_id = ada.id, .kind = crm::InteractionKind::purchase, .amount = crm::Money::of(1799, "GBP")});
  const auto population = crm::analytics::purchase_population(engine, "GBP");
  const auto rfm = crm::analytics::rfm_report(population, {.as_of = engine.options().clock->now()});

  const auto file = std::filesystem::temp_directory_path() / ("crm_full_host_" + std::to_string(::getpid()) + ".snap");
  memory.save_snapshot(file);
  crm::Engine reloaded(crm::MemoryStore::load_snapshot(file));
  std::filesystem::remove(file);
  std::cout << "rfm customers: " << rfm.summary.cuts.population
            << "\nreloaded customers: " << reloaded.count<crm::Customer>() << "\n";
}
