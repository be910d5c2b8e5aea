// SPDX-License-Identifier: Apache-2.0
// A till that links crm::crm alone (tests/CMakeLists.txt, "Libraries"): it
// uses the engine on both stores, the sales pipeline, workflow and JSON, and
// must build and run without NLopt or Boost.Serialization, which
// check_linked.cmake confirms from the libraries the program loads.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

#include "crm/engine.hpp"
#include "crm/json.hpp"
#include "crm/pipeline/reports.hpp"
#include "crm/pipeline/scoring.hpp"
#include "crm/store/memory_store.hpp"
#include "crm/store/sqlite_store.hpp"

namespace {

// Serves a customer, logs a purchase and a deal; returns what it found.
std::string serve(crm::Engine& engine) {
  engine.save_rule(R"({"name": "welcome", "trigger": {"on": "created", "entity": "customer"},
                       "actions": [{"action": "add_tag", "tag": "welcomed"}]})");
  crm::Customer ada;
  ada.display_name = "Ada";
  ada.phones = {"020 7946 0018"};
  ada = engine.create(ada);
  engine.create(crm::Interaction{
      .customer_id = ada.id, .kind = crm::InteractionKind::purchase, .amount = crm::Money::of(1799, "GBP")});
  crm::Opportunity deal;
  deal.name = "Till upgrade";
  deal.customer_id = ada.id;
  deal.stage = crm::default_pipeline().stages.front().name;
  deal.amount = crm::Money::of(50000, "GBP");
  engine.create(deal);

  const auto found = engine.find_customer_by_phone("+44 20 7946 0018");
  const auto stats = engine.purchase_stats(ada.id);
  const auto now = engine.options().clock->now();
  crm::FunnelQuery query;
  query.window = {crm::Timestamp{}, now + std::chrono::hours(1)};
  query.currency = crm::Currency::of("GBP");
  const auto funnel = crm::funnel(engine, query);
  crm::Lead lead;
  lead.source = "web form";
  crm::RuleScoring scoring;
  scoring.rules.push_back({.field = "source", .op = crm::RuleOp::equals, .value = "web form", .points = 40});
  const auto score = crm::rule_score(lead, {}, scoring, now);
  const auto json = crm::to_json(*found);
  return *found->tags.begin() + " " + std::to_string(stats.at(0).total_minor) + " " +
         std::to_string(funnel.stages.at(0).entered) + " " + std::to_string(score.score) + " " +
         (json.find("\"Ada\"") != std::string::npos ? "json" : "no-json");
}

}  // namespace

int main() {
  const auto file = std::filesystem::temp_directory_path() / ("crm_core_till_" + std::to_string(::getpid()) + ".db");
  std::string on_file;
  {
    crm::Engine engine(std::make_unique<crm::SqliteStore>(file), {.default_region = "GB"});
    on_file = serve(engine);
  }
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
  crm::Engine engine(std::make_unique<crm::MemoryStore>(), {.default_region = "GB"});
  std::cout << "sqlite: " << on_file << "\nmemory: " << serve(engine) << "\n";
}
