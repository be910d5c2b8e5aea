// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the tests of `crm import cdnow` and `crm import online-retail` share:
// a fresh database, the import's JSON summary, and reading back what it stored.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <utility>

#include "cli_runner.hpp"

namespace crm::test {

class PurchaseLogCliTest : public CliTest {
 protected:
  explicit PurchaseLogCliTest(std::string format) : format_(std::move(format)) {}

  void SetUp() override { crm_ok({"init"}); }

  // The import's JSON summary, after checking that it succeeded.
  nlohmann::json import(const std::filesystem::path& file) const {
    const auto result = crm({"--json", "import", format_, file.string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.exit_code == 0 ? nlohmann::json::parse(result.out) : nlohmann::json();
  }

  nlohmann::json customer(const std::string& external_id) const {
    return nlohmann::json::parse(crm_ok({"--json", "customer", "find", "--external-id", external_id}));
  }

  // A customer's purchases, newest first.
  nlohmann::json history(const nlohmann::json& customer) const {
    return nlohmann::json::parse(crm_ok({"--json", "customer", "history",
                                         std::to_string(customer["id"].get<long long>()), "--limit", "1000"}))["items"];
  }

  nlohmann::json counts() const { return nlohmann::json::parse(crm_ok({"--json", "init"}))["counts"]; }

 private:
  std::string format_;  // the import subcommand
};

}  // namespace crm::test
