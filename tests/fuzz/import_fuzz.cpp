// SPDX-License-Identifier: Apache-2.0
// The purchase-log import formats (crm import cdnow | online-retail) on any
// bytes: reading either gives a log or refuses with Errc::invalid_argument,
// and a log read accounts for every data row (kept or skipped with a reason)
// and refers only to customers it holds.
#include <crm/error.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "datasets/cdnow_data.hpp"
#include "datasets/retail_data.hpp"
#include "fuzz/fuzz_bytes.hpp"

using crm::fuzz::require;

namespace {

// The readers take a path: the input goes to a file of this process's own.
const std::filesystem::path& input_file() {
  static const auto path =
      std::filesystem::temp_directory_path() / ("crm-import-fuzz-" + std::to_string(::getpid()) + ".txt");
  return path;
}

void check(const crm::datasets::PurchaseLog& log) {
  std::size_t kept = 0;
  for (const auto& p : log.purchases) {
    require(p.customer < log.customers.size(), "a purchase names a customer the log does not hold");
    require(p.rows >= 1, "a purchase of no rows");
    kept += p.rows;
    if (p.amount) require(p.amount->minor >= 0, "a negative purchase");
  }
  require(kept + log.skipped.rows() == log.rows, "rows neither kept nor skipped");
  for (const auto& c : log.customers)
    require(c.external_id.starts_with(log.external_id_prefix), "an external id without the format's prefix");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  crm::fuzz::Bytes in(data, size);
  const bool retail = in.byte() % 2 == 1;
  const auto text = in.rest();
  {
    std::ofstream out(input_file(), std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  try {
    namespace datasets = crm::datasets;
    check(retail ? datasets::retail::read_purchase_log(input_file()) : datasets::cdnow::read_purchase_log(input_file()));
  } catch (const crm::Error& e) {
    require(e.code() == crm::Errc::invalid_argument, "an unexpected error code");
    crm::fuzz::require_clean_message(e.what());
  }
  std::filesystem::remove(input_file());
  return 0;
}
