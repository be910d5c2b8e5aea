// SPDX-License-Identifier: Apache-2.0
#pragma once
// The UCI "Online Retail" line-item log, read into a purchase log: one
// customer per CustomerID, one purchase per invoice with a line item per row.
// The file is CSV with the header
//   InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
// read gzip-compressed (online_retail.csv.gz) or plain.

#include <filesystem>

#include "purchase_log.hpp"

namespace crm::datasets::retail {

inline constexpr std::string_view external_id_prefix = "retail:";

// Reads the whole file. Customers get the external id "retail:<CustomerID
// without its .0>", the name "Online Retail customer <id>" and the attribute
// country (of their first row). A purchase is dated by its InvoiceDate
// ("2010-12-01 08:26:00", read as UTC), carries the attribute invoice, and a
// line item {StockCode, Description, Quantity, UnitPrice in GBP} per row.
//
// Rows are skipped for the first of these reasons that holds: no_customer
// (CustomerID empty), cancelled (InvoiceNo starting with C), bad_invoice,
// bad_customer, bad_quantity, bad_price, bad_date (unreadable field),
// quantity_not_positive, price_not_positive, price_below_penny (a UnitPrice
// with a non-zero digit past the pence, such as 0.001: money is never
// rounded); then every row of an invoice naming more than one customer
// (mixed_customers). An invoice whose rows carry different times is kept,
// dated by the earliest, and counted in the notes (invoice_times), as are
// customers named with more than one country (customer_countries).
//
// Throws crm::Error: Errc::not_found for a missing file; Errc::invalid_argument
// naming the file for a header without these columns, a row with too many or
// too few fields, an unclosed quote, or gzip data that is corrupt or ends
// early.
PurchaseLog read_purchase_log(const std::filesystem::path& file);

}  // namespace crm::datasets::retail
