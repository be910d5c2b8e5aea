// SPDX-License-Identifier: Apache-2.0
#pragma once
// Writes the sales data set (sales_data.hpp) into an engine: the "sales"
// pipeline, one organisation per account, one deal with its stage history
// per opportunity. Everything happens in one transaction, with a progress
// bar per phase on stderr: a failure, or a kill half-way, keeps nothing.
// The mapping is documented in docs/CLI.md ("crm import sales").

#include <crm/engine.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "datasets/sales_data.hpp"

namespace crm::cli::sales {

// The data set's values as its reader (datasets/sales_data.hpp) gives them.
using datasets::sales::Account;
using datasets::sales::DataSet;
using datasets::sales::Deal;
using datasets::sales::DealStage;
using datasets::sales::Product;

inline constexpr std::string_view pipeline_name = "sales";
inline constexpr std::string_view lost_reason = "lost (imported)";

struct ImportSummary {
  bool pipeline_created = false;
  std::size_t accounts_added = 0, accounts_updated = 0, accounts_unchanged = 0;
  std::size_t deals_imported = 0;
  std::size_t deals_skipped = 0;  // already in the database (same external id)
  std::array<std::size_t, 4> imported_by_stage{};  // indexed by DealStage
  Timestamp as_of{};  // when deals still in Prospecting without an engage date entered the pipeline
  std::vector<std::string> corrections;  // dirty values read as clean ones: "product 'GTXPro' as 'GTX Pro' (1480 deals)"
  std::vector<std::string> warnings;     // rows imported with less than they name
};

// Imports `data`. `as_of` defaults to data.latest (the file's latest date).
// Re-importing skips the deals already there and updates only the accounts
// whose fields in the file changed. Throws crm::Error naming the file and
// line of a row the engine refuses; nothing is kept then.
ImportSummary import_data_set(Engine& engine, const DataSet& data, std::optional<Timestamp> as_of = std::nullopt);

}  // namespace crm::cli::sales
