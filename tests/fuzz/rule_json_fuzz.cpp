// SPDX-License-Identifier: Apache-2.0
// Workflow rule JSON on any bytes: parse_rule() either gives a rule or
// refuses with Errc::invalid_argument, and the canonical JSON of a rule
// parses to the same rule (the engine stores rules so).
#include <crm/error.hpp>

#include "fuzz/fuzz_bytes.hpp"
#include "workflow/rule.hpp"

using crm::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  crm::detail::workflow::Rule rule;
  try {
    rule = crm::detail::workflow::parse_rule(json);
  } catch (const crm::Error& e) {
    require(e.code() == crm::Errc::invalid_argument, "an unexpected error code");
    crm::fuzz::require_clean_message(e.what());
    return 0;
  }
  const auto canonical = crm::detail::workflow::to_json(rule);
  require(crm::detail::workflow::parse_rule(canonical) == rule, "a rule changed on its way through its canonical JSON");
  require(crm::detail::workflow::to_json(crm::detail::workflow::parse_rule(canonical)) == canonical, "canonical JSON is not stable");
  return 0;
}
