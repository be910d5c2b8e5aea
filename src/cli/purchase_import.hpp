// SPDX-License-Identifier: Apache-2.0
#pragma once
// Writes a purchase log (purchase_log.hpp) into an engine: one customer per
// log customer, one purchase interaction (channel web) per log purchase, all
// in one transaction with a progress bar per phase on stderr. A failure, or
// a kill half-way, keeps nothing.

#include <crm/engine.hpp>

#include <cstddef>
#include <optional>

#include "datasets/purchase_log.hpp"

namespace crm::cli {

// The log as the data-set readers (datasets/purchase_log.hpp) give it.
using datasets::PurchaseLog;
using datasets::SkipReport;

struct PurchaseImportSummary {
  std::size_t customers_created = 0;
  std::size_t purchases_imported = 0;
  std::size_t rows_imported = 0;  // rows of the file in the stored purchases
  std::optional<Money> amount;    // the stored purchases' total, when they share a currency
  SkipReport skipped;             // the log's, and the purchases the engine refused
};

// Imports `log`. Refused with Errc::already_exists, writing nothing, when a
// customer of the log is in the database already (the file, or another of
// the same data set, was imported before). A purchase the engine refuses as
// invalid is skipped, its rows counted under "refused by the engine: <its
// message>"; a customer left without purchases by that is not kept. Any
// other failure throws crm::Error and keeps nothing.
PurchaseImportSummary import_purchases(Engine& engine, const PurchaseLog& log);

}  // namespace crm::cli
