// SPDX-License-Identifier: Apache-2.0
// Record JSON on any bytes: reading either gives a record or refuses with
// Errc::invalid_argument, and a record read writes back as JSON that reads
// to the same record (the C API and the command line pass records so).
#include <crm/error.hpp>
#include <crm/json.hpp>

#include "fuzz/fuzz_bytes.hpp"

using crm::fuzz::require;

namespace {

template <crm::Record T>
void round_trip(std::string_view json) {
  T record;
  try {
    record = crm::from_json<T>(json);
  } catch (const crm::Error& e) {
    require(e.code() == crm::Errc::invalid_argument, "an unexpected error code");
    crm::fuzz::require_clean_message(e.what());
    return;
  }
  const auto written = crm::to_json(record);
  const auto again = crm::from_json<T>(written);
  require(again == record, "a record changed on its way through JSON");
  require(crm::to_json(again) == written, "JSON written twice differs");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  crm::fuzz::Bytes in(data, size);
  const auto kind = in.byte();
  const auto json = in.rest();
  switch (kind % 7) {
    case 0: round_trip<crm::Customer>(json); break;
    case 1: round_trip<crm::Interaction>(json); break;
    case 2: round_trip<crm::Lead>(json); break;
    case 3: round_trip<crm::Opportunity>(json); break;
    case 4: round_trip<crm::Pipeline>(json); break;
    case 5: round_trip<crm::Task>(json); break;
    default: round_trip<crm::Approval>(json); break;
  }
  return 0;
}
