// SPDX-License-Identifier: Apache-2.0
#pragma once
// The "CRM sales opportunities" B2B data set as read from its four CSV files
// (accounts, products, sales_teams, sales_pipeline), checked row by row
// before anything is written. A bad row throws crm::Error naming the file,
// the line and the field: "DIR/sales_pipeline.csv:7: engage_date: date …".

#include <crm/time.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/quote.hpp"

namespace crm::datasets::sales {

// A value as the data set's messages quote it: 'GTX Pro'.
inline std::string in_quotes(std::string_view text) { return detail::quote(text); }

struct Product {
  std::string name;    // as products.csv spells it: "GTX Pro"
  std::string series;  // "GTX"
  std::int64_t price = 0;  // list price in US cents
};

struct Agent {
  std::string manager;
  std::string regional_office;
};

struct Account {
  std::size_t line = 0;
  std::string name;
  std::string sector;  // cleaned: see clean_sector()
  std::optional<std::int64_t> year_established, revenue, employees;  // revenue in whole US dollars
  std::string office_location, subsidiary_of;
};

enum class DealStage { prospecting, engaging, won, lost };

struct Deal {
  std::size_t line = 0;
  std::string id;  // opportunity_id
  std::string agent, product, account;  // product as typed; account may be empty
  std::string product_key;              // product_key(product)
  DealStage stage = DealStage::prospecting;
  std::optional<Timestamp> engaged, closed;
  std::optional<std::int64_t> close_value;  // US cents
};

struct DataSet {
  std::filesystem::path dir;
  std::map<std::string, Product> products;  // by product_key()
  std::map<std::string, Agent> agents;      // by name
  std::vector<Account> accounts;            // in file order
  std::vector<Deal> deals;                  // in file order
  std::optional<Timestamp> latest;          // latest engage or close date in sales_pipeline.csv
  std::map<std::string, std::size_t> sector_corrections;  // "'technolgy' as 'technology'": how many accounts
};

// Reads and checks the four files in `dir`. Throws crm::Error
// (Errc::invalid_argument, or not_found for a missing file) naming the file,
// line and field of the first problem; a header missing a column, a row with
// too few or too many fields and an unclosed quote are reported in the CSV
// library's words, which name the file and line too.
DataSet read_data_set(const std::filesystem::path& dir);

// The key a product name is matched by: case-folded, without spaces or
// punctuation, so "GTXPro", "GTX Pro" and "gtx-pro" are one product.
std::string product_key(std::string_view name);

// A sector trimmed and lower-cased, with the data set's known misspellings
// fixed ("technolgy" -> "technology").
std::string clean_sector(std::string_view sector);

// "Prospecting", "Engaging", "Won", "Lost": the data set's deal_stage values.
std::string_view to_string(DealStage stage);

}  // namespace crm::datasets::sales
