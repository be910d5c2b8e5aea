// SPDX-License-Identifier: Apache-2.0
#pragma once
// How the customer analytics (crm/analytics/analytics.hpp) look as tables;
// analytics_commands.cpp runs them, and prints the library's JSON instead
// with --json.

#include <crm/analytics/analytics.hpp>

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "table.hpp"

namespace crm::cli {

// Display names by customer id, for the tables that list customers.
using CustomerNames = std::map<Id, std::string>;

// Descriptions by SKU, for the basket rules' items.
using ItemDescriptions = std::map<std::string, std::string>;

// Segments with customers and shares, the cut values, the score counts.
// `note` (may be empty) is printed under the segments.
void print_rfm(std::ostream& out, const analytics::RfmReport& report, const std::string& note);

// The quadrants with the thresholds they split at (`given_*`: from the
// command line rather than medians), then the lifecycle stages.
void print_value(std::ostream& out, const analytics::ValueReport& report, bool given_frequency, bool given_spend);

// The fitted models, total CLV, churn-risk bands, the top customers.
void print_clv(std::ostream& out, const analytics::ClvReport& report, const CustomerNames& names);

// Baskets, items, the rules, then the rules' items with their descriptions.
void print_basket(std::ostream& out, const analytics::BasketReport& report, const analytics::BasketQuery& query,
                  const ItemDescriptions& descriptions);

// One row per member: the call list.
Table segment_table(const std::vector<analytics::SegmentMember>& members, const CustomerNames& names);

// One customer's statistics, one row per currency.
Table stats_table(const std::vector<PurchaseStats>& stats);

// What a rebuild read and mended.
void print_rebuild(std::ostream& out, const PurchaseStatsRebuild& rebuild);

}  // namespace crm::cli
