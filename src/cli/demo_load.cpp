// SPDX-License-Identifier: Apache-2.0
#include "demo_load.hpp"

#include <map>
#include <utility>
#include <vector>

#include "demo_data.hpp"
#include "progress.hpp"

namespace crm::cli::demo {

LoadCounts load(Engine& engine, std::size_t customers, std::uint64_t seed) {
  DemoData data(seed);
  LoadCounts counts;
  std::vector<std::pair<Customer, std::size_t>> stored;  // with their cultures
  std::map<std::size_t, std::vector<Id>> organisations;  // ids by culture
  auto transaction = engine.transaction();
  {
    Progress bar("loading customers", customers);
    const auto keep = [&](const Customer& c, std::size_t culture) {
      stored.emplace_back(engine.create(c), culture);
      bar.step();
    };
    for (const auto& [c, culture] : data.regulars()) keep(c, culture);
    for (std::size_t n = 0; n < customers / 40; ++n) {
      const std::size_t culture = data.pick_culture();
      keep(data.organisation(culture), culture);
      organisations[culture].push_back(stored.back().first.id);
    }
    counts.organisations = customers / 40;
    while (stored.size() < customers) {
      const std::size_t culture = data.pick_culture();
      keep(data.person(culture, organisations[culture]), culture);
    }
    counts.customers = stored.size();
  }
  {
    Progress bar("loading histories", stored.size());
    for (const auto& [customer, culture] : stored) {
      for (const auto& interaction : data.history(customer, culture)) {
        engine.create(interaction);
        ++counts.interactions;
      }
      bar.step();
    }
  }
  {
    const std::size_t leads = customers / 25;
    Progress bar("loading leads, deals", leads + counts.organisations);
    for (; counts.leads < leads; ++counts.leads) {
      engine.create(data.lead(data.pick_culture()));
      bar.step();
    }
    for (const auto& [customer, culture] : stored) {
      if (customer.kind != PartyKind::organisation) continue;
      for (int n = customer.id % 2 == 0 ? 2 : 1; n > 0; --n) {
        engine.create(data.opportunity(customer, culture));
        ++counts.opportunities;
      }
      bar.step();
    }
  }
  transaction.commit();
  return counts;
}

}  // namespace crm::cli::demo
