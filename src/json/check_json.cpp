// SPDX-License-Identifier: Apache-2.0
// Engine::check()'s report as JSON (crm/json.hpp).
#include <nlohmann/json.hpp>

#include "crm/json.hpp"

namespace crm {

std::string to_json(const CheckReport& report) {
  nlohmann::json damaged = nlohmann::json::array();
  for (const auto& d : report.damaged)
    damaged.push_back({{"collection", d.collection}, {"id", d.id}, {"problem", d.problem}});
  // Problems quote what they found escaped; replace keeps any stray byte from failing the report.
  return nlohmann::json{{"records", report.records}, {"damaged", std::move(damaged)}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace crm
