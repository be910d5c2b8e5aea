// SPDX-License-Identifier: Apache-2.0
#pragma once
// Loads the demo data set into an engine in one transaction, with a progress
// bar per phase on stderr: a demo killed half-way leaves nothing behind.

#include <crm/engine.hpp>

#include <cstddef>
#include <cstdint>

namespace crm::cli::demo {

struct LoadCounts {
  std::size_t customers = 0;  // organisations included
  std::size_t organisations = 0;
  std::size_t interactions = 0;
  std::size_t leads = 0;
  std::size_t opportunities = 0;
};

// `customers` records of customers (at least the two regulars), their
// histories, a lead per 25 customers and one or two deals per organisation.
LoadCounts load(Engine& engine, std::size_t customers, std::uint64_t seed);

}  // namespace crm::cli::demo
