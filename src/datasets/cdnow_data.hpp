// SPDX-License-Identifier: Apache-2.0
#pragma once
// The CDNOW transaction log (the customer-base-analysis data set), read into a
// purchase log: one customer per id, one purchase per line. Two layouts,
// told apart by the first line:
//   CDNOW_master.txt  header "customer_id date number_of_cds dollar_value",
//                     then: 00001 19970101  1   11.77
//   CDNOW_sample.txt  no header: master id, sample id, date, CDs, dollars
//                     00004 0001 19970101  2   29.33
// Columns are separated by any run of spaces or tabs; line ends may be CRLF.

#include <filesystem>

#include "purchase_log.hpp"

namespace crm::datasets::cdnow {

inline constexpr std::string_view external_id_prefix = "cdnow:";

// Reads the whole file. Customers get the external id "cdnow:<id as written>"
// (the master id in the sample), the name "CDNOW customer <id>" and, in the
// sample, the attribute sample_id. Each purchase is dated midnight UTC of its
// day, costs its dollars (0.00 included) and has the attribute cds. A row
// that cannot be read is skipped with the reason: columns, bad_customer,
// bad_date, bad_cds, bad_dollars. Throws crm::Error: Errc::not_found for a
// missing file, Errc::invalid_argument for a first line that is neither
// layout, naming the file and line.
PurchaseLog read_purchase_log(const std::filesystem::path& file);

}  // namespace crm::datasets::cdnow
